// The actor list (corpus/data/actors.csv: collectivities, agencies, networks, ministries...) and
// the actor types with the words that announce them in names (corpus/data/actor_types.csv).
// Actors are loaded, with the other reference data, by coop::ReferenceData
// (coop/reference_data.h); actor types also serve segmentation (seg::ActorTypeOf).
#ifndef COOP_ACTORS_H_
#define COOP_ACTORS_H_

#include <string>
#include <string_view>
#include <vector>

namespace coop {

/// An actor of corpus/data/actors.csv: a collectivity, agency, network, ministry, foundation...
struct Actor {
  std::string id;                    ///< Stable id, e.g. "fr-ville-aix-en-provence".
  std::string name;                  ///< Normalised name, e.g. "Aix-en-Provence".
  std::string type;                  ///< A coop::Partner::actor_type value.
  std::string country;               ///< May be empty for international bodies.
  std::string place;                 ///< Place id of its territory (collectivities), or empty.
  std::vector<std::string> aliases;  ///< Names and acronyms as written, e.g. "junta Andalucia".
  std::string source;
};

/// A row of corpus/data/actor_types.csv: an actor type and how names announce it.
struct ActorType {
  std::string type;                   ///< A coop::Partner::actor_type value.
  std::vector<std::string> prefixes;  ///< Leading words announcing the type, e.g. "Commune
                                      ///< urbaine"; no two rows share one (compared folded).
  std::vector<std::string> also;      ///< Further prefixes an actor of the type may be written
                                      ///< with that do not announce it alone ("CU", "Commune").
  bool territorial = false;           ///< One actor per territory: "<prefix> <place>" names it.
  std::string source;
};

/// Parses actor_types.csv text (format: corpus/data/README.md). Throws std::runtime_error
/// "actor_types.csv:<line>: <problem>" on a missing column or field, a territorial value other
/// than yes/no, or a prefix given to two types (compared as Fold(prefix, kKeyFold), as segmentation
/// compares them). Pure; thread-safe.
std::vector<ActorType> ParseActorTypes(std::string_view csv);

/// The actor types compiled into coop_indexer (parsed once, on first use; throws like
/// ParseActorTypes). Used by segmentation (seg::ActorTypeOf) and by ReferenceData::Embedded().
const std::vector<ActorType>& EmbeddedActorTypes();

}  // namespace coop

#endif  // COOP_ACTORS_H_
