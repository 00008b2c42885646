// Folding (coop/fold.h): the one Fold, its two separator variants, its Latin-1 fast path (part of
// the highlighter's table format) and the Analyzer's term fold, on words and lines of the corpus.
#include "coop/fold.h"

#include <gtest/gtest.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <sstream>
#include <string>
#include <vector>

#include "coop/analyzer.h"
#include "corpus_files.h"
#include "test_util.h"

namespace coop {
namespace {

// The text of every corpus document.
std::vector<std::string> CorpusTexts() {
  std::vector<std::string> out;
  for (const char* name : testing::kAllDocuments) out.push_back(testing::ReadCorpusFile(name));
  return out;
}

struct FoldCase {
  std::string text;
  std::string term;  // Fold(text)
  std::string key;   // Fold(text, kKeyFold)
};

TEST(Fold, TermAndKeyVariantsOnCorpusPhrases) {
  // Phrases as the corpus writes them (the first eight occur in corpus/*.txt), then characters
  // where the segmenter's former seg::Fold (NFD base letter, lower case) gave another key.
  const std::vector<FoldCase> cases = {
      {"Conseil régional de Tadla-Azilal", "conseil regional de tadla-azilal",
       "conseil regional de tadla azilal"},
      {"d’Action", "d'action", "d action"},
      {"Œuvrer", "oeuvrer", "oeuvrer"},  // seg::Fold: "œuvrer"
      {"mise en œuvre", "mise en oeuvre", "mise en oeuvre"},
      // A footnote marker separates words in the key; as a term it is a digit (NFKC).
      {"52¹.", "521.", "52"},
      {"locaux + ½ secrétariat.", "locaux + 1⁄2 secretariat.", "locaux secretariat"},
      {"Cadre juridique :", "cadre juridique :", "cadre juridique"},
      {"Meknès-Tafilalet", "meknes-tafilalet", "meknes tafilalet"},
      {"  CADRE  JURIDIQUE ", "  cadre  juridique ", "cadre juridique"},
      {"Straße Lætitia Søren Łódź", "strasse laetitia soren lodz", "strasse laetitia soren lodz"},
      {"ﬁnance", "finance", "finance"},  // seg::Fold kept the ligature
      {"nº 1ª", "no 1a", "no 1a"},       // seg::Fold kept º and ª
      {"مَدِيـنة", "مدينة", "مدينة"},  // seg::Fold: "م د يـنة" (harakat split, tatweel kept)
      {"e\xCC\x81te\xCC\x81", "ete", "ete"},          // decomposed "été"; seg::Fold: "e te"
      {"dʼÉducation", "d'education", "d education"},  // U+02BC is a letter to ICU
      {"a\xFFz", "a\xEF\xBF\xBDz", "a z"},            // invalid UTF-8: U+FFFD, a separator
      {"", "", ""},
  };
  for (const FoldCase& c : cases) {
    EXPECT_EQ(Fold(c.text), c.term) << c.text;
    EXPECT_EQ(Fold(c.text, kKeyFold), c.key) << c.text;
  }
}

// FoldLatin1's domain is part of the highlighter's table format: exactly ASCII and these letters.
TEST(Fold, Latin1FastPathIsTheFoldOfEveryCharacterItAccepts) {
  std::string accepted_latin1;
  for (UChar32 c = 0x20; c <= 0xFF; ++c) {
    if (c >= 0x7F && c < 0xA0) continue;  // DEL and C1 controls
    char bytes[4];
    std::int32_t n = 0;
    U8_APPEND_UNSAFE(bytes, n, c);
    const std::string ch(bytes, static_cast<std::size_t>(n));
    std::string fast;
    if (!FoldLatin1(ch, fast)) {
      EXPECT_GE(c, 0x80) << "ASCII is always accepted: " << c;
      continue;
    }
    if (c >= 0x80) accepted_latin1 += ch;
    // "ł" is outside the fast path: Fold() then folds the whole text with ICU.
    EXPECT_EQ(Fold(ch + "ł"), fast + "l") << ch;
    EXPECT_EQ(FoldLatin1FirstByte(ch), static_cast<unsigned char>(fast[0])) << ch;
  }
  EXPECT_EQ(accepted_latin1, "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿ");
  std::string out;
  EXPECT_FALSE(FoldLatin1("cœur", out));
  EXPECT_FALSE(FoldLatin1("d’action", out));
  EXPECT_EQ(FoldLatin1FirstByte("Œuvrer"), 0);
}

// The analyzer folds the words it has not seen with ICU (Folder), never with FoldLatin1: where
// FoldLatin1 accepts a corpus word, it must give the analyzer's term.
TEST(Fold, Latin1FastPathAgreesWithTheAnalyzerOnEveryCorpusWord) {
  AnalyzerOptions raw;
  raw.compounds = raw.repair = raw.variants = false;
  Analyzer a(raw);
  std::size_t accepted = 0, accented = 0;
  for (const std::string& text : CorpusTexts()) {
    for (const Token& t : a.Analyze(text)) {
      if (t.number) continue;  // "2 032 800" -> 2032800 is merging, not folding
      const std::string surface = text.substr(t.begin, t.end - t.begin);
      // "1^{er}" -> 1er: the analyzer reads the superscript markup away before folding.
      if (surface.find("^{") != std::string::npos) continue;
      std::string fast;
      if (!FoldLatin1(surface, fast)) continue;
      ++accepted;
      if (fast.size() != surface.size()) ++accented;
      ASSERT_EQ(fast, t.term) << surface;
      ASSERT_EQ(Fold(surface), t.term) << surface;
    }
  }
  EXPECT_GT(accepted, 50000u);  // 59,437 words
  EXPECT_GT(accented, 5000u);   // 10,000: "été", "Fès", the Latin-1 half of the path
}

TEST(Fold, KeyOfEveryCorpusLineHasOnlyWordsAndSingleSpacesAndIsStable) {
  std::size_t lines = 0, ligatures = 0;
  for (const std::string& text : CorpusTexts()) {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
      const std::string key = Fold(line, kKeyFold);
      ++lines;
      if (line.find("œ") != std::string::npos) {
        ++ligatures;
        EXPECT_NE(key.find("oe"), std::string::npos) << line;
      }
      ASSERT_EQ(Fold(key, kKeyFold), key) << line;
      if (key.empty()) continue;
      ASSERT_NE(key.front(), ' ') << line;
      ASSERT_NE(key.back(), ' ') << line;
      ASSERT_EQ(key.find("  "), std::string::npos) << line;
      const auto* s = reinterpret_cast<const std::uint8_t*>(key.data());
      const auto n = static_cast<std::int32_t>(key.size());
      for (std::int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        ASSERT_TRUE(c == ' ' || (c > 0 && u_isalnum(c))) << line;
      }
    }
  }
  EXPECT_GT(lines, 10000u);
  EXPECT_EQ(ligatures, 89u);  // lines of corpus/*.txt with "œ"
}

TEST(Fold, AnalyzerFoldIsTheTermVariant) {
  Analyzer a;
  const std::string text = testing::ReadCorpusFile(testing::kRepertoire);
  for (const std::string& s : {std::string("Conseil régional de Tadla-Azilal"),
                               std::string("d’Action"), std::string("Œuvrer"), text}) {
    EXPECT_EQ(a.Fold(s), Fold(s, {.max_bytes = kMaxTermBytes}));
  }
  // A term is cut at Xapian's limit, at a code point boundary (Arabic letters: 2 bytes each).
  EXPECT_EQ(a.Fold(text).size(), kMaxTermBytes);
  std::string arabic;
  for (int i = 0; i < 200; ++i) arabic += "م";
  EXPECT_EQ(a.Fold(arabic).size(), kMaxTermBytes - 1);
  EXPECT_EQ(Fold(arabic).size(), 400u);  // no limit by default
}

}  // namespace
}  // namespace coop
