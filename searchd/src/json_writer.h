// JsonWriter: compact JSON text written by RapidJSON's SAX Writer straight into a std::string
// (issue 20: a kept-up writer instead of our own escaping in json_text.h, at the same speed;
// measured in bench/json_bench.cpp, numbers in docs/bench/profile.md, session 7).
//
// What it adds to rapidjson::Writer, and why:
// - Output always valid UTF-8: RapidJSON copies ill-formed UTF-8 through unchanged, and with
//   kWriteValidateEncodingFlag it fails mid-string (leaving half a document, and reading past the
//   end of a string cut inside a sequence). Index text and queries can hold stray bytes, so each
//   ill-formed sequence is replaced by U+FFFD first, exactly as json_text.h does (ICU's U8_NEXT:
//   one U+FFFD per maximal ill-formed subpart).
// - Fixed(value, decimals): the "%.2f" numbers of the API ("score":1.00, "took_ms":0.292).
//   Writer::Double prints the shortest round-trip form ("1.0", "0.9") and SetMaxDecimalPlaces
//   truncates instead of rounding, so neither gives printf's text; std::to_chars does.
// - string_view in, std::string out, no copy of the result.
//
// Escaping is RapidJSON's (the same bytes as Poco::JSON, which writes the record pages):
// '"' and '\\' as \" and \\, \b \t \n \f \r as short escapes, other control characters as
// \u00XX with upper-case hex; everything else, U+2028/U+2029 and DEL included, as is.
// json_text.h differs only on control characters: it writes all of them as \u00xx, lower case.
#ifndef COOP_SEARCHD_JSON_WRITER_H_
#define COOP_SEARCHD_JSON_WRITER_H_

#include <rapidjson/writer.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace coop {

/// RapidJSON output stream appending to a std::string (the Stream concept's writing half, with
/// the PutReserve/PutUnsafe pair RapidJSON uses for its StringBuffer). Bytes are stored through
/// a pointer into a buffer of the stream's own and appended to the string, at once, by Flush():
/// RapidJSON writes byte by byte, and with std::string::push_back per byte a search response
/// took 1.7 times as long as with json_text.h (bench/json_bench.cpp). The buffer is not a
/// std::string because growing one zero-fills it first: the memset and the copies of growing a
/// string were 5.7M instructions of a x1 search run (docs/bench/profile.md, session 17), the
/// one copy into the string at the end costs a third of that. RapidJSON calls Flush() when the
/// root value ends. Not thread-safe; `out` must outlive the stream and not be touched until
/// Flush().
class JsonStringStream {
 public:
  using Ch = char;  // RapidJSON's code-unit type for UTF-8
  /// Appends to `out`, whose existing contents are kept, with room for `spare_bytes` bytes
  /// before the first growth.
  explicit JsonStringStream(std::string& out, std::size_t spare_bytes = 0)
      : out_(&out),
        buffer_(new char[std::max<std::size_t>(spare_bytes, 1)]),  // not zeroed
        cur_(buffer_.get()),
        end_(buffer_.get() + std::max<std::size_t>(spare_bytes, 1)) {}
  /// Appends one byte.
  void Put(char c) {
    Reserve(1);
    *cur_++ = c;
  }
  /// Makes room for `n` more bytes, which PutUnsafe then stores without checking.
  void Reserve(std::size_t n) {
    if (static_cast<std::size_t>(end_ - cur_) < n) Grow(n);
  }
  /// Appends one byte into room made by Reserve.
  void PutUnsafe(char c) { *cur_++ = c; }
  /// Appends `bytes` into room made by Reserve.
  void AppendUnsafe(std::string_view bytes) {
    std::memcpy(cur_, bytes.data(), bytes.size());
    cur_ += bytes.size();
  }
  /// Appends `bytes` as they are.
  void Append(std::string_view bytes) {
    Reserve(bytes.size());
    AppendUnsafe(bytes);
  }
  /// Appends the bytes written since the last Flush() to the string.
  void Flush() {
    out_->append(buffer_.get(), static_cast<std::size_t>(cur_ - buffer_.get()));
    cur_ = buffer_.get();
  }

 private:
  void Grow(std::size_t n) {
    const auto used = static_cast<std::size_t>(cur_ - buffer_.get());
    const auto size = std::max(static_cast<std::size_t>(end_ - buffer_.get()) * 2, used + n);
    std::unique_ptr<char[]> grown(new char[size]);  // not zeroed
    std::memcpy(grown.get(), buffer_.get(), used);
    buffer_ = std::move(grown);
    cur_ = buffer_.get() + used;
    end_ = buffer_.get() + size;
  }

