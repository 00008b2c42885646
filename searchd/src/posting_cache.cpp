#include "coop/posting_cache.h"

#include <algorithm>
#include <bit>

namespace coop {

PostingCache::PostingCache(const Xapian::Database& db, Xapian::docid limit, std::size_t records,
                           Xapian::docid last)
    : limit_(limit),
      threshold_(std::max<std::size_t>(records / 32, 16)),
      words_per_term_(static_cast<std::size_t>(last) / 64 + 1) {  // bit d: docid d
  std::vector<Xapian::docid> docids;
  for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
    // A term's frequency counts its passages too: it bounds its records from above.
    if (t.get_termfreq() < threshold_) continue;
    docids.clear();
    for (auto p = db.postlist_begin(*t), end = db.postlist_end(*t); p != end && *p <= last; ++p) {
      docids.push_back(*p);
    }
    if (docids.size() < threshold_) continue;
    const std::size_t offset = words_.size();
    words_.resize(offset + words_per_term_, 0);
    for (Xapian::docid did : docids) words_[offset + did / 64] |= std::uint64_t{1} << (did % 64);
    terms_.emplace(*t, Entry{offset, static_cast<std::uint32_t>(docids.size())});
  }
  words_.shrink_to_fit();
}

bool PostingCache::Read(const std::string& term, std::vector<Xapian::docid>& out) const {
  const auto it = terms_.find(term);
  if (it == terms_.end()) return false;
  out.clear();
  out.reserve(it->second.count);
  const std::uint64_t* words = words_.data() + it->second.offset;
  for (std::size_t w = 0; w < words_per_term_; ++w) {
    for (std::uint64_t bits = words[w]; bits != 0; bits &= bits - 1) {
      out.push_back(static_cast<Xapian::docid>(w * 64 + std::countr_zero(bits)));
    }
  }
  return true;
}

bool PostingCache::ReadIn(const std::string& term, const std::vector<Xapian::docid>& domain,
                          std::vector<Xapian::docid>& out) const {
  const auto it = terms_.find(term);
  if (it == terms_.end()) return false;
  out.clear();
  const std::uint64_t* words = words_.data() + it->second.offset;
  const std::size_t size = words_per_term_ * 64;
  for (Xapian::docid did : domain) {
    if (did >= size) break;
    if (words[did / 64] >> (did % 64) & 1) out.push_back(did);
  }
  return true;
}

std::shared_ptr<const PhraseCache::Docids> PhraseCache::Get(const std::string& key, bool& admit) {
  std::lock_guard<std::mutex> lock(mu_);
  if (const auto it = slots_.find(key); it != slots_.end()) {
    lru_.splice(lru_.begin(), lru_, it->second.lru);
    admit = false;
    return it->second.docids;
  }
  if (uses_.size() > 65536) uses_.clear();  // a bound on the phrases tracked, not cached
  admit = ++uses_[key] >= 2;
  return nullptr;
}

void PhraseCache::Put(const std::string& key, Docids docids) {
  std::lock_guard<std::mutex> lock(mu_);
  if (docids.size() > max_docids_ || slots_.count(key)) return;
  docids_ += docids.size();
  lru_.push_front(key);
  slots_.emplace(key, Slot{std::make_shared<const Docids>(std::move(docids)), lru_.begin()});
  while (docids_ > max_docids_) {
    const auto last = slots_.find(lru_.back());
    docids_ -= last->second.docids->size();
    slots_.erase(last);
    lru_.pop_back();
  }
}

}  // namespace coop
