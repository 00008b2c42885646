// Normalising extracted records against the project's reference data (corpus/data/): the
// gazetteer (places, provinces, regions before/after Morocco's 2015 reform, foreign regions), the
// actor list (names, aliases, acronyms, type, country) and the domain thesaurus.
#ifndef COOP_ENRICH_H_
#define COOP_ENRICH_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "coop/corpus.h"

namespace coop {

/// Fills a Record's normalised fields from its extracted ones: Partner::actor_id/actor_name/
/// actor_type, cities, provinces, regions, regions_pre2015, foreign_regions, countries and
/// domains (from domains_text, annex_domains and the text); for "document" records, mentions.
/// Reference data is compiled into the binary (coop::ReferenceData::Embedded(), files in
/// corpus/data/).
///
/// Names match on folded words (case, accents, articles and linking words ignored, so
/// "Conseil général de l'Hérault" and "conseil départemental de l'Herault" both name the
/// Hérault), longest name first ("Aïn Bni Mathar" before "Bni Mathar"). In running text a name
/// must end with a capitalised word and must not follow a street word ("avenue Souss").
/// Thread-safe after construction (all members are const; one internal Analyzer is locked).
class Enricher {
 public:
  /// Loads the embedded reference data; throws std::runtime_error if it is malformed.
  Enricher();
  ~Enricher();
  Enricher(const Enricher&) = delete;
  Enricher& operator=(const Enricher&) = delete;

  /// Normalises `record` in place. Never removes what extraction found; only adds: partner
  /// actor_id/actor_name (if empty), actor_type and country (if empty); cities, provinces,
  /// regions, regions_pre2015, foreign_regions and countries from the partners' places; domains
  /// from domains_text, or, without it, from phrases seen at least twice in the passages (a
  /// title or heading counts twice); mentions (kind "document" only) from Mentions() over the
  /// title and passages; then the labels of each annex_domains path (DomainsOfAnnexPath); then,
  /// for a partnership with a domains_text, the domains of the multi-word thesaurus phrases its
  /// passages repeat (two occurrences or more, not counting occurrences whose words are all
  /// capitalised: names of administrations, upper-case headings).
  void Enrich(Record& record) const;

  /// The actors and places `text` names, in first-seen order, one entry each. An actor gives
  /// {name as written, country, actor_id, actor_name, actor_type}; a place with no actor gives
  /// {name as written, country, "", canonical place name, ""}.
  std::vector<Partner> Mentions(std::string_view text) const;

  /// Thesaurus labels of a "Domaines d'activités" wording, in order of first occurrence, e.g.
  /// "Développement urbain (transports , eau et assainissement)" -> {"Développement urbain",
  /// "Transports", "Eau et assainissement"}.
  std::vector<std::string> DomainsOf(std::string_view domains_text) const;

  /// Thesaurus labels of a synthesis-by-domain heading path "Domain › Sub-domain" or "Domain"
  /// (Record::annex_domains): a heading that is as a whole a label or a phrase of the thesaurus
  /// (corpus/data/domains.csv, which lists the 001 annex wordings) gives that label; otherwise a
  /// sub-domain gives DomainsOf(sub-domain). A domain heading that is no label as a whole (a
  /// grouping such as "Éducation et jeunesse") gives DomainsOf(domain) only when its sub-domain
  /// gives nothing ("Autres"). Domain labels come first. E.g. "Éducation et jeunesse › Chantiers
  /// et échanges de jeunes" -> {"Jeunesse"}; "Développement urbain › Aménagement" ->
  /// {"Développement urbain", "Aménagement"}; "Environnement › Autres" -> {"Environnement"}.
  std::vector<std::string> DomainsOfAnnexPath(std::string_view path) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace coop

#endif  // COOP_ENRICH_H_
