// What the Searcher returns for a whole source document (the reader's view of it) and for the
// index as a whole (the home page's figures). Typed like coop/search_result.h; the HTTP layer
// alone writes them as JSON (searchd/src/document_json.h; the contract is docs/API.md).
#ifndef COOP_DOCUMENT_RESULT_H_
#define COOP_DOCUMENT_RESULT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "coop/record_value.h"

namespace coop {

/// How a document is shown.
struct DocumentOptions {
  /// Query whose words are marked in the passages (the search the reader came from); empty:
  /// nothing marked. Parsed like /api/search's q (a QueryError for a malformed one).
  std::string q;
};

/// A passage as the document view shows it.
struct DocumentPassage {
  std::string id, heading, text;
  int page = 0;           ///< 1-based source page, 0 if the format gives none.
  std::string html;       ///< `text` HTML-escaped, line breaks kept, the query's words in <mark>.
  std::size_t marks = 0;  ///< Number of <mark>s in `html`.
};

/// A record of the document with its passages in order.
struct DocumentRecord {
  StoredRecord record;
  std::vector<DocumentPassage> passages;
};

/// A source document: its records in corpus order (their order in the text).
struct DocumentView {
  std::string source;
  std::vector<DocumentRecord> records;
};

/// A source the index holds, as the home page lists it.
struct SourceBrief {
  std::string source, title, publisher, date;
  std::size_t records = 0;
  std::vector<std::string> countries;  ///< Of its records' partners, sorted, without repeats.
};

/// A facet value and its number of records over the whole index.
struct StatsValue {
  std::string value;
  std::uint32_t count = 0;
};

/// The values of one facet with the most records.
struct StatsFacet {
  std::string name;                 ///< schema::kFacets name.
  std::size_t values = 0;           ///< How many distinct values it has.
  std::vector<StatsValue> largest;  ///< Its values with the most records, most first.
};

/// What the index holds.
struct IndexSummary {
  std::vector<SourceBrief> documents;  ///< By source name.
  std::size_t records = 0, partnerships = 0;
  std::size_t actors = 0;  ///< Distinct actor facet values (normalised actors, names as written
                           ///< for the others).
  std::vector<StatsValue> countries;  ///< Every country facet value, most records first.
  int first_year = 0, last_year = 0;  ///< Range of the year facet; 0 if no record has a year.
  double last_update = 0;             ///< Unix time (s) of the index's last commit; 0 if unknown.
  std::vector<StatsFacet> facets;     ///< City, region, domain and actor, in schema order.
};

}  // namespace coop

#endif  // COOP_DOCUMENT_RESULT_H_
