// The French text analyzer shared by the indexer and the query side, so that what is indexed and
// what is searched always agree.
//
// Chain (per token, never per document: ICU's whole-text transforms slow down super-linearly):
//   UTF-8 decode (invalid sequences -> U+FFFD; Markdown superscript "1^{er}" read as "1er")
//   -> ICU word BreakIterator (locale "fr", UAX #29); U+FFFD, dingbats (→ ✓ ➤ ❖ ■) and Markdown
//      "**" are not words and are dropped
//   -> elision stripping (l' d' j' m' n' s' t' c' qu' jusqu' lorsqu' puisqu' quoiqu', ' ’ ʼ alike)
//   -> folding (coop/fold.h: NFKC + full case folding, accents and Arabic harakat/tatweel
//      removed, œ->oe, æ->ae)
//   -> merging of pieces that belong together:
//        numbers as written: "2 032 800" -> 2032800, "1.409.749,55" -> 1409749,55 (see numbers.h)
//        hyphenated compounds: "Aix-en-Provence" -> aix-en-provence (whole) + aix, en, provence
//        repair of extraction damage (options.repair, lexicon.h): "Es pagne" -> espagne,
//          "po rtant" -> portant, line-break hyphen "assainisse-\nment" -> assainissement
//   -> spelling variants (data/variants.txt): "Taroudannt" -> taroudant
//   -> stopword flag (data/stopwords_fr.txt) -> Snowball French stem (Xapian::Stem("french")).
#ifndef COOP_ANALYZER_H_
#define COOP_ANALYZER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace coop {

namespace internal {
struct AnalyzerCore;  // defined in src/analyzer_impl.h
}  // namespace internal

/// One token of analyzed text. Offsets are BYTE offsets into the UTF-8 input and delimit the
/// surface form without its elided article: for "l’eau" the token is "eau" and [begin, end)
/// slices "eau", so highlighting marks the word and never the article. For merged tokens the
/// span covers every piece: "Es pagne", "2 032 800", "Aix-en-Provence".
struct Token {
  std::string term;   ///< Folded form, e.g. "equipements" for "Équipements". Never empty.
  std::string stem;   ///< Snowball French stem of `term`; empty if stemming is off, a stopword,
                      ///< a number or a compound.
  std::size_t begin;  ///< Byte offset of the surface form's first byte in the input.
  std::size_t end;    ///< Byte offset one past the surface form's last byte.
  std::uint32_t position;  ///< 1-based word position; stopwords take positions too (phrases).
  bool stopword;           ///< True if `term` is in the French stopword list.
  bool number;             ///< True for numbers (ICU number words and normalised amounts).
  /// True for the whole of a hyphenated compound ("aix-en-provence", "2017-2021"). It comes just
  /// before its parts, has the position of the first part, and its span covers all parts. Code
  /// that needs one token per position (phrase building) skips compound tokens.
  bool compound = false;
  /// True if the term was rebuilt from damaged text ("Es pagne", "assainisse-\nment").
  bool repaired = false;
};

/// What Analyze() produces. A struct, not boolean arguments, so call sites read as what they ask.
struct AnalyzerOptions {
  bool stem = true;            ///< Fill Token::stem (Snowball French).
  bool keep_stopwords = true;  ///< Emit stopword tokens (flagged); false drops them entirely.
  bool compounds = true;       ///< Emit the whole-compound token before a compound's parts.
  bool repair = true;          ///< Rejoin words split by extraction (needs the lexicon).
  bool variants = true;        ///< Map spelling variants to their canonical form.
};

/// A multi-word synonym group of data/variants.txt ("synonym:" lines). Each alternative is the
/// list of its terms as Analyze() produces them (no compound tokens, stopwords kept), e.g.
/// {{"giz"}, {"deutsche", "gesellschaft", "fur", "internationale", "zusammenarbeit"}}.
struct SynonymGroup {
  std::vector<std::vector<std::string>> alternatives;
  std::string source;  ///< Source note of the entry.
};

/// French analyzer. Construction loads ICU data, the embedded stopword and variant lists; throws
/// std::runtime_error if ICU cannot create its break iterator or normalizers, or if the embedded
/// variants file is malformed. Not thread-safe: Analyze() reuses one ICU BreakIterator and a
/// per-term cache (stems, lexicon look-ups). Use one Analyzer per thread.
class Analyzer {
 public:
  explicit Analyzer(AnalyzerOptions options = {});
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  /// Splits UTF-8 `text` into tokens in text order (by `begin`; a compound token precedes its
  /// parts). Invalid UTF-8 is read as U+FFFD and never throws. Positions start at
  /// `first_position` (1 by default) and grow by one per word; a compound token shares the
  /// position of its first part.
  std::vector<Token> Analyze(std::string_view text, std::uint32_t first_position = 1);

  /// Folds one word as terms are folded: coop::Fold(word, {.max_bytes = kMaxTermBytes})
  /// (coop/fold.h: case, accents, ligatures, Arabic marks, apostrophes), without segmentation,
  /// elision, number normalisation or variants. Idempotent: Fold(Fold(w)) == Fold(w). Used for
  /// facet filter terms. Thread-safe.
  std::string Fold(std::string_view word) const;

  /// The canonical spelling of a folded term ("taroudannt" -> "taroudant"), or the term itself
  /// if it is not a variant (data/variants.txt). Independent of options().variants.
  std::string Canonical(const std::string& folded_term) const;

  /// Snowball French stem of an already folded term.
  std::string Stem(const std::string& folded_term) const;

  /// True if the folded term is in the stopword list (source: analyzers/data/stopwords_fr.txt).
  bool IsStopword(const std::string& folded_term) const;

  /// The multi-word synonym groups of data/variants.txt, analysed with this analyzer.
  const std::vector<SynonymGroup>& Synonyms() const;

  /// The stems of the word family (data/variants.txt "family:" lines) that `stem` belongs to,
  /// `stem` included, sorted; nullptr if it is in none. `stem` is a Snowball stem as Stem()
  /// gives it, e.g. "apicol" -> {"apicol", "apicultur", "apiculteur"}. The pointer stays valid
  /// for the Analyzer's lifetime. Thread-safe (reads data fixed at construction).
  const std::vector<std::string>* StemFamily(const std::string& stem) const;

  const AnalyzerOptions& options() const { return options_; }

 private:
  AnalyzerOptions options_;
  std::unique_ptr<internal::AnalyzerCore> impl_;
};

/// Xapian's limit on term length in bytes; longer terms are truncated at a code point boundary.
inline constexpr std::size_t kMaxTermBytes = 245;

}  // namespace coop

#endif  // COOP_ANALYZER_H_
