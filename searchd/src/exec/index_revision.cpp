#include "exec/index_revision.h"

#include <algorithm>

#include "coop/schema.h"

namespace coop::exec {

IndexRevision::IndexRevision(const Xapian::Database& db, RevisionOptions options)
    : remote_(options.remote),
      records_(db),
      postings_(remote_ ? PostingCache()
                        : PostingCache(db, schema::kPassageDocidBase, records_.records(),
                                       records_.LastRecordDoc())),
      region_names_(DecodePlaceNames(db.get_metadata(std::string(kRegionNamesKey)))) {
  for (PlacePoint& p : DecodePlacePoints(db.get_metadata(std::string(kPlacePointsKey)))) {
    std::string name = p.name;
    place_points_.emplace(std::move(name), std::move(p));
  }
  for (PlacePoint& p : DecodePlacePoints(db.get_metadata(std::string(kRegionPointsKey)))) {
    std::string name = p.name;
    region_points_.emplace(std::move(name), std::move(p));
  }
}

std::shared_ptr<const IndexRevision> RevisionCache::Get(const Xapian::Database& db,
                                                        RevisionOptions options) {
  // A database of several shards has no revision number (Xapian 1.4 throws
  // InvalidOperationError) and none that would name exactly what this handle reads: each
  // searcher builds its own state (docs/SCALING.md measures the cost).
  if (db.size() != 1 || options.remote) return std::make_shared<const IndexRevision>(db, options);
  const std::string key = db.get_uuid() + "@" + std::to_string(db.get_revision());
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = revisions_.find(key); it != revisions_.end()) return it->second;
  auto revision = std::make_shared<const IndexRevision>(db, options);
  revisions_.emplace(key, revision);
  order_.push_back(key);
  while (order_.size() > capacity_) {  // searchers still on an old one keep it alive
    revisions_.erase(order_.front());
    order_.erase(order_.begin());
  }
  return revision;
}

}  // namespace coop::exec
