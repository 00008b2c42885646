// The binary passage value of schema::kSlotPassage, written by the indexer and read by searchd.
// Layout: a format byte, then id, heading (strings), page (varint), text and highlight table
// (strings); strings are varint length + bytes (coop/packed.h).
#ifndef COOP_PASSAGE_VALUE_H_
#define COOP_PASSAGE_VALUE_H_

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "coop/packed.h"

namespace coop {

/// The fields of a passage value; views point into the value read (keep it alive).
struct PassageValue {
  std::string_view id, heading, text, table;
  int page = 0;  ///< 1-based source page, 0 if unknown.
};

inline constexpr char kPassageValueFormat = 1;

/// Encodes `p` (page below 0 is stored as 0). Thread-safe.
inline std::string EncodePassageValue(const PassageValue& p) {
  std::string out(1, kPassageValueFormat);
  out.reserve(16 + p.id.size() + p.heading.size() + p.text.size() + p.table.size());
  packed::AppendString(out, p.id);
  packed::AppendString(out, p.heading);
  packed::AppendVarint(out, p.page > 0 ? static_cast<std::uint64_t>(p.page) : 0);
  packed::AppendString(out, p.text);
  packed::AppendString(out, p.table);
  return out;
}

/// Decodes `value` into `p`. Returns false if it is empty (an index written before the slot),
/// of another format or malformed. Thread-safe.
inline bool DecodePassageValue(std::string_view value, PassageValue& p) {
  if (value.empty() || value.front() != kPassageValueFormat) return false;
  value.remove_prefix(1);
  std::uint64_t page = 0;
  if (!packed::ReadString(value, p.id) || !packed::ReadString(value, p.heading) ||
      !packed::ReadVarint(value, page) ||
      page > static_cast<std::uint64_t>(std::numeric_limits<int>::max()) ||
      !packed::ReadString(value, p.text) || !packed::ReadString(value, p.table) || !value.empty()) {
    return false;
  }
  p.page = static_cast<int>(page);
  return true;
}

}  // namespace coop

#endif  // COOP_PASSAGE_VALUE_H_
