// What each actor does in a record (issue 15): partner, funder, operator or network
// (coop::Partner::role), from the actors' default roles (corpus/data/actor_roles.csv) and from
// the cues of the record's text ("Cofinancement PAD : 994 690 Dhs", "soutenu par la région PACA
// et l'AFD", "mis en œuvre par"). corpus/data/README.md ("Actor roles") states the rules.
#ifndef COOP_ACTOR_ROLES_H_
#define COOP_ACTOR_ROLES_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "coop/corpus.h"
#include "coop/reference_data.h"

namespace coop {

class Enricher;

/// The four roles, in the order the actor page lists them.
inline constexpr std::string_view kActorRoles[] = {"partner", "funder", "operator", "network"};

/// True if `role` is one of kActorRoles.
bool IsActorRole(std::string_view role);

/// The default roles of actor_roles.csv: by actor id, and by actor type for actors not listed.
/// Immutable after construction; thread-safe to read.
class ActorRoles {
 public:
  /// Parses `csv` (columns key, role, source; key "type:<actor type>" or an actor id of `data`).
  /// Throws std::runtime_error "actor_roles.csv:<line>: <problem>" for an unknown actor id, a
  /// role not in kActorRoles, a missing source or a key given twice.
  ActorRoles(std::string_view csv, const ReferenceData& data);

  /// The roles compiled into coop_indexer (corpus/data/actor_roles.csv, checked against
  /// ReferenceData::Embedded()); built on first use, throws like the constructor.
  static const ActorRoles& Embedded();

  /// Default role of actor `actor_id` of type `actor_type`: its own row, else its type's, else
  /// "partner" (an actor the data does not know is a collectivity named by a pattern).
  const std::string& DefaultRole(const std::string& actor_id, const std::string& actor_type) const;

 private:
  std::map<std::string, std::string> by_id_, by_type_;
};

/// The role the text of one line gives an actor named at bytes [begin, end) of `line`: "funder",
/// "operator" or "network" from the nearest cue before the name (within 80 bytes: "Cofinancement
/// PAD", "soutenu par l'AFD", "mis en œuvre par", "membre du réseau") or an amount or share right
/// after it ("PAD Maroc : 20%"); "pending" when the line only asks or plans ("demande en cours",
/// "sollicitation ... envisagée", "il faudra"); "" when the line says nothing. Pure; thread-safe.
std::string RoleCue(std::string_view line, std::size_t begin, std::size_t end);

/// RoleCue for an actor whose default role (ActorRoles::DefaultRole) is `default_role`: a support
/// cue ("avec l'appui de", "avec le soutien de") gives an operator or network its own role (it
/// supports by doing the work), else "funder"; a frame cue ("dans le cadre du") gives a funder,
/// operator or network its own role and a collectivity ("partner") no role (""); other cues as
/// RoleCue. `default_role` "" behaves as RoleCue. Pure; thread-safe.
std::string RoleCueFor(std::string_view line, std::size_t begin, std::size_t end,
                       std::string_view default_role);

/// Sets Partner::role on every partner and mention of `record` that names an actor (a role already
/// set, e.g. by a sidecar, is kept), and adds to a partnership's mentions the other actors its
/// passages give a role (funders, operators, networks; collectivities only with a cue) and, for a
/// record of a programme, the programme's publisher actors (an operator and a funder: "AVCB /
/// Brulocalis, pour la DGD"). Rules: corpus/data/README.md, "Actor roles". Called once at the end
/// of Enricher::Enrich. Thread-safe.
void AssignActorRoles(const Enricher& enricher, Record& record);

}  // namespace coop

#endif  // COOP_ACTOR_ROLES_H_
