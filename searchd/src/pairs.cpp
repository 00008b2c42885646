#include "coop/pairs.h"

#include <algorithm>
#include <iterator>
#include <limits>
#include <map>
#include <tuple>
#include <unordered_map>

#include "coop/query_parser.h"
#include "coop/schema.h"
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

std::size_t FacetIndex(std::string_view name) {
  const std::size_t f = schema::FacetIndex(name);
  if (f == std::size(schema::kFacets)) throw std::logic_error("no facet " + std::string(name));
  return f;
}

enum class RowKind { kRow, kMoroccan, kUnknown, kFormer };

// The Moroccan side is the columns: Morocco is no foreign country, and a city is foreign when
// the index places it outside Morocco (coop:place_points, the gazetteer's country); a city the
// index has no point for is of no known country. A foreign region without a point in
// coop:region_points is of a former division (France before 2016): its records also carry the
// region of today that took its territory, so as a row it would count them a second time.
RowKind KindOf(std::string_view facet, std::string_view value, const SearchResult& r) {
  if (facet == "country") return value == "Maroc" ? RowKind::kMoroccan : RowKind::kRow;
  if (facet == "foreign_region") {
    const auto& regions = r.revision->region_points();
    return regions.empty() || regions.count(value) ? RowKind::kRow : RowKind::kFormer;
  }
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
  // The cells are counted over the records of the search with the row and column selections
  // lifted (a cell replaces them), from the record table's facet values: one search in all,
  // instead of one per row (x100: 60 rows, 60 searches; docs/bench/profile.md). Facet selections
  // never change the match mode (searcher.cpp), so the lifted search is the same query.
  SearchRequest lifted = base;
  const bool selects = lifted.filters.erase(std::string(side->facet)) +
                           lifted.filters.erase(std::string(kColumnFacet)) >
                       0;
  const SearchExtras extras{.records = true};
  const SearchResult whole = searcher.Search(lifted, extras);
  // The rows and columns are those of the search as asked (facets lift their own selection).
  const SearchResult asked = selects ? searcher.Search(base) : SearchResult{};
  const SearchResult& all = selects ? asked : whole;
  out.total = all.total;
  const FacetResult* rows = FacetOf(all, side->facet);
  const FacetResult* columns = FacetOf(all, kColumnFacet);
  if (!rows || !columns) return out;
  for (const FacetValue& c : columns->values)
    out.columns.push_back({std::string(c.value), c.count});

  const exec::RecordTable& table = whole.revision->records();
  const std::size_t row_facet = FacetIndex(side->facet), column_facet = FacetIndex(kColumnFacet);
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> counts;  // (row, column) ids
  for (const StoredRecord* r : whole.records) {
    const std::uint32_t record = table.OrdinalOf(*r);
    const auto columns_of = table.Values(column_facet, record);
    if (columns_of.empty()) continue;
    for (const std::uint32_t row : table.Values(row_facet, record)) {
      for (const std::uint32_t column : columns_of) ++counts[{row, column}];
    }
  }
  std::unordered_map<std::string_view, std::uint32_t> row_id;
  for (std::uint32_t id = 0; id < table.ValueCount(row_facet); ++id) {
    row_id.emplace(table.ValueName(row_facet, id), id);
  }
  for (const FacetValue& r : rows->values) {
    const RowKind kind = KindOf(side->facet, r.value, all);
    if (kind == RowKind::kUnknown) out.unknown_rows.push_back({std::string(r.value), r.count});
    if (kind == RowKind::kFormer) out.former_rows.push_back({std::string(r.value), r.count});
    if (kind != RowKind::kRow) continue;
    const auto id = row_id.find(r.value);
    if (id == row_id.end()) continue;
    // This row's cells, most records first, then by column name (the facets' order).
    std::vector<std::pair<std::uint32_t, std::uint32_t>> cells;  // (column id, count)
    for (auto it = counts.lower_bound({id->second, 0});
         it != counts.end() && it->first.first == id->second; ++it) {
      cells.emplace_back(it->first.second, it->second);
    }
    std::sort(cells.begin(), cells.end(), [&](const auto& a, const auto& b) {
      return std::make_tuple(b.second, table.NameRank(column_facet, a.first)) <
             std::make_tuple(a.second, table.NameRank(column_facet, b.first));
    });
    for (const auto& [column, count] : cells) {
      out.cells.push_back({std::string(r.value), table.ValueName(column_facet, column), count});
    }
    if (!cells.empty()) out.rows.push_back({std::string(r.value), r.count});
  }
  return out;
}

}  // namespace coop
