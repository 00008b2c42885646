// Analyzer throughput over the whole corpus (issue 3), with ICU's bare word BreakIterator on the
// same text as the reference. Run: build-<you>/bench/analyzer_bench; numbers in BENCHMARKS.md.
#include <benchmark/benchmark.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "coop/analyzer.h"
#include "coop/lexicon.h"

namespace {

// The corpus files (corpus/*.txt), in name order.
const std::vector<std::string>& Files() {
  static const std::vector<std::string> files = [] {
    std::vector<std::filesystem::path> paths;
    for (const auto& e : std::filesystem::directory_iterator(COOP_CORPUS_DIR)) {
      if (e.path().extension() == ".txt") paths.push_back(e.path());
    }
    std::sort(paths.begin(), paths.end());
    std::vector<std::string> out;
    for (const auto& p : paths) {
      std::ifstream in(p, std::ios::binary);
      std::ostringstream s;
      s << in.rdbuf();
      out.push_back(s.str());
    }
    return out;
  }();
  return files;
}

std::int64_t CorpusBytes() {
  std::int64_t n = 0;
  for (const std::string& f : Files()) n += static_cast<std::int64_t>(f.size());
  return n;
}

// Passage-sized pieces (paragraphs: split at blank lines), as the indexer analyses them.
std::vector<std::string> Paragraphs() {
  std::vector<std::string> out;
  for (const std::string& f : Files()) {
    for (std::size_t pos = 0; pos < f.size();) {
      std::size_t blank = f.find("\n\n", pos);
      if (blank == std::string::npos) blank = f.size();
      out.push_back(f.substr(pos, blank - pos));
      pos = blank + 2;
    }
  }
  return out;
}

std::unique_ptr<icu::BreakIterator> WordBreaker() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> bi(
      icu::BreakIterator::createWordInstance(icu::Locale::getFrench(), status));
  if (U_FAILURE(status)) throw std::runtime_error("ICU break iterator unavailable");
  return bi;
}

// Reference: ICU's word BreakIterator alone, on text already in UTF-16 (ICU's native form):
// every boundary and its rule status, nothing else.
void BM_BreakIteratorUtf16(benchmark::State& state) {
  auto bi = WordBreaker();
  std::vector<icu::UnicodeString> texts;
  for (const std::string& f : Files()) texts.push_back(icu::UnicodeString::fromUTF8(f));
  for (auto _ : state) {
    std::int64_t words = 0;
    for (const icu::UnicodeString& t : texts) {
      bi->setText(t);
      bi->first();
      while (bi->next() != icu::BreakIterator::DONE)
        words += bi->getRuleStatus() >= UBRK_WORD_NUMBER;
    }
    benchmark::DoNotOptimize(words);
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK(BM_BreakIteratorUtf16)->Unit(benchmark::kMillisecond);

// The same including the UTF-8 -> UTF-16 conversion the analyzer must also do.
void BM_BreakIteratorUtf8(benchmark::State& state) {
  auto bi = WordBreaker();
  for (auto _ : state) {
    std::int64_t words = 0;
    for (const std::string& f : Files()) {
      const icu::UnicodeString t = icu::UnicodeString::fromUTF8(f);
      bi->setText(t);
      bi->first();
      while (bi->next() != icu::BreakIterator::DONE)
        words += bi->getRuleStatus() >= UBRK_WORD_NUMBER;
    }
    benchmark::DoNotOptimize(words);
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK(BM_BreakIteratorUtf8)->Unit(benchmark::kMillisecond);

// The full chain (default options: repair, compounds, numbers, variants, stopwords, stems), one
// Analyze() per corpus file, with the per-term cache warm (as when indexing a corpus).
void BM_AnalyzerFiles(benchmark::State& state) {
  coop::Analyzer analyzer;
  for (auto _ : state) {
    std::size_t tokens = 0;
    for (const std::string& f : Files()) tokens += analyzer.Analyze(f).size();
    benchmark::DoNotOptimize(tokens);
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK(BM_AnalyzerFiles)->Unit(benchmark::kMillisecond);

// The full chain on paragraph-sized texts, as the indexer and the highlighter call it.
void BM_AnalyzerParagraphs(benchmark::State& state) {
  coop::Analyzer analyzer;
  const std::vector<std::string> paragraphs = Paragraphs();
  for (auto _ : state) {
    std::size_t tokens = 0;
    for (const std::string& p : paragraphs) tokens += analyzer.Analyze(p).size();
    benchmark::DoNotOptimize(tokens);
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK(BM_AnalyzerParagraphs)->Unit(benchmark::kMillisecond);

// Cold: a fresh Analyzer (empty per-term cache) for every pass; construction not timed.
void BM_AnalyzerColdCache(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    auto analyzer = std::make_unique<coop::Analyzer>();
    state.ResumeTiming();
    std::size_t tokens = 0;
    for (const std::string& f : Files()) tokens += analyzer->Analyze(f).size();
    benchmark::DoNotOptimize(tokens);
    state.PauseTiming();
    analyzer.reset();
    state.ResumeTiming();
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK(BM_AnalyzerColdCache)->Unit(benchmark::kMillisecond);

// Construction: ICU objects, stopwords, variants and synonym analysis.
void BM_AnalyzerConstruction(benchmark::State& state) {
  for (auto _ : state) {
    coop::Analyzer analyzer;
    benchmark::DoNotOptimize(&analyzer);
  }
}
BENCHMARK(BM_AnalyzerConstruction)->Unit(benchmark::kMicrosecond);

// One look-up in the compiled lexicon (binary search over block heads, then a front-coded
// block scan); the analyzer caches results per term, so this is paid once per distinct word.
void BM_LexiconFind(benchmark::State& state) {
  const coop::Lexicon& lexicon = coop::DefaultLexicon();
  const std::vector<std::string> words = {"cooperation", "espagne",        "portant", "rtant",
                                          "zzzqx",       "assainissement", "de",      "taroudannt"};
  std::size_t i = 0, found = 0;
  for (auto _ : state) found += lexicon.Find(words[i++ % words.size()]).has_value();
  benchmark::DoNotOptimize(found);
}
BENCHMARK(BM_LexiconFind);

}  // namespace

BENCHMARK_MAIN();
