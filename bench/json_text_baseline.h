// The JSON string writer searchd used until session 7, kept as the baseline of bench/json_bench.cpp
// and tests/json_writer_test.cpp (searchd now writes with RapidJSON: searchd/src/json_writer.h).
// Writing JSON text directly (the search response is built as a string: building Poco::JSON
// objects and stringifying them cost more than the search itself; docs/bench/profile.md).
#ifndef COOP_SEARCHD_JSON_TEXT_H_
#define COOP_SEARCHD_JSON_TEXT_H_

#include <unicode/utf8.h>

#include <cstdio>
#include <string>
#include <string_view>

namespace coop {

/// Appends `s` as a JSON string literal (RFC 8259): quotes, backslash and control characters
/// escaped, UTF-8 kept as is, invalid UTF-8 replaced by U+FFFD so the output is always valid.
inline void AppendJsonString(std::string& out, std::string_view s) {
  out.push_back('"');
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int32_t>(s.size());
  for (std::int32_t i = 0; i < n;) {
    // A run of printable ASCII other than '"' and '\\' is copied in one append (most bytes).
    std::int32_t run = i;
    while (run < n && p[run] >= 0x20 && p[run] < 0x7F && p[run] != '"' && p[run] != '\\') ++run;
    if (run > i) {
      out.append(s.data() + i, static_cast<std::size_t>(run - i));
      i = run;
      continue;
    }
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) {
      out += "\xEF\xBF\xBD";
    } else if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
      out += buf;
    } else {
      out.append(s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    }
  }
  out.push_back('"');
}

/// Appends `"key":` (key must need no escaping).
inline void AppendJsonKey(std::string& out, std::string_view key) {
  out.push_back('"');
  out.append(key);
  out += "\":";
}

}  // namespace coop

#endif  // COOP_SEARCHD_JSON_TEXT_H_
