// One search's match over the records: the exact count and facet counts of a query, its
// ranking, and the counts of disjunctive facets (not part of the public API; used by the
// Searcher).
#ifndef COOP_SEARCHD_RECORD_MATCH_H_
#define COOP_SEARCHD_RECORD_MATCH_H_

#include <xapian.h>

#include <string>
#include <vector>

#include "coop/facets.h"
#include "coop/query_parser.h"
#include "coop/record_set.h"
#include "coop/record_table.h"

namespace coop {

/// Counts and ranks the records of parsed queries under one set of facet selections.
/// Ranking and counting run on record documents only: a record carries the terms of all its
/// passages, so it matches when its words are spread over several passages, and each match is
/// one record. Counting reads docids below schema::kPassageDocidBase (MatchingDocids), which are
/// exactly the records; ranking filters on the record kind. Not thread-safe: one instance per
/// search; `db`, `table` and `phrases` must outlive it.
class RecordMatch {
 public:
  /// `selection`: the AND of the facet selections (empty: none). `counted_facets`: indexes into
  /// schema::kFacets of the facets counted on the main match (those without a selection).
  /// `first` and `size`: the page of ranked records to return (0-based offset, count).
  RecordMatch(const Xapian::Database& db, const RecordTable& table, PhraseSets& phrases,
              Xapian::Query selection, std::vector<std::size_t> counted_facets,
              Xapian::doccount first, Xapian::doccount size);

  /// Counts the records of `pq` within the selection (records(), AppendCounts()) and returns
  /// its page of ranked records: by relevance, or newest first (schema::kSlotDate) then by
  /// relevance if `by_date`; a match-all query in browse order unless `by_date`. If fewer than
  /// `rank_from` records were counted, the page may be left empty (the caller will not show it).
  /// Throws Xapian::Error on index failure.
  Xapian::MSet Run(const ParsedQuery& pq, bool by_date, std::size_t rank_from = 0);

  /// Records counted by the last Run().
  std::size_t records() const { return spy_.records(); }

  /// Appends the counts of facet `facet` on the last Run() (see RecordFacetSpy::AppendCounts).
  void AppendCounts(std::string& out, std::size_t facet, std::size_t limit) const {
    spy_.AppendCounts(out, facet, limit);
  }

  /// Appends the counts of selected facet `facet` over the records of `pq` within `lifted`
  /// (the selections of the other facets): disjunctive facets. `pq` must be the query of the
  /// last Run() unless ForgetRun() was called. Throws Xapian::Error on index failure.
  void AppendLiftedCounts(std::string& out, std::size_t facet, std::size_t limit,
                          const ParsedQuery& pq, const Xapian::Query& lifted);

  /// Says that the query of later calls is not the last Run()'s.
  void ForgetRun() { have_unfiltered_ = false; }

 private:
  // Feeds `counts` every record of `pq` within `selection`; false if the query needs Xapian's
  // matcher to tell its matches (wildcards). `use`: what `phrases_` is prepared for.
  bool Count(const ParsedQuery& pq, const Xapian::Query& selection, RecordFacetSpy& counts,
             MatchUse use);
  Xapian::Query Counting(const ParsedQuery& pq, const Xapian::Query& selection) const;
  Xapian::Query Ranking(const ParsedQuery& pq, const Xapian::Query& selection) const;

  const Xapian::Database& db_;
  const RecordTable& table_;
  PhraseSets& phrases_;
  Xapian::Query selection_;
  Xapian::Query records_;  // the record kind term
  Xapian::doccount first_, size_;
  RecordFacetSpy spy_;
  // With selections and no phrase, the records of the query before any selection are read once:
  // the main count and every disjunctive count are their intersections with the selections'
  // postings. (A phrase is cheaper checked on the selected records only.)
  std::vector<Xapian::docid> unfiltered_;
  bool have_unfiltered_ = false;
};

}  // namespace coop

#endif  // COOP_SEARCHD_RECORD_MATCH_H_
