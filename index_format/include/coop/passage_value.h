// What a passage document stores (schema::kSlotPassage; passages have no document data),
// written by the indexer and read by searchd: everything a hit and a record page show of it.
// Layout: a format byte (kPassageValueFormat), then id, record id, heading (strings), page,
// index, begin, end (varints), text and highlight table (strings); strings are varint length +
// bytes (coop/packed.h). A value slot rather than the document data: values are not compressed
// by glass, so reading one is a copy, not a zlib inflate.
#ifndef COOP_PASSAGE_VALUE_H_
#define COOP_PASSAGE_VALUE_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "coop/packed.h"

namespace coop {

/// The fields of a passage value; views point into the value read (keep it alive).
struct PassageValue {
  std::string_view id, record, heading, text;
  std::string_view table;          ///< HighlightTable of `text` (coop/highlighter.h).
  int page = 0;                    ///< 1-based source page, 0 if unknown.
  std::size_t index = 0;           ///< Its rank among its record's passages, from 0.
  std::size_t begin = 0, end = 0;  ///< Byte offsets in the source text.
};

inline constexpr char kPassageValueFormat = 2;

/// Encodes `p` (page below 0 is stored as 0). Thread-safe.
inline std::string EncodePassageValue(const PassageValue& p) {
  std::string out(1, kPassageValueFormat);
  out.reserve(32 + p.id.size() + p.record.size() + p.heading.size() + p.text.size() +
              p.table.size());
  packed::AppendString(out, p.id);
  packed::AppendString(out, p.record);
  packed::AppendString(out, p.heading);
  packed::AppendVarint(out, p.page > 0 ? static_cast<std::uint64_t>(p.page) : 0);
  packed::AppendVarint(out, p.index);
  packed::AppendVarint(out, p.begin);
  packed::AppendVarint(out, p.end);
  packed::AppendString(out, p.text);
  packed::AppendString(out, p.table);
  return out;
}

/// Decodes `value` into `p`. Returns false if it is empty, of another format or malformed (the
/// caller reports it; an index of another format is refused at open, coop/index_metadata.h).
/// Thread-safe.
inline bool DecodePassageValue(std::string_view value, PassageValue& p) {
  if (value.empty() || value.front() != kPassageValueFormat) return false;
  value.remove_prefix(1);
  std::uint64_t page = 0, index = 0, begin = 0, end = 0;
  if (!packed::ReadString(value, p.id) || !packed::ReadString(value, p.record) ||
      !packed::ReadString(value, p.heading) || !packed::ReadVarint(value, page) ||
      page > static_cast<std::uint64_t>(std::numeric_limits<int>::max()) ||
      !packed::ReadVarint(value, index) || !packed::ReadVarint(value, begin) ||
      !packed::ReadVarint(value, end) || !packed::ReadString(value, p.text) ||
      !packed::ReadString(value, p.table) || !value.empty()) {
    return false;
  }
  p.page = static_cast<int>(page);
  p.index = static_cast<std::size_t>(index);
  p.begin = static_cast<std::size_t>(begin);
  p.end = static_cast<std::size_t>(end);
  return true;
}

}  // namespace coop

#endif  // COOP_PASSAGE_VALUE_H_
