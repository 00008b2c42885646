#include "coop/reference_data.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "coop/csv.h"

namespace coop {
namespace embedded {
extern const std::string_view kGazetteerCsv;
extern const std::string_view kGazetteerMaCsv;
extern const std::string_view kGazetteerEuCsv;
extern const std::string_view kActorsCsv;
extern const std::string_view kActorTypesCsv;
extern const std::string_view kDomainsCsv;
}  // namespace embedded

ReferenceData::ReferenceData(std::string_view gazetteer_csv, std::string_view actors_csv,
                             std::string_view actor_types_csv, std::string_view domains_csv)
    : ReferenceData(std::vector<GazetteerFile>{{"gazetteer.csv", gazetteer_csv}}, actors_csv,
                    actor_types_csv, domains_csv) {}

ReferenceData::ReferenceData(const std::vector<GazetteerFile>& gazetteer,
                             std::string_view actors_csv, std::string_view actor_types_csv,
                             std::string_view domains_csv)
    : places_(LoadGazetteer(gazetteer)) {
  for (std::size_t i = 0; i < places_.size(); ++i) place_index_.emplace(places_[i].id, i);
  std::set<std::string> ids;

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

const ReferenceData& ReferenceData::Embedded() {
  static const ReferenceData data(
      std::vector<GazetteerFile>{{"gazetteer.csv", embedded::kGazetteerCsv},
                                 {"gazetteer_ma.csv", embedded::kGazetteerMaCsv},
                                 {"gazetteer_eu.csv", embedded::kGazetteerEuCsv}},
      embedded::kActorsCsv, embedded::kActorTypesCsv, embedded::kDomainsCsv);
  return data;
}

const Place* ReferenceData::FindPlace(std::string_view id) const {
  auto it = place_index_.find(std::string(id));
  return it == place_index_.end() ? nullptr : &places_[it->second];
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
