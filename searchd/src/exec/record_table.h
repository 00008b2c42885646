// An in-memory table of the index's records, built once per index revision (index_revision.h)
// and shared read-only by every searcher thread: which record each record document is, each
// record's facet values (as small integer ids, with a bitmap per value where a facet has few)
// and its stored fields. It lets facet counting and hit building run without reading Xapian
// documents (measured: get_value in the match spy was 45% of a query at x100, parsing record
// JSON 40% at x1; docs/bench/profile.md).
#ifndef COOP_SEARCHD_EXEC_RECORD_TABLE_H_
#define COOP_SEARCHD_EXEC_RECORD_TABLE_H_

#include <xapian.h>

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "coop/record_value.h"
#include "coop/schema.h"

namespace coop::exec {

/// Immutable after construction; thread-safe to read.
class RecordTable {
 public:
  static constexpr std::uint32_t kNone = UINT32_MAX;
  static constexpr std::size_t kFacetCount = std::size(schema::kFacets);

  /// Reads every record document of `db` (its current revision): O(records) document reads.
  /// Throws Xapian::Error if the database cannot be read, IndexFormatError if a record's stored
  /// value is malformed.
  explicit RecordTable(const Xapian::Database& db);

  /// Record ordinal of record document `did`, or kNone (for a passage or an unknown docid).
  std::uint32_t RecordOf(Xapian::docid did) const {
    return did < record_of_.size() ? record_of_[did] : kNone;
  }
  std::size_t records() const { return fields_.size(); }
  const std::string& Id(std::uint32_t record) const { return fields_[record].id; }
  /// Docid of the record's own document (not one of its passages).
  Xapian::docid RecordDoc(std::uint32_t record) const { return docids_[record]; }
  /// The stored fields of a record.
  const StoredRecord& Fields(std::uint32_t record) const { return fields_[record]; }
  /// The ordinal of `fields`, which must be a reference from Fields() of this table (as
  /// SearchResult::records holds).
  std::uint32_t OrdinalOf(const StoredRecord& fields) const {
    return static_cast<std::uint32_t>(&fields - fields_.data());
  }
  /// Value ids of facet `facet` (index into schema::kFacets) for a record.
  std::span<const std::uint32_t> Values(std::size_t facet, std::uint32_t record) const {
    const std::vector<std::uint32_t>& start = value_start_[facet];
    return {value_ids_[facet].data() + start[record], start[record + 1] - start[record]};
  }
  /// Whether facet `facet` has few enough values (kBitmapValues) to keep, for each value, a
  /// bitmap of its records: counting it is then a popcount per value over the matched records'
  /// bitmap instead of an increment per record and value.
  static constexpr std::size_t kBitmapValues = 256;
  bool HasBitmaps(std::size_t facet) const { return !bitmaps_[facet].empty(); }
  /// 64-bit words in a record bitmap (bit r of word r / 64 = record ordinal r).
  std::size_t BitmapWords() const { return (fields_.size() + 63) / 64; }
  /// The records with value `id` of facet `facet` (HasBitmaps(facet)): BitmapWords() words.
  const std::uint64_t* Bitmap(std::size_t facet, std::uint32_t id) const {
    return bitmaps_[facet].data() + static_cast<std::size_t>(id) * BitmapWords();
  }
  /// Display value of a value id of facet `facet`.
  const std::string& ValueName(std::size_t facet, std::uint32_t id) const {
    return names_[facet][id];
  }
  std::size_t ValueCount(std::size_t facet) const { return names_[facet].size(); }
  /// Number of records that have value `id` of facet `facet`.
  std::uint32_t RecordsWith(std::size_t facet, std::uint32_t id) const {
    return record_counts_[facet][id];
  }
  /// Rank of value `id` of facet `facet` among the facet's display values in byte order (0 =
  /// first), so that callers sort values by name without comparing strings.
  std::uint32_t NameRank(std::size_t facet, std::uint32_t id) const {
    return name_rank_[facet][id];
  }
  /// The display value folded as the analyzer folds terms (Analyzer::Fold), for autocomplete.
  const std::string& FoldedName(std::size_t facet, std::uint32_t id) const {
    return folded_[facet][id];
  }
  /// Whether the records' docids rise with their corpus order (schema::kSlotOrder): true on
  /// a freshly built index, false once `coop-index update` has given a replaced source new
  /// docids at the end. Then docid order is corpus order, and a browse need not sort.
  bool DocidsInCorpusOrder() const { return docids_in_corpus_order_; }
  /// The highest record docid (0 if there is none).
  Xapian::docid LastRecordDoc() const {
    return record_of_.empty() ? 0 : static_cast<Xapian::docid>(record_of_.size() - 1);
  }

 private:
  std::vector<std::uint32_t> record_of_;  // by docid
  std::vector<StoredRecord> fields_;
  std::vector<Xapian::docid> docids_;
  bool docids_in_corpus_order_ = true;
  // Value ids of every record, one flat array per facet (record r's are [start[r], start[r+1])):
  // counting walks records in docid order, so it reads memory in order (a vector per record
  // and facet cost a cache miss each: a quarter of a query at x100).
  std::array<std::vector<std::uint32_t>, kFacetCount> value_ids_, value_start_;
  std::array<std::vector<std::string>, kFacetCount> names_, folded_;
  std::array<std::vector<std::uint32_t>, kFacetCount> record_counts_, name_rank_;
  std::array<std::vector<std::uint64_t>, kFacetCount> bitmaps_;  // value-major, see Bitmap()
};

}  // namespace coop::exec

#endif  // COOP_SEARCHD_EXEC_RECORD_TABLE_H_
