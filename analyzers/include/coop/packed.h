// Length-prefixed binary fields for data stored in Xapian value slots: values are not compressed
// by Xapian (glass), so reading one is a copy, not a zlib inflate plus a JSON parse.
// Integers are unsigned LEB128 varints (7 bits a byte, low bits first, high bit = more follows).
#ifndef COOP_PACKED_H_
#define COOP_PACKED_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace coop::packed {

/// Appends `v` to `out` as a varint (1 byte below 128, at most 10 bytes). Thread-safe.
inline void AppendVarint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

/// Appends `s` as a varint byte length followed by its bytes. Thread-safe.
inline void AppendString(std::string& out, std::string_view s) {
  AppendVarint(out, s.size());
  out.append(s);
}

/// Reads a varint at `p`, not reading at or past `end`, into `v` and advances `p` past it.
/// Returns false (`p` and `v` then unspecified) if it runs into `end` or is longer than 64 bits.
/// For loops that read many varints: a cursor the compiler keeps in a register, where a
/// string_view passed by reference is reloaded and stored back around every store the loop
/// makes (the highlight table decoder, analyzers/src/highlighter.cpp). Thread-safe.
inline bool ReadVarint(const std::uint8_t*& p, const std::uint8_t* end, std::uint64_t& v) {
  if (p != end && *p < 0x80) {  // most: one byte
    v = *p++;
    return true;
  }
  v = 0;
  for (unsigned shift = 0; shift < 64 && p != end; shift += 7) {
    const std::uint8_t byte = *p++;
    v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    if (byte < 0x80) return true;
  }
  return false;
}

/// Reads a varint from the front of `in` into `v` and consumes it. Returns false (and leaves `v`
/// unspecified) if `in` ends inside the varint or it is longer than 64 bits. Thread-safe.
inline bool ReadVarint(std::string_view& in, std::uint64_t& v) {
  const auto* const begin = reinterpret_cast<const std::uint8_t*>(in.data());
  const std::uint8_t* p = begin;
  const bool ok = ReadVarint(p, begin + in.size(), v);
  in.remove_prefix(static_cast<std::size_t>(p - begin));
  return ok;
}

/// Reads a string written by AppendString from the front of `in` into `s` (a view into `in`'s
/// buffer) and consumes it. Returns false if `in` is too short. Thread-safe.
inline bool ReadString(std::string_view& in, std::string_view& s) {
  std::uint64_t n = 0;
  if (!ReadVarint(in, n) || n > in.size()) return false;
  s = in.substr(0, static_cast<std::size_t>(n));
  in.remove_prefix(static_cast<std::size_t>(n));
  return true;
}

}  // namespace coop::packed

#endif  // COOP_PACKED_H_
