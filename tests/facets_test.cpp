// Facet invariants over an index of the real corpus: counts are exact numbers of records, equal to
// the total one gets by selecting the value; facets are disjunctive; two values give the union.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "coop/index_builder.h"
#include "coop/query_parser.h"
#include "coop/schema.h"
#include "coop/search_request.h"
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

// Issue 17: the region facet mixed the divisions (Souss-Massa-Drâa 18 next to Souss-Massa 12).
// Each division is a facet of its own, and together they are the region facet.
TEST_F(FacetsTest, RegionsOfEachDivisionAreAFacetOfTheirOwn) {
  const SearchResult all = Search("");
  const auto count = [&](std::string_view facet, std::string_view value) -> long {
    const std::vector<FacetValue>* values = Values(all, facet);
    if (!values) return -1;
    for (const FacetValue& v : *values) {
      if (v.value == value) return static_cast<long>(v.count);
    }
    return 0;
  };
  EXPECT_EQ(count("region_2015", "Souss-Massa"), 12);
  EXPECT_EQ(count("region_2015", "Souss-Massa-Drâa"), 0);
  EXPECT_EQ(count("region_1997", "Souss-Massa-Drâa"), 18);
  EXPECT_EQ(count("region_1997", "Souss-Massa"), 0);
  EXPECT_EQ(count("region_1997", "Rabat-Salé-Zemmour-Zaër"), 9);
  EXPECT_EQ(count("region_2015", "Rabat-Salé-Kénitra"), 9);
  EXPECT_EQ(count("foreign_region", "Île-de-France"), 9);
  EXPECT_EQ(count("region_2015", "Île-de-France"), 0);
  // The union of the three divisions' values is the region facet, with the same counts.
  std::map<std::string, std::uint32_t> split, joined;
  for (std::string_view f : {"region_2015", "region_1997", "foreign_region"}) {
    for (const FacetValue& v : *Values(all, f)) {
      const auto [it, inserted] = split.emplace(std::string(v.value), v.count);
      // A name of two divisions ("Oriental") is one value of "region", counted once a record.
      if (!inserted) it->second = std::max(it->second, v.count);
    }
  }
  for (const FacetValue& v : *Values(all, "region")) joined.emplace(std::string(v.value), v.count);
  EXPECT_EQ(split.size(), joined.size());
  for (const auto& [value, n] : joined) EXPECT_GE(n, split[value]) << value;
}

TEST_F(FacetsTest, TwoDivisionsSelectedAreBothRequired) {
  // Across facets selections are ANDed: a 1997 region and a 2015 region give the records of
  // both, here the 1997 Souss-Massa-Drâa records that are also in the 2015 Drâa-Tafilalet.
  const auto old_region = Search("", {{"region_1997", {"Souss-Massa-Drâa"}}});
  const auto new_region = Search("", {{"region_2015", {"Drâa-Tafilalet"}}});
  const auto both =
      Search("", {{"region_1997", {"Souss-Massa-Drâa"}}, {"region_2015", {"Drâa-Tafilalet"}}});
  std::set<std::string> expected;
  for (const auto& id : Ids(old_region)) {
    if (Ids(new_region).count(id)) expected.insert(id);
  }
  EXPECT_EQ(Ids(both), expected);
  EXPECT_FALSE(expected.empty());
  EXPECT_LT(expected.size(), Total(old_region));
  // The old parameter still filters on any division.
  EXPECT_EQ(Ids(Search("", {{"region", {"Souss-Massa-Drâa"}}})), Ids(old_region));
  // A value of another division is unknown to the facet: a query error, as for any facet.
  EXPECT_THROW(Search("", {{"region_2015", {"Souss-Massa-Drâa"}}}), QueryError);
}

