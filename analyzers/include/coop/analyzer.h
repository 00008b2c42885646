// The French text analyzer shared by the indexer and the query side, so that what is indexed and
// what is searched always agree.
//
// Chain (per token, never per document: ICU's whole-text transforms slow down super-linearly):
//   UTF-8 decode (invalid sequences -> U+FFFD) -> ICU word BreakIterator (locale "fr", UAX #29)
//   -> elision stripping (l' d' j' m' n' s' t' c' qu' jusqu' lorsqu' puisqu', with ' ’ ʼ alike)
//   -> folding (NFKC + full case folding, accents and Arabic harakat/tatweel removed, œ->oe, æ->ae)
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

/// One token of analyzed text. Offsets are BYTE offsets into the UTF-8 input and delimit the
/// surface form without its elided article: for "l’eau" the token is "eau" and [begin, end)
/// slices "eau", so highlighting marks the word and never the article.
struct Token {
  std::string term;     ///< Folded form, e.g. "equipements" for "Équipements". Never empty.
  std::string stem;     ///< Snowball French stem of `term`; empty if stemming is off or a stopword.
  std::size_t begin;    ///< Byte offset of the surface form's first byte in the input.
  std::size_t end;      ///< Byte offset one past the surface form's last byte.
  std::uint32_t position;  ///< 1-based word position; stopwords take positions too (phrases).
  bool stopword;        ///< True if `term` is in the French stopword list.
  bool number;          ///< True if ICU classified the word as a number.
};

/// What Analyze() produces. A struct, not boolean arguments, so call sites read as what they ask.
struct AnalyzerOptions {
  bool stem = true;             ///< Fill Token::stem (Snowball French).
  bool keep_stopwords = true;   ///< Emit stopword tokens (flagged); false drops them entirely.
};

/// French analyzer. Construction loads ICU data and the embedded stopword list; throws
/// std::runtime_error if ICU cannot create its break iterator or normalizers.
/// Not thread-safe: Analyze() reuses one ICU BreakIterator. Use one Analyzer per thread.
class Analyzer {
 public:
  explicit Analyzer(AnalyzerOptions options = {});
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  /// Splits UTF-8 `text` into tokens in text order. Invalid UTF-8 is read as U+FFFD and never
  /// throws. Positions start at `first_position` (1 by default) and grow by one per token.
  std::vector<Token> Analyze(std::string_view text, std::uint32_t first_position = 1);

  /// Folds one word as terms are folded (case, accents, ligatures, Arabic marks, apostrophes),
  /// without segmentation or elision. Idempotent: Fold(Fold(w)) == Fold(w).
  std::string Fold(std::string_view word) const;

  /// Snowball French stem of an already folded term.
  std::string Stem(const std::string& folded_term) const;

  /// True if the folded term is in the stopword list (source: analyzers/data/stopwords_fr.txt).
  bool IsStopword(const std::string& folded_term) const;

  const AnalyzerOptions& options() const { return options_; }

 private:
  struct Impl;
  AnalyzerOptions options_;
  std::unique_ptr<Impl> impl_;
};

/// Xapian's limit on term length in bytes; longer terms are truncated at a code point boundary.
inline constexpr std::size_t kMaxTermBytes = 245;

}  // namespace coop

#endif  // COOP_ANALYZER_H_
