// The record postings of the index's commonest terms, kept in memory as docid bitmaps for one
// index revision. Counting a search reads its terms' posting lists up to the end of the record
// docid range (record_set.h); for a word in most records ("commune", "développement") that is
// thousands of postings decoded per search, about 20 ns each at x100 (docs/bench/profile.md).
// A bitmap of a term's record docids is read in a few hundred nanoseconds instead. This is the
// term-level analogue of Lucene's query cache (LRUQueryCache), with a fixed admission rule
// instead of usage counts: every term in at least Threshold() records is kept, so the cache
// depends on the index only, not on the queries seen.
#ifndef COOP_SEARCHD_EXEC_POSTING_CACHE_H_
#define COOP_SEARCHD_EXEC_POSTING_CACHE_H_

#include <xapian.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "exec/record_set.h"

namespace coop::exec {

/// Record docid bitmaps of the terms in at least Threshold() records, but the exact runs
/// (schema::kExactRun: ranking boosts, never counted). Immutable after
/// construction; thread-safe to read.
class PostingCache {
 public:
  /// An empty cache (every lookup misses).
  PostingCache() = default;

  /// Keeps the postings below `limit` (the record docid range, schema::kPassageDocidBase) of
  /// every term of `db` with at least Threshold() of them. `records` is the number of documents
  /// below `limit`, and `last` the highest of their docids. Reads the whole term list once and
  /// the postings of the frequent terms: about 0.25 s and 8 MB for the x100 corpus (8,487
  /// records, 7,200 terms kept). Throws Xapian::Error on index failure.
  PostingCache(const Xapian::Database& db, Xapian::docid limit, std::size_t records,
               Xapian::docid last);

  /// The `limit` it was built with: it answers for postings below it only (0: empty cache).
  Xapian::docid Limit() const { return limit_; }

  /// Fewest records a term must have to be kept: records / 32, and at least 16 (below that,
  /// reading the posting list costs about as much as reading the bitmap).
  std::size_t Threshold() const { return threshold_; }

  /// Number of records with `term`, or 0 if the term is not kept (then it has fewer than
  /// Threshold(), or none).
  std::size_t Frequency(const std::string& term) const {
    const auto it = terms_.find(term);
    return it == terms_.end() ? 0 : it->second.count;
  }

  /// If `term` is kept: sets `out` to its record docids and returns true. Otherwise returns
  /// false and leaves `out` alone.
  bool Read(const std::string& term, RecordSet& out) const;

  /// If `term` is kept: sets `out` to the docids of `domain` that have it and returns true.
  /// Otherwise returns false and leaves `out` alone.
  bool ReadIn(const std::string& term, const RecordSet& domain, RecordSet& out) const;

 private:
  struct Entry {
    std::size_t offset;  // of the term's first word in words_
    std::uint32_t count;
  };
  Xapian::docid limit_ = 0;
  std::size_t threshold_ = 0;
  std::size_t words_per_term_ = 0;  // bit d of a term's bitmap: docid d
  std::vector<std::uint64_t> words_;
  std::unordered_map<std::string, Entry> terms_;
};

}  // namespace coop::exec

#endif  // COOP_SEARCHD_EXEC_POSTING_CACHE_H_