// year_from / year_to (issue 18's timeline): bounds included; the records kept are those with a
// year in the range, the union of the year selections it covers; within a year selection it
// keeps the selected years in range; the year facet still lists every year (disjunctive).
TEST_F(FacetsTest, YearRangeKeepsTheRecordsWithAYearWithinItsBoundsIncluded) {
  for (const char* q : {"", "eau", "jeunesse"}) {
    const SearchResult all = Search(q);
    const std::vector<FacetValue>* years = Values(all, "year");
    ASSERT_TRUE(years);
    ASSERT_GE(years->size(), 3u) << q;
    std::vector<int> listed;
    for (const FacetValue& v : *years) listed.push_back(std::stoi(std::string(v.value)));
    std::sort(listed.begin(), listed.end());
    const int from = listed[listed.size() / 3], to = listed[2 * listed.size() / 3];
    std::set<std::string> expected;
    for (int y : listed) {
      if (y < from || y > to) continue;
      const std::set<std::string> ids = Ids(Search(q, {{"year", {std::to_string(y)}}}));
      expected.insert(ids.begin(), ids.end());
    }
    const SearchResult range =
        searcher_.Search(SearchRequest{.q = q, .size = 100, .year_from = from, .year_to = to});
    ASSERT_LT(range.total, 100u);
    EXPECT_EQ(Ids(range), expected) << q << " " << from << "-" << to;
    EXPECT_EQ(Values(range, "year")->size(), years->size()) << q;
    // One year: the same records as ticking it; open ends.
    const SearchResult one =
        searcher_.Search(SearchRequest{.q = q, .size = 100, .year_from = to, .year_to = to});
    EXPECT_EQ(Ids(one), Ids(Search(q, {{"year", {std::to_string(to)}}}))) << q << " " << to;
    const SearchResult open_end =
        searcher_.Search(SearchRequest{.q = q, .size = 100, .year_from = listed.back()});
    EXPECT_EQ(Ids(open_end), Ids(Search(q, {{"year", {std::to_string(listed.back())}}}))) << q;
    // Within a selection: the selected years outside the range are dropped.
    const SearchResult within = searcher_.Search(
        SearchRequest{.q = q,
                      .size = 100,
                      .filters = {{"year", {std::to_string(listed.front()), std::to_string(to)}}},
                      .year_from = from});
    EXPECT_EQ(Ids(within), Ids(one)) << q;
  }
  // A range with no year of the index: nothing, and nothing in the other facets; the year
  // facet, with its own selection lifted, still lists the query's years (to widen the range).
  const SearchResult none =
      searcher_.Search(SearchRequest{.q = "eau", .year_from = 1901, .year_to = 1902});
  EXPECT_EQ(none.total, 0u);
  EXPECT_TRUE(none.hits.empty());
  const SearchResult eau = searcher_.Search(SearchRequest{.q = "eau"});
  for (const FacetResult& f : none.facets) {
    if (f.name == "year") {
      const auto all = std::find_if(eau.facets.begin(), eau.facets.end(),
                                    [](const FacetResult& e) { return e.name == "year"; });
      ASSERT_NE(all, eau.facets.end());
      ASSERT_FALSE(f.values.empty());
      ASSERT_EQ(f.values.size(), all->values.size());
      for (std::size_t i = 0; i < f.values.size(); ++i) {
        EXPECT_EQ(f.values[i].value, all->values[i].value);
        EXPECT_EQ(f.values[i].count, all->values[i].count);
      }
    } else {
      EXPECT_TRUE(f.values.empty()) << f.name;
    }
  }
}

TEST_F(FacetsTest, ABadYearRangeIsAQueryError) {
  EXPECT_THROW(searcher_.Search(SearchRequest{.year_from = 2010, .year_to = 2005}), QueryError);
  EXPECT_THROW(searcher_.Search(SearchRequest{.year_from = 12}), QueryError);
  EXPECT_THROW(searcher_.Search(SearchRequest{.year_to = 30000}), QueryError);
  EXPECT_THROW(ParseSearchParameters({{"year_from", {"deux mille"}}}), QueryError);
  EXPECT_THROW(ParseSearchParameters({{"year_from", {"2001", "2002"}}}), QueryError);
  const SearchRequest ok = ParseSearchParameters({{"year_from", {"2001"}}, {"year_to", {"2001"}}});
  EXPECT_EQ(ok.year_from, 2001);
  EXPECT_EQ(ok.year_to, 2001);
}

}  // namespace
}  // namespace coop
