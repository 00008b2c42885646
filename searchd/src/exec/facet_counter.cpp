#include "exec/facet_counter.h"

#include <algorithm>
#include <bit>
#include <span>

namespace coop::exec {
namespace {

// Number of bits set in both `a` and `b` (`words` 64-bit words). Built twice, with and without
// the POPCNT instruction, and picked at load time for the CPU: without it std::popcount is a
// libgcc call, 10% of a query at x100.
__attribute__((target_clones("popcnt", "default"))) std::uint32_t CountBoth(const std::uint64_t* a,
                                                                            const std::uint64_t* b,
                                                                            std::size_t words) {
  std::uint32_t n = 0;
  for (std::size_t w = 0; w < words; ++w)
    n += static_cast<std::uint32_t>(std::popcount(a[w] & b[w]));
  return n;
}

// Counting a bitmapped facet costs one popcount per value and bitmap word, or, record by record,
// about this many popcounts' worth per matched record (its bit, its values): the cheaper way is
// taken; both give the same counts. Callgrind, FacetCounter::TopValues over the 88 bench paths
// twice at x100 (docs/bench/profile.md, session 15): bitmaps only 80.4M instructions; with this
// at 5, 8, 16 and 40: 91.7M, 82.5M, 68.5M and 69.9M.
constexpr std::size_t kRecordCost = 16;

}  // namespace

FacetCounter::FacetCounter(const RecordTable& table, std::vector<std::size_t> facets)
    : table_(table) {
  for (std::size_t f : facets) (table_.HasBitmaps(f) ? bitmapped_ : facets_).push_back(f);
  Reset();
}

void FacetCounter::Reset() {
  matched_.assign(table_.BitmapWords(), 0);
  records_ = 0;
  for (std::size_t f : facets_) counts_[f].assign(table_.ValueCount(f), 0);
  for (std::size_t f : bitmapped_) counted_[f] = false;
}

void FacetCounter::operator()(const Xapian::Document& doc, double) {
  if ((++spied_ & 1023) == 0) deadline_.Check();
  Add(doc.get_docid());
}

void FacetCounter::Add(Xapian::docid did) {
  const std::uint32_t rec = table_.RecordOf(did);
  if (rec == RecordTable::kNone) return;
  std::uint64_t& word = matched_[rec / 64];
  const std::uint64_t bit = std::uint64_t{1} << (rec % 64);
  if (word & bit) return;
  word |= bit;
  ++records_;
  for (std::size_t f : facets_) {
    for (std::uint32_t v : table_.Values(f, rec)) ++counts_[f][v];
  }
}

std::vector<std::uint32_t> FacetCounter::MatchedRecords() const {
  std::vector<std::uint32_t> out;
  out.reserve(records_);
  for (std::size_t w = 0; w < matched_.size(); ++w) {
    for (std::uint64_t bits = matched_[w]; bits != 0; bits &= bits - 1) {
      out.push_back(static_cast<std::uint32_t>(w * 64 + std::countr_zero(bits)));
    }
  }
  return out;
}

void FacetCounter::CountFromBitmaps(std::size_t facet) const {
  if (counted_[facet]) return;
  counted_[facet] = true;
  std::vector<std::uint32_t>& counts = counts_[facet];
  counts.assign(table_.ValueCount(facet), 0);
  const std::size_t words = table_.BitmapWords();
  if (records_ * kRecordCost < counts.size() * words) {
    // Few matched records: each one's values, as Add() counts the other facets, but a value a
    // record lists twice counted once, as in its bitmap.
    for (std::size_t w = 0; w < matched_.size(); ++w) {
      for (std::uint64_t bits = matched_[w]; bits != 0; bits &= bits - 1) {
        const auto rec = static_cast<std::uint32_t>(w * 64 + std::countr_zero(bits));
        const std::span<const std::uint32_t> values = table_.Values(facet, rec);
        for (auto v = values.begin(); v != values.end(); ++v) {
          if (std::find(values.begin(), v, *v) == v) ++counts[*v];
        }
      }
    }
    return;
  }
  for (std::uint32_t v = 0; v < counts.size(); ++v) {
    counts[v] = CountBoth(matched_.data(), table_.Bitmap(facet, v), words);
  }
}

std::vector<FacetCount> FacetCounter::TopValues(std::size_t facet, std::size_t limit) const {
  if (table_.HasBitmaps(facet)) CountFromBitmaps(facet);
  const std::vector<std::uint32_t>& counts = counts_[facet];
  // Each value with records, with its place in the listing as one integer: count descending
  // then name rank (computed once per index revision), or for years name rank descending. Name
  // ranks are distinct, so keys are, and any sort gives the same list; one integer comparison
  // per step, where comparing by count and rank looked both up twice.
  struct Keyed {
    std::uint64_t key;  // ascending: listing order
    std::uint32_t value;
  };
  const bool years = schema::kFacets[facet].slot == schema::kSlotYear;
  std::vector<Keyed> keyed;
  keyed.reserve(counts.size());
  for (std::uint32_t v = 0, n = static_cast<std::uint32_t>(counts.size()); v < n; ++v) {
    if (counts[v] == 0) continue;
    const std::uint32_t rank = table_.NameRank(facet, v);
    keyed.push_back({years ? std::uint64_t{~rank} : std::uint64_t{~counts[v]} << 32 | rank, v});
  }
  // Only the first `limit` values are listed: a partial sort (x100 has thousands of actor
  // values), or a whole one when all are.
  const auto by_key = [](const Keyed& a, const Keyed& b) { return a.key < b.key; };
  const std::size_t listed = std::min(limit, keyed.size());
  if (listed == keyed.size()) {
    std::sort(keyed.begin(), keyed.end(), by_key);
  } else {
    std::partial_sort(keyed.begin(), keyed.begin() + static_cast<std::ptrdiff_t>(listed),
                      keyed.end(), by_key);
  }
  std::vector<FacetCount> out;
  out.reserve(listed);
  for (std::size_t i = 0; i < listed; ++i) out.push_back({keyed[i].value, counts[keyed[i].value]});
  return out;
}

}  // namespace coop::exec
