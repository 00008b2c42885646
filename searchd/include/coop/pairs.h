// Who works with whom (issue 18): the partnership counts between the foreign side and the
// Moroccan regions of a search, for the page's matrix (heat map). A cell is the number of
// records of the search that have both values, so that ticking the two values gives exactly
// that total.
#ifndef COOP_PAIRS_H_
#define COOP_PAIRS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "coop/search_request.h"
#include "coop/search_result.h"
#include "coop/searcher.h"

namespace coop {

/// One cell: `count` records have both `row` and `column`.
struct PairCell {
  std::string row, column;
  std::size_t count = 0;
};

/// A row or column value and its records in the search.
struct PairValue {
  std::string value;
  std::size_t count = 0;
};

/// The matrix of a search. `rows` and `columns` are the facet values of the search (as in its
/// facets: records per value, most first), rows without a record with a column left out.
struct PairsResult {
  std::string by;            ///< "region", "country" or "city".
  std::string row_facet;     ///< foreign_region, country or city.
  std::string column_facet;  ///< region_2015.
  std::size_t total = 0;     ///< Records of the search.
  std::vector<PairValue> rows, columns;
  /// by=city: the cities of the search the index has no country for (no coop:place_points
  /// entry), left out of the rows.
  std::vector<PairValue> unknown_rows;
  /// by=region: the foreign regions of a former division (France before 2016: no
  /// coop:region_points entry), left out of the rows because their records also carry today's
  /// region (as rows they would count those records twice). Empty for an index without region
  /// points, whose rows are every foreign region.
  std::vector<PairValue> former_rows;
  std::vector<PairCell> cells;  ///< Non-zero cells, by row, then most records first.
};

/// The `by` values: "region" (foreign regions), "country" (the countries but Maroc) and "city"
/// (the cities the index places outside Morocco).
bool IsPairsSide(std::string_view by);

/// Counts the pairs of `request` (validated as /api/search validates it): cell (R, C) equals
/// the total of the same search with the row facet set to R and region_2015 set to C (both
/// replacing any selection of those facets). Runs one search with the record list (two if the
/// request selects a row or column value), then counts the cells from the record table's facet
/// values; rows are the facet's first 100 listed values. Throws QueryError for an unknown `by` or a
/// bad request, as Searcher::Search does otherwise. Not thread-safe with `searcher` (one per
/// thread).
PairsResult CountPairs(Searcher& searcher, const SearchRequest& request, std::string_view by);

}  // namespace coop

#endif  // COOP_PAIRS_H_
