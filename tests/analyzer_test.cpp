// Golden and property tests of the French analyzer, on sentences of the real corpus.
#include "coop/analyzer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_util.h"

namespace coop {
namespace {

// "term@position" for each token, the format of Xapian's api_termgen golden tests.
std::string Terms(Analyzer& a, std::string_view text) {
  std::string out;
  for (const Token& t : a.Analyze(text)) {
    if (!out.empty()) out += ' ';
    out += t.term + "@" + std::to_string(t.position);
  }
  return out;
}

struct Golden {
  const char* input;
  const char* expected;
};

TEST(AnalyzerGolden, CorpusSentences) {
  const Golden cases[] = {
      // 000: accents folded, elision with U+2019 and with any case, U+FFFD bullet dropped.
      {"\xEF\xBF\xBD la coopération décentralisée est d’abord",
       "la@1 cooperation@2 decentralisee@3 est@4 abord@5"},
      {"avec L’Es pagne", "avec@1 es@2 pagne@3"},
      {"4. La question des équipements publics", "4@1 la@2 question@3 des@4 equipements@5 publics@6"},
      // 001: ASCII apostrophe, uppercase elision, qu'.
      {"Ville d'Aix-en-Provence/Commune urbaine d'Oujda",
       "ville@1 aix@2 en@3 provence@4 commune@5 urbaine@6 oujda@7"},
      {"L'EAU et l'ASSAINISSEMENT qu'elle", "eau@1 et@2 assainissement@3 elle@4"},
      {"lorsqu’il jusqu'à puisqu'on", "il@1 a@2 on@3"},
      // Ligatures and ß: NFKC + full case folding.
      {"Œuvre cœur Æther Straße", "oeuvre@1 coeur@2 aether@3 strasse@4"},
      // Place names with diacritics.
      {"Fès Meknès Tétouan Al Hoceïma Drâa", "fes@1 meknes@2 tetouan@3 al@4 hoceima@5 draa@6"},
      // Not an elision: the word keeps its apostrophe.
      {"aujourd'hui", "aujourd'hui@1"},
  };
  Analyzer a;
  for (const Golden& g : cases) EXPECT_EQ(Terms(a, g.input), g.expected) << g.input;
}

TEST(AnalyzerGolden, ArabicKeepsLettersDropsMarks) {
  Analyzer a;
  // 003: "المديرية العامة للجماعات المحلية" (no harakat in the corpus): letters survive.
  EXPECT_EQ(Terms(a, "المديرية العامة"), "المديرية@1 العامة@2");
  // Harakat (U+064E fatha, U+0650 kasra) and tatweel (U+0640) are removed.
  EXPECT_EQ(a.Fold("مَدِيـنة"), "مدينة");
}

TEST(Analyzer, ElisionOffsetsCoverTheWordOnly) {
  Analyzer a;
  const std::string text = "gestion de l’eau";
  auto tokens = a.Analyze(text);
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[2].term, "eau");
  EXPECT_EQ(tokens[2].position, 3u);
  EXPECT_EQ(text.substr(tokens[2].begin, tokens[2].end - tokens[2].begin), "eau");
}

TEST(Analyzer, StemsJoinInflectedForms) {
  Analyzer a;
  const auto stem = [&](const char* w) { return a.Analyze(w).at(0).stem; };
  EXPECT_EQ(stem("Équipements"), stem("equipement"));
  EXPECT_EQ(stem("ÉQUIPEMENTS"), stem("équipements"));
  EXPECT_EQ(stem("tanneries"), stem("tannerie"));
  EXPECT_FALSE(stem("tannerie").empty());
}

TEST(Analyzer, StopwordsFlaggedNotStemmed) {
  Analyzer a;
  auto tokens = a.Analyze("le développement de la commune");
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_TRUE(tokens[0].stopword);
  EXPECT_TRUE(tokens[0].stem.empty());
  EXPECT_FALSE(tokens[1].stopword);
  EXPECT_TRUE(tokens[2].stopword);
  Analyzer dropping(AnalyzerOptions{.stem = true, .keep_stopwords = false});
  auto kept = dropping.Analyze("le développement de la commune");
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(kept[1].position, 5u) << "dropped stopwords keep their positions";
}

TEST(Analyzer, InvalidUtf8NeverThrows) {
  Analyzer a;
  const std::string bad = "caf\xC3 \xFF\xFE tannerie \xE2\x82";
  std::vector<Token> tokens;
  ASSERT_NO_THROW(tokens = a.Analyze(bad));
  ASSERT_FALSE(tokens.empty());
  EXPECT_EQ(tokens.back().term, "tannerie");
  for (const Token& t : tokens) EXPECT_LE(t.end, bad.size());
}

TEST(Analyzer, LongWordsTruncatedToXapianLimit) {
  Analyzer a;
  std::string word;
  for (int i = 0; i < 200; ++i) word += "é";  // 400 bytes
  auto tokens = a.Analyze(word);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_LE(tokens[0].term.size(), kMaxTermBytes);
  EXPECT_FALSE(tokens[0].term.empty());
}

// Properties over the whole real corpus.
class AnalyzerCorpus : public ::testing::TestWithParam<const char*> {};

TEST_P(AnalyzerCorpus, TokensAreWellFormed) {
  Analyzer a;
  const std::string text = testing::ReadCorpusFile(GetParam());
  std::uint32_t last_position = 0;
  std::size_t last_begin = 0;
  for (const Token& t : a.Analyze(text)) {
    ASSERT_FALSE(t.term.empty());
    ASSERT_LE(t.term.size(), kMaxTermBytes);
    ASSERT_LT(t.begin, t.end);
    ASSERT_LE(t.end, text.size());
    ASSERT_GE(t.begin, last_begin);
    ASSERT_EQ(t.position, last_position + 1);
    // The surface form folds back to the term, and folding is idempotent.
    ASSERT_EQ(a.Fold(text.substr(t.begin, t.end - t.begin)), t.term);
    ASSERT_EQ(a.Fold(t.term), t.term);
    last_position = t.position;
    last_begin = t.begin;
  }
  EXPECT_GT(last_position, 500u);
}

INSTANTIATE_TEST_SUITE_P(RealCorpus, AnalyzerCorpus,
                         ::testing::Values("000_959c21865eb3db85.txt", "001_d5314e58f61e8ef9.txt",
                                           "002_c984a39fa1b6c906.txt", "003_78bcbdc1738f4c95.txt",
                                           "004_f52165ab902bcf67.txt"));

}  // namespace
}  // namespace coop
