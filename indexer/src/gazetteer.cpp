#include "coop/gazetteer.h"

#include <charconv>
#include <set>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

#include "coop/csv.h"

namespace coop {
namespace {

bool IsRegionType(const std::string& t) { return t == "région" || t == "communauté autonome"; }
bool IsParentType(const std::string& t) {
  return t == "province" || t == "préfecture" || t == "département";
}

// The kinds of place that cannot be two places of one name in one parent.
std::string Family(const std::string& t) {
  if (IsRegionType(t)) return "région";
  if (t == "province" || t == "préfecture") return "province";
  if (t.rfind("commune", 0) == 0 || t == "ville") return "commune";
  return t;
}

std::optional<double> ParseDegrees(const std::string& field, double limit, std::string_view file,
                                   std::size_t line) {
  if (field.empty()) return std::nullopt;
  double v = 0;
  const char* end = field.data() + field.size();
  const auto [ptr, ec] = std::from_chars(field.data(), end, v);
  if (ec != std::errc() || ptr != end || v < -limit || v > limit) {
    ThrowCsvError(file, line, "bad coordinate '" + field + "'");
  }
  return v;
}

PlaceMatch ParseMatch(const std::string& v, std::string_view file, std::size_t line) {
  if (v == "yes") return PlaceMatch::kYes;
  if (v == "pattern") return PlaceMatch::kPattern;
  if (v == "no") return PlaceMatch::kNo;
  ThrowCsvError(file, line, "match must be yes/pattern/no");
}

// Checks parent and region references and copies regions down from parents. Names are looked up
// in maps: the generated files hold some 18,000 places.
void ResolveRegions(std::vector<Place>& places) {
  std::unordered_map<std::string, const Place*> regions, parents;  // "country\tname" -> place
  for (const Place& p : places) {
    const std::string key = p.country + '\t' + p.name;
    if (IsRegionType(p.type)) regions.try_emplace(key, &p);
    if (IsParentType(p.type)) parents.try_emplace(key, &p);
  }
  const auto find = [](const auto& map, const Place& from, const std::string& name,
                       const char* what) {
    auto it = map.find(from.country + '\t' + name);
    if (it == map.end()) {
      throw std::runtime_error(from.file + ": " + from.id + ": unknown " + what + " '" + name +
                               "'");
    }
    return it->second;
  };
  for (const Place& p : places) {
    for (const auto* list : {&p.regions_old, &p.regions_new}) {
      for (const std::string& r : *list) find(regions, p, r, "region");
    }
  }
  // Parents are provinces/départements whose regions are given directly; one level suffices.
  std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> inherited;
  inherited.reserve(places.size());
  for (const Place& p : places) {
    const Place* parent = p.parent.empty() ? nullptr : find(parents, p, p.parent, "parent");
    inherited.emplace_back(p.regions_old.empty() && parent ? parent->regions_old : p.regions_old,
                           p.regions_new.empty() && parent ? parent->regions_new : p.regions_new);
  }
  for (std::size_t i = 0; i < places.size(); ++i) {
    places[i].regions_old = std::move(inherited[i].first);
    places[i].regions_new = std::move(inherited[i].second);
    if (places[i].regions_old.empty() || places[i].regions_new.empty()) {
      throw std::runtime_error(places[i].file + ": " + places[i].id +
                               ": no regions (give them or a parent)");
    }
  }
}

}  // namespace

std::vector<Place> LoadGazetteer(const std::vector<GazetteerFile>& files) {
  std::vector<Place> places;
  std::set<std::string> ids;
  std::set<std::tuple<std::string, std::string, std::string, std::string>> known;
  for (const GazetteerFile& file : files) {
    const CsvTable g = ParseCsv(file.csv, file.name);
    const CsvColumns gc(g, file.name,
                        {"id", "name", "type", "country", "parent", "region_old", "region_new",
                         "variants", "match", "source"});
    bool has_coordinates = false;
    for (const std::string& h : g.header) has_coordinates = has_coordinates || h == "latitude";
    const CsvColumns coordinates(g, file.name,
                                 has_coordinates ? std::vector<std::string>{"latitude", "longitude"}
                                                 : std::vector<std::string>{});
    for (std::size_t r = 0; r < g.rows.size(); ++r) {
      const std::size_t line = g.lines[r];
      Place p;
      p.id = gc.Get(r, "id");
      p.name = gc.Get(r, "name");
      p.type = gc.Get(r, "type");
      p.country = gc.Get(r, "country");
      p.parent = gc.Get(r, "parent");
      p.regions_old = SplitCsvList(gc.Get(r, "region_old"));
      p.regions_new = SplitCsvList(gc.Get(r, "region_new"));
      p.variants = SplitCsvList(gc.Get(r, "variants"));
      p.match_rule = ParseMatch(gc.Get(r, "match"), file.name, line);
      p.match = p.match_rule == PlaceMatch::kYes;
      p.source = gc.Get(r, "source");
      p.file = std::string(file.name);
      if (has_coordinates) {
        p.latitude = ParseDegrees(coordinates.Get(r, "latitude"), 90, file.name, line);
        p.longitude = ParseDegrees(coordinates.Get(r, "longitude"), 180, file.name, line);
        if (p.latitude.has_value() != p.longitude.has_value() ||
            (p.latitude && *p.latitude == 0 && *p.longitude == 0)) {
          ThrowCsvError(file.name, line, "give both coordinates, never 0,0, or neither");
        }
      }
      if (p.id.empty() || p.name.empty() || p.type.empty() || p.country.empty() ||
          p.source.empty()) {
        ThrowCsvError(file.name, line, "id, name, type, country and source are required");
      }
      if (!known.emplace(p.name, p.country, Family(p.type), p.parent).second) continue;
      if (!ids.insert(p.id).second) ThrowCsvError(file.name, line, "duplicate id " + p.id);
      places.push_back(std::move(p));
    }
  }
  ResolveRegions(places);
  return places;
}

}  // namespace coop
