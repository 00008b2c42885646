#include "coop/analyzer.h"

#include <unicode/locid.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <stdexcept>

#include "analyzer_impl.h"
#include "coop/fold.h"
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

const internal::TermTable<std::string, TermInfo>::Entry& internal::AnalyzerCore::Lookup(
    std::string_view term, std::uint64_t hash) {
  if (auto* e = cache.Find(term, hash)) return *e;
  TermInfo info;
  const std::string key(term);
  if (auto v = variants.find(key); v != variants.end()) info.canonical = &v->second;
  info.stopword = stopwords.count(key) != 0;
  if (!info.stopword) info.stem = stemmer(key);
  if (std::optional<LexiconEntry> e = lexicon->Find(key)) {
    info.in_lexicon = true;
    info.lexicon = *e;
  }
  std::size_t code_points = 0;
  for (char c : term) code_points += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  info.single = code_points == 1;
  info.word = info.single
                  ? (term == "a" || term == "y" || term == "o")
                  : info.in_lexicon && (info.lexicon.dictionary || info.lexicon.corpus_count >= 2);
  info.common = !info.single && info.in_lexicon && info.lexicon.corpus_count > 1;
  return cache.Insert(term, hash, std::move(info));
}

// One pass over an ASCII word folds it (lower case), hashes the folded form, classifies it and
// finds its cache entry: no std::string, no ICU call. Words with non-ASCII units are looked up
// by their UTF-16 surface, so ICU's normalizers run once per distinct surface form.
void internal::AnalyzerCore::Classify(RawWord& w) {
  const UChar* u = decoded.text.getBuffer();
  const auto length = static_cast<std::size_t>(w.end - w.start);
  if (fold_buffer.size() < length) fold_buffer.resize(2 * length);
  char* folded = fold_buffer.data();
  bool alpha = true, number = IsDigit(u[w.start]);
  std::uint64_t h = kHashSeed;
  std::size_t k = 0;
  for (; k < length; ++k) {
    UChar c = u[w.start + static_cast<std::int32_t>(k)];
    if (c >= 0x80) break;
    const bool letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    alpha &= letter;
    number &= IsDigit(c) || c == '.' || c == ',';
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    folded[k] = static_cast<char>(c);
    h = HashStep(h, c);
  }
  if (k == length) {
    const auto& e = Lookup(std::string_view(folded, length), HashFinish(h));
    w.alpha = alpha;
    w.number = number;
    w.term = e.key;
    w.info = &e.value;
    return;
  }
  w.number = false;
  const std::u16string_view surface(u + w.start, length);
  const std::uint64_t sh = HashOf(surface);
  auto* s = surfaces.Find(surface, sh);
  if (s == nullptr) {
    SurfaceInfo info;
    info.alpha = true;
    for (std::int32_t i = w.start; i < w.end;) {
      UChar32 c;
      U16_NEXT(u, i, w.end, c);
      info.alpha &= u_isalpha(c) != 0;
    }
    const std::string term = folder.Fold(decoded.text, w.start, w.end - w.start);
    if (!term.empty()) {
      const auto& e = Lookup(term, HashOf(std::string_view(term)));
      info.info = &e.value;
      info.term = e.key;
    }
    s = &surfaces.Insert(surface, sh, info);
  }
  w.alpha = s->value.alpha;
  w.term = s->value.term;
  w.info = s->value.info;
}

// True if the UTF-16 units [start, end) are an elided article ("l", "qu", "Jusqu", ...).
static bool IsElision(const internal::Folder& folder, const icu::UnicodeString& text,
                      std::int32_t start, std::int32_t end) {
  char ascii[8];
  if (end - start > 6) return false;  // longest: "lorsqu", "puisqu", "quoiqu"
  for (std::int32_t k = start; k < end; ++k) {
    const UChar c = text.charAt(k);
    if (c >= 0x80) return kElisions.count(folder.Fold(text, start, end - start)) != 0;
    ascii[k - start] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
  }
  return kElisions.count(std::string(ascii, static_cast<std::size_t>(end - start))) != 0;
}

void internal::AnalyzerCore::Segment() {
  words.clear();
  const icu::UnicodeString& text = decoded.text;
  const UChar* u = text.getBuffer();
  words.reserve(static_cast<std::size_t>(text.length() / 5 + 4));
  breaker->setText(text);
  std::int32_t start = breaker->first();
  for (std::int32_t end = breaker->next(); end != icu::BreakIterator::DONE;
       start = end, end = breaker->next()) {
    if (breaker->getRuleStatus() < UBRK_WORD_NUMBER) continue;  // spaces, punctuation, symbols
    std::int32_t body = start;
    // Elision: "l’eau" is one UAX #29 word; strip the article so the term is "eau".
    for (std::int32_t i = start + 1; i + 1 < end; ++i) {
      if (!internal::IsApostrophe(u[i])) continue;
      if (IsElision(folder, text, start, i)) body = i + 1;
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
      RawWord w{.raw_start = piece == body ? start : piece,
                .start = piece,
                .end = piece_end,
                .number = false,
                .alpha = false};  // Classify() sets number, alpha, term and info
      Classify(w);
      if (w.info != nullptr) {
        w.word = w.info->word;
        w.single = w.info->single;
        w.common = w.info->common;
        words.push_back(w);
      }
      piece = piece_end;
    }
  }
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
  std::vector<VariantEntry> families;  // built once every variant is known
  for (VariantEntry& e : ParseVariants(embedded::kVariantsTxt, "variants.txt")) {
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
    } else if (e.kind == VariantEntry::Kind::kFamily) {
      families.push_back(std::move(e));
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
  // A family is matched on stems: a query word's stem finds the family, whose stems are ORed
  // as one term. Each word must be one term of its own stem family, and in one family only.
  for (const VariantEntry& e : families) {
    const std::string where = "variants.txt:" + std::to_string(e.line) + ": ";
    std::vector<std::string> stems;
    for (const std::string& alt : e.alternatives) {
      std::vector<std::string> t = terms(alt);
      if (t.size() != 1)
        throw std::runtime_error(where + "family word \"" + alt + "\" is not one word");
      stems.push_back(Stem(Canonical(t[0])));
    }
    std::sort(stems.begin(), stems.end());
    stems.erase(std::unique(stems.begin(), stems.end()), stems.end());
    if (stems.size() < 2) throw std::runtime_error(where + "family words share one stem already");
    for (const std::string& stem : stems) {
      if (!impl_->family_of.emplace(stem, impl_->families.size()).second) {
        throw std::runtime_error(where + "stem \"" + stem + "\" is in an earlier family");
      }
    }
    impl_->families.push_back(std::move(stems));
  }
  impl_->ClearCaches();  // entries made above predate the variants (TermInfo::canonical)
}

Analyzer::~Analyzer() = default;

std::string Analyzer::Fold(std::string_view word) const {
  return coop::Fold(word, {.max_bytes = kMaxTermBytes});
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

const std::vector<std::string>* Analyzer::StemFamily(const std::string& stem) const {
  const auto it = impl_->family_of.find(stem);
  return it == impl_->family_of.end() ? nullptr : &impl_->families[it->second];
}

std::vector<Token> Analyzer::Analyze(std::string_view text, std::uint32_t first_position) {
  return impl_->Run(text, first_position, options_);
}

}  // namespace coop
