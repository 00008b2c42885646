#include "coop/analyzer.h"

#include <unicode/locid.h>
#include <unicode/uchar.h>

#include <stdexcept>

#include "analyzer_impl.h"
#include "coop/text_data.h"
#include "coop/variants.h"

namespace coop::embedded {
extern const std::string_view kStopwordsFr;
extern const std::string_view kVariantsTxt;
}  // namespace coop::embedded

namespace coop {
namespace {

// Elided forms stripped from the front of a word (folded, without the apostrophe).
// Source: French grammar of elision; the list is the one Lucene's FrenchAnalyzer uses
// (l m t qu n s j d c jusqu quoiqu lorsqu puisqu), which matches the corpus.
const std::unordered_set<std::string> kElisions = {
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"};

bool IsDigit(UChar c) { return c >= '0' && c <= '9'; }

}  // namespace

const TermInfo& internal::AnalyzerCore::Info(const std::string& term) {
  if (auto it = cache.find(term); it != cache.end()) return it->second;
  TermInfo info;
  if (auto v = variants.find(term); v != variants.end()) info.canonical = &v->second;
  info.stopword = stopwords.count(term) != 0;
  if (!info.stopword) info.stem = stemmer(term);
  if (std::optional<LexiconEntry> e = lexicon->Find(term)) {
    info.in_lexicon = true;
    info.lexicon = *e;
  }
  return cache.emplace(term, std::move(info)).first->second;
}

// Fills w.alpha, w.number and w.term from the UTF-16 units [w.start, w.end) in one pass; only
// words with non-ASCII letters go through ICU's normalizers.
static void Classify(const internal::Folder& folder, const icu::UnicodeString& text, const UChar* u,
                     RawWord& w) {
  w.number = IsDigit(u[w.start]);
  w.alpha = true;
  bool ascii = true;
  w.term.reserve(static_cast<std::size_t>(w.end - w.start));
  for (std::int32_t k = w.start; k < w.end; ++k) {
    const UChar c = u[k];
    if (c >= 0x80) {
      ascii = false;
      break;
    }
    const bool letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    w.alpha &= letter;
    w.number &= IsDigit(c) || c == '.' || c == ',';
    w.term.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));
  }
  if (ascii) return;
  w.alpha = true;
  w.number = false;
  for (std::int32_t k = w.start; k < w.end;) {
    UChar32 c;
    U16_NEXT(u, k, w.end, c);
    w.alpha &= u_isalpha(c) != 0;
  }
  w.term = folder.Fold(text, w.start, w.end - w.start);
}

std::vector<RawWord> internal::AnalyzerCore::Segment(const internal::Decoded& d) {
  std::vector<RawWord> out;
  const icu::UnicodeString& text = d.text;
  const UChar* u = text.getBuffer();
  out.reserve(static_cast<std::size_t>(text.length() / 5 + 4));
  breaker->setText(text);
  std::int32_t start = breaker->first();
  for (std::int32_t end = breaker->next(); end != icu::BreakIterator::DONE;
       start = end, end = breaker->next()) {
    if (breaker->getRuleStatus() < UBRK_WORD_NUMBER) continue;  // spaces, punctuation, symbols
    std::int32_t body = start;
    // Elision: "l’eau" is one UAX #29 word; strip the article so the term is "eau".
    for (std::int32_t i = start + 1; i + 1 < end; ++i) {
      if (!internal::IsApostrophe(u[i])) continue;
      if (kElisions.count(folder.Fold(text, start, i - start))) body = i + 1;
      break;
    }
    // A glued amount "1.409.749,55Montants" (table cells flattened): split number and word.
    std::int32_t cut = end;
    if (IsDigit(u[body])) {
      bool separator = false;
      std::int32_t k = body;
      for (; k < end && (IsDigit(u[k]) || u[k] == '.' || u[k] == ','); ++k) {
        separator |= !IsDigit(u[k]);
      }
      if (separator && k < end && IsDigit(u[k - 1]) && u_isalpha(text.char32At(k))) cut = k;
    }
    for (std::int32_t piece = body; piece < end;) {
      const std::int32_t piece_end = piece < cut ? cut : end;
      RawWord w{piece == body ? start : piece, piece, piece_end, false, false, {}};
      Classify(folder, text, u, w);
      if (!w.term.empty()) {
        w.info = &Info(w.term);
        out.push_back(std::move(w));
      }
      piece = piece_end;
    }
  }
  return out;
}

