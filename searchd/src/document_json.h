// The JSON of GET /api/documents/{source} and GET /api/stats (docs/API.md), written from the
// Searcher's typed results with RapidJSON's Writer (json_writer.h), as result_json.h does for
// searches.
#ifndef COOP_SEARCHD_DOCUMENT_JSON_H_
#define COOP_SEARCHD_DOCUMENT_JSON_H_

#include <map>
#include <string>
#include <vector>

#include "coop/document_result.h"
#include "corpus_folder.h"

namespace coop::http {

/// What the document view says besides the index's records.
struct DocumentJsonOptions {
  std::string query;                     ///< The q its words were marked for ("" if none).
  const ManifestFacts* facts = nullptr;  ///< The source's manifest entry; null: from the records.
  bool file = false;                     ///< Whether /documents/{source}/file serves the original.
};

/// {source, title, publisher, date, date_note, countries, file: URL | null, query, marks,
/// records: [{id, kind, title, partners, pages, passages: [{id, heading, page | null, html}]}]}
/// as compact JSON text. Without manifest facts, title, publisher and date are the first
/// record's and countries those of all records. Thread-safe.
std::string DocumentJson(const DocumentView& view, const DocumentJsonOptions& options);

/// An example search of the home page, and its number of records.
struct ExampleSearch {
  std::string label;  ///< As shown ("Eau et assainissement").
  std::string facet;  ///< Facet parameter name, or "" for a query.
  std::string value;  ///< The facet value, or the query text.
  std::size_t total = 0;
};

/// {documents, records, partnerships, actors, countries: [{value, count}], years: {first,
/// last} | null, last_update: ISO 8601 UTC | null, sources: [{source, title, publisher, date,
/// countries, records, url}], facets: {name: {values, largest: [{value, count}]}}, examples:
/// [{label, facet, value, total}]}, manifest facts (by file name) overriding the records'
/// title, publisher, date and countries of a source. Thread-safe.
std::string StatsJson(const IndexSummary& stats, const std::map<std::string, ManifestFacts>& facts,
                      const std::vector<ExampleSearch>& examples);

/// `source` percent-encoded as one URL path segment (RFC 3986 unreserved bytes kept).
std::string PathSegment(const std::string& source);

}  // namespace coop::http

#endif  // COOP_SEARCHD_DOCUMENT_JSON_H_
