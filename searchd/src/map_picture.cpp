#include "map_picture.h"

#include <Poco/URI.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <tuple>

#include "coop/highlighter.h"
#include "json_writer.h"

namespace coop::embedded {
extern const std::string_view kMapOutline;
}  // namespace coop::embedded

namespace coop::map {
namespace {

constexpr double kMaxRadius = 14;  // px, the place with the most records
constexpr double kMinRadius = 2;   // px, so that a place of one record among thousands shows

MapOutline ParseOutline(std::string_view text) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  const auto fail = [](const char* what) {
    return std::runtime_error(std::string("map_outline.json: ") + what);
  };
  if (doc.HasParseError() || !doc.IsObject()) throw fail("not a JSON object");
  const auto number = [&](const char* key) {
    if (!doc.HasMember(key) || !doc[key].IsNumber()) throw fail(key);
    return doc[key].GetDouble();
  };
  const auto string = [&](const rapidjson::Value& v, const char* key) {
    if (!v.HasMember(key) || !v[key].IsString()) throw fail(key);
    return std::string(v[key].GetString(), v[key].GetStringLength());
  };
  MapOutline out;
  out.width = number("width");
  out.height = number("height");
  out.scale = number("scale");
  if (!doc.HasMember("translate") || !doc["translate"].IsArray() || doc["translate"].Size() != 2 ||
      !doc["translate"][0].IsNumber() || !doc["translate"][1].IsNumber()) {
    throw fail("translate");
  }
  out.tx = doc["translate"][0].GetDouble();
  out.ty = doc["translate"][1].GetDouble();
  if (!doc.HasMember("check") || !doc["check"].IsObject()) throw fail("check");
  const rapidjson::Value& check = doc["check"];
  for (const char* key : {"latitude", "longitude", "x", "y"}) {
    if (!check.HasMember(key) || !check[key].IsNumber()) throw fail("check");
  }
  out.check_latitude = check["latitude"].GetDouble();
  out.check_longitude = check["longitude"].GetDouble();
  out.check_at = {check["x"].GetDouble(), check["y"].GetDouble()};
  out.source = string(doc, "source");
  out.licence = string(doc, "licence");
  if (!doc.HasMember("countries") || !doc["countries"].IsArray()) throw fail("countries");
  for (const rapidjson::Value& c : doc["countries"].GetArray()) {
    if (!c.IsObject()) throw fail("countries");
    out.countries.push_back(
        {string(c, "id"), string(c, "name"), string(c, "role"), string(c, "d")});
  }
  return out;
}

// `v` with one decimal (a tenth of a pixel), locale-independent.
void AppendNumber(std::string& out, double v) {
  char buf[32];
  const auto r =
      std::to_chars(buf, buf + sizeof buf, std::round(v * 10) / 10, std::chars_format::fixed, 1);
  std::string_view s(buf, static_cast<std::size_t>(r.ptr - buf));
  if (s.ends_with(".0")) s.remove_suffix(2);
  if (s == "-0") s = "0";
  out += s;
}

std::string Fiches(std::uint32_t n) { return std::to_string(n) + (n > 1 ? " fiches" : " fiche"); }

// Width of a line of `count` records (px): four classes, so that lines of one class are one path.
int LineClass(std::uint32_t count) { return count >= 10 ? 3 : count >= 4 ? 2 : count >= 2 ? 1 : 0; }
constexpr const char* kLineWidths[] = {"0.6", "1.2", "2", "3"};

void AppendParameter(std::string& out, std::string_view name, std::string_view value) {
  std::string encoded;
  Poco::URI::encode(std::string(value), "&=+#?/;%", encoded);
  out += out.size() > 2 ? "&" : "";
  out += name;
  out += '=';
  out += encoded;
}

// The records a region places and no city with coordinates of its side does, per region facet
// value with a point, for the region_2015 side (Morocco) and the foreign_region side.
struct RegionCounts {
  std::map<std::string_view, std::uint32_t> moroccan, foreign;
};

// The region circles of `counts`, their totals from the facets of `result`.
void AddRegions(MapData& map, const RegionCounts& counts, const SearchResult& result,
                const SearchRequest& request, const MapPoints& points) {
  for (const auto& [facet, side] : {std::pair{std::string_view("region_2015"), &counts.moroccan},
                                    {std::string_view("foreign_region"), &counts.foreign}}) {
    if (side->empty()) continue;
    std::map<std::string_view, std::uint32_t> totals;
    for (const FacetResult& f : result.facets) {
      if (f.name != facet) continue;
      for (const FacetValue& v : f.values) totals[v.value] = v.count;
    }
    std::vector<std::string> selected;
    if (auto it = request.filters.find(std::string(facet)); it != request.filters.end()) {
      selected = it->second;
    }
    for (const auto& [name, count] : *side) {
      const PlacePoint& p = points.regions.find(name)->second;
      const auto total = totals.find(name);
      map.regions.push_back(
          {p.name, p.country, std::string(facet), count,
           total == totals.end() ? count : total->second, p.latitude, p.longitude,
           Project(Outline(), p.latitude, p.longitude),
           std::find(selected.begin(), selected.end(), p.name) != selected.end()});
    }
  }
  std::sort(map.regions.begin(), map.regions.end(), [](const MapRegion& a, const MapRegion& b) {
    return std::tie(b.count, a.name) < std::tie(a.count, b.name);
  });
}

}  // namespace

