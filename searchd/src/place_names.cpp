// The gazetteer's region names for the query parser (coop/query_parser.h).
#include "coop/gazetteer.h"
#include "coop/query_parser.h"
#include "coop/schema.h"

namespace coop {

const std::vector<PlaceName>& GazetteerRegions() {
  static const std::vector<PlaceName> regions = [] {
    std::vector<PlaceName> out;
    Analyzer analyzer;
    for (const Place& place : ReferenceData::Embedded().places()) {
      if (!place.match || (place.type != "région" && place.type != "communauté autonome")) {
        continue;
      }
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
  }();
  return regions;
}

}  // namespace coop
