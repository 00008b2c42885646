// A value (a string, a docid list) per small integer id (a record ordinal, a facet value id) of
// one index revision, made on first use and kept with the revision.
#ifndef COOP_SEARCHD_EXEC_STRING_MEMO_H_
#define COOP_SEARCHD_EXEC_STRING_MEMO_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace coop::exec {

/// One value of type T per id 0 .. n - 1 (a record ordinal or a facet value id of the
/// RecordTable), made
/// by the first caller that asks for it and kept as long as the revision: for text that depends
/// on the revision's data alone, such as a search hit's record members or a facet value in the
/// response JSON (result_json.cpp), which cost more to write than to copy (x1: about 20k
/// instructions a hit). The same as making every id's value when the revision is built,
/// without the time and memory for ids never shown (at most all their values: x100, a few
/// MB). Thread-safe: a value is published once, atomically; two threads that make the same
/// one at once keep the first. StringMemo holds strings; a record's passage docids are kept the
/// same way (IndexRevision::passage_docids).
template <typename T>
class IdMemo {
 public:
  /// For ids 0 .. `ids` - 1.
  explicit IdMemo(std::size_t ids)
      : ids_(ids), slots_(std::make_unique<std::atomic<const T*>[]>(ids)) {}
  ~IdMemo() {
    for (std::size_t i = 0; i < ids_; ++i) delete slots_[i].load(std::memory_order_acquire);
  }
  IdMemo(const IdMemo&) = delete;
  IdMemo& operator=(const IdMemo&) = delete;

  /// The value of `id` (below the constructor's `ids`): `make()` on its first call for that
  /// id, the kept value afterwards (the reference lives as long as this memo). `make` must
  /// return the same value whoever calls it; what it throws passes through and nothing is kept.
  template <typename Make>
  const T& Get(std::uint32_t id, Make&& make) const {
    std::atomic<const T*>& slot = slots_[id];
    if (const T* kept = slot.load(std::memory_order_acquire)) return *kept;
    auto made = std::make_unique<const T>(make());
    const T* expected = nullptr;
    if (slot.compare_exchange_strong(expected, made.get(), std::memory_order_acq_rel)) {
      return *made.release();
    }
    return *expected;  // another thread kept its value first
  }

  /// The kept value of `id`, or null if none is kept yet.
  const T* Find(std::uint32_t id) const { return slots_[id].load(std::memory_order_acquire); }

 private:
  std::size_t ids_;
  std::unique_ptr<std::atomic<const T*>[]> slots_;
};

/// The strings of ids (see IdMemo).
using StringMemo = IdMemo<std::string>;

/// As StringMemo, but keeps strings only while they add up to at most `budget` bytes: past it,
/// Get() makes the string on every call. For values of which a process may see many, such as
/// the stored fields of search hits' passages (IndexRevision::passage_values): the first seen
/// are kept, nothing is evicted (no lock, no recency list). Thread-safe as IdMemo; the budget
/// may be overrun by the strings of threads that check it at the same time.
class BudgetedStringMemo {
 public:
  /// For ids 0 .. `ids` - 1, keeping at most `budget` bytes of strings.
  BudgetedStringMemo(std::size_t ids, std::size_t budget) : memo_(ids), budget_(budget) {}

  /// The string of `id` (below `ids`), a copy: `make()` until it is kept, which happens on the
  /// first call that finds room in the budget. `make` must return the same string whoever
  /// calls it; what it throws passes through.
  template <typename Make>
  std::string Get(std::uint32_t id, Make&& make) const {
    if (const std::string* kept = memo_.Find(id)) return *kept;
    std::string made = make();
    const std::size_t bytes = made.size() + sizeof(std::string);
    if (used_.load(std::memory_order_relaxed) + bytes > budget_) return made;
    used_.fetch_add(bytes, std::memory_order_relaxed);
    return memo_.Get(id, [&] { return made; });
  }

 private:
  IdMemo<std::string> memo_;
  std::size_t budget_;
  mutable std::atomic<std::size_t> used_{0};
};

}  // namespace coop::exec

#endif  // COOP_SEARCHD_EXEC_STRING_MEMO_H_
