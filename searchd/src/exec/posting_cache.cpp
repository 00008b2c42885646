#include "exec/posting_cache.h"

#include <algorithm>
#include <bit>
#include <string>
#include <string_view>

#include "coop/schema.h"

namespace coop::exec {

PostingCache::PostingCache(const Xapian::Database& db, Xapian::docid limit, std::size_t records,
                           Xapian::docid last)
    : limit_(limit),
      threshold_(std::max<std::size_t>(records / 32, 16)),
      words_per_term_(static_cast<std::size_t>(last) / 64 + 1) {  // bit d: docid d
  std::vector<Xapian::docid> docids;
  const std::string exact_runs(schema::kExactRun), after_runs = exact_runs + "\xff";
  for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
    // Exact runs only weigh (a ranking boost), never count: none is read from here.
    if (std::string_view(*t).starts_with(exact_runs)) {
      t.skip_to(after_runs);
      if (t == db.allterms_end()) break;
    }
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

bool PostingCache::Read(const std::string& term, RecordSet& out) const {
  const auto it = terms_.find(term);
  if (it == terms_.end()) return false;
  out.Clear();
  out.Reserve(it->second.count);
  const std::uint64_t* words = words_.data() + it->second.offset;
  for (std::size_t w = 0; w < words_per_term_; ++w) {
    for (std::uint64_t bits = words[w]; bits != 0; bits &= bits - 1) {
      out.Append(static_cast<Xapian::docid>(w * 64 + std::countr_zero(bits)));
    }
  }
  return true;
}

bool PostingCache::ReadIn(const std::string& term, const RecordSet& domain, RecordSet& out) const {
  const auto it = terms_.find(term);
  if (it == terms_.end()) return false;
  out.Clear();
  const std::uint64_t* words = words_.data() + it->second.offset;
  const std::size_t size = words_per_term_ * 64;
  for (Xapian::docid did : domain) {
    if (did >= size) break;
    if (words[did / 64] >> (did % 64) & 1) out.Append(did);
  }
  return true;
}

}  // namespace coop::exec
