// The JSON of the API's responses (docs/API.md), written from the Searcher's typed results: the
// only place that turns results into JSON. Written as compact text with RapidJSON's Writer
// (json_writer.h): building Poco::JSON objects cost more than the search itself, and RapidJSON is
// as fast as the writer of our own it replaces (docs/bench/profile.md, session 7).
#ifndef COOP_SEARCHD_RESULT_JSON_H_
#define COOP_SEARCHD_RESULT_JSON_H_

#include <string>
#include <vector>

#include "coop/search_result.h"

namespace coop::http {

/// {query, total, page, size, hits: [{id, kind, title, source, publisher, date, partners,
/// cities, regions, domains, years, passage, snippet, score}], facets: {city: [{value, count}],
/// ...}, suggestion, match ("all"|"most"|"any"), relaxed, corrected_query, partial: {match,
/// hits} | null, took_ms} as compact UTF-8 JSON text (invalid UTF-8 in any string
/// is replaced by U+FFFD). Thread-safe.
std::string SearchResultJson(const SearchResult& result);

/// The record page: every stored field, its passages [{id, heading, page, text}] and
/// neighbours {previous: {id, title} | null, next: ...}, as compact JSON text. Thread-safe.
std::string RecordPageJson(const RecordPage& page);

/// The actor page: {id, name, type, country, names, cities, regions, domains, partnerships:
/// [{id, title, partners, domains, years}]}. Thread-safe.
std::string ActorPageJson(const ActorPage& page);

/// {prefix, suggestions: [{value, facet, count}]}. Thread-safe.
std::string SuggestionsJson(const std::string& prefix, const std::vector<Suggestion>& suggestions);

}  // namespace coop::http

#endif  // COOP_SEARCHD_RESULT_JSON_H_