  std::string* out_;
  std::unique_ptr<char[]> buffer_;  // bytes not flushed yet, then spare room
  char* cur_;                       // next byte to write in buffer_
  char* end_;                       // end of buffer_
};

/// RapidJSON's hooks for JsonStringStream (found by argument-dependent lookup from its Writer).
inline void PutReserve(JsonStringStream& s, std::size_t n) { s.Reserve(n); }
/// See PutReserve.
inline void PutUnsafe(JsonStringStream& s, char c) { s.PutUnsafe(c); }

/// Writes one JSON value (normally an object) as compact text into a string it owns, through
/// rapidjson::Writer. Calls follow the value's structure: StartObject, then Key and a value per
/// member, EndObject; StartArray, values, EndArray. Misuse (a value where a key is due, an End*
/// that does not match) is a programming error: RapidJSON asserts it in debug builds and writes
/// wrong text in release builds; Finish() checks that the value is complete. Not thread-safe;
/// one writer per response. Neither copyable nor movable (RapidJSON holds the stream's address).
class JsonWriter {
 public:
  /// An empty writer whose buffer has room for `reserve_bytes` bytes of output (32 KiB fits
  /// nearly every search response of the bench paths at x1 without growing, and costs no more
  /// to get than 8 KiB as it is not zeroed; larger ones grow as needed).
  explicit JsonWriter(std::size_t reserve_bytes = 32 << 10)
      : stream_(out_, reserve_bytes), writer_(stream_) {}
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  /// Opens an object: `{`.
  void StartObject() { writer_.StartObject(); }
  /// Closes the innermost open object: `}`.
  void EndObject() { writer_.EndObject(); }
  /// Opens an array: `[`.
  void StartArray() { writer_.StartArray(); }
  /// Closes the innermost open array: `]`.
  void EndArray() { writer_.EndArray(); }

  /// Writes a member name (escaped, invalid UTF-8 replaced as in String) and its `:`.
  /// Throws std::length_error if `key` is 1 GiB or longer.
  void Key(std::string_view key) {
    // RawValue of nothing writes what comes before a key (a comma) and counts the member.
    writer_.RawValue("", 0, rapidjson::kStringType);
    WriteEscaped(ValidUtf8(key));
  }
  /// Writes a string value: escaped as described at the top of this file, each ill-formed
  /// UTF-8 sequence replaced by U+FFFD, so the output is valid UTF-8 whatever `s` holds.
  /// Throws std::length_error if `s` is 1 GiB or longer (so that even a repaired copy fits
  /// RapidJSON's 32-bit lengths).
  void String(std::string_view s) {
    // RawValue of nothing writes what comes before a value (a comma or colon) and counts it.
    writer_.RawValue("", 0, rapidjson::kStringType);
    WriteEscaped(ValidUtf8(s));
  }
  /// Writes a signed integer in decimal.
  void Int(std::int64_t v) { writer_.Int64(v); }
  /// Writes an unsigned integer in decimal.
  void Uint(std::uint64_t v) { writer_.Uint64(v); }
  /// Writes `null`.
  void Null() { writer_.Null(); }
  /// Writes `true` or `false`.
  void Bool(bool v) { writer_.Bool(v); }
  /// Writes `v` in RapidJSON's shortest round-trip form ("2032800.0", "0.1"). Throws
  /// std::invalid_argument if `v` is not finite.
  void Double(double v) {
    if (!std::isfinite(v)) throw std::invalid_argument("JsonWriter::Double: not a finite number");
    writer_.Double(v);
  }
  /// Writes `v` with exactly `decimals` digits after the point, rounded as printf("%.*f")
  /// rounds (1 -> "1.00", 0.946 -> "0.95" for 2; 0 decimals: no point), locale-independent.
  /// Throws std::invalid_argument if `v` is not finite (JSON has no NaN or infinity) or
  /// `decimals` is outside 0..9.
  void Fixed(double v, int decimals) {
    if (!std::isfinite(v)) throw std::invalid_argument("JsonWriter::Fixed: not a finite number");
    if (decimals < 0 || decimals > 9) {
      throw std::invalid_argument("JsonWriter::Fixed: decimals must be between 0 and 9");
    }
    // Fixed notation of the largest double: 309 digits, a sign, a point and 9 decimals.
    char buf[330];
    const std::to_chars_result r =
        std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
    writer_.RawValue(buf, static_cast<std::size_t>(r.ptr - buf), rapidjson::kNumberType);
  }

