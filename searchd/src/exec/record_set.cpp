#include "exec/record_set.h"

#include <algorithm>
#include <iterator>

namespace coop::exec {

void RecordSet::TruncateAt(Xapian::docid limit) {
  ids_.erase(std::lower_bound(ids_.begin(), ids_.end(), limit), ids_.end());
}

void RecordSet::IntersectWith(const RecordSet& other) {
  std::vector<Xapian::docid> r;
  r.reserve(std::min(ids_.size(), other.ids_.size()));
  std::set_intersection(ids_.begin(), ids_.end(), other.ids_.begin(), other.ids_.end(),
                        std::back_inserter(r));
  ids_.swap(r);
}

void RecordSet::UniteWith(const RecordSet& other) {
  std::vector<Xapian::docid> r;
  r.reserve(ids_.size() + other.ids_.size());
  std::set_union(ids_.begin(), ids_.end(), other.ids_.begin(), other.ids_.end(),
                 std::back_inserter(r));
  ids_.swap(r);
}

void RecordSet::Subtract(const RecordSet& other) {
  std::vector<Xapian::docid> r;
  r.reserve(ids_.size());
  std::set_difference(ids_.begin(), ids_.end(), other.ids_.begin(), other.ids_.end(),
                      std::back_inserter(r));
  ids_.swap(r);
}

bool RecordSet::Contains(Xapian::docid did) const {
  return std::binary_search(ids_.begin(), ids_.end(), did);
}

void ReadPostings(const Xapian::Database& db, const std::string& term, Xapian::docid limit,
                  RecordSet& out) {
  out.Clear();
  for (Xapian::PostingIterator it = db.postlist_begin(term), end = db.postlist_end(term);
       it != end && *it < limit; ++it) {
    out.Append(*it);
  }
}

void ReadPostingsIn(const Xapian::Database& db, const std::string& term, const RecordSet& domain,
                    RecordSet& out) {
  out.Clear();
  Xapian::PostingIterator it = db.postlist_begin(term);
  const Xapian::PostingIterator end = db.postlist_end(term);
  for (Xapian::docid did : domain) {
    it.skip_to(did);
    if (it == end) break;
    if (*it == did) out.Append(did);
  }
}

}  // namespace coop::exec
