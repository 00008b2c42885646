// The domain thesaurus (corpus/data/domains.csv): the activity domains a partnership is tagged
// with. Loaded, with the other reference data, by coop::ReferenceData (coop/reference_data.h).
#ifndef COOP_DOMAINS_H_
#define COOP_DOMAINS_H_

#include <string>
#include <vector>

namespace coop {

/// A label of the domain thesaurus (corpus/data/domains.csv).
struct Domain {
  std::string label;    ///< e.g. "Eau et assainissement".
  std::string broader;  ///< Broader label in the 001 annex hierarchy, or empty (informative).
  std::vector<std::string> phrases;       ///< Matched in domain lists and in running text.
  std::vector<std::string> list_phrases;  ///< Matched only in "Domaines d'activités" wording.
  std::string source;
};

}  // namespace coop

#endif  // COOP_DOMAINS_H_