  /// Writes `members` as they are: members of the object just opened, as another JsonWriter
  /// wrote them, each followed by a comma (`"a":1,"b":[2],`). Only right after StartObject(),
  /// and a Key() must follow (RapidJSON does not see these members: the next Key() writes no
  /// comma before it, since the object looks empty). For text written once and kept, such as a
  /// hit's record members (exec/string_memo.h).
  void RawMembers(std::string_view members) { stream_.Append(members); }

  /// Writes an object value: `head`, the object's text up to the `:` of its last member
  /// (`{"value":"Agadir","count":`) as another JsonWriter wrote it, then `v` in decimal (as
  /// Uint writes it) and `}`. For heads written once and kept (exec/string_memo.h).
  void ObjectEndingWithUint(std::string_view head, std::uint64_t v) {
    // RapidJSON copies raw text byte by byte: it gets the `{` only (and writes the comma
    // before it), the rest is copied whole.
    writer_.RawValue(head.data(), 1, rapidjson::kObjectType);
    stream_.Append(head.substr(1));
    char buf[24];
    const std::to_chars_result r = std::to_chars(buf, buf + sizeof buf, v);
    stream_.Append(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
    stream_.Put('}');
  }

  /// True once one complete value has been written (every object and array closed).
  bool IsComplete() const { return writer_.IsComplete(); }
  /// The text written, moved out; the writer must not be used afterwards.
  /// Throws std::logic_error if the value is not complete (an object or array left open).
  std::string Finish() {
    if (!writer_.IsComplete()) throw std::logic_error("JsonWriter::Finish: value not complete");
    stream_.Flush();  // RapidJSON flushed already; once more costs nothing and states the need
    return std::move(out_);
  }

 private:
  static constexpr std::size_t kMaxStringBytes = std::size_t{1} << 30;

  // Offset of the first non-ASCII byte of p[0, n), or n. Checked 8 bytes at a time, and inlined
  // into Key and String: a byte-by-byte check, out of line, added 40% to RapidJSON's own cost
  // (149k instructions on 357k for the x1 response of bench/json_bench.cpp; now 35k).
  static std::size_t AsciiPrefix(const std::uint8_t* p, std::size_t n) {
    constexpr std::uint64_t kHighBits = 0x8080808080808080u;
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      std::uint64_t word;
      std::memcpy(&word, p + i, sizeof word);
      if (const std::uint64_t high = word & kHighBits) {
        // The lowest-addressed byte is the word's low end on little-endian machines.
        if constexpr (std::endian::native == std::endian::little) {
          return i + static_cast<std::size_t>(std::countr_zero(high)) / 8;
        } else {
          return i + static_cast<std::size_t>(std::countl_zero(high)) / 8;
        }
      }
    }
    while (i < n && p[i] < 0x80) ++i;
    return i;
  }

  // Offset of the first byte of p[0, n) that JSON must escape ('"', '\\', a control character
  // below 0x20), or n. Checked 8 bytes at a time: the three tests are exact for the lowest
  // byte that fails one (borrows only run upwards from a byte that fails).
  static std::size_t UnescapedPrefix(const char* p, std::size_t n) {
    constexpr std::uint64_t kOnes = 0x0101010101010101u, kHighBits = 0x8080808080808080u;
    const auto zero_byte = [](std::uint64_t x) { return (x - kOnes) & ~x & kHighBits; };
    std::size_t i = 0;
    if constexpr (std::endian::native == std::endian::little) {
      for (; i + 8 <= n; i += 8) {
        std::uint64_t word;
        std::memcpy(&word, p + i, sizeof word);
        const std::uint64_t escaped = ((word - kOnes * 0x20) & ~word & kHighBits) |
                                      zero_byte(word ^ (kOnes * '"')) |
                                      zero_byte(word ^ (kOnes * '\\'));
        if (escaped != 0) return i + static_cast<std::size_t>(std::countr_zero(escaped)) / 8;
      }
    }
    while (i < n && !NeedsEscape(static_cast<unsigned char>(p[i]))) ++i;
    return i;
  }

  static bool NeedsEscape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

