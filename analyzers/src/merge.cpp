// The token-producing half of the Analyzer: ICU words are merged into numbers as written,
// hyphenated compounds and repaired words, then turned into tokens.
#include <unicode/uchar.h>

#include "analyzer_impl.h"
#include "coop/utf8.h"
#include "numbers.h"

namespace coop {
namespace {

using internal::Decoded;

std::size_t LeadingDigits(std::string_view s) {
  std::size_t n = 0;
  while (n < s.size() && s[n] >= '0' && s[n] <= '9') ++n;
  return n;
}

enum class Case { kLower, kUpper, kCapital, kMixed };

// ASCII letters answer without ICU: their general categories are Lu (A-Z) and Ll (a-z).
bool IsUpper(UChar32 c) { return c < 0x80 ? (c >= 'A' && c <= 'Z') : u_isupper(c) != 0; }
bool IsLower(UChar32 c) { return c < 0x80 ? (c >= 'a' && c <= 'z') : u_islower(c) != 0; }

Case CaseOf(const icu::UnicodeString& text, std::int32_t start, std::int32_t end) {
  bool first_upper = false, rest_lower = true, rest_upper = true;
  for (std::int32_t k = start; k < end;) {
    const UChar32 c = text.char32At(k);
    if (k == start) {
      first_upper = IsUpper(c);
    } else {
      rest_lower &= !IsUpper(c);
      rest_upper &= !IsLower(c);
    }
    k += U16_LENGTH(c);
  }
  if (!first_upper) return rest_lower ? Case::kLower : Case::kMixed;
  if (rest_upper && end - start > 1) return Case::kUpper;
  return rest_lower ? Case::kCapital : Case::kMixed;
}

// Builds the tokens of one Analyze() call.
class Merger {
 public:
  Merger(internal::AnalyzerCore& impl, const Decoded& d, const std::vector<RawWord>& words,
         const AnalyzerOptions& options, std::uint32_t first_position)
      : impl_(impl), d_(d), w_(words), options_(options), position_(first_position) {}

  std::vector<Token> Run() {
    tokens_.reserve(w_.size() + w_.size() / 8);
    for (std::size_t i = 0; i < w_.size();) i += Step(i);
    return std::move(tokens_);
  }

 private:
  // Emits the token(s) starting at word i; returns how many words they consumed.
  std::size_t Step(std::size_t i) {
    bool line_break = false;
    const std::size_t parts = CompoundLength(i, line_break);
    if (parts >= 2) {
      if (parts == 2 && line_break && options_.repair && RejoinsLineBreak(w_[i], w_[i + 1])) {
        Repaired(w_[i], w_[i + 1]);
      } else {
        EmitCompound(i, parts);
      }
      return parts;
    }
    if (w_[i].number) {
      std::string digits;
      const std::size_t n = NumberLength(i, digits);
      if (n >= 2) {
        Emit({.folded = digits, .start = w_[i].start, .end = w_[i + n - 1].end, .number = true});
        return n;
      }
    }
    if (options_.repair && i + 1 < w_.size() && StraySpaceSplit(w_[i], w_[i + 1])) {
      Repaired(w_[i], w_[i + 1]);
      return 2;
    }
    Emit(w_[i]);
    return 1;
  }

  void Repaired(const RawWord& a, const RawWord& b) {
    const std::string joined = Joined(a, b);
    Emit({.folded = joined,
          .info = &impl_.Info(joined),
          .start = a.start,
          .end = b.end,
          .repaired = true});
  }

  UChar At(std::int32_t k) const { return u_[k]; }
  bool Gap(const RawWord& a, const RawWord& b, std::int32_t length) const {
    return b.raw_start == b.start && b.start - a.end == length;
  }

