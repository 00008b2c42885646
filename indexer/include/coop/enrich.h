// Normalising extracted records against the project's reference data (corpus/data/): the
// gazetteer (places, provinces, regions before/after Morocco's 2015 reform, foreign regions), the
// actor list (names, aliases, acronyms, type, country) and the domain thesaurus.
#ifndef COOP_ENRICH_H_
#define COOP_ENRICH_H_

#include <memory>

#include "coop/corpus.h"

namespace coop {

/// Fills a Record's normalised fields from its extracted ones: Partner::actor_id/actor_name/
/// actor_type, cities, provinces, regions, regions_pre2015, foreign_regions, countries and
/// domains (from domains_text and the text). Reference data is compiled into the binary.
/// Thread-safe after construction (Enrich is const).
class Enricher {
 public:
  /// Loads the embedded reference data; throws std::runtime_error if it is malformed.
  Enricher();
  ~Enricher();
  Enricher(const Enricher&) = delete;
  Enricher& operator=(const Enricher&) = delete;

  /// Normalises `record` in place. Never removes what extraction found; only adds.
  void Enrich(Record& record) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace coop

#endif  // COOP_ENRICH_H_