const MapOutline& Outline() {
  static const MapOutline outline = ParseOutline(embedded::kMapOutline);
  return outline;
}

MapXY Project(const MapOutline& outline, double latitude, double longitude) {
  const double lambda = longitude * std::numbers::pi / 180;
  const double phi = latitude * std::numbers::pi / 180;
  return {outline.scale * lambda + outline.tx,
          outline.ty - outline.scale * std::log(std::tan(std::numbers::pi / 4 + phi / 2))};
}

MapData BuildMap(const SearchResult& result, const SearchRequest& request,
                 const MapPoints& points) {
  MapData map;
  map.total = result.total;
  const MapOutline& outline = Outline();
  std::vector<std::string> selected;
  if (auto it = request.filters.find("city"); it != request.filters.end()) selected = it->second;
  std::map<std::string_view, std::size_t> place_of;  // name -> index into map.places
  for (const FacetResult& facet : result.facets) {
    if (facet.name != "city") continue;
    for (const FacetValue& v : facet.values) {
      const auto point = points.cities.find(v.value);
      if (point == points.cities.end()) {
        map.unplaced.push_back({std::string(v.value), v.count});
        continue;
      }
      const PlacePoint& p = point->second;
      MapPlace place{p.name,
                     p.country,
                     v.count,
                     p.latitude,
                     p.longitude,
                     Project(outline, p.latitude, p.longitude),
                     std::find(selected.begin(), selected.end(), p.name) != selected.end()};
      map.places.push_back(std::move(place));
    }
  }
  const auto by_count = [](const auto& a, const auto& b) {
    return std::tie(b.count, a.name) < std::tie(a.count, b.name);
  };
  std::sort(map.places.begin(), map.places.end(), by_count);
  std::sort(map.unplaced.begin(), map.unplaced.end(), by_count);
  for (std::size_t i = 0; i < map.places.size(); ++i) place_of.emplace(map.places[i].name, i);

  std::map<std::pair<std::size_t, std::size_t>, std::uint32_t> pairs;
  std::vector<std::size_t> foreign, moroccan;
  RegionCounts regions;
  for (const StoredRecord* r : result.records) {
    foreign.clear();
    moroccan.clear();
    for (const std::string& city : r->cities) {
      const auto it = place_of.find(city);
      if (it == place_of.end()) continue;
      (map.places[it->second].country == "Maroc" ? moroccan : foreign).push_back(it->second);
    }
    for (const std::size_t f : foreign) {
      for (const std::size_t m : moroccan) ++pairs[{f, m}];
    }
    // A side no city with coordinates places is placed by its regions (a city without
    // coordinates is of no known side).
    for (const auto& [located, list, counts] :
         {std::tuple{!moroccan.empty(), &r->regions, &regions.moroccan},
          {!foreign.empty(), &r->foreign_regions, &regions.foreign}}) {
      if (located) continue;
      for (const std::string& region : *list) {
        if (points.regions.count(region)) ++(*counts)[region];
      }
    }
  }
  map.pairs = pairs.size();
  AddRegions(map, regions, result, request, points);
  for (const auto& [pair, count] : pairs) map.lines.push_back({pair.first, pair.second, count});
  std::stable_sort(map.lines.begin(), map.lines.end(),
                   [](const MapLine& a, const MapLine& b) { return a.count > b.count; });
  if (map.lines.size() > kMaxLines) map.lines.resize(kMaxLines);
  return map;
}

std::string FilterHref(const SearchRequest& request, std::string_view facet,
                       std::string_view value) {
  std::string out = "/?";
  if (!request.q.empty()) AppendParameter(out, "q", request.q);
  bool was_only = false;
  for (const auto& [name, values] : request.filters) {
    if (name == facet) {
      was_only = values.size() == 1 && values[0] == value;
      continue;
    }
    for (const std::string& v : values) AppendParameter(out, name, v);
  }
  if (!was_only && !value.empty()) AppendParameter(out, facet, value);
  if (request.year_from != 0) AppendParameter(out, "year_from", std::to_string(request.year_from));
  if (request.year_to != 0) AppendParameter(out, "year_to", std::to_string(request.year_to));
  if (request.sort != "relevance") AppendParameter(out, "sort", request.sort);
  if (!request.correct) AppendParameter(out, "correct", "0");
  if (out == "/?") out = "/";
  return out;
}