  // Number of words joined by hyphens from word i ("Aix-en-Provence": 3); 1 if none. A hyphen
  // followed by a line break also joins (`line_break` is then set); an en dash joins numbers
  // ("2017–2021").
  std::size_t CompoundLength(std::size_t i, bool& line_break) const {
    std::size_t n = 1;
    for (; i + n < w_.size(); ++n) {
      const RawWord& a = w_[i + n - 1];
      const RawWord& b = w_[i + n];
      if (b.raw_start != b.start || b.start <= a.end) break;
      const UChar h = At(a.end);
      const bool dash = internal::IsHyphen(h) || (h == 0x2013 && a.number && b.number);
      if (!dash) break;
      if (b.start == a.end + 1) continue;
      bool blank = true, newline = false;
      for (std::int32_t k = a.end + 1; k < b.start; ++k) {
        blank &= At(k) == ' ' || At(k) == '\t' || At(k) == '\r' || At(k) == '\n';
        newline |= At(k) == '\n';
      }
      if (!(blank && newline && h == '-' && a.alpha && b.alpha)) break;
      line_break = true;
    }
    return n;
  }

  // Digit groups separated by single spaces ("2 032 800", "385 767,95") or the stray ". " of
  // "2. 356.135": number of words merged (1 if none) and, in `digits`, the normalised number.
  std::size_t NumberLength(std::size_t i, std::string& digits) const {
    const auto plain_group = [](std::string_view t) {
      return LeadingDigits(t) == t.size() && t.size() <= 3;
    };
    if (!plain_group(w_[i].term)) return 1;
    std::string raw(w_[i].term);
    std::size_t n = 1;
    while (i + n < w_.size()) {
      const RawWord& a = w_[i + n - 1];
      const RawWord& b = w_[i + n];
      if (!b.number || LeadingDigits(b.term) != 3 || (n > 1 && !plain_group(a.term))) break;
      const bool spaced = Gap(a, b, 1) && internal::IsGroupSpace(At(a.end));
      const bool dotted = n == 1 && Gap(a, b, 2) && At(a.end) == '.' && At(a.end + 1) == ' ' &&
                          b.term.find('.') != std::string_view::npos;
      if (!spaced && !dotted) break;
      if (dotted) raw += '.';
      raw += b.term;
      ++n;
      if (b.term.size() != 3) break;  // "767,95": the fraction ends the number
    }
    if (n < 2) return 1;
    std::optional<std::string> normal = internal::NormalizeNumber(raw);
    if (!normal) return 1;
    digits = std::move(*normal);
    return n;
  }

  // "Es pagne", "po rtant", "C oopération", "libert é": two letter-only pieces one space apart,
  // cased like one word, whose concatenation is a lexicon word. Joined if neither piece is a word,
  // if only one is (and neither is a single letter), or, when both are, if the joined word is
  // attested in the corpus and one piece occurs nowhere else ("pagne"). The cheap tests on the
  // pieces come first: most pairs are two common words and never look the joined form up.
  bool StraySpaceSplit(const RawWord& a, const RawWord& b) {
    if (!a.alpha || !b.alpha || !Gap(a, b, 1) || At(a.end) != ' ') return false;
    const bool wa = a.word, wb = b.word;  // TermInfo::word
    if ((a.single || b.single) && (wa || wb)) return false;
    const bool both = wa && wb;
    if (both && a.common && b.common) return false;  // both seen at least twice
    const Case ca = CaseOf(d_.text, a.start, a.end);
    const Case cb = CaseOf(d_.text, b.start, b.end);
    // A single capital letter reads as kCapital: "C oopération", "E spagnole".
    const bool cased = (cb == Case::kLower && (ca == Case::kLower || ca == Case::kCapital)) ||
                       (ca == Case::kUpper && cb == Case::kUpper);
    if (!cased) return false;
    const TermInfo& joined = impl_.Info(Joined(a, b));
    return joined.in_lexicon && (!both || joined.lexicon.corpus_count >= 1);
  }

  // "assainisse-\nment": the joined word is in the lexicon and the first piece is not a word.
  bool RejoinsLineBreak(const RawWord& a, const RawWord& b) {
    if (a.word || CaseOf(d_.text, b.start, b.end) != Case::kLower) return false;
    return impl_.Info(Joined(a, b)).in_lexicon;
  }

