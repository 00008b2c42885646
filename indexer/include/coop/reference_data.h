// The project's reference data (corpus/data/, described in corpus/data/README.md), loaded and
// checked as a whole: the gazetteer of places (coop/gazetteer.h), the actor list and actor types
// (coop/actors.h) and the domain thesaurus (coop/domains.h). The files are compiled into
// coop_indexer with coop_embed().
#ifndef COOP_REFERENCE_DATA_H_
#define COOP_REFERENCE_DATA_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "coop/actors.h"
#include "coop/domains.h"
#include "coop/gazetteer.h"

namespace coop {

/// All reference data, validated: ids unique, every parent and region name resolves to a place of
/// the right kind in the same country, every actor place id exists.
/// Immutable after construction; thread-safe to read.
class ReferenceData {
 public:
  /// Parses the four CSV texts (formats: corpus/data/README.md; actor types by ParseActorTypes).
  /// Throws std::runtime_error naming the file, line and problem on malformed or inconsistent data.
  ReferenceData(std::string_view gazetteer_csv, std::string_view actors_csv,
                std::string_view actor_types_csv, std::string_view domains_csv);
  /// The same with several gazetteer files, merged by LoadGazetteer (coop/gazetteer.h): the
  /// curated gazetteer.csv first, then the generated ones, whose duplicates it drops.
  ReferenceData(const std::vector<GazetteerFile>& gazetteer, std::string_view actors_csv,
                std::string_view actor_types_csv, std::string_view domains_csv);

  /// The data compiled into coop_indexer: gazetteer.csv, gazetteer_ma.csv, gazetteer_eu.csv
  /// (built once, on first use; throws like the constructor).
  static const ReferenceData& Embedded();

  const std::vector<Place>& places() const { return places_; }
  const std::vector<Actor>& actors() const { return actors_; }
  const std::vector<Domain>& domains() const { return domains_; }

  /// Returns the place or actor with this id, or nullptr.
  const Place* FindPlace(std::string_view id) const;
  const Actor* FindActor(std::string_view id) const;

  /// Prefixes with which an actor of a territorial type may be named before its place name:
  /// ActorType::prefixes then ActorType::also ("Conseil général", "Conseil départemental", "CG"
  /// for a conseil général); empty for non-territorial and unknown types.
  const std::vector<std::string>& PrefixesOf(const std::string& actor_type) const;

 private:
  std::vector<Place> places_;
  std::map<std::string, std::size_t> place_index_;  // id -> index in places_
  std::vector<Actor> actors_;
  std::vector<Domain> domains_;
  std::map<std::string, std::vector<std::string>> prefixes_;
};

}  // namespace coop

#endif  // COOP_REFERENCE_DATA_H_