std::string MapSvg(const MapData& map, const SearchRequest& request) {
  const MapOutline& outline = Outline();
  std::string out;
  out.reserve(96 << 10);
  const auto num = [&out](double v) { AppendNumber(out, v); };
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"coop-map\" viewBox=\"0 0 ";
  num(outline.width);
  out += ' ';
  // The note's line below the frame, and the legend's of the region circles if there are any.
  num(outline.height + (map.regions.empty() ? 24 : 40));
  out += "\" aria-labelledby=\"map-title\"><title id=\"map-title\">Carte des partenariats : ";
  out += std::to_string(map.places.size()) + " lieux, " +
         Fiches(static_cast<std::uint32_t>(map.total));
  out += "</title>\n<g fill=\"#f1efe8\" stroke=\"#b9b4a6\" stroke-width=\"0.5\">";
  for (const MapOutline::Country& c : outline.countries) {
    out += "<path";
    if (c.role == "partner") out += " fill=\"#e2dcc8\"";
    out += " d=\"" + c.d + "\"><title>";
    AppendEscapedMarkup(out, c.name);
    out += "</title></path>\n";
  }
  out += "</g>\n";
  // Lines under the circles, one path per width class: x100 draws hundreds of them.
  std::string paths[4];
  for (const MapLine& line : map.lines) {
    std::string& d = paths[LineClass(line.count)];
    const MapXY a = map.places[line.foreign].at, b = map.places[line.moroccan].at;
    d += 'M';
    AppendNumber(d, a.x);
    d += ' ';
    AppendNumber(d, a.y);
    d += 'L';
    AppendNumber(d, b.x);
    d += ' ';
    AppendNumber(d, b.y);
  }
  out += "<g class=\"lines\" fill=\"none\" stroke=\"#3d5a80\" stroke-opacity=\"0.55\">";
  for (int c = 0; c < 4; ++c) {
    if (paths[c].empty()) continue;
    out += std::string("<path stroke-width=\"") + kLineWidths[c] + "\" d=\"" + paths[c] + "\"/>";
  }
  out += "</g>\n";
  // One scale for both kinds of circle: a region of 5 records is as large as a city of 5.
  double top = map.places.empty() ? 1 : map.places.front().count;
  if (!map.regions.empty()) top = std::max<double>(top, map.regions.front().count);
  const auto radius = [&](std::uint32_t count) {
    return std::max(kMinRadius, kMaxRadius * std::sqrt(count / top));
  };
  // Region circles under the cities' (a region's point is the mean of its communes, which may
  // fall near a city of the map): pale, dashed, in the colour of their side.
  if (!map.regions.empty()) {
    out += "<g class=\"regions\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\">\n";
  }
  for (const MapRegion& r : map.regions) {
    const bool moroccan = r.facet == "region_2015";
    const std::string label = r.name + " (région) — " + Fiches(r.count);
    out += "<a href=\"";
    AppendEscapedMarkup(out, FilterHref(request, r.facet, r.name));
    out += "\" target=\"_top\" aria-label=\"";
    AppendEscapedMarkup(out, label + " sans ville localisée");
    out += "\"><circle cx=\"";
    num(r.at.x);
    out += "\" cy=\"";
    num(r.at.y);
    out += "\" r=\"";
    num(radius(r.count));
    out += moroccan ? "\" fill=\"#e8b4a8\" stroke=\"#b8452f\""
                    : "\" fill=\"#a9c0e0\" stroke=\"#24589c\"";
    out += " fill-opacity=\"0.6\" class=\"region";
    out += r.selected ? " selected\" stroke-dasharray=\"none\" stroke-width=\"2.5\"" : "\"";
    out += "><title>";
    AppendEscapedMarkup(out, label);
    out += "</title></circle></a>\n";
  }
  if (!map.regions.empty()) out += "</g>\n";
  out += "<g class=\"places\" stroke=\"#fff\" stroke-width=\"0.8\" fill-opacity=\"0.75\">\n";
  for (const MapPlace& p : map.places) {  // largest first, so that small ones stay on top
    const std::string label = p.name + " — " + Fiches(p.count);
    out += "<a href=\"";
    AppendEscapedMarkup(out, CityHref(request, p.name));
    out += "\" target=\"_top\" aria-label=\"";
    AppendEscapedMarkup(out, label);
    out += "\"><circle cx=\"";
    num(p.at.x);
    out += "\" cy=\"";
    num(p.at.y);
    out += "\" r=\"";
    num(radius(p.count));
    out += p.country == "Maroc" ? "\" fill=\"#b8452f\"" : "\" fill=\"#24589c\"";
    if (p.selected) out += " stroke=\"#111\" stroke-width=\"2\" class=\"selected\"";
    out += "><title>";
    AppendEscapedMarkup(out, label);
    out += "</title></circle></a>\n";
  }
  out += "</g>\n<text x=\"8\" y=\"";
  num(outline.height + 16);
  out += "\" font-size=\"12\" font-family=\"sans-serif\" fill=\"#333\" class=\"note\">";
  std::uint32_t unplaced_records = 0;
  for (const UnplacedPlace& u : map.unplaced) unplaced_records += u.count;
  if (map.places.empty() && map.unplaced.empty() && map.regions.empty()) {
    out += "Aucun lieu pour cette recherche.";
  } else if (map.unplaced.empty() && map.places.empty()) {
    out += "Aucune ville pour cette recherche : ses régions seules.";
  } else if (map.unplaced.empty()) {
    out += "Tous les lieux de la recherche ont des coordonnées.";
  } else {
    out += std::to_string(map.unplaced.size()) +
           (map.unplaced.size() > 1 ? " lieux sans coordonnées" : " lieu sans coordonnées") + " (" +
           Fiches(unplaced_records) + ") ne sont pas sur la carte.";
  }
  if (map.pairs > map.lines.size()) {
    out += " " + std::to_string(map.lines.size()) + " liens les plus forts sur " +
           std::to_string(map.pairs) + ".";
  }
  out += "</text>\n";
  if (!map.regions.empty()) {
    out += "<text x=\"8\" y=\"";
    num(outline.height + 32);
    out +=
        "\" font-size=\"12\" font-family=\"sans-serif\" fill=\"#333\" class=\"note legend\">"
        "Cercles pointillés : une région, pour ses fiches sans ville localisée de son côté."
        "</text>\n";
  }
  out += "</svg>\n";
  return out;
}

