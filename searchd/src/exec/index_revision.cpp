#include "exec/index_revision.h"

#include <algorithm>

#include "coop/schema.h"

namespace coop::exec {
namespace {

// Slots of IndexRevision::passage_values_: one per passage docid of a single local database.
std::size_t PassageSlots(const Xapian::Database& db, bool remote) {
  if (remote || db.size() != 1) return 0;
  const Xapian::docid last = db.get_lastdocid();
  return last < schema::kPassageDocidBase ? 0 : last - schema::kPassageDocidBase + 1;
}

}  // namespace

IndexRevision::IndexRevision(const Xapian::Database& db, RevisionOptions options)
    : remote_(options.remote),
      records_(db),
      postings_(remote_ ? PostingCache()
                        : PostingCache(db, schema::kPassageDocidBase, records_.records(),
                                       records_.LastRecordDoc())),
      region_names_(DecodePlaceNames(db.get_metadata(std::string(kRegionNamesKey)))),
      hit_members_(records_.records()),
      passage_docids_(records_.records()),
      passage_slots_(PassageSlots(db, options.remote)),
      passage_values_(passage_slots_, kPassageValueBudget) {
  for (std::size_t f = 0; f < RecordTable::kFacetCount; ++f) {
    facet_values_[f] = std::make_unique<const StringMemo>(records_.ValueCount(f));
  }
  for (PlacePoint& p : DecodePlacePoints(db.get_metadata(std::string(kPlacePointsKey)))) {
    std::string name = p.name;
    place_points_.emplace(std::move(name), std::move(p));
  }
  for (PlacePoint& p : DecodePlacePoints(db.get_metadata(std::string(kRegionPointsKey)))) {
    std::string name = p.name;
    region_points_.emplace(std::move(name), std::move(p));
  }
}

std::string IndexRevision::PassageValue(const Xapian::Database& db, Xapian::docid did) const {
  const auto read = [&] {
    return db.get_document(did, Xapian::DOC_ASSUME_VALID).get_value(schema::kSlotPassage);
  };
  if (did < schema::kPassageDocidBase || did - schema::kPassageDocidBase >= passage_slots_) {
    return read();
  }
  return passage_values_.Get(did - schema::kPassageDocidBase, read);
}

const TypoDictionary& IndexRevision::typo_dictionary(const Xapian::Database& spelling) const {
  // Built on first use, not with the revision: most revisions never see a typo.
  std::call_once(typo_once_,
                 [&] { typo_dictionary_ = std::make_unique<const TypoDictionary>(spelling); });
  return *typo_dictionary_;
}

Xapian::doccount IndexRevision::TermFreq(const Xapian::Database& db,
                                         const std::string& term) const {
  {
    std::lock_guard<std::mutex> lock(termfreq_mu_);
    if (auto it = termfreqs_.find(term); it != termfreqs_.end()) return it->second;
  }
  const Xapian::doccount freq = db.get_termfreq(term);  // not under the lock: I/O, round trips
  std::lock_guard<std::mutex> lock(termfreq_mu_);
  if (termfreqs_.size() >= kMaxTermFreqs) termfreqs_.clear();
  termfreqs_.emplace(term, freq);
  return freq;
}

std::string IndexRevision::SpellingSuggestion(const Xapian::Database& spelling,
                                              const std::string& word, unsigned max_edits) const {
  const std::string key = std::to_string(max_edits) + ' ' + word;
  {
    std::lock_guard<std::mutex> lock(spelling_mu_);
    if (auto it = spellings_.find(key); it != spellings_.end()) return it->second;
  }
  std::string better = spelling.get_spelling_suggestion(word, max_edits);  // not under the lock
  std::lock_guard<std::mutex> lock(spelling_mu_);
  if (spellings_.size() >= kMaxTermFreqs) spellings_.clear();
  spellings_.emplace(key, better);
  return better;
}

std::shared_ptr<const IndexRevision> RevisionCache::Get(const Xapian::Database& db,
                                                        RevisionOptions options) {
  // A database of several shards has no revision number (Xapian 1.4 throws
  // InvalidOperationError): local shards are keyed by their own revisions when the caller knows
  // that the handle reads exactly those (RevisionOptions::shard_revisions), else each searcher
  // builds its own state.
  std::string key;
  if (options.remote) {
    // Remote shards: no revision either, and each searcher reading the record table over the
    // network (a round trip per record) cost seconds per thread at x100. Shared under the
    // UUIDs and the counts a commit changes (documents, last docid, total length); an update
    // that changes none of them is missed until the next that does (docs/SCALING.md).
    key = "remote:" + db.get_uuid() + "@" + std::to_string(db.get_doccount()) + "/" +
          std::to_string(db.get_lastdocid()) + "/" + std::to_string(db.get_total_length());
  } else if (db.size() != 1) {
    if (options.shard_revisions.empty()) return std::make_shared<const IndexRevision>(db, options);
    key = "shards:" + options.shard_revisions;
  } else {
    key = db.get_uuid() + "@" + std::to_string(db.get_revision());
  }
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
