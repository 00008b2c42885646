#include "record_match.h"

#include <algorithm>
#include <utility>

#include "coop/schema.h"

namespace coop {
namespace {

Xapian::Query Filtered(const Xapian::Query& q, const Xapian::Query& filter) {
  return filter.empty() ? q : Xapian::Query(Xapian::Query::OP_FILTER, q, filter);
}

// Feeds `spy` the records of `unfiltered` (ascending) that match `selection` (facet terms,
// read from their postings; an empty query: all of them).
void CountWithin(const Xapian::Database& db, const PostingCache& cache,
                 const std::vector<Xapian::docid>& unfiltered, const Xapian::Query& selection,
                 RecordFacetSpy& spy) {
  thread_local std::vector<Xapian::docid> selected;
  if (selection.empty()) {
    for (Xapian::docid did : unfiltered) spy.Add(did);
    return;
  }
  // Terms only: always readable.
  MatchingDocids(db, selection, schema::kPassageDocidBase, selected, nullptr, MatchUse::kCount,
                 &cache);
  auto s = selected.begin();
  for (Xapian::docid did : unfiltered) {
    s = std::lower_bound(s, selected.end(), did);
    if (s == selected.end()) break;
    if (*s == did) spy.Add(did);
  }
}

}  // namespace

RecordMatch::RecordMatch(const Xapian::Database& db, const RecordTable& table, PhraseSets& phrases,
                         Xapian::Query selection, std::vector<std::size_t> counted_facets,
                         Xapian::doccount first, Xapian::doccount size)
    : db_(db),
      table_(table),
      phrases_(phrases),
      selection_(std::move(selection)),
      records_(schema::Term(schema::kKind, schema::kKindRecord)),
      first_(first),
      size_(size),
      spy_(table, std::move(counted_facets)) {}

Xapian::Query RecordMatch::Counting(const ParsedQuery& pq, const Xapian::Query& selection) const {
  return Filtered(pq.match_all ? Xapian::Query::MatchAll : pq.query, selection);
}

Xapian::Query RecordMatch::Ranking(const ParsedQuery& pq, const Xapian::Query& selection) const {
  // Records have the lowest docids (schema::kPassageDocidBase), so the AND with the record
  // kind ends before any passage posting is read.
  return Filtered(Counting(pq, selection), records_);
}

bool RecordMatch::Count(const ParsedQuery& pq, const Xapian::Query& selection,
                        RecordFacetSpy& counts, MatchUse use) {
  if (have_unfiltered_) {
    CountWithin(db_, table_.Postings(), unfiltered_, selection, counts);
    return true;
  }
  thread_local std::vector<Xapian::docid> docids;
  if (!MatchingDocids(db_, Counting(pq, selection), schema::kPassageDocidBase, docids, &phrases_,
                      use, &table_.Postings())) {
    return false;
  }
  for (Xapian::docid did : docids) counts.Add(did);
  return true;
}

Xapian::MSet RecordMatch::Run(const ParsedQuery& pq, bool by_date, std::size_t rank_from) {
  Xapian::Enquire enquire(db_);
  enquire.set_query(Ranking(pq, selection_));
  if (by_date) {
    enquire.set_sort_by_value_then_relevance(schema::kSlotDate, true);
  } else if (pq.match_all) {
    enquire.set_sort_by_value(schema::kSlotOrder, false);
  }
  spy_.Reset();
  have_unfiltered_ = !selection_.empty() && phrases_.empty() &&
                     MatchingDocids(db_, Counting(pq, Xapian::Query()), schema::kPassageDocidBase,
                                    unfiltered_, nullptr, MatchUse::kRanking, &table_.Postings());
  if (Count(pq, selection_, spy_, MatchUse::kRanking)) {
    if (spy_.records() < rank_from) return Xapian::MSet();
    // Counted already: the match only ranks, so Xapian may stop once the top is settled.
    return enquire.get_mset(first_, size_, Xapian::doccount{0});
  }
  // Wildcards: Xapian's matcher tells the matches; the spy counts them all (exact totals).
  enquire.add_matchspy(&spy_);
  return enquire.get_mset(first_, size_, db_.get_doccount());
}

void RecordMatch::AppendLiftedCounts(std::string& out, std::size_t facet, std::size_t limit,
                                     const ParsedQuery& pq, const Xapian::Query& lifted) {
  RecordFacetSpy counts(table_, {facet});
  if (!Count(pq, lifted, counts, MatchUse::kCount)) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(Ranking(pq, lifted));
    enquire.set_weighting_scheme(Xapian::BoolWeight());  // counted, not ranked
    enquire.add_matchspy(&counts);
    enquire.get_mset(0, 0, db_.get_doccount());
  }
  counts.AppendCounts(out, facet, limit);
}

}  // namespace coop
