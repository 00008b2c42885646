// The record sets of phrases searched repeatedly, shared by the searches of one index revision.
#ifndef COOP_SEARCHD_EXEC_PHRASE_CACHE_H_
#define COOP_SEARCHD_EXEC_PHRASE_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "exec/record_set.h"

namespace coop::exec {

/// The records of phrases searched repeatedly, checked once in full and shared by the searches
/// of one index revision. A phrase costs a position check per candidate record (x100: 1 ms for
/// "charte de participation citoyenne", 385 records); a place name with a multi-word spelling
/// ("Souss Massa Drâa") adds phrase alternatives to every query naming it. This is Lucene's
/// LRUQueryCache with its UsageTrackingQueryCachingPolicy (costly queries such as phrases are
/// cached from their second use): a phrase is checked in full and kept from its second search
/// on, least recently used first out beyond `max_docids`. The sets are those of PhraseSets over
/// the records (scope: record kind, limit schema::kPassageDocidBase). Thread-safe: the one
/// mutable part of an IndexRevision (index_revision.h), filled by its searches.
class PhraseCache {
 public:
  /// Keeps at most `max_docids` docids in all (4 bytes each; the default is 4 MB).
  explicit PhraseCache(std::size_t max_docids = std::size_t{1} << 20) : max_docids_(max_docids) {}

  /// What Get() knows of a phrase.
  struct Lookup {
    std::shared_ptr<const RecordSet> kept;  ///< Its records if kept, else null.
    bool admit = false;  ///< Not kept, and this is its second use or later: the caller should
                         ///< check it in full and Put() it.
  };

  /// Looks up the phrase `key` (its terms, each followed by '\0') and counts a use of it.
  Lookup Get(const std::string& key);

  /// Keeps `docids`, the records of phrase `key` (ascending), evicting the least recently used
  /// phrases beyond the bound. A set larger than the bound is not kept.
  void Put(const std::string& key, RecordSet docids);

 private:
  struct Slot {
    std::shared_ptr<const RecordSet> docids;
    std::list<std::string>::iterator lru;
  };
  std::mutex mu_;
  std::size_t max_docids_, docids_ = 0;
  std::unordered_map<std::string, Slot> slots_;
  std::list<std::string> lru_;  // most recent first
  std::unordered_map<std::string, std::uint32_t> uses_;
};

}  // namespace coop::exec

#endif  // COOP_SEARCHD_EXEC_PHRASE_CACHE_H_
