// What the Searcher returns: typed results of a search, a record page, an actor page and
// autocomplete. The HTTP layer alone turns them into JSON (searchd/src/result_json.h; the
// contract is docs/API.md). Views and pointers point into the index revision the result holds.
#ifndef COOP_SEARCH_RESULT_H_
#define COOP_SEARCH_RESULT_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "coop/record_value.h"

namespace coop {
namespace exec {
class IndexRevision;
}

/// The passage a hit shows.
struct HitPassage {
  std::string id, heading;
  int page = 0;  ///< 1-based source page, 0 if unknown.
};

/// One record of a result page.
struct SearchHit {
  const StoredRecord* record = nullptr;  ///< Its stored fields (into SearchResult::revision).
  std::optional<HitPassage> passage;     ///< Its best passage; none when browsing.
  std::string snippet;  ///< HTML: escaped text, query matches in <mark>; when browsing, the
                        ///< record's summary.
  double score = 1;     ///< Xapian's percentage score / 100 (1 for the best match).
};

/// One facet value and its number of records in the result set.
struct FacetValue {
  std::string_view value;  ///< Display value (into SearchResult::revision).
  std::uint32_t count = 0;
  /// Value id in the revision's record table (exec::RecordTable::ValueName), for the
  /// revision's written JSON of the value (IndexRevision::facet_value_json); kNoId if none.
  std::uint32_t id = kNoId;
  static constexpr std::uint32_t kNoId = UINT32_MAX;
};

/// The values of one facet, in display order (by count; years newest first).
struct FacetResult {
  std::string_view name;  ///< schema::kFacets name: "city", "region", ...
  std::vector<FacetValue> values;
};

/// Which records the result set holds. The mode depends on the query alone, never on the facet
/// selections, so ticking a facet value never changes which words are required.
enum class MatchMode {
  kAll,   ///< Records with all the query's words (or browsing: every record).
  kMost,  ///< No record has all of 3 or more words: records lacking at most one of them.
  kAny,   ///< No record has all (2 words) or most (3 or more) of them: records with any.
};

/// "all", "most" or "any", as the API writes it.
std::string_view MatchModeName(MatchMode mode);

/// Records after a complete set of all (or most) of the words that has fewer than a page of
/// records: those with most (all-words set of 3 or more words) or else any of the words, the
/// set's own records excepted, ranked. Never counted in SearchResult::total nor in the facets.
struct PartialHits {
  MatchMode match = MatchMode::kMost;  ///< kMost or kAny.
  std::vector<SearchHit> hits;
};

/// A misspelt query word and the index words it was matched by (typo tolerance).
struct TypoMatch {
  std::string word;                ///< The query word, folded (e.g. "tanerie").
  std::vector<std::string> terms;  ///< Index words within its typo budget, fewest edits first.
  bool operator==(const TypoMatch&) const = default;
};

/// A search's result: totals, hits and facets describe the same set, the records matching the
/// query (`corrected` if set) in the `match` mode within the facet selections.
struct SearchResult {
  std::string query;  ///< As typed.
  /// The query that ran instead of `query`: `query` found no record anywhere and this spelling
  /// of it does. None if `query` ran as typed.
  std::optional<std::string> corrected;
  /// Typo tolerance: neither `query` nor its correction found a record anywhere, and the words
  /// listed here (those of 5 letters or more the index does not know) matched any of their
  /// `terms` instead (1 edit from 5 letters, 2 from 9: Meilisearch's defaults). Empty otherwise.
  std::vector<TypoMatch> typos;
  std::size_t total = 0;  ///< Exact number of records in the set.
  int page = 1, size = 10;
  bool browse = false;  ///< An empty query: every record (within the filters), corpus order.
  std::vector<SearchHit> hits;
  std::optional<PartialHits> partial;     ///< Only on page 1 of a short all-words set.
  std::vector<FacetResult> facets;        ///< Every facet of schema::kFacets, in that order.
  std::optional<std::string> suggestion;  ///< The query with better-spelt words, if any.
  /// With `suggestion`: the records with all its words, within the same facet selections (the
  /// query's own are `total`); unset if the suggestion was over the term cap.
  std::optional<std::size_t> suggestion_total;
  MatchMode match = MatchMode::kAll;
  /// With SearchExtras::records: every record of the set (`total` of them), in corpus order;
  /// pointers into `revision`.
  std::vector<const StoredRecord*> records;
  double took_ms = 0;                                   ///< Time spent in the Searcher (ms).
  std::shared_ptr<const exec::IndexRevision> revision;  ///< Keeps the records alive.
};

/// A passage as a record page shows it.
struct PagePassage {
  std::string id, heading, text;
  int page = 0;  ///< 1-based source page, 0 if unknown.
  /// Byte spans [first, second) of `text` whose words match the query the page was asked with
  /// (RecordOptions::q), in text order, not overlapping; empty without a query.
  std::vector<std::pair<std::size_t, std::size_t>> marks;
};

/// The id and title of a record next to another in its source.
struct RecordBrief {
  std::string id, title;
};

/// A whole record: its stored fields, its passages in order, and its neighbours in its source.
struct RecordPage {
  StoredRecord record;
  std::vector<PagePassage> passages;
  std::optional<RecordBrief> previous, next;
};

/// The records in which an actor has one role.
struct ActorRoleRecords {
  std::string role;                  ///< "partner", "funder", "operator" or "network".
  std::vector<std::size_t> records;  ///< Indexes into ActorPage::partnerships, in corpus order.
};

/// An actor and the records that name it (as a partner, or as a mention with its role).
struct ActorPage {
  std::string id, name, type, country;
  std::vector<std::string> names;  ///< As written in the records, sorted, without repeats.
  std::vector<std::string> cities, regions, domains;  ///< Of its records, sorted, no repeats.
  std::vector<StoredRecord> partnerships;             ///< Its records, in corpus order.
  /// Its records grouped by its role in them, in the order partner, funder, operator, network
  /// (roles it has in no record left out); a record is in each group of a role it has there.
  std::vector<ActorRoleRecords> roles;
};

/// One autocomplete suggestion: a facet value and its number of records.
struct Suggestion {
  std::string value;
  std::string_view facet;  ///< schema::kFacets name (static storage).
  std::uint32_t count = 0;
};

}  // namespace coop

#endif  // COOP_SEARCH_RESULT_H_
