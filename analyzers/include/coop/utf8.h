// Small UTF-8 helpers shared by every component.
#ifndef COOP_UTF8_H_
#define COOP_UTF8_H_

#include <cstddef>
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

}  // namespace coop

#endif  // COOP_UTF8_H_
