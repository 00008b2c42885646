#include "coop/reference_data.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "coop/csv.h"

namespace coop {
namespace embedded {
extern const std::string_view kGazetteerCsv;
extern const std::string_view kActorsCsv;
extern const std::string_view kActorTypesCsv;
extern const std::string_view kDomainsCsv;
}  // namespace embedded

namespace {

bool IsRegionType(const std::string& t) { return t == "région" || t == "communauté autonome"; }
bool IsParentType(const std::string& t) {
  return t == "province" || t == "préfecture" || t == "département";
}

}  // namespace

ReferenceData::ReferenceData(std::string_view gazetteer_csv, std::string_view actors_csv,
                             std::string_view actor_types_csv, std::string_view domains_csv) {
  const CsvTable g = ParseCsv(gazetteer_csv, "gazetteer.csv");
  const CsvColumns gc(g, "gazetteer.csv",
                      {"id", "name", "type", "country", "parent", "region_old", "region_new",
                       "variants", "match", "source"});
  std::set<std::string> ids;
  for (std::size_t r = 0; r < g.rows.size(); ++r) {
    Place p;
    p.id = gc.Get(r, "id");
    p.name = gc.Get(r, "name");
    p.type = gc.Get(r, "type");
    p.country = gc.Get(r, "country");
    p.parent = gc.Get(r, "parent");
    p.regions_old = SplitCsvList(gc.Get(r, "region_old"));
    p.regions_new = SplitCsvList(gc.Get(r, "region_new"));
    p.variants = SplitCsvList(gc.Get(r, "variants"));
    const std::string match = gc.Get(r, "match");
    if (match != "yes" && match != "no")
      ThrowCsvError("gazetteer.csv", g.lines[r], "match must be yes/no");
    p.match = match == "yes";
    p.source = gc.Get(r, "source");
    if (p.id.empty() || p.name.empty() || p.type.empty() || p.country.empty() || p.source.empty()) {
      ThrowCsvError("gazetteer.csv", g.lines[r], "id, name, type, country and source are required");
    }
    if (!ids.insert(p.id).second)
      ThrowCsvError("gazetteer.csv", g.lines[r], "duplicate id " + p.id);
    places_.push_back(std::move(p));
  }
  ResolveRegions();

  for (const ActorType& t : ParseActorTypes(actor_types_csv)) {
    if (!t.territorial) continue;
    std::vector<std::string>& prefixes = prefixes_[t.type];
    prefixes = t.prefixes;
    prefixes.insert(prefixes.end(), t.also.begin(), t.also.end());
  }

  const CsvTable a = ParseCsv(actors_csv, "actors.csv");
  const CsvColumns ac(a, "actors.csv",
                      {"id", "name", "type", "country", "place", "aliases", "source"});
  ids.clear();
  for (std::size_t r = 0; r < a.rows.size(); ++r) {
    Actor x{ac.Get(r, "id"),      ac.Get(r, "name"),  ac.Get(r, "type"),
            ac.Get(r, "country"), ac.Get(r, "place"), SplitCsvList(ac.Get(r, "aliases")),
            ac.Get(r, "source")};
    if (x.id.empty() || x.name.empty() || x.type.empty() || x.source.empty()) {
      ThrowCsvError("actors.csv", a.lines[r], "id, name, type and source are required");
    }
    if (!ids.insert(x.id).second) ThrowCsvError("actors.csv", a.lines[r], "duplicate id " + x.id);
    if (!x.place.empty() && !FindPlace(x.place)) {
      ThrowCsvError("actors.csv", a.lines[r], "unknown place id " + x.place);
    }
    actors_.push_back(std::move(x));
  }

  const CsvTable d = ParseCsv(domains_csv, "domains.csv");
  const CsvColumns dc(d, "domains.csv", {"label", "broader", "phrases", "list_phrases", "source"});
  for (std::size_t r = 0; r < d.rows.size(); ++r) {
    Domain x{dc.Get(r, "label"), dc.Get(r, "broader"), SplitCsvList(dc.Get(r, "phrases")),
             SplitCsvList(dc.Get(r, "list_phrases")), dc.Get(r, "source")};
    if (x.label.empty() || x.source.empty() || x.phrases.empty()) {
      ThrowCsvError("domains.csv", d.lines[r], "label, phrases and source are required");
    }
    domains_.push_back(std::move(x));
  }
}

// Checks parent and region references and copies regions down from parents.
void ReferenceData::ResolveRegions() {
  enum class Named { kRegion, kParent };  // what a reference (regions_*, parent) must name
  const auto find_named = [&](const Place& from, const std::string& name, Named what) {
    const bool region = what == Named::kRegion;
    for (const Place& p : places_) {
      if (p.name == name && p.country == from.country &&
          (region ? IsRegionType(p.type) : IsParentType(p.type))) {
        return &p;
      }
    }
    throw std::runtime_error("gazetteer.csv: " + from.id + ": unknown " +
                             (region ? "region '" : "parent '") + name + "'");
  };
  for (Place& p : places_) {
    for (const auto* list : {&p.regions_old, &p.regions_new}) {
      for (const std::string& r : *list) find_named(p, r, Named::kRegion);
    }
  }
  // Parents are provinces/départements whose regions are given directly; one level suffices.
  for (Place& p : places_) {
    if (p.parent.empty()) continue;
    const Place* parent = find_named(p, p.parent, Named::kParent);
    if (p.regions_old.empty()) p.regions_old = parent->regions_old;
    if (p.regions_new.empty()) p.regions_new = parent->regions_new;
  }
  for (const Place& p : places_) {
    if (p.regions_old.empty() || p.regions_new.empty()) {
      throw std::runtime_error("gazetteer.csv: " + p.id + ": no regions (give them or a parent)");
    }
  }
}

const ReferenceData& ReferenceData::Embedded() {
  static const ReferenceData data(embedded::kGazetteerCsv, embedded::kActorsCsv,
                                  embedded::kActorTypesCsv, embedded::kDomainsCsv);
  return data;
}

const Place* ReferenceData::FindPlace(std::string_view id) const {
  for (const Place& p : places_) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

const Actor* ReferenceData::FindActor(std::string_view id) const {
  for (const Actor& a : actors_) {
    if (a.id == id) return &a;
  }
  return nullptr;
}

const std::vector<std::string>& ReferenceData::PrefixesOf(const std::string& actor_type) const {
  static const std::vector<std::string> kNone;
  auto it = prefixes_.find(actor_type);
  return it == prefixes_.end() ? kNone : it->second;
}

}  // namespace coop
