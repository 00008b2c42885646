// Facet invariants over an index of the real corpus: counts are exact numbers of records, equal to
// the total one gets by selecting the value; facets are disjunctive; two values give the union.
#include <gtest/gtest.h>

#include <set>

#include "coop/index_builder.h"
#include "coop/query_parser.h"
#include "coop/schema.h"
#include "coop/searcher.h"
#include "corpus_files.h"
#include "corpus_index.h"
#include "test_util.h"

namespace coop {
namespace {

using testing::kTaroudant;

class FacetsTest : public testing::CorpusIndexTest {
 protected:
  Poco::JSON::Object::Ptr Search(const std::string& q,
                                 std::map<std::string, std::vector<std::string>> filters = {}) {
    return searcher_.Search(SearchRequest{.q = q, .size = 100, .filters = std::move(filters)});
  }
  static std::size_t Total(const Poco::JSON::Object::Ptr& r) {
    return r->getValue<std::size_t>("total");
  }
  static std::set<std::string> Ids(const Poco::JSON::Object::Ptr& r) {
    std::set<std::string> ids;
    auto hits = r->getArray("hits");
    for (unsigned i = 0; i < hits->size(); ++i) {
      ids.insert(hits->getObject(i)->getValue<std::string>("id"));
    }
    return ids;
  }

  Searcher searcher_{Index()};
};

TEST_F(FacetsTest, EveryFacetCountEqualsTheTotalWhenSelected) {
  std::size_t checked = 0;
  for (const char* q : {"", "eau", "cooperation", "jeunesse"}) {
    auto r = Search(q);
    auto facets = r->getObject("facets");
    for (const schema::Facet& f : schema::kFacets) {
      auto values = facets->getArray(std::string(f.name));
      ASSERT_TRUE(values) << f.name;
      for (unsigned i = 0; i < values->size(); ++i) {
        auto v = values->getObject(i);
        const std::string value = v->getValue<std::string>("value");
        auto selected = Search(q, {{std::string(f.name), {value}}});
        EXPECT_EQ(Total(selected), v->getValue<std::size_t>("count"))
            << "q=" << q << " " << f.name << "=" << value;
        EXPECT_LE(v->getValue<std::size_t>("count"), Total(r));
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 10u);
}

TEST_F(FacetsTest, TwoValuesOfOneFacetGiveTheUnionAndCountsStayDisjunctive) {
  auto maroc = Search("", {{"country", {"Belgique"}}});
  auto espagne = Search("", {{"country", {"Espagne"}}});
  auto both = Search("", {{"country", {"Belgique", "Espagne"}}});
  std::set<std::string> expected = Ids(maroc);
  for (const auto& id : Ids(espagne)) expected.insert(id);
  EXPECT_EQ(Ids(both), expected);
  EXPECT_EQ(Total(both), expected.size());
  // The country facet ignores its own selection: it still lists every country.
  auto all_countries = Search("")->getObject("facets")->getArray("country");
  auto lifted = both->getObject("facets")->getArray("country");
  EXPECT_EQ(lifted->size(), all_countries->size());
}

TEST_F(FacetsTest, FiltersAndOnEmptyQueryBrowse) {
  auto r = Search("", {{"country", {"Allemagne"}}});
  ASSERT_EQ(Total(r), 1u);
  EXPECT_EQ(r->getArray("hits")->getObject(0)->getValue<std::string>("source"), kTaroudant);
}

TEST_F(FacetsTest, UnknownFacetOrValueIsAQueryError) {
  EXPECT_THROW(Search("", {{"colour", {"red"}}}), QueryError);
  EXPECT_THROW(Search("", {{"city", {"Atlantis"}}}), QueryError);
  EXPECT_THROW(Search("", {{"city", {""}}}), QueryError);
}

}  // namespace
}  // namespace coop
