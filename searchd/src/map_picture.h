// The map of issue 18: the places of a search's city facet on the country outlines of
// searchd/web/map_outline.json (Natural Earth, projected by corpus/data/gen/map/gen_map.mjs), a
// line per pair of partner places of its records, and its two renderings: the SVG picture
// (GET /api/map.svg) and the same counts as data (GET /api/map), the picture's text alternative.
#ifndef COOP_SEARCHD_MAP_PICTURE_H_
#define COOP_SEARCHD_MAP_PICTURE_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "coop/index_metadata.h"
#include "coop/search_request.h"
#include "coop/search_result.h"

namespace coop::map {

/// A position on the map, in pixels from its top-left corner.
struct MapXY {
  double x = 0, y = 0;
};

/// The outlines and the projection they were drawn with (searchd/web/map_outline.json).
struct MapOutline {
  struct Country {
    std::string id;    ///< ISO 3166-1 numeric code, e.g. "504".
    std::string name;  ///< French name, e.g. "Maroc".
    std::string role;  ///< "partner" (a country of the corpus' partnerships) or "context".
    std::string d;     ///< SVG path data in map pixels.
  };
  double width = 0, height = 0;  ///< Map frame, in pixels.
  double scale = 0;              ///< d3 geoMercator scale k (pixels per radian).
  double tx = 0, ty = 0;         ///< d3 geoMercator translate (pixels).
  std::string source, licence;
  std::vector<Country> countries;
  /// A place d3 projected when the file was made (the tests check Project() against it).
  double check_latitude = 0, check_longitude = 0;
  MapXY check_at;
};

/// The outlines compiled into searchd, parsed on first use. Thread-safe. Throws
/// std::runtime_error if the embedded file is malformed (a build error, caught by the tests).
const MapOutline& Outline();

/// d3's Mercator (d3-geo geoMercator, rotation 0): x = k·λ + tx, y = ty − k·ln(tan(π/4 + φ/2)),
/// λ and φ the longitude and latitude in radians. `latitude` must be within ±85° (Mercator's
/// frame); degrees in, pixels out. Thread-safe.
MapXY Project(const MapOutline& outline, double latitude, double longitude);

/// A city facet value with coordinates.
struct MapPlace {
  std::string name, country;
  std::uint32_t count = 0;  ///< Its city facet count: records of the search with this city.
  double latitude = 0, longitude = 0;
  MapXY at;               ///< Projected.
  bool selected = false;  ///< In the request's city selection.
};

/// A city facet value without coordinates (not drawn, counted in the note).
struct UnplacedPlace {
  std::string name;
  std::uint32_t count = 0;
};

/// A region circle: the records of the search that a region places on its side of the
/// partnership (Moroccan 2015 region or foreign region) and no city of that side with
/// coordinates does, e.g. a partnership with "la région Souss-Massa" or with a Brussels commune
/// the gazetteer has no coordinates for.
struct MapRegion {
  std::string name, country;
  std::string facet;  ///< The filter a click sets: "region_2015" (Morocco) or "foreign_region".
  std::uint32_t count =
      0;  ///< Records of the search with this region and no located city on its side.
  std::uint32_t total = 0;  ///< Its facet count: the search's total with this region selected.
  double latitude = 0, longitude = 0;
  MapXY at;               ///< Projected.
  bool selected = false;  ///< In the request's selection of `facet`.
};

/// A pair of partner places: a foreign and a Moroccan city of the same records.
struct MapLine {
  std::size_t foreign = 0, moroccan = 0;  ///< Indexes into MapData::places.
  std::uint32_t count = 0;                ///< Records of the search with both cities.
};

/// Everything the map shows of one search.
struct MapData {
  std::size_t total = 0;                ///< Records of the search.
  std::vector<MapPlace> places;         ///< By count, descending, then name.
  std::vector<UnplacedPlace> unplaced;  ///< By count, descending, then name.
  std::vector<MapRegion> regions;       ///< By count, descending, then name; count > 0 only.
  std::vector<MapLine> lines;           ///< By count, descending; at most kMaxLines.
  std::size_t pairs = 0;                ///< Distinct pairs in all (lines.size() if not capped).
};

/// The most lines a map draws (the strongest pairs): x100 has thousands of distinct pairs of
/// generated partners, and the picture must stay under 200 KB (issue 18).
inline constexpr std::size_t kMaxLines = 1500;

/// Where the places of a map lie (IndexRevision::place_points and region_points).
struct MapPoints {
  const std::map<std::string, PlacePoint, std::less<>>& cities;   ///< By city facet value.
  const std::map<std::string, PlacePoint, std::less<>>& regions;  ///< By region facet value.
};

/// The map of `result`, a search run with SearchExtras{records: true} and unlimited facets: a
/// place per city facet value (counts are the facet's) with coordinates in `points.cities`,
/// the others unplaced; a region circle per region_2015 or foreign_region value with a point in
/// `points.regions` that places at least one record of the set whose side (Moroccan or foreign)
/// has no city with coordinates; a line per foreign x Moroccan pair of cities that both have
/// coordinates, over the records of the set. `request` gives the selections.
MapData BuildMap(const SearchResult& result, const SearchRequest& request, const MapPoints& points);

/// The page URL ("/?q=...") of `request` with its selection of `facet` replaced by `value` (or by
/// none if `value` is its only selected value, so a second click undoes the first), page and size
/// left out. Thread-safe.
std::string FilterHref(const SearchRequest& request, std::string_view facet,
                       std::string_view value);

/// FilterHref for the city facet.
inline std::string CityHref(const SearchRequest& request, std::string_view city) {
  return FilterHref(request, "city", city);
}

/// The map as a standalone SVG document (UTF-8): outlines, lines, a circle per place (area
/// proportional to its count, inside a link to CityHref, with a <title> "Place — N fiches"), a
/// dashed circle per region under them (link to FilterHref of its facet, <title> "Region
/// (région) — N fiches"), and a note counting the places without coordinates. Presentation
/// attributes only (no style element), so the page's Content-Security-Policy allows it inline.
std::string MapSvg(const MapData& map, const SearchRequest& request);

/// The map as JSON (docs/API.md, GET /api/map): total, places, unplaced, regions, lines, pairs
/// and the projection.
std::string MapJson(const MapData& map, const SearchRequest& request);

}  // namespace coop::map

#endif  // COOP_SEARCHD_MAP_PICTURE_H_
