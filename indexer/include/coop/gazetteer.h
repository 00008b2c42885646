// The gazetteer (corpus/data/gazetteer.csv, curated, then the generated gazetteer_ma.csv and
// gazetteer_eu.csv): Moroccan communes, provinces and regions before/after the 2015 reform;
// French, Belgian and Spanish collectivities and regions. Format, sources and the matching policy:
// corpus/data/README.md. Loaded and checked, with the other reference data, by
// coop::ReferenceData (coop/reference_data.h).
#ifndef COOP_GAZETTEER_H_
#define COOP_GAZETTEER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coop {

/// How a place's name may be recognised in running text (the `match` column).
enum class PlaceMatch {
  kYes,      ///< "yes": its bare name (or a variant) is a mention wherever it is capitalised.
  kPattern,  ///< "pattern": a mention only after a collectivity word ("commune rurale de X",
             ///< "ville de X", "municipalité de X", "X (Maroc)") or in a partner name; its bare
             ///< name is also a word, a first name or a fragment ("Tours", "Marie", "Sidi Ali").
  kNo,       ///< "no": never matched in text; only a parent or a region of other places.
};

/// A place of the gazetteer.
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
  /// WGS 84 degrees (latitude -90..90, north positive; longitude -180..180, east positive) of the
  /// town, or of the seat (chef-lieu) of a province, département or region; empty when no source
  /// gives them (never 0,0). Source in `source` ("coordinates ... GEONAMES").
  std::optional<double> latitude, longitude;
  PlaceMatch match_rule = PlaceMatch::kYes;  ///< The `match` column.
  bool match = true;   ///< match_rule == kYes: its bare name is matched in running text.
  std::string source;  ///< Source note of the entry (codes: corpus/data/README.md).
  std::string file;    ///< The gazetteer file the entry comes from, e.g. "gazetteer_ma.csv".
};

/// One gazetteer file: its name (for error messages and Place::file) and its CSV text.
struct GazetteerFile {
  std::string_view name;
  std::string_view csv;
};

/// Parses `files` in order and merges them: a place of a later file with the same name, country,
/// type family (commune/ville, province/préfecture, département, région/communauté autonome) and
/// parent as one already loaded is dropped, so the curated file (first) wins; the generator
/// (corpus/data/gen/gen_gazetteer.py) already leaves out the places whose folded names coincide.
/// Then checks every parent and region name and copies regions down from parents.
/// Columns by name: id, name, type, country, parent, region_old, region_new, variants, match
/// (yes/pattern/no), source, and optionally latitude, longitude. Throws std::runtime_error
/// "<file>:<line>: <problem>" on a missing field, a bad match value or coordinate, a duplicate id,
/// and "<file>: <id>: unknown parent/region '<name>'" on a dangling reference.
/// Pure function; thread-safe.
std::vector<Place> LoadGazetteer(const std::vector<GazetteerFile>& files);

}  // namespace coop

#endif  // COOP_GAZETTEER_H_
