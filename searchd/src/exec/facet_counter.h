// Facet counting over the records of a match. Why our own and not Xapian's ValueCountMatchSpy:
// cost. A MatchSpy is handed a Document per match and reads its value slot: at x100 get_value in
// the spy was 45% of a query (docs/bench/profile.md). FacetCounter takes the matched record
// docids (from MatchingDocids, or as a MatchSpy only when Xapian's matcher must tell the matches:
// wildcards) and counts values from the shared RecordTable: a bitmap popcount per value for
// facets with few values (or, when fewer records matched than that costs, their values), an
// increment per record and value for the others.
#ifndef COOP_SEARCHD_EXEC_FACET_COUNTER_H_
#define COOP_SEARCHD_EXEC_FACET_COUNTER_H_

#include <xapian.h>

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "coop/deadline.h"
#include "exec/record_set.h"
#include "exec/record_table.h"

namespace coop::exec {

/// One value of a facet and its number of records.
struct FacetCount {
  std::uint32_t value;  ///< Value id in the RecordTable (RecordTable::ValueName).
  std::uint32_t count;
};

/// Counts the distinct records of the documents the matcher shows it (or Add() is given), and
/// the values of some facets over them. Exact when the match checks every document (get_mset
/// with check_at_least >= doccount) or Add() is given every match. `table` must be the table of
/// the database being searched and outlive the counter. Not thread-safe; one per count.
class FacetCounter : public Xapian::MatchSpy {
 public:
  /// `facets`: indexes into schema::kFacets of the facets to count.
  FacetCounter(const RecordTable& table, std::vector<std::size_t> facets);

  /// As a MatchSpy: counts `doc`; throws QueryTimeout (out of Enquire::get_mset) once the
  /// deadline set by SetDeadline has passed, checked every 1,024 documents.
  void operator()(const Xapian::Document& doc, double weight) override;
  /// The deadline of the matches this spy watches (default: none).
  void SetDeadline(Deadline deadline) { deadline_ = deadline; }
  /// Counts document `did` as if the matcher had shown it (a docid of no record is ignored).
  void Add(Xapian::docid did);
  /// Add() for every docid of `docids`.
  void AddAll(const RecordSet& docids) {
    for (Xapian::docid did : docids) Add(did);
  }

  /// Forgets all counts (to reuse the spy for another match).
  void Reset();

  /// Number of distinct records seen.
  std::size_t records() const { return records_; }

  /// The ordinals (RecordTable) of the distinct records seen, ascending.
  std::vector<std::uint32_t> MatchedRecords() const;

  /// The values of facet `facet` (one passed to the constructor) with at least one record, by
  /// count descending then value, at most `limit` of them; years are listed newest first
  /// instead.
  std::vector<FacetCount> TopValues(std::size_t facet, std::size_t limit) const;

 private:
  // Counts of facets with bitmaps (RecordTable::HasBitmaps), from the matched records' bitmap.
  void CountFromBitmaps(std::size_t facet) const;

  const RecordTable& table_;
  std::vector<std::size_t> facets_;     // counted per record in Add()
  std::vector<std::size_t> bitmapped_;  // counted from bitmaps when listed
  std::vector<std::uint64_t> matched_;  // bit r: record ordinal r matched
  std::size_t records_ = 0;
  Deadline deadline_;
  std::uint32_t spied_ = 0;  // documents seen by operator(), for its deadline checks
  // Per facet and value id; bitmapped facets' are filled on first listing (hence mutable).
  mutable std::array<std::vector<std::uint32_t>, RecordTable::kFacetCount> counts_;
  mutable std::array<bool, RecordTable::kFacetCount> counted_{};
};

}  // namespace coop::exec

#endif  // COOP_SEARCHD_EXEC_FACET_COUNTER_H_
