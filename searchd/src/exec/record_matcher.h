// Query execution over the records: the one interface the Searcher uses (everything else in
// exec/ is its machinery). A RecordMatcher counts a parsed query's records exactly, ranks one
// page of them, and counts the facets, disjunctive for the facets with a selection.
//
// Ranking and counting run on record documents only: a record carries the terms of all its
// passages, so it matches when its words are spread over several passages, and each match is
// one record. Counting reads posting lists below schema::kPassageDocidBase (matching_docids.h),
// which are exactly the records, and the facets from the RecordTable (facet_counter.h); ranking
// is Xapian's (BM25), on the same query filtered to the record kind. ARCHITECTURE.md tells why
// counting is ours and not Xapian's MatchSpy / check_at_least, with the measured costs.
#ifndef COOP_SEARCHD_EXEC_RECORD_MATCHER_H_
#define COOP_SEARCHD_EXEC_RECORD_MATCHER_H_

#include <xapian.h>

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

#include "coop/query_parser.h"
#include "exec/facet_counter.h"
#include "exec/index_revision.h"
#include "exec/matching_docids.h"
#include "exec/phrase_sets.h"
#include "exec/record_set.h"

namespace coop::exec {

/// The selected values of one facet: `terms` is the OR of their filter terms. An empty `terms`
/// (Xapian::Query(), MatchNothing) selects no record, e.g. a year range holding no year of the
/// index; the facet's own counts are still given, with that selection lifted.
struct FacetSelection {
  std::size_t facet;  ///< Index into schema::kFacets.
  Xapian::Query terms;
};

/// The AND of some facets' selections; std::nullopt when no facet is selected (every record),
/// an empty Xapian::Query when a selection selects no record.
using SelectionFilter = std::optional<Xapian::Query>;

/// Order of the ranked page.
enum class RecordOrder {
  kRelevance,  ///< BM25; a match-all query in corpus (browse) order.
  kDate,       ///< Latest year first, then relevance (schema::kSlotDate); without query
               ///< words, latest year first, then corpus order (schema::kSlotDateOrder).
};

/// What Match() computes besides the count.
struct MatchOptions {
  std::vector<FacetSelection> selections;  ///< AND across facets; at most one per facet.
  RecordOrder order = RecordOrder::kRelevance;
  Xapian::doccount first = 0;  ///< Offset of the page in the ranking (0-based).
  Xapian::doccount size = 10;  ///< Records on the page.
  /// If fewer records than this match, only the total is computed: the page and the facets are
  /// left empty (the caller will not show them: it relaxes the query).
  std::size_t rank_from = 0;
  std::size_t facet_limit = 100;  ///< Values listed per facet.
  /// Whether MatchResult::records lists the matched records (for the map of issue 18).
  bool keep_records = false;
  /// Past it, Match() throws QueryTimeout (checked between steps and inside them).
  Deadline deadline;
};

/// One record of the ranked page.
struct RankedRecord {
  std::uint32_t record;  ///< Ordinal in the RecordTable.
  int percent;           ///< Xapian's percentage score (100 for the best match).
};

/// The outcome of Match(): the exact count, the page and every facet's top values.
struct MatchResult {
  std::size_t total = 0;
  std::vector<RankedRecord> page;
  /// By facet index (schema::kFacets): a facet with a selection is counted over the query
  /// within the other facets' selections (disjunctive facets), the others within all of them.
  std::array<std::vector<FacetCount>, RecordTable::kFacetCount> facets;
  /// With MatchOptions::keep_records: the ordinals of the `total` records, ascending.
  std::vector<std::uint32_t> records;
};

/// Runs the queries of one search on one revision. Queries must be parsed with Phrases() (their
/// phrases point into this matcher). Not thread-safe: one per search; `db` must be the database
/// `revision` was built from and outlive the matcher.
class RecordMatcher {
 public:
  RecordMatcher(const Xapian::Database& db, std::shared_ptr<const IndexRevision> revision);

  /// The phrase builder for ParseQuery: each phrase is checked once per search and serves
  /// counting, the disjunctive facets and ranking.
  PhraseBuilder Phrases();

  /// Counts, ranks and counts the facets of `query` within `options.selections`. Throws
  /// Xapian::Error on index failure, QueryTimeout past `options.deadline`.
  MatchResult Match(const ParsedQuery& query, const MatchOptions& options);

 private:
  // Feeds `counter` every record of `query` within `selection`; false if the query needs
  // Xapian's matcher to tell its matches (wildcards). On remote shards always Xapian's matcher
  // (CountAll), and true.
  bool Count(const ParsedQuery& query, const SelectionFilter& selection, FacetCounter& counter,
             MatchUse use);
  Xapian::Query Ranking(const ParsedQuery& query, const SelectionFilter& selection) const;
  // Feeds `counter` every match of `query`, read from an MSet of all of them (remote shards,
  // where our match spy cannot run).
  void CountAll(const Xapian::Query& query, FacetCounter& counter) const;
  std::vector<FacetCount> LiftedCounts(const ParsedQuery& query, const MatchOptions& options,
                                       std::size_t selected);

  const Xapian::Database& db_;
  std::shared_ptr<const IndexRevision> revision_;
  PhraseSets phrases_;
  Xapian::Query records_;  // the record kind term
  // With selections and no phrase, the records of the query before any selection are read once
  // per Match(): the main count and every disjunctive count are their intersections with the
  // selections' postings. (A phrase is cheaper checked on the selected records only.)
  RecordSet unfiltered_;
  bool have_unfiltered_ = false;
  RecordSet scratch_, selected_;  // reused buffers
  // The records Count() last fed its counter (unfiltered_ or scratch_); null when it had none
  // (remote shards, wildcards, a selection of nothing).
  const RecordSet* counted_ = nullptr;
  Deadline deadline_;  // of the current Match()
};

}  // namespace coop::exec

#endif  // COOP_SEARCHD_EXEC_RECORD_MATCHER_H_