std::string MapJson(const MapData& map, const SearchRequest& request) {
  JsonWriter w(32 << 10);
  const MapOutline& outline = Outline();
  w.StartObject();
  w.Key("total");
  w.Uint(map.total);
  w.Key("places");
  w.StartArray();
  for (const MapPlace& p : map.places) {
    w.StartObject();
    w.Key("name");
    w.String(p.name);
    w.Key("country");
    w.String(p.country);
    w.Key("count");
    w.Uint(p.count);
    w.Key("latitude");
    w.Double(p.latitude);
    w.Key("longitude");
    w.Double(p.longitude);
    w.Key("x");
    w.Fixed(p.at.x, 1);
    w.Key("y");
    w.Fixed(p.at.y, 1);
    w.Key("selected");
    w.Bool(p.selected);
    w.Key("href");
    w.String(CityHref(request, p.name));
    w.EndObject();
  }
  w.EndArray();
  w.Key("unplaced");
  w.StartArray();
  for (const UnplacedPlace& u : map.unplaced) {
    w.StartObject();
    w.Key("name");
    w.String(u.name);
    w.Key("count");
    w.Uint(u.count);
    w.Key("href");
    w.String(CityHref(request, u.name));
    w.EndObject();
  }
  w.EndArray();
  w.Key("regions");
  w.StartArray();
  for (const MapRegion& r : map.regions) {
    w.StartObject();
    w.Key("name");
    w.String(r.name);
    w.Key("country");
    w.String(r.country);
    w.Key("facet");
    w.String(r.facet);
    w.Key("count");
    w.Uint(r.count);
    w.Key("total");
    w.Uint(r.total);
    w.Key("latitude");
    w.Double(r.latitude);
    w.Key("longitude");
    w.Double(r.longitude);
    w.Key("x");
    w.Fixed(r.at.x, 1);
    w.Key("y");
    w.Fixed(r.at.y, 1);
    w.Key("selected");
    w.Bool(r.selected);
    w.Key("href");
    w.String(FilterHref(request, r.facet, r.name));
    w.EndObject();
  }
  w.EndArray();
  w.Key("lines");
  w.StartArray();
  for (const MapLine& l : map.lines) {
    w.StartObject();
    w.Key("foreign");
    w.String(map.places[l.foreign].name);
    w.Key("moroccan");
    w.String(map.places[l.moroccan].name);
    w.Key("count");
    w.Uint(l.count);
    w.EndObject();
  }
  w.EndArray();
  w.Key("pairs");
  w.Uint(map.pairs);
  w.Key("projection");
  w.StartObject();
  w.Key("name");
  w.String("d3-geo geoMercator");
  w.Key("scale");
  w.Double(outline.scale);
  w.Key("translate");
  w.StartArray();
  w.Double(outline.tx);
  w.Double(outline.ty);
  w.EndArray();
  w.Key("width");
  w.Double(outline.width);
  w.Key("height");
  w.Double(outline.height);
  w.EndObject();
  w.EndObject();
  return w.Finish();
}

}  // namespace coop::map
