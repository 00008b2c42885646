#include "unicode_text.h"

#include <unicode/uchar.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <new>
#include <stdexcept>

#include "coop/utf8.h"

namespace coop::internal {
namespace {

// Length in bytes of a "^{xx}" superscript at in[i] (content: 1 to 6 letters), else 0.
std::size_t SuperscriptLength(std::string_view in, std::size_t i) {
  if (in.compare(i, 2, "^{") != 0) return 0;
  const std::size_t close = in.find('}', i + 2);
  if (close == std::string_view::npos || close == i + 2 || close - i - 2 > 12) return 0;
  const auto* s = reinterpret_cast<const std::uint8_t*>(in.data());
  std::int32_t k = static_cast<std::int32_t>(i + 2);
  int letters = 0;
  while (k < static_cast<std::int32_t>(close)) {
    UChar32 c;
    U8_NEXT(s, k, static_cast<std::int32_t>(close), c);
    if (c < 0 || !u_isalpha(c)) return 0;
    ++letters;
  }
  return letters <= 6 ? close + 1 - i : 0;
}

}  // namespace

Decoded Decode(std::string_view in, Markup markup) {
  Decoded d;
  DecodeInto(in, markup, d);
  return d;
}

void DecodeInto(std::string_view in, Markup markup, Decoded& d) {
  if (d.byte_at.size() < in.size() + 1) d.byte_at.resize(in.size() + 1);
  // UTF-16 never needs more units than UTF-8 has bytes: write into ICU's buffer directly
  // (appending code point by code point costs a third of the whole analysis).
  UChar* out = d.text.getBuffer(static_cast<std::int32_t>(in.size()) + 1);
  if (out == nullptr) throw std::bad_alloc();
  std::int32_t n = 0;
  const auto* s = reinterpret_cast<const std::uint8_t*>(in.data());
  const auto length = static_cast<std::int32_t>(in.size());
  std::int32_t superscript_end = -1;  // byte offset of the closing '}' of the current "^{...}"
  for (std::int32_t i = 0; i < length;) {
    if (s[i] < 0x80) {  // ASCII fast path
      if (markup == Markup::kClean && s[i] == '^' && i > 0) {
        if (const std::size_t len = SuperscriptLength(in, static_cast<std::size_t>(i)); len > 0) {
          superscript_end = i + static_cast<std::int32_t>(len) - 1;
          i += 2;  // skip "^{"
          continue;
        }
      }
      if (i == superscript_end) {  // skip "}"
        ++i;
        continue;
      }
      d.byte_at[static_cast<std::size_t>(n)] = static_cast<std::uint32_t>(i);
      out[n++] = s[i++];
      continue;
    }
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) c = 0xFFFD;  // invalid sequence: replacement character, never an exception
    d.byte_at[static_cast<std::size_t>(n)] = static_cast<std::uint32_t>(start);
    if (c > 0xFFFF) d.byte_at[static_cast<std::size_t>(n) + 1] = static_cast<std::uint32_t>(start);
    U16_APPEND_UNSAFE(out, n, c);
  }
  d.text.releaseBuffer(n);
  d.byte_at[static_cast<std::size_t>(n)] = static_cast<std::uint32_t>(length);
  d.byte_at.resize(static_cast<std::size_t>(n) + 1);
}

void TruncateUtf8(std::string& s, std::size_t max) { s.resize(Utf8Prefix(s, max).size()); }

Folder::Folder() {
  UErrorCode status = U_ZERO_ERROR;
  nfkc_cf_ = icu::Normalizer2::getNFKCCasefoldInstance(status);
  nfd_ = icu::Normalizer2::getNFDInstance(status);
  nfc_ = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) {
    throw std::runtime_error(std::string("ICU normalizers unavailable: ") + u_errorName(status));
  }
}

std::string Folder::Fold(const icu::UnicodeString& text, std::int32_t start,
                         std::int32_t length) const {
  const std::int32_t end = start + length;
  bool ascii = true;
  for (std::int32_t i = start; i < end && ascii; ++i) ascii = text.charAt(i) < 0x80;
  std::string out;
  if (ascii) {  // fast path: most corpus words are plain ASCII
    out.reserve(static_cast<std::size_t>(length));
    for (std::int32_t i = start; i < end; ++i) {
      const char c = static_cast<char>(text.charAt(i));
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString in(text, start, length);
  icu::UnicodeString folded = nfkc_cf_->normalize(in, status);      // NFKC + full case folding
  icu::UnicodeString decomposed = nfd_->normalize(folded, status);  // split accents off letters
  icu::UnicodeString kept;
  for (std::int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    const std::int8_t type = u_charType(c);
    // Accents and Arabic harakat are non-spacing marks; U+0640 is the Arabic tatweel.
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || c == 0x0640) continue;
    switch (c) {
      case 0x0153:
        kept.append(u"oe");
        break;  // œ
      case 0x00E6:
        kept.append(u"ae");
        break;  // æ
      case 0x00F8:
        kept.append(u'o');
        break;  // ø
      case 0x0142:
        kept.append(u'l');
        break;  // ł
      case 0x0111:
        kept.append(u'd');
        break;  // đ
      case 0x0131:
        kept.append(u'i');
        break;  // dotless ı
      default:
        kept.append(IsApostrophe(c) ? UChar32{'\''} : c);
    }
  }
  icu::UnicodeString composed = nfc_->normalize(kept, status);
  if (U_FAILURE(status)) composed = kept;
  composed.toUTF8String(out);
  return out;
}

}  // namespace coop::internal
