// Word families (analyzers/data/variants.txt "family:"): a query word finds the records that
// write another word of its family, on an index of the real corpus.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "coop/analyzer.h"
#include "coop/index_builder.h"
#include "coop/searcher.h"
#include "coop/variants.h"
#include "corpus_index.h"
#include "test_util.h"

namespace coop {
namespace {

TEST(WordFamilyData, ParsesFamilyLines) {
  const auto e = ParseVariants("family: apiculture = apiculteur   # TLFi\n", "t.txt");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].kind, VariantEntry::Kind::kFamily);
  EXPECT_EQ(e[0].alternatives, (std::vector<std::string>{"apiculture", "apiculteur"}));
  EXPECT_THROW(ParseVariants("family: apiculture   # one word\n", "t.txt"), std::runtime_error);
  EXPECT_THROW(ParseVariants("family: apiculture = apicole\n", "t.txt"), std::runtime_error);
}

TEST(WordFamilyData, StemsOfAFamilyShareOneList) {
  Analyzer a;
  const std::vector<std::string>* family = a.StemFamily(a.Stem("apiculteurs"));
  ASSERT_NE(family, nullptr);
  for (const char* w : {"apiculture", "apiculteurs", "apicoles"}) {
    EXPECT_TRUE(std::binary_search(family->begin(), family->end(), a.Stem(w))) << w;
    EXPECT_EQ(a.StemFamily(a.Stem(w)), family) << w;
  }
  EXPECT_EQ(a.StemFamily(a.Stem("eau")), nullptr);
}

class WordFamilySearch : public testing::CorpusIndexTest {
 protected:
  std::vector<std::string> Titles(const std::string& q) {
    const SearchResult r = searcher_.Search(SearchRequest{.q = q, .size = 10});
    std::vector<std::string> out;
    for (const SearchHit& h : r.hits) out.push_back(h.record->title);
    return out;
  }
  static bool Has(const std::vector<std::string>& titles, const std::string& part) {
    return std::any_of(titles.begin(), titles.end(),
                       [&](const std::string& t) { return t.find(part) != std::string::npos; });
  }
  Searcher searcher_{Index()};
};

TEST_F(WordFamilySearch, AgentNounAndAdjectiveFindTheActivity) {
  // The corpus never writes "apiculture"; Loire-Atlantique/Agadir writes "apiculteurs" and
  // "apicoles" (001), so only the family finds it.
  Analyzer a;
  EXPECT_EQ(Xapian::Database(Index()).get_termfreq("Z" + a.Stem("apiculture")), 0u);
  const std::vector<std::string> titles = Titles("apiculture");
  ASSERT_FALSE(titles.empty());
  EXPECT_NE(titles[0].find("Loire-Atlantique"), std::string::npos) << titles[0];
}

TEST_F(WordFamilySearch, InflectedFormsOfSplitStemsMeet) {
  // Snowball stems "handicapés" to handicap but "handicapées" to handicape; the GIZ/Taroudant
  // slides (003) write only "handicapées".
  EXPECT_TRUE(Has(Titles("handicapés"), "Taroudant"));
  // Bordeaux/Casablanca trains "bibliothécaires" for a "médiathèque": among the first for
  // "bibliothèque". (Fourth since the own stem's bonus of issue 16, which ranks the records
  // writing the word itself, Cléon's "bibliothèque(s)" throughout among them, a little higher.)
  const std::vector<std::string> titles = Titles("bibliothèque");
  EXPECT_TRUE(
      Has({titles.begin(), titles.begin() + std::min<std::size_t>(4, titles.size())}, "Bordeaux"));
}

}  // namespace
}  // namespace coop
