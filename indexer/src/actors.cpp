#include "coop/actors.h"

#include <map>

#include "coop/csv.h"
#include "coop/fold.h"

namespace coop {
namespace embedded {
extern const std::string_view kActorTypesCsv;
}  // namespace embedded

std::vector<ActorType> ParseActorTypes(std::string_view csv) {
  static constexpr std::string_view kName = "actor_types.csv";
  const CsvTable t = ParseCsv(csv, kName);
  const CsvColumns tc(t, kName, {"type", "prefixes", "also", "territorial", "source"});
  std::vector<ActorType> out;
  std::map<std::string, std::string> owner;  // folded prefix -> type
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    ActorType x{.type = tc.Get(r, "type"),
                .prefixes = SplitCsvList(tc.Get(r, "prefixes")),
                .also = SplitCsvList(tc.Get(r, "also")),
                .source = tc.Get(r, "source")};  // territorial: checked below
    const std::string territorial = tc.Get(r, "territorial");
    if (territorial != "yes" && territorial != "no") {
      ThrowCsvError(kName, t.lines[r], "territorial must be yes/no");
    }
    x.territorial = territorial == "yes";
    if (x.type.empty() || x.prefixes.empty() || x.source.empty()) {
      ThrowCsvError(kName, t.lines[r], "type, prefixes and source are required");
    }
    for (const std::string& p : x.prefixes) {
      auto [it, fresh] = owner.emplace(Fold(p, kKeyFold), x.type);
      if (!fresh)
        ThrowCsvError(kName, t.lines[r], "prefix '" + p + "' already announces " + it->second);
    }
    out.push_back(std::move(x));
  }
  return out;
}

const std::vector<ActorType>& EmbeddedActorTypes() {
  static const std::vector<ActorType> types = ParseActorTypes(embedded::kActorTypesCsv);
  return types;
}

}  // namespace coop
