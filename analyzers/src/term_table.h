// Internal to coop_analyzers: the open-addressing hash table behind the analyzer's per-term
// caches. std::unordered_map cost one node walk (a cache miss) and a std::string key per probe;
// here a probe is one slot read (hash and index side by side) and, on a hash match, one compare
// with a key stored next to its value.
#ifndef COOP_ANALYZERS_TERM_TABLE_H_
#define COOP_ANALYZERS_TERM_TABLE_H_

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace coop::internal {

// FNV-1a, fed one character at a time so callers can hash while they fold; Finish() spreads the
// bits before they pick a slot.
inline constexpr std::uint64_t kHashSeed = 0xcbf29ce484222325ULL;
inline std::uint64_t HashStep(std::uint64_t h, std::uint32_t c) {
  return (h ^ c) * 0x100000001b3ULL;
}
inline std::uint64_t HashFinish(std::uint64_t h) {
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ULL;
  return h ^ (h >> 32);
}
template <typename Char>
std::uint64_t HashOf(std::basic_string_view<Char> s) {
  std::uint64_t h = kHashSeed;
  for (Char c : s) h = HashStep(h, static_cast<std::uint32_t>(c));
  return HashFinish(h);
}

// Map from a string key (std::string or std::u16string) to a Value. Entries live in a deque:
// references to them (and views of their keys) stay valid until Clear(). Not thread-safe.
template <typename Key, typename Value>
class TermTable {
 public:
  using View = std::basic_string_view<typename Key::value_type>;
  struct Entry {
    Key key;
    Value value;
  };

  TermTable() : slots_(kMinSlots) {}

  // The entry of `key`, whose HashOf() is `hash`, or nullptr.
  Entry* Find(View key, std::uint64_t hash) {
    const std::size_t mask = slots_.size() - 1;
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot s = slots_[i];
      if (s.index == 0) return nullptr;
      Entry& e = entries_[s.index - 1];
      if (s.tag == tag && View(e.key) == key) return &e;
    }
  }

  // Adds `key` (not present; HashOf() is `hash`) with `value`.
  Entry& Insert(View key, std::uint64_t hash, Value value) {
    if (2 * (entries_.size() + 1) > slots_.size()) Grow();
    entries_.push_back(Entry{Key(key), std::move(value)});
    Place(hash, static_cast<std::uint32_t>(entries_.size()));
    return entries_.back();
  }

  std::size_t size() const { return entries_.size(); }

  void Clear() {
    entries_.clear();
    slots_.assign(kMinSlots, Slot{});
  }

 private:
  // Grows to twice the entries (the corpus: ~15 000 terms); small while an analyzer is new.
  static constexpr std::size_t kMinSlots = 1 << 10;
  struct Slot {
    std::uint32_t tag = 0;    // high half of the hash
    std::uint32_t index = 0;  // 1 + index into entries_; 0 = empty
  };

  void Place(std::uint64_t hash, std::uint32_t index) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = hash & mask;
    while (slots_[i].index != 0) i = (i + 1) & mask;
    slots_[i] = Slot{static_cast<std::uint32_t>(hash >> 32), index};
  }

  void Grow() {
    slots_.assign(slots_.size() * 2, Slot{});
    for (std::size_t k = 0; k < entries_.size(); ++k) {
      Place(HashOf(View(entries_[k].key)), static_cast<std::uint32_t>(k + 1));
    }
  }

  std::vector<Slot> slots_;
  std::deque<Entry> entries_;
};

}  // namespace coop::internal

#endif  // COOP_ANALYZERS_TERM_TABLE_H_
