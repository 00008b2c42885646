#include "exec/phrase_cache.h"

namespace coop::exec {

PhraseCache::Lookup PhraseCache::Get(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  if (const auto it = slots_.find(key); it != slots_.end()) {
    lru_.splice(lru_.begin(), lru_, it->second.lru);
    return {.kept = it->second.docids, .admit = false};
  }
  if (uses_.size() > 65536) uses_.clear();  // a bound on the phrases tracked, not cached
  return {.kept = nullptr, .admit = ++uses_[key] >= 2};
}

void PhraseCache::Put(const std::string& key, RecordSet docids) {
  std::lock_guard<std::mutex> lock(mu_);
  if (docids.size() > max_docids_ || slots_.count(key)) return;
  docids_ += docids.size();
  lru_.push_front(key);
  slots_.emplace(key, Slot{std::make_shared<const RecordSet>(std::move(docids)), lru_.begin()});
  while (docids_ > max_docids_) {
    const auto last = slots_.find(lru_.back());
    docids_ -= last->second.docids->size();
    slots_.erase(last);
    lru_.pop_back();
  }
}

}  // namespace coop::exec