  // Writes `v` as a JSON string, quotes included, with the bytes RapidJSON's Writer::String
  // writes (its escapes listed at the top of this file), but runs of bytes that need no escape
  // copied at once: RapidJSON looks up and stores each byte (7.7M instructions of a x1 search
  // run; docs/bench/profile.md, session 17).
  void WriteEscaped(std::string_view v) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    stream_.Reserve(2 + v.size() * 6);  // RapidJSON's bound: "\u00XX" per byte
    stream_.PutUnsafe('"');
    for (std::size_t i = 0; i < v.size();) {
      const std::size_t run = UnescapedPrefix(v.data() + i, v.size() - i);
      stream_.AppendUnsafe(v.substr(i, run));
      i += run;
      if (i == v.size()) break;
      const auto c = static_cast<unsigned char>(v[i++]);
      stream_.PutUnsafe('\\');
      // RapidJSON's two-byte escapes; any other control byte as \u00XX.
      static constexpr std::string_view kEscaped = "\"\\\b\t\n\f\r", kShort = "\"\\btnfr";
      if (const std::size_t k = kEscaped.find(static_cast<char>(c)); k != std::string_view::npos) {
        stream_.PutUnsafe(kShort[k]);
        continue;
      }
      for (const char x : {'u', '0', '0', kHex[c >> 4], kHex[c & 15]}) stream_.PutUnsafe(x);
    }
    stream_.PutUnsafe('"');
  }

  // `s` itself when it is valid UTF-8 (nearly always: one scan, no copy), otherwise a copy in
  // scratch_ with each maximal ill-formed subpart replaced by U+FFFD (the same bytes as
  // AppendJsonString in json_text.h). All-ASCII strings (every key, most values) are settled
  // here, inline; the rest out of line.
  std::string_view ValidUtf8(std::string_view s) {
    if (s.size() >= kMaxStringBytes) throw std::length_error("JsonWriter: string of 1 GiB or more");
    const std::size_t ascii =
        AsciiPrefix(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
    return ascii == s.size() ? s : ValidUtf8From(s, ascii);
  }

  // ValidUtf8 for `s` whose first non-ASCII byte is at `from`. The repaired copy is at most 3
  // times as long as `s` (one 3-byte U+FFFD per byte): under 1 GiB in, it fits RapidJSON's
  // 32-bit lengths.
  std::string_view ValidUtf8From(std::string_view s, std::size_t from) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
    const auto n32 = static_cast<std::int32_t>(s.size());
    auto i = static_cast<std::int32_t>(from);
    while (i < n32) {  // p[i] is not ASCII
      const std::int32_t start = i;
      UChar32 c;
      U8_NEXT(p, i, n32, c);
      if (c < 0) {
        i = start;
        break;
      }
      i += static_cast<std::int32_t>(AsciiPrefix(p + i, s.size() - static_cast<std::size_t>(i)));
    }
    if (i >= n32) return s;
    scratch_.assign(s.data(), static_cast<std::size_t>(i));
    while (i < n32) {
      const std::int32_t start = i;
      UChar32 c;
      U8_NEXT(p, i, n32, c);
      if (c < 0) {
        scratch_ += "\xEF\xBF\xBD";
      } else {
        scratch_.append(s.data() + start, static_cast<std::size_t>(i - start));
      }
    }
    return scratch_;
  }

  std::string out_;
  std::string scratch_;  // repaired copy of the last ill-formed string (reused: no allocation)
  JsonStringStream stream_;
  rapidjson::Writer<JsonStringStream> writer_;
};

/// Writes one {"value": v.value, "count": v.count} object (see WriteValueCounts). Throws as
/// JsonWriter::String.
template <typename Counted>
void WriteValueCount(JsonWriter& w, const Counted& v) {
  w.StartObject();
  w.Key("value");
  w.String(v.value);
  w.Key("count");
  w.Uint(v.count);
  w.EndObject();
}

/// Writes `values` as [{"value": v.value, "count": v.count}, ...], in their order: the shape of
/// facet values, statistics and the sides of the pairs matrix (docs/API.md). `Counted` has a
/// string-like `value` and an unsigned `count`. Throws as JsonWriter::String.
template <typename Counted>
void WriteValueCounts(JsonWriter& w, const std::vector<Counted>& values) {
  w.StartArray();
  for (const Counted& v : values) WriteValueCount(w, v);
  w.EndArray();
}

}  // namespace coop

#endif  // COOP_SEARCHD_JSON_WRITER_H_
