#include "coop/fold.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "unicode_text.h"

namespace coop {
namespace {

// Fold() of one word, separators kept.
std::string FoldWord(std::string_view word) {
  std::string out;
  if (FoldLatin1(word, out)) return out;
  static const internal::Folder* folder = new internal::Folder;  // immutable, never destroyed
  const internal::Decoded d = internal::Decode(word, internal::Markup::kKeep);
  return folder->Fold(d.text, 0, d.text.length());
}

// Appends the letters and digits of `folded` to `out`, every run of other characters (and the
// start of `folded`, if `out` has text) as one space.
void AppendWords(std::string_view folded, std::string& out) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(folded.data());
  const auto length = static_cast<std::int32_t>(folded.size());
  bool space = !out.empty();
  for (std::int32_t i = 0; i < length;) {
    const std::int32_t at = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0 || !u_isalnum(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.append(folded.substr(static_cast<std::size_t>(at), static_cast<std::size_t>(i - at)));
  }
}

// A character of a word as written: a letter, a digit, or a mark on one (accent, harakat).
bool InWord(UChar32 c) {
  if (u_isalnum(c)) return true;
  const std::int8_t type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK;
}

}  // namespace

std::string Fold(std::string_view text, const FoldOptions& options) {
  std::string out;
  if (options.separators == FoldOptions::Separators::kKeep) {
    out = FoldWord(text);
  } else {
    // Words are told apart as written, before folding: a superscript footnote marker
    // ("partenariats¹") separates words rather than becoming a digit of the last one. Invalid
    // UTF-8 separates words too. What folding makes of a word's letters that is not a letter
    // or digit (ʼ -> ') separates as well, so the result has only letters, digits and spaces.
    const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto length = static_cast<std::int32_t>(text.size());
    std::int32_t word = 0;  // start of the current word
    for (std::int32_t i = 0; i <= length;) {
      const std::int32_t at = i;
      UChar32 c = -1;
      if (i < length) U8_NEXT(s, i, length, c);
      if (c >= 0 && InWord(c)) continue;
      if (at > word) {
        AppendWords(FoldWord(text.substr(static_cast<std::size_t>(word),
                                         static_cast<std::size_t>(at - word))),
                    out);
      }
      if (at == length) break;
      word = i;
    }
  }
  if (out.size() > options.max_bytes) internal::TruncateUtf8(out, options.max_bytes);
  return out;
}

}  // namespace coop
