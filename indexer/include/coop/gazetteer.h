// The project's reference data (corpus/data/, described in corpus/data/README.md): the gazetteer of
// places (Moroccan communes, provinces and regions before/after the 2015 reform; French, Belgian
// and Spanish collectivities and regions), the actor list, the actor-type prefixes and the domain
// thesaurus. The files are compiled into coop_indexer with coop_embed().
#ifndef COOP_GAZETTEER_H_
#define COOP_GAZETTEER_H_

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace coop {

/// One CSV table: the header's column names and the data rows, each as many fields as the header.
struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::size_t> lines;  ///< 1-based source line of each row (for error messages).
};

/// Parses RFC 4180 CSV (UTF-8; ',' separator; '"' quoting with '""' for a quote; CRLF or LF),
/// plus one extension: a line starting with '#' outside quotes is a comment. The first record is
/// the header. Throws std::runtime_error "<name>:<line>: <problem>" on an unterminated quote,
/// text after a closing quote, or a row whose field count differs from the header's.
/// Pure function; thread-safe.
CsvTable ParseCsv(std::string_view text, std::string_view name);

/// A place of corpus/data/gazetteer.csv.
struct Place {
  std::string id;       ///< Stable id, e.g. "ma-c-taroudant".
  std::string name;     ///< Canonical display name, e.g. "Taroudant".
  std::string type;     ///< commune urbaine, commune rurale, commune, cercle, province,
                        ///< préfecture, département, région, communauté autonome.
  std::string country;  ///< French country name: "Maroc", "France", "Belgique", "Espagne".
  std::string parent;   ///< Name of the province/prefecture/département it lies in, or empty.
  /// Regions before/after the reform (Morocco: 16 regions of 1997 / 12 of 2015; France: before/
  /// after 1 January 2016; elsewhere both the same). Inherited from the parent when the file
  /// leaves them empty, so every place below region level has them.
  std::vector<std::string> regions_old, regions_new;
  std::vector<std::string> variants;  ///< Other spellings, e.g. "Taroudannt".
  bool match = true;   ///< False: used only as a parent, never matched in text (false friends).
  std::string source;  ///< Source note of the entry.
};

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

/// A label of the domain thesaurus (corpus/data/domains.csv).
struct Domain {
  std::string label;    ///< e.g. "Eau et assainissement".
  std::string broader;  ///< Broader label in the 001 annex hierarchy, or empty (informative).
  std::vector<std::string> phrases;       ///< Matched in domain lists and in running text.
  std::vector<std::string> list_phrases;  ///< Matched only in "Domaines d'activités" wording.
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
/// than yes/no, or a prefix (folded as seg::Fold does) given to two types. Pure; thread-safe.
std::vector<ActorType> ParseActorTypes(std::string_view csv);

/// The actor types compiled into coop_indexer (parsed once, on first use; throws like
/// ParseActorTypes). Used by segmentation (seg::ActorTypeOf) and by ReferenceData::Embedded().
const std::vector<ActorType>& EmbeddedActorTypes();

/// All reference data, validated: ids unique, every parent and region name resolves to a place of
/// the right kind in the same country, every actor place id exists.
/// Immutable after construction; thread-safe to read.
class ReferenceData {
 public:
  /// Parses the four CSV texts (formats: corpus/data/README.md; actor types by ParseActorTypes).
  /// Throws std::runtime_error naming the file, line and problem on malformed or inconsistent data.
  ReferenceData(std::string_view gazetteer_csv, std::string_view actors_csv,
                std::string_view actor_types_csv, std::string_view domains_csv);

  /// The data compiled into coop_indexer (built once, on first use; throws like the constructor).
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
  void ResolveRegions();
  std::vector<Place> places_;
  std::vector<Actor> actors_;
  std::vector<Domain> domains_;
  std::map<std::string, std::vector<std::string>> prefixes_;
};

}  // namespace coop

#endif  // COOP_GAZETTEER_H_
