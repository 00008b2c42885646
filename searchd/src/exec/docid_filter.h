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
///
/// Sharded indexes (docs/SCALING.md): `ids` are docids of `db`, the database searched. When it
/// has N sub-databases, Xapian 1.4 gives each one its own clone, inits it with that sub-database
/// alone and reads shard-local docids from it; a docid d of shard s is d' = (d - 1) * N + s + 1
/// in `db` (Xapian's interleaving). init() finds s among the UUIDs of `db` (Database::get_uuid
/// joins its sub-databases' UUIDs with ':') and the filter then walks only the docids of that
/// shard, translated. A sub-database without a UUID (a remote one) cannot be located: init()
/// throws Xapian::InvalidOperationError.
class DocidFilter : public Xapian::PostingSource {
 public:
  DocidFilter(const std::vector<Xapian::docid>& ids, const Xapian::Database& db)
      : ids_(&ids), db_(&db), count_(static_cast<Xapian::doccount>(ids.size())) {}
  Xapian::doccount get_termfreq_min() const override { return count_; }
  Xapian::doccount get_termfreq_est() const override { return count_; }
  Xapian::doccount get_termfreq_max() const override { return count_; }
  void init(const Xapian::Database& part) override {
    pos_ = 0, started_ = false;
    Locate(part);
    count_ = 0;
    for (Xapian::docid d : *ids_) count_ += Mine(d) ? 1 : 0;
  }
  void next(double) override {
    if (started_) ++pos_;
    started_ = true;
    SkipOthers();
  }
  void skip_to(Xapian::docid did, double) override {
    started_ = true;
    pos_ =
        static_cast<std::size_t>(std::lower_bound(ids_->begin() + static_cast<std::ptrdiff_t>(pos_),
                                                  ids_->end(), Whole(did)) -
                                 ids_->begin());
    SkipOthers();
  }
  bool at_end() const override { return pos_ >= ids_->size(); }
  Xapian::docid get_docid() const override { return Local((*ids_)[pos_]); }
  std::string name() const override { return "coop::DocidFilter"; }
  DocidFilter* clone() const override { return new DocidFilter(*ids_, *db_); }

 protected:
  /// For subclasses that choose their docids in init(): call Use() there before iterating.
  explicit DocidFilter(const Xapian::Database& db) : db_(&db) {}
  void Use(const std::vector<Xapian::docid>& ids) { ids_ = &ids; }
  /// The database searched, whose docids the list holds.
  const Xapian::Database& database() const { return *db_; }

 private:
  // Sets shard_ and shards_ for the sub-database `part` of db_.
  void Locate(const Xapian::Database& part) {
    shards_ = db_->size();
    shard_ = 0;
    if (shards_ <= 1) return;
    const std::string all = db_->get_uuid(), mine = part.get_uuid();
    std::size_t start = 0;
    for (std::size_t i = 0; i < shards_ && !mine.empty(); ++i) {
      const std::size_t end = std::min(all.find(':', start), all.size());
      if (all.compare(start, end - start, mine) == 0) {
        shard_ = i;
        return;
      }
      start = end + 1;
    }
    throw Xapian::InvalidOperationError("coop::DocidFilter: sub-database not found by UUID");
  }
  bool Mine(Xapian::docid d) const { return shards_ <= 1 || (d - 1) % shards_ == shard_; }
  Xapian::docid Local(Xapian::docid d) const {
    return shards_ <= 1 ? d : static_cast<Xapian::docid>((d - 1) / shards_ + 1);
  }
  Xapian::docid Whole(Xapian::docid local) const {
    return shards_ <= 1 ? local : static_cast<Xapian::docid>((local - 1) * shards_ + shard_ + 1);
  }
  void SkipOthers() {
    while (pos_ < ids_->size() && !Mine((*ids_)[pos_])) ++pos_;
  }
  const std::vector<Xapian::docid>* ids_ = nullptr;
  const Xapian::Database* db_;
  std::size_t pos_ = 0;
  bool started_ = false;
  std::size_t shards_ = 1, shard_ = 0;
  Xapian::doccount count_ = 0;
};

}  // namespace coop::exec

#endif  // COOP_SEARCHD_EXEC_DOCID_FILTER_H_
