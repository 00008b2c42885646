#include "coop/analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>
#include <xapian.h>

#include <stdexcept>
#include <unordered_set>

#include "coop/text_data.h"

namespace coop::embedded {
extern const std::string_view kStopwordsFr;
}

namespace coop {
namespace {

// ' (U+0027), ‘ (U+2018), ’ (U+2019) and ʼ (U+02BC) all occur as apostrophes in French text.
bool IsApostrophe(UChar32 c) { return c == 0x27 || c == 0x2018 || c == 0x2019 || c == 0x02BC; }

// Elided forms stripped from the front of a word (folded, without the apostrophe).
// Source: French grammar of elision; the list is the one Lucene's FrenchAnalyzer uses
// (l m t qu n s j d c jusqu quoiqu lorsqu puisqu), which matches the corpus.
const std::unordered_set<std::string> kElisions = {
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"};

// UTF-16 text decoded from UTF-8 with, for every UTF-16 index, the byte offset it came from.
struct Decoded {
  icu::UnicodeString text;
  std::vector<std::uint32_t> byte_at;  // size text.length() + 1
};

Decoded Decode(std::string_view in) {
  Decoded d;
  d.byte_at.reserve(in.size() + 1);
  const auto* s = reinterpret_cast<const std::uint8_t*>(in.data());
  const auto length = static_cast<std::int32_t>(in.size());
  std::int32_t i = 0;
  while (i < length) {
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) c = 0xFFFD;  // invalid sequence: replacement character, never an exception
    d.text.append(c);
    d.byte_at.push_back(static_cast<std::uint32_t>(start));
    if (c > 0xFFFF) d.byte_at.push_back(static_cast<std::uint32_t>(start));
  }
  d.byte_at.push_back(static_cast<std::uint32_t>(length));
  return d;
}

// Truncates UTF-8 `s` to at most `max` bytes without splitting a code point.
void TruncateUtf8(std::string& s, std::size_t max) {
  if (s.size() <= max) return;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
}

}  // namespace

struct Analyzer::Impl {
  std::unique_ptr<icu::BreakIterator> words;
  const icu::Normalizer2* nfkc_cf = nullptr;
  const icu::Normalizer2* nfd = nullptr;
  const icu::Normalizer2* nfc = nullptr;
  Xapian::Stem stemmer{"french"};
  std::unordered_set<std::string> stopwords;

  std::string FoldUnicode(const icu::UnicodeString& in) const;
};

std::string Analyzer::Impl::FoldUnicode(const icu::UnicodeString& in) const {
  bool ascii = true;
  for (int32_t i = 0; i < in.length() && ascii; ++i) ascii = in.charAt(i) < 0x80;
  std::string out;
  if (ascii) {  // fast path: most corpus words are plain ASCII
    out.reserve(static_cast<std::size_t>(in.length()));
    for (int32_t i = 0; i < in.length(); ++i) {
      char c = static_cast<char>(in.charAt(i));
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString folded = nfkc_cf->normalize(in, status);   // NFKC + full case folding
  icu::UnicodeString decomposed = nfd->normalize(folded, status);  // split accents off letters
  icu::UnicodeString kept;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    const int8_t type = u_charType(c);
    // Accents and Arabic harakat are non-spacing marks; U+0640 is the Arabic tatweel.
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || c == 0x0640) continue;
    switch (c) {
      case 0x0153: kept.append(u"oe"); break;  // œ
      case 0x00E6: kept.append(u"ae"); break;  // æ
      case 0x00F8: kept.append(u'o'); break;   // ø
      case 0x0142: kept.append(u'l'); break;   // ł
      case 0x0111: kept.append(u'd'); break;   // đ
      case 0x0131: kept.append(u'i'); break;   // dotless ı
      default: kept.append(IsApostrophe(c) ? UChar32{'\''} : c);
    }
  }
  icu::UnicodeString composed = nfc->normalize(kept, status);
  if (U_FAILURE(status)) composed = kept;
  composed.toUTF8String(out);
  return out;
}

Analyzer::Analyzer(AnalyzerOptions options) : options_(options), impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  impl_->words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getFrench(), status));
  impl_->nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  impl_->nfd = icu::Normalizer2::getNFDInstance(status);
  impl_->nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || !impl_->words) {
    throw std::runtime_error(std::string("ICU initialisation failed: ") + u_errorName(status));
  }
  for (const std::string& word : DataLines(embedded::kStopwordsFr)) {
    impl_->stopwords.insert(Fold(word));
  }
}

Analyzer::~Analyzer() = default;

std::string Analyzer::Fold(std::string_view word) const {
  std::string out = impl_->FoldUnicode(Decode(word).text);
  TruncateUtf8(out, kMaxTermBytes);
  return out;
}

std::string Analyzer::Stem(const std::string& folded_term) const {
  return impl_->stemmer(folded_term);
}

bool Analyzer::IsStopword(const std::string& folded_term) const {
  return impl_->stopwords.count(folded_term) != 0;
}

std::vector<Token> Analyzer::Analyze(std::string_view text, std::uint32_t first_position) {
  std::vector<Token> tokens;
  Decoded d = Decode(text);
  icu::BreakIterator& bi = *impl_->words;
  bi.setText(d.text);
  std::uint32_t position = first_position;
  int32_t start = bi.first();
  for (int32_t end = bi.next(); end != icu::BreakIterator::DONE; start = end, end = bi.next()) {
    const int32_t rule = bi.getRuleStatus();
    if (rule < UBRK_WORD_NUMBER) continue;  // spaces, punctuation, symbols, U+FFFD bullets
    int32_t word_start = start;
    // Elision: "l’eau" is one UAX #29 word; strip the article so the term is "eau" and the
    // surface offsets cover "eau" only.
    for (int32_t i = start + 1; i + 1 < end; ++i) {
      if (!IsApostrophe(d.text.charAt(i))) continue;
      icu::UnicodeString head(d.text, start, i - start);
      if (kElisions.count(impl_->FoldUnicode(head))) word_start = i + 1;
      break;
    }
    Token token;
    token.term = impl_->FoldUnicode(icu::UnicodeString(d.text, word_start, end - word_start));
    if (token.term.empty()) continue;
    TruncateUtf8(token.term, kMaxTermBytes);
    token.begin = d.byte_at[static_cast<std::size_t>(word_start)];
    token.end = d.byte_at[static_cast<std::size_t>(end)];
    token.position = position++;
    token.number = rule < UBRK_WORD_NUMBER_LIMIT;
    token.stopword = IsStopword(token.term);
    if (token.stopword && !options_.keep_stopwords) continue;
    if (options_.stem && !token.stopword && !token.number) token.stem = Stem(token.term);
    tokens.push_back(std::move(token));
  }
  return tokens;
}

}  // namespace coop
