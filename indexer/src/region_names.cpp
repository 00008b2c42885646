#include "coop/region_names.h"

#include "coop/schema.h"

namespace coop {

std::vector<PlaceName> RegionNames(const ReferenceData& data, Analyzer& analyzer) {
  std::vector<PlaceName> out;
  for (const Place& place : data.places()) {
    if (!place.match || (place.type != "région" && place.type != "communauté autonome")) continue;
    const std::string facet_term = schema::Term(schema::kRegion, analyzer.Fold(place.name));
    std::vector<std::string> names{place.name};
    names.insert(names.end(), place.variants.begin(), place.variants.end());
    for (const std::string& name : names) {
      PlaceName p{{}, facet_term};
      for (const Token& t : analyzer.Analyze(name)) {
        if (!t.compound) p.terms.push_back(t.term);
      }
      if (!p.terms.empty()) out.push_back(std::move(p));
    }
  }
  return out;
}

}  // namespace coop
