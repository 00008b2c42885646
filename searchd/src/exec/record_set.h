// RecordSet: a set of docids as an ascending vector, the value that flows through query
// execution (posting lists read up to the record range, phrase matches, facet selections).
// A sorted vector rather than a bitmap: most sets of a search are small next to the record
// range, and merging them costs what reading their postings cost (record_bitmap.h has the
// bitmaps used where sets are large and many: common terms and facet values).
#ifndef COOP_SEARCHD_EXEC_RECORD_SET_H_
#define COOP_SEARCHD_EXEC_RECORD_SET_H_

#include <xapian.h>

#include <cstddef>
#include <string>
#include <vector>

namespace coop::exec {

/// Docids, ascending, without duplicates. A value type: copyable and movable; not thread-safe
/// to modify while shared.
class RecordSet {
 public:
  RecordSet() = default;
  /// Takes `ascending` (ascending and without duplicates: not checked).
  static RecordSet FromAscending(std::vector<Xapian::docid> ascending) {
    RecordSet s;
    s.ids_ = std::move(ascending);
    return s;
  }

  std::size_t size() const { return ids_.size(); }
  bool empty() const { return ids_.empty(); }
  std::vector<Xapian::docid>::const_iterator begin() const { return ids_.begin(); }
  std::vector<Xapian::docid>::const_iterator end() const { return ids_.end(); }
  /// The docids (ascending), e.g. for a DocidFilter. Valid until the set changes.
  const std::vector<Xapian::docid>& docids() const { return ids_; }
  bool operator==(const RecordSet& other) const { return ids_ == other.ids_; }

  /// Empties the set, keeping its memory.
  void Clear() { ids_.clear(); }
  /// Adds `did`, which must be greater than every docid in the set (not checked).
  void Append(Xapian::docid did) { ids_.push_back(did); }
  void Reserve(std::size_t n) { ids_.reserve(n); }
  /// Keeps the docids below `limit`.
  void TruncateAt(Xapian::docid limit);
  /// This set ∩ `other`.
  void IntersectWith(const RecordSet& other);
  /// This set ∪ `other`.
  void UniteWith(const RecordSet& other);
  /// This set \ `other`.
  void Subtract(const RecordSet& other);
  /// True if `did` is in the set (binary search).
  bool Contains(Xapian::docid did) const;

 private:
  std::vector<Xapian::docid> ids_;
};

/// Sets `out` to the postings of `term` in `db` below `limit`. Throws Xapian::Error on I/O.
void ReadPostings(const Xapian::Database& db, const std::string& term, Xapian::docid limit,
                  RecordSet& out);

/// Sets `out` to the docids of `domain` that have `term`, found by skipping through its posting
/// list: cheaper than reading it whole when the domain is much smaller (the AND of a rare word
/// with a common one), as Xapian's AND does. Throws Xapian::Error on I/O.
void ReadPostingsIn(const Xapian::Database& db, const std::string& term, const RecordSet& domain,
                    RecordSet& out);

}  // namespace coop::exec

#endif  // COOP_SEARCHD_EXEC_RECORD_SET_H_
