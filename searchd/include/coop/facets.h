// Facet counting over records. Passages of one record all match separately, so Xapian's
// ValueCountMatchSpy would count a record once per matching passage; this spy counts each record
// once, which is what users see ("Marrakech (5)" = five partnerships). It reads the shared
// RecordTable, not the documents.
#ifndef COOP_FACETS_H_
#define COOP_FACETS_H_

#include <xapian.h>

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "coop/record_table.h"

namespace coop {

/// Counts the distinct records of the documents the matcher shows it (or Add() is given), and
/// the values of some facets over them. Exact when the match checks every document (get_mset
/// with check_at_least >= doccount) or Add() is given every match. `table` must be the table of the
/// database being searched and outlive the spy. Not thread-safe; one per query.
class RecordFacetSpy : public Xapian::MatchSpy {
 public:
  /// `facets`: indexes into schema::kFacets of the facets to count.
  RecordFacetSpy(const RecordTable& table, std::vector<std::size_t> facets);

  void operator()(const Xapian::Document& doc, double weight) override;
  /// Counts document `did` as if the matcher had shown it (a docid of no record is ignored).
  void Add(Xapian::docid did);

  /// Forgets all counts (to reuse the spy for another match).
  void Reset();

  /// Number of distinct records seen.
  std::size_t records() const { return records_; }

  /// Appends the counts of facet `facet` (one passed to the constructor) as a JSON array
  /// [{"value": v, "count": n}], by count descending then value, at most `limit` entries;
  /// years are listed newest first instead.
  void AppendCounts(std::string& out, std::size_t facet, std::size_t limit) const;

 private:
  // Counts of facets with bitmaps (RecordTable::HasBitmaps), from the matched records' bitmap.
  void CountFromBitmaps(std::size_t facet) const;

  const RecordTable& table_;
  std::vector<std::size_t> facets_;     // counted per record in Add()
  std::vector<std::size_t> bitmapped_;  // counted from bitmaps when listed
  std::vector<std::uint64_t> matched_;  // bit r: record ordinal r matched
  std::size_t records_ = 0;
  // Per facet and value id; bitmapped facets' are filled on first listing (hence mutable).
  mutable std::array<std::vector<std::uint32_t>, RecordTable::kFacetCount> counts_;
  mutable std::array<bool, RecordTable::kFacetCount> counted_{};
};

}  // namespace coop

#endif  // COOP_FACETS_H_
