// Internal to coop_analyzers: UTF-8 decoding with byte offsets, and per-word folding.
#ifndef COOP_ANALYZERS_UNICODE_TEXT_H_
#define COOP_ANALYZERS_UNICODE_TEXT_H_

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace coop::internal {

// ' (U+0027), ‘ (U+2018), ’ (U+2019) and ʼ (U+02BC) all occur as apostrophes in French text.
inline bool IsApostrophe(UChar32 c) {
  return c == 0x27 || c == 0x2018 || c == 0x2019 || c == 0x02BC;
}

// Hyphens that join the parts of a compound: - (U+002D), ‐ (U+2010), ‑ (U+2011).
inline bool IsHyphen(UChar32 c) { return c == 0x2D || c == 0x2010 || c == 0x2011; }

// Spaces that may separate digit groups ("2 032 800"): space, no-break space, narrow no-break
// space.
inline bool IsGroupSpace(UChar32 c) { return c == 0x20 || c == 0xA0 || c == 0x202F; }

// UTF-16 text decoded from UTF-8 with, for every UTF-16 index, the byte offset it came from.
struct Decoded {
  icu::UnicodeString text;
  std::vector<std::uint32_t> byte_at;  // size text.length() + 1
};

// What Decode() does with the extraction's markup.
enum class Markup {
  kKeep,   // decoded as written: "1^{er}" stays six characters
  kClean,  // the Markdown superscript "1^{er}", "9^{ème}" is decoded as "1er": "^{" and "}" are
           // skipped, so the word is one token whose byte span still covers the markup
};

// Decodes UTF-8; invalid sequences become U+FFFD (never throws).
Decoded Decode(std::string_view in, Markup markup);
// The same into `d`, reusing its buffers (the analyzer decodes every text into one Decoded).
void DecodeInto(std::string_view in, Markup markup, Decoded& d);

// Truncates UTF-8 `s` to at most `max` bytes without splitting a code point.
void TruncateUtf8(std::string& s, std::size_t max);

// The character folding of coop::Fold (coop/fold.h, which documents it) on the UTF-16 units
// [start, start + length) of `text`, without FoldOptions: the analyzer folds each word of its
// decoded text in place, and cuts terms to kMaxTermBytes after merging. ASCII takes a fast path.
// Thread-safe (ICU's normalizers are immutable).
class Folder {
 public:
  Folder();  // throws std::runtime_error if ICU's normalizers are unavailable
  std::string Fold(const icu::UnicodeString& text, std::int32_t start, std::int32_t length) const;

 private:
  const icu::Normalizer2* nfkc_cf_ = nullptr;
  const icu::Normalizer2* nfd_ = nullptr;
  const icu::Normalizer2* nfc_ = nullptr;
};

}  // namespace coop::internal

#endif  // COOP_ANALYZERS_UNICODE_TEXT_H_
