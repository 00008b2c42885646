// The gazetteer (corpus/data/gazetteer.csv): Moroccan communes, provinces and regions before/after
// the 2015 reform; French, Belgian and Spanish collectivities and regions. Loaded and checked,
// with the other reference data, by coop::ReferenceData (coop/reference_data.h).
#ifndef COOP_GAZETTEER_H_
#define COOP_GAZETTEER_H_

#include <string>
#include <vector>

namespace coop {

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

}  // namespace coop

#endif  // COOP_GAZETTEER_H_
