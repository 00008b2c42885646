// The passage a search hit shows, and its snippet (not part of the public API).
#ifndef COOP_SEARCHD_PASSAGES_H_
#define COOP_SEARCHD_PASSAGES_H_

#include <xapian.h>

#include <map>
#include <string>
#include <vector>

#include "coop/analyzer.h"
#include "coop/highlighter.h"

namespace coop {

/// The passage fields a hit shows: {"id", "heading", "page"} and its snippet.
struct PassageInfo {
  std::string id, heading, text;
  std::string table;  ///< HighlightTable of `text`; empty for indexes without it.
  int page = 0;
};

/// Reads the stored fields of passage document `doc`: its schema::kSlotPassage value (no zlib,
/// no JSON), or for an index written before that slot its JSON data. Unreadable data gives empty
/// fields (the hit is still shown, without a snippet). Never throws Poco exceptions;
/// Xapian::Error on I/O.
PassageInfo ReadPassage(const Xapian::Document& doc);

/// For each record id of `records`, its passage that best matches `words` (an any-word query),
/// ties to the first passage; a record none of whose passages matches (a filter-only query, or
/// words found only in the title) gets its first passage. Passage documents have no text terms:
/// every passage of the records (their XR postings) is read from the schema::kSlotPassage value
/// stream and scored from its highlight table (coop::MatchTable) with Xapian's BM25 (default
/// parameters, the index's mean document length; idf over passages, their frequency estimated
/// from the term's collection frequency), evaluated through the operators of `words`: stems (Z
/// terms) and exact forms weighted as the query scales them, phrases by the adjacency of their
/// words, AND_NOT exclusions; filter terms (facets) do not decide. Cost: every passage of the
/// records is read and decoded (about 1.6 us each). Returns passage documents by record id.
/// Throws Xapian::Error on index failure. Uses `db` only (not thread-safe on a shared one).
std::map<std::string, Xapian::Document> BestPassages(const Xapian::Database& db,
                                                     const std::vector<std::string>& records,
                                                     const Xapian::Query& words);

/// The snippet of passage `p` for a query whose matches are `spec`: HTML-escaped, with matches
/// marked (see coop::Snippet). Cut from the stored highlight table when `p` has one (no
/// analysis); otherwise uses `analyzer`, so not thread-safe with it.
std::string PassageSnippet(Analyzer& analyzer, const PassageInfo& p, const HighlightSpec& spec);

}  // namespace coop

#endif  // COOP_SEARCHD_PASSAGES_H_
