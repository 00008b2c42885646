// A Xapian posting source over a sorted list of docids.
#ifndef COOP_SEARCHD_EXEC_DOCID_FILTER_H_
#define COOP_SEARCHD_EXEC_DOCID_FILTER_H_

#include <xapian.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace coop::exec {

/// A boolean filter (weight 0) matching exactly the docids of `ids` (ascending, no duplicates),
/// cheaper than an OR of terms: no heap of posting lists, skip_to is a binary search. Does not
/// own `ids`, which must outlive every match that uses the filter. Not thread-safe: one
/// instance per match. clone() gives each place of a query tree its own cursor: Xapian uses a
/// source that cannot clone itself directly, so one leaf shared by two branches (as the
/// all-but-one form shares its clauses) would move one cursor for both.
class DocidFilter : public Xapian::PostingSource {
 public:
  explicit DocidFilter(const std::vector<Xapian::docid>& ids) : ids_(&ids) {}
  Xapian::doccount get_termfreq_min() const override { return Count(); }
  Xapian::doccount get_termfreq_est() const override { return Count(); }
  Xapian::doccount get_termfreq_max() const override { return Count(); }
  void init(const Xapian::Database&) override { pos_ = 0, started_ = false; }
  void next(double) override { pos_ += started_ ? 1 : 0, started_ = true; }
  void skip_to(Xapian::docid did, double) override {
    started_ = true;
    pos_ = static_cast<std::size_t>(
        std::lower_bound(ids_->begin() + static_cast<std::ptrdiff_t>(pos_), ids_->end(), did) -
        ids_->begin());
  }
  bool at_end() const override { return pos_ >= ids_->size(); }
  Xapian::docid get_docid() const override { return (*ids_)[pos_]; }
  std::string name() const override { return "coop::DocidFilter"; }
  DocidFilter* clone() const override { return new DocidFilter(*ids_); }

 protected:
  /// For subclasses that choose their docids in init(): call Use() there before iterating.
  DocidFilter() = default;
  void Use(const std::vector<Xapian::docid>& ids) { ids_ = &ids; }

 private:
  Xapian::doccount Count() const { return ids_ ? static_cast<Xapian::doccount>(ids_->size()) : 0; }
  const std::vector<Xapian::docid>* ids_ = nullptr;
  std::size_t pos_ = 0;
  bool started_ = false;
};

}  // namespace coop::exec

#endif  // COOP_SEARCHD_EXEC_DOCID_FILTER_H_
