// Who works with whom (issue 18) on the real corpus: every cell of the matrix equals the total
// of the same search with both of its values selected, for three searches and both sides; a
// row lists only values with a cell; Maroc is never a row; a bad `by` is a QueryError.
#include "coop/pairs.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "coop/query_parser.h"
#include "corpus_index.h"

namespace coop {
namespace {

using Filters = std::map<std::string, std::vector<std::string>>;

class PairsTest : public testing::CorpusIndexTest {
 protected:
  Searcher searcher_{Index()};
};

struct Case {
  std::string q;
  Filters filters;
  std::string by;
};

TEST_F(PairsTest, EveryCellIsTheTotalWithBothValuesSelected) {
  const std::vector<Case> cases = {
      {"", {}, "region"},
      {"eau", {}, "region"},
      {"jeunesse", {}, "country"},
      {"", {{"domain", {"Culture"}}}, "country"},
      {"", {{"region_2015", {"Souss-Massa"}}}, "region"},
      {"eau", {}, "city"},
      {"", {{"country", {"Belgique"}}}, "city"},
  };
  std::size_t cells = 0;
  for (const Case& c : cases) {
    const SearchRequest request{.q = c.q, .filters = c.filters};
    const PairsResult r = CountPairs(searcher_, request, c.by);
    EXPECT_EQ(r.total, searcher_.Search(request).total) << c.q;
    EXPECT_EQ(r.column_facet, "region_2015");
    EXPECT_FALSE(r.cells.empty()) << c.q << " " << c.by;
    for (const PairCell& cell : r.cells) {
      SearchRequest both = request;
      both.filters[r.row_facet] = {cell.row};
      both.filters[r.column_facet] = {cell.column};
      EXPECT_EQ(searcher_.Search(both).total, cell.count)
          << c.q << " " << cell.row << " x " << cell.column;
      EXPECT_GT(cell.count, 0u);
      EXPECT_NE(cell.row, "Maroc");
      ++cells;
    }
    for (const PairValue& row : r.rows) {
      bool has_cell = false;
      for (const PairCell& cell : r.cells) has_cell |= cell.row == row.value;
      EXPECT_TRUE(has_cell) << row.value;
    }
  }
  EXPECT_GE(cells, 20u);
}

TEST_F(PairsTest, TheRegionMatrixOfTheCorpusPairsFrenchAndMoroccanRegions) {
  const PairsResult r = CountPairs(searcher_, SearchRequest{}, "region");
  EXPECT_EQ(r.row_facet, "foreign_region");
  bool france_souss = false;
  for (const PairCell& cell : r.cells) {
    // A Moroccan 2015 region is never a row: the sides are apart.
    for (const PairValue& col : r.columns) EXPECT_NE(cell.row, col.value);
    france_souss |= cell.column == "Souss-Massa";
  }
  EXPECT_TRUE(france_souss);
}

// by=region: rows are today's foreign regions; the French regions before 2016, which every such
// record carries with today's, are listed apart, and each of their records has a row of today.
TEST_F(PairsTest, RegionRowsAreOfTodaysDivisionAndFormerRegionsAreListedApart) {
  for (const char* q : {"", "eau"}) {
    SCOPED_TRACE(q);
    const PairsResult r = CountPairs(searcher_, SearchRequest{.q = q}, "region");
    std::set<std::string> rows, former;
    for (const PairValue& v : r.rows) rows.insert(v.value);
    for (const PairValue& v : r.former_rows) former.insert(v.value);
    EXPECT_TRUE(rows.count("Grand Est"));
    EXPECT_FALSE(rows.count("Lorraine"));
    EXPECT_TRUE(former.count("Lorraine"));
    for (const std::string& f : former) {
      EXPECT_FALSE(rows.count(f)) << f;
      SearchRequest with{.q = q};
      with.filters["foreign_region"] = {f};
      const SearchResult result = searcher_.Search(with, {.records = true});
      ASSERT_GT(result.records.size(), 0u) << f;
      for (const StoredRecord* record : result.records) {
        const bool today =
            std::any_of(record->foreign_regions.begin(), record->foreign_regions.end(),
                        [&](const std::string& v) { return v != f && !former.count(v); });
        EXPECT_TRUE(today) << f << " " << record->id;
      }
    }
  }
}

// by=city: rows are the cities the index places outside Morocco; a Moroccan city is never a
// row, and a city without a country in the index is listed apart, never as a row.
TEST_F(PairsTest, CityRowsAreTheForeignCities) {
  const PairsResult r = CountPairs(searcher_, SearchRequest{}, "city");
  EXPECT_EQ(r.row_facet, "city");
  std::set<std::string> rows;
  for (const PairValue& v : r.rows) rows.insert(v.value);
  EXPECT_TRUE(rows.count("Marseille"));
  EXPECT_TRUE(rows.count("Aix-en-Provence"));
  for (const char* moroccan : {"Marrakech", "Agadir", "Fès", "Oujda", "Taroudant"}) {
    EXPECT_FALSE(rows.count(moroccan)) << moroccan;
  }
  for (const PairValue& v : r.unknown_rows) EXPECT_FALSE(rows.count(v.value)) << v.value;
}

TEST_F(PairsTest, AnUnknownSideIsAQueryError) {
  EXPECT_THROW(CountPairs(searcher_, SearchRequest{}, "planet"), QueryError);
  EXPECT_THROW(CountPairs(searcher_, SearchRequest{}, ""), QueryError);
  EXPECT_THROW(CountPairs(searcher_, SearchRequest{.year_from = 2010, .year_to = 2001}, "region"),
               QueryError);
}

}  // namespace
}  // namespace coop
