// Small UTF-8 helpers shared by every component.
#ifndef COOP_UTF8_H_
#define COOP_UTF8_H_

#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace coop {

/// The longest prefix of UTF-8 `s` of at most `max_bytes` bytes that does not end inside a
/// multi-byte sequence (a cut there would make the text invalid UTF-8). Pure; thread-safe.
inline std::string_view Utf8Prefix(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut);
}

/// True if `s` is well-formed UTF-8 (no invalid or truncated sequence). Pure; thread-safe.
inline bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int32_t>(s.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

}  // namespace coop

#endif  // COOP_UTF8_H_
