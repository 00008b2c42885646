// Internal to coop_analyzers: the Analyzer's state and the word-merging steps (numbers,
// compounds, repair), shared by analyzer.cpp (public API, set-up) and merge.cpp (the steps).
#ifndef COOP_ANALYZERS_ANALYZER_IMPL_H_
#define COOP_ANALYZERS_ANALYZER_IMPL_H_

#include <unicode/brkiter.h>
#include <xapian.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "coop/analyzer.h"
#include "coop/lexicon.h"
#include "term_table.h"
#include "unicode_text.h"

namespace coop {

// Bounds the per-term cache (distinct terms of the corpus: about 15 000).
inline constexpr std::size_t kMaxCachedTerms = 200000;

// What the analyzer knows of one term; cached because a corpus repeats its words.
struct TermInfo {
  std::string stem;  // empty for stopwords
  bool stopword = false;
  bool in_lexicon = false;
  LexiconEntry lexicon;
  const std::string* canonical = nullptr;  // spelling variant: its canonical term, else nullptr
  // For the split-word repair (merge.cpp), decided once per term:
  bool single = false;  // one code point
  // A word that can stand alone: single letters only if words of their own (a, à, y, ô);
  // longer terms if in the French list or seen at least twice in the corpus.
  bool word = false;
  bool common = false;  // a longer word seen at least twice in the corpus
};

// One ICU word, after elision stripping and splitting of glued amounts, in UTF-16 indices.
struct RawWord {
  std::int32_t raw_start;  // start of the ICU word, elided article included
  std::int32_t start;      // start of the surface form (after the elided article)
  std::int32_t end;
  bool number;                     // digits with '.' or ',' only, starting with a digit
  bool alpha;                      // letters only
  std::string_view term;           // folded surface: the key of `info` in the term cache
  const TermInfo* info = nullptr;  // AnalyzerCore::Info(term), valid during one Run()
  bool word = false;               // info->word, copied while the cache entry is hot
  bool single = false;             // info->single
  bool common = false;             // info->common
};

// What the analyzer knows of one non-ASCII surface form (its UTF-16 units), so that ICU's
// normalizers run once per distinct form, not once per occurrence.
struct SurfaceInfo {
  const TermInfo* info = nullptr;  // of the folded form; nullptr if it folds to nothing
  std::string_view term;           // the folded form (key in the term cache)
  bool alpha = false;              // letters only
};

namespace internal {

// The state behind coop::Analyzer.
struct AnalyzerCore {
  std::unique_ptr<icu::BreakIterator> breaker;
  internal::Folder folder;
  Xapian::Stem stemmer{"french"};
  std::unordered_set<std::string> stopwords;
  std::unordered_map<std::string, std::string> variants;  // folded variant -> canonical
  std::vector<SynonymGroup> synonyms;
  std::vector<std::vector<std::string>> families;          // stems of each "family:" line
  std::unordered_map<std::string, std::size_t> family_of;  // stem -> index in families
  const Lexicon* lexicon = nullptr;
  TermTable<std::string, TermInfo> cache;           // folded term -> facts
  TermTable<std::u16string, SurfaceInfo> surfaces;  // non-ASCII surface -> folded term
  // Scratch buffers reused by every Run() (Run() is never re-entered).
  Decoded decoded;
  std::vector<RawWord> words;
  std::string fold_buffer;

  // Cached facts about `term` (its cache entry: key and value). References stay valid until
  // the next Run(): the cache is only trimmed when a run starts.
  const TermTable<std::string, TermInfo>::Entry& Lookup(std::string_view term, std::uint64_t hash);
  const TermInfo& Info(std::string_view term) { return Lookup(term, HashOf(term)).value; }
  void ClearCaches() {
    cache.Clear();
    surfaces.Clear();
  }
  // Fills w.number, w.alpha, w.term and w.info from the UTF-16 units [w.start, w.end).
  void Classify(RawWord& w);
  // Fills `words` with the ICU words of `decoded`.
  void Segment();
  std::vector<Token> Run(std::string_view text, std::uint32_t first_position,
                         const AnalyzerOptions& options);
};

}  // namespace internal
}  // namespace coop

#endif  // COOP_ANALYZERS_ANALYZER_IMPL_H_
