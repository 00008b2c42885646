// The passage a search hit shows, and its snippet (not part of the public API).
#ifndef COOP_SEARCHD_PASSAGES_H_
#define COOP_SEARCHD_PASSAGES_H_

#include <xapian.h>

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "coop/analyzer.h"
#include "coop/highlighter.h"

namespace coop {

/// The passage fields a hit shows: {"id", "heading", "page"} and its snippet.
struct PassageInfo {
  std::string id, heading, text;
  std::string table;  ///< HighlightTable of `text`.
  int page = 0;
};

/// Reads the stored fields of passage document `doc` (its schema::kSlotPassage value). An
/// unreadable value gives empty fields (the hit is still shown, without a snippet). Throws
/// Xapian::Error on I/O.
PassageInfo ReadPassage(const Xapian::Document& doc);

/// For each record id of `records`, its passage that best matches `words` (an any-word query;
/// BM25 over passages, ties to the first passage), found in one match over the records' passage
/// documents; a record none of whose passages matches (a filter-only query, or words found
/// only in the title) gets its first passage. Returns the passages' stored fields by record id.
/// Throws Xapian::Error on index failure. `options.remote`: `db` has a remote shard, where our
/// docid filter cannot run; the match is then filtered by the records' boolean XR terms (same
/// passages, same order: a filter never weighs) and collapsed on the record id, and the passages
/// come as the MSet's sort keys: two matches per shard, whatever the page size, and no document
/// read.
struct BestPassageOptions {
  bool remote = false;
  /// If not null (local databases only): the passage docids of each record of `records`, in
  /// its order, as PassageDocids reads them (the caller may keep them per revision: reading
  /// each record's posting list was 6 of a search's 58.6 preads at x1).
  const std::vector<const std::vector<Xapian::docid>*>* passages = nullptr;
  /// If set: the stored fields value of a passage docid, as ReadPassage reads it (the caller
  /// may keep them per revision: exec::IndexRevision::PassageValue).
  std::function<std::string(Xapian::docid)> passage_value;
};

/// The docids of the passages of record `record_id` (the postings of its schema::kRecord term),
/// ascending. Throws Xapian::Error on index failure.
std::vector<Xapian::docid> PassageDocids(const Xapian::Database& db, const std::string& record_id);
std::map<std::string, PassageInfo> BestPassages(const Xapian::Database& db,
                                                const std::vector<std::string>& records,
                                                const Xapian::Query& words,
                                                const BestPassageOptions& options = {});

/// The snippet of passage `p` for a query whose matches are `spec`: HTML-escaped, with matches
/// marked (see coop::Snippet). Cut from the stored highlight table when `p` has one (no
/// analysis); otherwise uses `analyzer`, so not thread-safe with it.
std::string PassageSnippet(Analyzer& analyzer, const PassageInfo& p, const HighlightSpec& spec);

}  // namespace coop

#endif  // COOP_SEARCHD_PASSAGES_H_