  void EmitCompound(std::size_t i, std::size_t parts) {
    std::string whole;
    bool numbers = true;
    for (std::size_t k = i; k < i + parts; ++k) {
      if (!whole.empty()) whole += '-';
      const TermInfo* info = w_[k].info;
      whole += TermOf(w_[k].term, w_[k].number, info);
      numbers &= w_[k].number;
    }
    if (options_.compounds) {
      internal::TruncateUtf8(whole, kMaxTermBytes);
      tokens_.push_back(Token{.term = std::move(whole),
                              .stem = "",
                              .begin = d_.byte_at[w_[i].start],
                              .end = d_.byte_at[w_[i + parts - 1].end],
                              .position = position_,
                              .stopword = false,
                              .number = numbers,
                              .compound = true,
                              .repaired = false});
    }
    for (std::size_t k = i; k < i + parts; ++k) {
      Emit(w_[k]);
    }
  }

  // The term of a word: numbers normalised, variants mapped to their canonical spelling (then
  // `info` is moved to the canonical term's).
  std::string_view TermOf(std::string_view term, bool number, const TermInfo*& info) {
    if (number) {
      number_ = internal::NormalizeNumber(term).value_or(std::string(term));
      return number_;
    }
    if (options_.variants && info->canonical) {
      const std::string& canonical = *info->canonical;
      info = &impl_.Info(canonical);
      return canonical;
    }
    return term;
  }

  // What one emitted token is made of: named fields, not positional flags, so each call site
  // says what it emits (a merged number, a repaired word).
  struct Piece {
    std::string_view folded;         // the folded surface (a number's normalised digits)
    const TermInfo* info = nullptr;  // facts about `folded`; never read for a number
    std::int32_t start = 0;          // span in d_.text, UTF-16 indices
    std::int32_t end = 0;
    bool number = false;
    bool repaired = false;  // rebuilt from damaged text (Token::repaired)
  };

  // One word as ICU found it (after elision stripping), neither merged nor repaired.
  void Emit(const RawWord& w) {
    Emit({.folded = w.term, .info = w.info, .start = w.start, .end = w.end, .number = w.number});
  }

  // The token is built in place: strings are assigned once, never moved.
  void Emit(const Piece& piece) {
    const bool number = piece.number;
    const TermInfo* info = piece.info;  // TermOf() moves it to a variant's canonical term
    const std::string_view term = Utf8Prefix(TermOf(piece.folded, number, info), kMaxTermBytes);
    const std::uint32_t position = position_++;
    const bool stopword = !number && info->stopword;
    if (stopword && !options_.keep_stopwords) return;
    Token& t = tokens_.emplace_back();
    t.term.assign(term.data(), term.size());
    t.begin = d_.byte_at[static_cast<std::size_t>(piece.start)];
    t.end = d_.byte_at[static_cast<std::size_t>(piece.end)];
    t.position = position;
    t.number = number;
    t.repaired = piece.repaired;
    t.stopword = stopword;
    t.compound = false;
    if (options_.stem && !stopword && !number) t.stem = info->stem;
  }

  static std::string Joined(const RawWord& a, const RawWord& b) {
    std::string joined;
    joined.reserve(a.term.size() + b.term.size());
    return joined.append(a.term).append(b.term);
  }

  internal::AnalyzerCore& impl_;
  const Decoded& d_;
  const std::vector<RawWord>& w_;
  const AnalyzerOptions& options_;
  std::uint32_t position_;
  std::vector<Token> tokens_;
  std::string number_;  // TermOf()'s result for numbers
  const UChar* u_ = d_.text.getBuffer();
};

}  // namespace

std::vector<Token> internal::AnalyzerCore::Run(std::string_view text, std::uint32_t first_position,
                                               const AnalyzerOptions& options) {
  // Bounds memory on endless input (case variants give one term many surfaces).
  if (cache.size() > kMaxCachedTerms || surfaces.size() > kMaxCachedTerms) ClearCaches();
  internal::DecodeInto(text, internal::Markup::kClean, decoded);
  Segment();
  return Merger(*this, decoded, words, options, first_position).Run();
}

}  // namespace coop
