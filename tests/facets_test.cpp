// Facet invariants over an index of the real corpus: counts are exact numbers of records, equal to
// the total one gets by selecting the value; facets are disjunctive; two values give the union.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

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
  SearchResult Search(const std::string& q,
                      std::map<std::string, std::vector<std::string>> filters = {}) {
    return searcher_.Search(SearchRequest{.q = q, .size = 100, .filters = std::move(filters)});
  }
  static std::size_t Total(const SearchResult& r) { return r.total; }
  static std::set<std::string> Ids(const SearchResult& r) {
    std::set<std::string> ids;
    for (const SearchHit& h : r.hits) ids.insert(h.record->id);
    return ids;
  }
  // The values of facet `name`, or nullptr if the result does not list the facet.
  static const std::vector<FacetValue>* Values(const SearchResult& r, std::string_view name) {
    for (const FacetResult& f : r.facets) {
      if (f.name == name) return &f.values;
    }
    return nullptr;
  }

  Searcher searcher_{Index()};
};

TEST_F(FacetsTest, EveryFacetCountEqualsTheTotalWhenSelected) {
  std::size_t checked = 0;
  for (const char* q : {"", "eau", "cooperation", "jeunesse"}) {
    auto r = Search(q);
    for (const schema::Facet& f : schema::kFacets) {
      const std::vector<FacetValue>* values = Values(r, f.name);
      ASSERT_TRUE(values) << f.name;
      for (const FacetValue& v : *values) {
        const std::string value(v.value);
        auto selected = Search(q, {{std::string(f.name), {value}}});
        EXPECT_EQ(Total(selected), v.count) << "q=" << q << " " << f.name << "=" << value;
        EXPECT_LE(v.count, Total(r));
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
  const SearchResult all = Search("");
  const std::vector<FacetValue>* all_countries = Values(all, "country");
  const std::vector<FacetValue>* lifted = Values(both, "country");
  ASSERT_TRUE(all_countries);
  ASSERT_TRUE(lifted);
  EXPECT_EQ(lifted->size(), all_countries->size());
}

TEST_F(FacetsTest, FiltersAndOnEmptyQueryBrowse) {
  auto r = Search("", {{"country", {"Allemagne"}}});
  ASSERT_EQ(Total(r), 1u);
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].record->source, kTaroudant);
}

TEST_F(FacetsTest, UnknownFacetOrValueIsAQueryError) {
  EXPECT_THROW(Search("", {{"colour", {"red"}}}), QueryError);
  EXPECT_THROW(Search("", {{"city", {"Atlantis"}}}), QueryError);
  EXPECT_THROW(Search("", {{"city", {""}}}), QueryError);
}

}  // namespace
}  // namespace coop
