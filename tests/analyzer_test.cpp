// Golden and property tests of the French analyzer, on sentences of the real corpus.
// Golden tables follow Xapian's api_termgen.cc: input -> "term@position" list. A compound's whole
// term comes first, with its first part's position ("aix-en-provence@2 aix@2 en@3 provence@4").
#include "coop/analyzer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "coop/lexicon.h"
#include "corpus_files.h"
#include "test_util.h"

namespace coop {
namespace {

using testing::kKsarElKebir;
using testing::kTaroudant;

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

void ExpectGolden(const std::vector<Golden>& cases) {
  Analyzer a;
  for (const Golden& g : cases) EXPECT_EQ(Terms(a, g.input), g.expected) << g.input;
}

TEST(AnalyzerGolden, FoldingAndElision) {
  ExpectGolden({
      // 000: accents folded, elision with U+2019, U+FFFD bullet dropped.
      {"\xEF\xBF\xBD la coopération décentralisée est d’abord",
       "la@1 cooperation@2 decentralisee@3 est@4 abord@5"},
      {"4. La question des équipements publics",
       "4@1 la@2 question@3 des@4 equipements@5 publics@6"},
      // ASCII apostrophe, uppercase elision, qu', lorsqu’, jusqu', puisqu'.
      {"L'EAU et l'ASSAINISSEMENT qu'elle", "eau@1 et@2 assainissement@3 elle@4"},
      {"lorsqu’il jusqu'à puisqu'on", "il@1 a@2 on@3"},
      // Ligatures and ß: NFKC + full case folding.
      {"Œuvre cœur Æther Straße", "oeuvre@1 coeur@2 aether@3 strasse@4"},
      {"Fès Meknès Tétouan Al Hoceïma Drâa", "fes@1 meknes@2 tetouan@3 al@4 hoceima@5 draa@6"},
      // Not an elision: the word keeps its apostrophe.
      {"aujourd'hui", "aujourd'hui@1"},
  });
}

TEST(AnalyzerGolden, ExtractionNoiseDropped) {
  ExpectGolden({
      // 001: dingbat bullets and Markdown bold; 000: U+FFFD bullets.
      {"➤ **Tourisme**", "tourisme@1"},
      {"→ L'Institut Régional de Coopération - Développement (**IRCOD**)",
       "institut@1 regional@2 de@3 cooperation@4 developpement@5 ircod@6"},
      {"✓ ❖ ■ \xEF\xBF\xBD Le Gouvernement Andalou", "le@1 gouvernement@2 andalou@3"},
      // 001: Markdown superscripts "1^{er}", "9^{ème}" read as one word.
      {"Signature du 1^{er} Serment de Jumelage",
       "signature@1 du@2 1er@3 serment@4 de@5 jumelage@6"},
      {"9^{ème} vice-président", "9eme@1 vice-president@2 vice@2 president@3"},
  });
}

TEST(AnalyzerGolden, HyphenatedCompoundsWholeAndParts) {
  ExpectGolden({
      {"Ville d'Aix-en-Provence/Commune urbaine d'Oujda",
       "ville@1 aix-en-provence@2 aix@2 en@3 provence@4 commune@5 urbaine@6 oujda@7"},
      {"Région Tanger-Tétouan-Al Hoceima",
       "region@1 tanger-tetouan-al@2 tanger@2 tetouan@3 al@4 hoceima@5"},
      // 002: a compound broken at the end of a line stays one compound.
      {"du partenariat franco-\nmarocain. Il",
       "du@1 partenariat@2 franco-marocain@3 franco@3 marocain@4 il@5"},
      // A list dash is not a hyphen.
      {"Tanger - Oujda", "tanger@1 oujda@2"},
  });
}

TEST(AnalyzerGolden, NumbersAsWritten) {
  ExpectGolden({
      {"Coût total du projet : 2 032 800 Dhs.", "cout@1 total@2 du@3 projet@4 2032800@5 dhs@6"},
      // 000: budget table cells glued to their label; French decimal comma.
      {"1.409.749,55Montants en Dihams", "1409749,55@1 montants@2 en@3 dihams@4"},
      {"Montant alloué : 385.767,95 Euros", "montant@1 alloue@2 385767,95@3 euros@4"},
      {"9.460.000,00   Total", "9460000@1 total@2"},
      // 000: a stray space after the first group.
      {"un total de 2. 356.135 Euros", "un@1 total@2 de@3 2356135@4 euros@5"},
      // 004: a range is a compound of two years.
      {"communale 2017-2021 au Maroc", "communale@1 2017-2021@2 2017@2 2021@3 au@4 maroc@5"},
      // Not amounts: a date and a year followed by a count stay as written.
      {"le 01.06.2006 en 2004 100 personnes", "le@1 01.06.2006@2 en@3 2004@4 100@5 personnes@6"},
  });
}

TEST(AnalyzerGolden, StraySpaceSplitsRejoined) {
  ExpectGolden({
      // 000, lines 28-88 and 247: the extraction's own damage.
      {"avec L’Es pagne et en", "avec@1 espagne@2 et@3 en@4"},
      {"po rtant promulgation de la loi n°78-00 portant charte communa le",
       "portant@1 promulgation@2 de@3 la@4 loi@5 n@6 78-00@7 78@7 00@8 portant@9 charte@10 "
       "communale@11"},
      {"Les actions de la C oopération Espagnole",
       "les@1 actions@2 de@3 la@4 cooperation@5 "
       "espagnole@6"},
      {"la Coopération E spagnole distingue", "la@1 cooperation@2 espagnole@3 distingue@4"},
      {"Les projets d e notre coopération", "les@1 projets@2 de@3 notre@4 cooperation@5"},
      {"des dr oits de l’homme", "des@1 droits@2 de@3 homme@4"},
      {"en la matièr e.", "en@1 la@2 matiere@3"},
      {"Rechercher l’équit é entre", "rechercher@1 equite@2 entre@3"},
      {"pour les généra tions futures", "pour@1 les@2 generations@3 futures@4"},
      {"de la Coopération Espa gnole.", "de@1 la@2 cooperation@3 espagnole@4"},
      {"La libert é culturelle", "la@1 liberte@2 culturelle@3"},
      {"dont t iennent compte", "dont@1 tiennent@2 compte@3"},
      {"d’un réseau loc al", "un@1 reseau@2 local@3"},
  });
}

TEST(AnalyzerGolden, RealWordPairsNotJoined) {
  ExpectGolden({
      {"plus de cent personnes", "plus@1 de@2 cent@3 personnes@4"},          // 000: not "décent"
      {"rue Vergniaud Bât I 75013", "rue@1 vergniaud@2 bat@3 i@4 75013@5"},  // 001: not "bâti"
      {"de part et d'autre", "de@1 part@2 et@3 autre@4"},                    // not "départ"
      {"à venir", "a@1 venir@2"},                                            // not "avenir"
      {"les micro projets", "les@1 micro@2 projets@3"},  // both words, each frequent
  });
}

TEST(AnalyzerGolden, SpellingVariantsMappedToCanonical) {
  ExpectGolden({
      {"Commune urbaine de Taroudannt", "commune@1 urbaine@2 de@3 taroudant@4"},  // 001
      {"Commune urbaine d'El Jedida", "commune@1 urbaine@2 el@3 jadida@4"},       // 001
      {"Une mission à Figuiq", "une@1 mission@2 a@3 figuig@4"},                   // 001
      {"Fez Tangier Marrakesh", "fes@1 tanger@2 marrakech@3"},
  });
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

TEST(Analyzer, MergedTokensSpanAllTheirPieces) {
  Analyzer a;
  const std::string text = "avec L’Es pagne pour 2 032 800 Dhs à Aix-en-Provence";
  const auto surface = [&](const Token& t) { return text.substr(t.begin, t.end - t.begin); };
  auto tokens = a.Analyze(text);
  ASSERT_EQ(tokens.size(), 10u);
  EXPECT_EQ(surface(tokens[1]), "Es pagne");
  EXPECT_TRUE(tokens[1].repaired);
  EXPECT_EQ(surface(tokens[3]), "2 032 800");
  EXPECT_TRUE(tokens[3].number);
  EXPECT_EQ(surface(tokens[6]), "Aix-en-Provence");
  EXPECT_TRUE(tokens[6].compound);
  EXPECT_TRUE(tokens[6].stem.empty());
  EXPECT_EQ(surface(tokens[7]), "Aix");
  EXPECT_FALSE(tokens[7].compound);
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

TEST(Analyzer, OptionsTurnStepsOff) {
  AnalyzerOptions off;
  off.compounds = off.repair = off.variants = false;
  Analyzer a(off);
  EXPECT_EQ(Terms(a, "L’Es pagne Aix-en-Provence Taroudannt"),
            "es@1 pagne@2 aix@3 en@4 provence@5 taroudannt@6");
}

TEST(Analyzer, SynonymGroupsComeFromTheDataFile) {
  Analyzer a;
  bool giz = false;
  for (const SynonymGroup& g : a.Synonyms()) {
    ASSERT_GE(g.alternatives.size(), 2u);
    EXPECT_FALSE(g.source.empty());
    if (g.alternatives[0] == std::vector<std::string>{"giz"}) {
      giz = true;
      EXPECT_EQ(g.alternatives[1], (std::vector<std::string>{"deutsche", "gesellschaft", "fur",
                                                             "internationale", "zusammenarbeit"}));
    }
  }
  EXPECT_TRUE(giz);
  EXPECT_EQ(a.Canonical("taroudannt"), "taroudant");
  EXPECT_EQ(a.Canonical("agadir"), "agadir");
}

TEST(Analyzer, LexiconHasTheFrenchListAndTheCorpusVocabulary) {
  const Lexicon& lex = DefaultLexicon();
  EXPECT_GT(lex.size(), 300000u);
  ASSERT_TRUE(lex.Find("cooperation"));
  EXPECT_TRUE(lex.Find("cooperation")->dictionary);
  EXPECT_EQ(lex.Find("cooperation")->corpus_count, 2);
  ASSERT_TRUE(lex.Find("espagne"));  // a proper noun: corpus only
  EXPECT_FALSE(lex.Find("espagne")->dictionary);
  // A piece of damage is counted once, from the damaged occurrence itself: not a word.
  ASSERT_TRUE(lex.Find("rtant"));
  EXPECT_FALSE(lex.Find("rtant")->dictionary);
  EXPECT_EQ(lex.Find("rtant")->corpus_count, 1);
  EXPECT_FALSE(lex.Find("zzzqx"));
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
  // A compound of long parts is truncated too.
  auto compound = a.Analyze(word + "-" + word);
  ASSERT_EQ(compound.size(), 3u);
  EXPECT_LE(compound[0].term.size(), kMaxTermBytes);
}

// Properties over the whole real corpus.
class AnalyzerCorpus : public ::testing::TestWithParam<const char*> {};

TEST_P(AnalyzerCorpus, TokensAreWellFormed) {
  Analyzer a;
  const std::string text = testing::ReadCorpusFile(GetParam());
  std::uint32_t last_position = 0;
  std::size_t last_begin = 0;
  const std::vector<Token> tokens = a.Analyze(text);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    ASSERT_FALSE(t.term.empty());
    ASSERT_LE(t.term.size(), kMaxTermBytes);
    ASSERT_LT(t.begin, t.end);
    ASSERT_LE(t.end, text.size());
    ASSERT_GE(t.begin, last_begin);
    // One position per word; a compound shares its first part's position.
    if (t.compound) {
      ASSERT_LT(i + 1, tokens.size());
      ASSERT_EQ(t.position, tokens[i + 1].position);
      ASSERT_EQ(t.begin, tokens[i + 1].begin);
    } else {
      ASSERT_EQ(t.position, last_position + 1);
      last_position = t.position;
    }
    // Folding is idempotent on terms.
    ASSERT_EQ(a.Fold(t.term), t.term);
    // The surface form, analysed alone, gives the same term first. (Before numbers, compounds,
    // repair and variants this was Fold(surface) == term; merged and canonical terms are not a
    // plain fold of their surface, but they are what the chain makes of it.)
    const std::string surface = text.substr(t.begin, t.end - t.begin);
    const std::vector<Token> again = a.Analyze(surface);
    ASSERT_FALSE(again.empty()) << surface;
    ASSERT_EQ(again[0].term, t.term) << surface;
    last_begin = t.begin;
  }
  EXPECT_GT(last_position, 500u);
}

INSTANTIATE_TEST_SUITE_P(RealCorpus, AnalyzerCorpus, ::testing::ValuesIn(testing::kAllDocuments));

TEST(AnalyzerCorpus, FoldingIsIdempotentOnEveryWord) {
  AnalyzerOptions raw;
  raw.compounds = raw.repair = raw.variants = false;
  Analyzer a(raw);
  const std::string text =
      testing::ReadCorpusFile(kTaroudant) + testing::ReadCorpusFile(kKsarElKebir);
  for (const Token& t : a.Analyze(text)) {
    const std::string surface = text.substr(t.begin, t.end - t.begin);
    const std::string once = a.Fold(surface);
    ASSERT_EQ(a.Fold(once), once) << surface;
  }
}

}  // namespace
}  // namespace coop
