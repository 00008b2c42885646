#include "coop/pairs.h"

#include "coop/query_parser.h"
#include "exec/index_revision.h"

namespace coop {
namespace {

constexpr std::string_view kColumnFacet = "region_2015";

struct Side {
  std::string_view by, facet;
};
constexpr Side kSides[] = {{"region", "foreign_region"}, {"country", "country"}, {"city", "city"}};

const FacetResult* FacetOf(const SearchResult& r, std::string_view name) {
  for (const FacetResult& f : r.facets) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

enum class RowKind { kRow, kMoroccan, kUnknown };

// The Moroccan side is the columns: Morocco is no foreign country, and a city is foreign when
// the index places it outside Morocco (coop:place_points, the gazetteer's country); a city the
// index has no point for is of no known country.
RowKind KindOf(std::string_view facet, std::string_view value, const SearchResult& r) {
  if (facet == "country") return value == "Maroc" ? RowKind::kMoroccan : RowKind::kRow;
  if (facet != "city") return RowKind::kRow;
  const auto& points = r.revision->place_points();
  const auto it = points.find(value);
  if (it == points.end()) return RowKind::kUnknown;
  return it->second.country == "Maroc" ? RowKind::kMoroccan : RowKind::kRow;
}

}  // namespace

bool IsPairsSide(std::string_view by) {
  for (const Side& s : kSides) {
    if (s.by == by) return true;
  }
  return false;
}

PairsResult CountPairs(Searcher& searcher, const SearchRequest& request, std::string_view by) {
  const Side* side = nullptr;
  for (const Side& s : kSides) {
    if (s.by == by) side = &s;
  }
  if (!side) {
    throw QueryError("by must be 'region', 'country' or 'city', got '" +
                     std::string(by.substr(0, 40)) + "'");
  }
  PairsResult out{.by = std::string(by),
                  .row_facet = std::string(side->facet),
                  .column_facet = std::string(kColumnFacet)};
  SearchRequest base = request;
  base.page = 1;
  base.size = 1;
  const SearchResult all = searcher.Search(base);
  out.total = all.total;
  const FacetResult* rows = FacetOf(all, side->facet);
  const FacetResult* columns = FacetOf(all, kColumnFacet);
  if (!rows || !columns) return out;
  for (const FacetValue& c : columns->values)
    out.columns.push_back({std::string(c.value), c.count});
  for (const FacetValue& r : rows->values) {
    const RowKind kind = KindOf(side->facet, r.value, all);
    if (kind == RowKind::kUnknown) out.unknown_rows.push_back({std::string(r.value), r.count});
    if (kind != RowKind::kRow) continue;
    // The row's records: the column facet counts them per region (a column selection is lifted
    // for its own facet's counts, so each is the total with that column selected instead).
    SearchRequest one = base;
    one.filters[std::string(side->facet)] = {std::string(r.value)};
    const SearchResult within = searcher.Search(one);
    const FacetResult* per_column = FacetOf(within, kColumnFacet);
    bool any = false;
    for (const FacetValue& c : per_column ? per_column->values : std::vector<FacetValue>{}) {
      if (c.count == 0) continue;
      out.cells.push_back({std::string(r.value), std::string(c.value), c.count});
      any = true;
    }
    if (any) out.rows.push_back({std::string(r.value), r.count});
  }
  return out;
}

}  // namespace coop