Analyzer::Analyzer(AnalyzerOptions options)
    : options_(options), impl_(std::make_unique<internal::AnalyzerCore>()) {
  UErrorCode status = U_ZERO_ERROR;
  impl_->breaker.reset(icu::BreakIterator::createWordInstance(icu::Locale::getFrench(), status));
  if (U_FAILURE(status) || !impl_->breaker) {
    throw std::runtime_error(std::string("ICU initialisation failed: ") + u_errorName(status));
  }
  impl_->lexicon = &DefaultLexicon();
  for (const std::string& word : DataLines(embedded::kStopwordsFr)) {
    impl_->stopwords.insert(Fold(word));
  }
  // Variants and synonyms are analysed with this very chain, so they match what it produces.
  AnalyzerOptions plain;
  plain.stem = false;
  plain.compounds = false;
  plain.variants = false;
  const auto terms = [&](const std::string& text) {
    std::vector<std::string> out;
    for (Token& t : impl_->Run(text, 1, plain)) out.push_back(std::move(t.term));
    return out;
  };
  for (const VariantEntry& e : ParseVariants(embedded::kVariantsTxt, "variants.txt")) {
    const std::string where = "variants.txt:" + std::to_string(e.line) + ": ";
    if (e.kind == VariantEntry::Kind::kVariant) {
      std::vector<std::string> canonical = terms(e.alternatives[0]);
      for (const std::string& alt : e.alternatives) {
        std::vector<std::string> t = terms(alt);
        if (t.size() != 1 || canonical.size() != 1) {
          throw std::runtime_error(where + "variant \"" + alt + "\" is not one word");
        }
        if (t[0] != canonical[0]) impl_->variants.emplace(t[0], canonical[0]);
      }
    } else {
      SynonymGroup group;
      group.source = e.source;
      for (const std::string& alt : e.alternatives) {
        std::vector<std::string> t = terms(alt);
        if (t.empty()) throw std::runtime_error(where + "synonym \"" + alt + "\" has no word");
        for (std::string& term : t) term = Canonical(term);
        group.alternatives.push_back(std::move(t));
      }
      impl_->synonyms.push_back(std::move(group));
    }
  }
  impl_->cache.clear();  // entries made above predate the variants (TermInfo::canonical)
  impl_->cache.max_load_factor(0.5);  // short bucket chains: one look-up per word
  impl_->cache.reserve(1 << 14);
}

Analyzer::~Analyzer() = default;

std::string Analyzer::Fold(std::string_view word) const {
  const internal::Decoded d = internal::Decode(word, false);
  std::string out = impl_->folder.Fold(d.text, 0, d.text.length());
  internal::TruncateUtf8(out, kMaxTermBytes);
  return out;
}

std::string Analyzer::Canonical(const std::string& folded_term) const {
  const auto it = impl_->variants.find(folded_term);
  return it == impl_->variants.end() ? folded_term : it->second;
}

std::string Analyzer::Stem(const std::string& folded_term) const {
  return impl_->stemmer(folded_term);
}

bool Analyzer::IsStopword(const std::string& folded_term) const {
  return impl_->stopwords.count(folded_term) != 0;
}

const std::vector<SynonymGroup>& Analyzer::Synonyms() const { return impl_->synonyms; }

std::vector<Token> Analyzer::Analyze(std::string_view text, std::uint32_t first_position) {
  return impl_->Run(text, first_position, options_);
}

}  // namespace coop
