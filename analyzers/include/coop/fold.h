// Folding: the one way text is reduced to a form that compares equal across case, accents,
// ligatures and apostrophe styles. Terms (Analyzer::Analyze, Analyzer::Fold), facet filter terms,
// segmentation's comparisons of lines and names (coop/segmenter.h) and the highlighter's stored
// tables all fold as Fold() does; where they need something else, a FoldOptions field says what.
#ifndef COOP_FOLD_H_
#define COOP_FOLD_H_

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

namespace coop {

/// What Fold() does besides folding characters. The defaults fold every character and keep the
/// rest of the text as it is.
struct FoldOptions {
  /// What becomes of separators: the characters that are neither letters, decimal digits nor
  /// marks on them, as written (a superscript "¹" or a fraction "½" is a separator, whatever it
  /// folds to).
  enum class Separators {
    /// Folded like the rest and kept in place: "Tadla-Azilal" -> "tadla-azilal". Terms and facet
    /// values, where a hyphen or a space is part of the value.
    kKeep,
    /// Every run of separators becomes one space, none at either end, and so does whatever
    /// folding makes of a letter that is not a letter or digit (ʼ -> '): the result holds only
    /// letters, digits and single spaces. " Tadla-Azilal¹ :" -> "tadla azilal". Segmentation's
    /// comparison form (kKeyFold), where "Cadre juridique :" and "CADRE  JURIDIQUE" are equal.
    kSpace,
  };
  Separators separators = Separators::kKeep;
  /// The result is cut to at most this many bytes, at a code point boundary: kMaxTermBytes for a
  /// term (Analyzer::Fold); no limit by default.
  std::size_t max_bytes = std::numeric_limits<std::size_t>::max();
};

/// Segmentation's comparison form of a line or a name: "Conseil régional de Tadla-Azilal" ->
/// "conseil regional de tadla azilal" (coop/segmenter.h, actor types).
inline constexpr FoldOptions kKeyFold{.separators = FoldOptions::Separators::kSpace};

/// Folds UTF-8 `text`: NFKC with full case folding; accents and other non-spacing marks (Arabic
/// harakat), and the Arabic tatweel, removed; œ->oe, æ->ae, ø->o, ł->l, đ->d, ı->i; the
/// apostrophes ’ ‘ ʼ -> '. "Œuvres d’Éducation" -> "oeuvres d'education". Then `options`
/// (separators, length). Invalid UTF-8 is read as U+FFFD, which is kept (kKeep) or is a
/// separator (kSpace). Throws std::runtime_error if ICU's normalizers are unavailable
/// (std::bad_alloc when out of memory), nothing else. With kKeep, idempotent:
/// Fold(Fold(t)) == Fold(t). Folds the whole text as one word: no segmentation, elision, number
/// merging or spelling variants (those are Analyzer::Analyze's). Thread-safe.
std::string Fold(std::string_view text, const FoldOptions& options = {});

namespace fold_internal {
// U+00C0..U+00FF (second byte of C3 xx) folded to one ASCII letter, 0 where it folds otherwise.
inline constexpr char kLatin1[] =
    "aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0\0"
    "aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0y";
static_assert(sizeof kLatin1 == 64 + 1);
}  // namespace fold_internal

/// Fold(text) by a table, for the commonest words: text of ASCII characters and of the Latin-1
/// letters that fold to one ASCII letter (À-Å Ç È-Ë Ì-Ï Ñ Ò-Ö Ù-Ü Ý, their lower case, ÿ). Writes
/// the result to `out` and returns true; returns false (`out` unspecified) if `text` has any
/// other character. Whenever it returns true, `out` == Fold(text) (tests/fold_test.cpp checks
/// every such character and every corpus word). Fold() takes it as its fast path; the
/// highlighter's stored tables rely on its exact domain and results (HighlightTable format 1):
/// changing either needs a new table format. Inline: the highlighter calls it per token.
/// Thread-safe.
inline bool FoldLatin1(std::string_view text, std::string& out) {
  out.resize(text.size());  // folding these never lengthens
  char* o = out.data();
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      *o++ = static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
      continue;
    }
    if (c != 0xC3 || i + 1 >= text.size()) return false;
    const auto next = static_cast<unsigned char>(text[++i]);
    if (next < 0x80 || next > 0xBF || fold_internal::kLatin1[next - 0x80] == '\0') return false;
    *o++ = fold_internal::kLatin1[next - 0x80];
  }
  out.resize(static_cast<std::size_t>(o - out.data()));
  return true;
}

/// The first byte of FoldLatin1(text)'s result, or 0 if `text` is empty or its first character is
/// outside FoldLatin1's domain. Thread-safe.
inline unsigned char FoldLatin1FirstByte(std::string_view text) {
  if (text.empty()) return 0;
  const auto c = static_cast<unsigned char>(text[0]);
  if (c < 0x80) return static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
  if (c != 0xC3 || text.size() < 2) return 0;
  const auto next = static_cast<unsigned char>(text[1]);
  return next >= 0x80 && next <= 0xBF
             ? static_cast<unsigned char>(fold_internal::kLatin1[next - 0x80])
             : 0;
}

}  // namespace coop

#endif  // COOP_FOLD_H_
