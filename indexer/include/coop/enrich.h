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

/// A collectivity that a pattern of running text names (issue 15): "la commune rurale d'Ijoukak",
/// "la ville de Lille", "le conseil départemental de l'Hérault", "Amerzgane (province de
/// Ouarzazate, Maroc)", "Ayuntamiento de Antequera", "le maire de Bédarieux".
struct CollectivityMention {
  std::string name;        ///< As written: the cue and the place ("commune rurale d'Ijoukak"),
                           ///< or the bare place after a cue that names a person ("maire de").
  std::string place;       ///< Canonical gazetteer name, or the place as written when unverified.
  std::string place_id;    ///< Gazetteer id; empty when the gazetteer does not know the place.
  std::string place_type;  ///< Gazetteer type, or the cue's ("commune rurale", "ville").
  std::string country;     ///< From the gazetteer, else the cue, the "(Pays)" after it, the hint.
  /// For an unverified place: the province, département or region the text names right after
  /// it ("commune rurale de X, province de Berkane"), as a gazetteer name; empty otherwise.
  std::string hint;
  std::string hint_id;  ///< Gazetteer id of `hint`.
  /// The municipal body named after the place, as written ("Maison des Jeunes de Forest", "CPAS
  /// de Schaerbeek"); empty for other cues. `name` is then the bare place.
  std::string organisation;
  /// Every province, préfecture, département or region named in the hint window (gazetteer
  /// names), whether or not the place is verified: places named only to locate this one.
  std::vector<std::string> qualifiers;
  std::size_t begin = 0;  ///< Byte span of `name` in the scanned text.
  std::size_t end = 0;
  bool verified = true;  ///< False: not in the gazetteer, kept by its cue and hint.
  /// True when the cue names an office holder ("le maire de X"): the text speaks of a person,
  /// `name` is the bare place.
  bool person = false;
};

/// An organisation that running text names by the head word of its name (issue 15): "Agence
/// Verseau Développement", "CHU de Lille", "Réseau des villes stratégiques du nord du Maroc".
struct OrganisationMention {
  std::string name;  ///< As written, head word to the last capitalised word of the name.
  std::string type;  ///< Actor type the head announces: agence, association, fondation,
                     ///< établissement, réseau, ministère.
  std::string role;  ///< Role when the text gives no cue: operator, network or funder.
  /// The proper name alone when the head is a lower-case common noun ("l'association Hawd
  /// Assafi" -> "Hawd Assafi"), else empty.
  std::string proper_name;
  std::size_t begin = 0;  ///< Byte span of `name` in the scanned text.
  std::size_t end = 0;
};

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
  /// capitalised: names of administrations, upper-case headings). Issue 15: a record of style
  /// "text" without partners first becomes a partnership when PartnersOfText finds one, else
  /// takes MinutesPartners; it gets YearsInContext and the collectivities of Collectivities; a
  /// document record of any style without partners of a manifest or sidecar takes the places of
  /// its mentions as facets (AddPlacesOfMentions).
  void Enrich(Record& record) const;

  /// The actors and places `text` names, in first-seen order, one entry each. An actor gives
  /// {name as written, country, actor_id, actor_name, actor_type}; a place with no actor gives
  /// {name as written, country, "", canonical place name, ""}.
  std::vector<Partner> Mentions(std::string_view text) const;

  /// The collectivities `text` names with a collectivity pattern, in text order, one entry per
  /// occurrence: a cue ("commune (rurale|urbaine) de", "ville de", "municipalité de", "mairie
  /// de", "maire de", "conseil communal de", "conseil départemental/général/régional/provincial
  /// de", "communauté d'agglomération (du Pays) de", "agglomération de", "Ayuntamiento de",
  /// "Landeshauptstadt", "Stadt"; a municipal body: "Maison des Jeunes de", "Maison de la
  /// Culture de", "Centre culturel de", "CPAS de") followed by a capitalised name, or a capitalised
  /// name followed by "(Maroc)" / "(province de P, Maroc)" / "(France)" etc. The name resolves
  /// against every gazetteer place whose match rule is "yes" or "pattern", of the family the cue
  /// announces (a town after "ville de", a département after "conseil départemental de"),
  /// preferring the country the cue or the parenthesis gives. A name the gazetteer does not know is
  /// kept, verified = false, when a known province, préfecture, département or region follows it in
  /// the same sentence (within 160 bytes: the hint), or when its cue gives its country
  /// (Ayuntamiento, Landeshauptstadt); otherwise dropped. Thread-safe.
  std::vector<CollectivityMention> Collectivities(std::string_view text) const;

  /// The organisations `text` names by a capitalised head word (Agence, Association, Fondation,
  /// Institut, Université, Bibliothèque, Médiathèque, Centre hospitalier, CHU, Hôpital, Réseau,
  /// Ministère, Ambassade, Direction générale) followed by the words of the name: words joined
  /// only by spaces, hyphens, apostrophes and de/du/des/la/le/les (no punctuation, no "et", "à"),
  /// at most 3 lower-case words in a row, up to its last capitalised word, 10 words at most, and
  /// never past a verb or relative that starts what the text says of it ("qui", "a", "est",
  /// "pour", "par"). A head with no capitalised word after it is no name. In text order, one
  /// entry per occurrence; names of the actor list are not told apart here (the caller prefers
  /// them). French writes the generic noun of an association or a foundation in lower case
  /// before its proper name ("l'association Migrations & Développement", "la fondation CIEDES",
  /// "l'association de migrants Hawd Assafi"): a lower-case "association" or "fondation" is a
  /// head when a capitalised word follows within 3 words; "&" joins the words of a name.
  /// Thread-safe.
  std::vector<OrganisationMention> Organisations(std::string_view text) const;

  /// The partners of a text about one partnership, or empty when the text is about none or lists
  /// several (issue 15). Rules, in order, over the collectivities of Mentions and Collectivities:
  /// (1) the title names collectivities of two countries; (2) a headline or the opening (first
  /// 2,000 bytes) joins two of two countries ("X et Y", "X – Y", "entre X et Y"); (3) a sentence
  /// of the opening with a partnership word (jumelage, jumelle, partenariat, partenaire,
  /// convention, accord, coopération, mémorandum) names collectivities of two countries, unless
  /// the whole text names two towns or more on the non-Moroccan side (a page listing its
  /// partners). Places found by name in (1) and (2) include the names the text elsewhere gives
  /// with a cue ("le maire de Bédarieux" makes the headline's "Bédarieux" a collectivity). Each
  /// partner: {name as written, country, "", "", type} with its place as actor_name when the
  /// gazetteer knows it. Minutes (a "Relevé de décisions") are never a partnership. Thread-safe.
  std::vector<Partner> PartnersOfText(const Record& record) const;

  /// The partners of minutes of a country group ("Relevé de décisions" or "Compte rendu" in the
  /// title or the first 300 bytes, "groupe(-)pays" in the first 600), as a manifest would give
  /// them for 002: the network whose group meets (the first actor of type réseau the first
  /// 1,500 bytes name: "groupe-pays Maroc de Cités Unies France") and the host town (the last
  /// dash-separated part of one of the first 10 non-blank lines naming a town: "Villa Valmer -
  /// Marseille"; none when that line is the network's own address or the meeting is remote).
  /// {name as written, country, actor_id, actor_name, actor_type}. Empty when not minutes of this
  /// style. Thread-safe.
  std::vector<Partner> MinutesPartners(const Record& record) const;

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

  /// Thesaurus labels of the sentences of running text that state fields of work, in order of
  /// first occurrence (issue 15: free text has no "Domaines d'activités" wording). A sentence (cut
  /// at . ! ? followed by a space, at blank lines and at list items) states fields when it has a
  /// cue of French cooperation texts: "domaine(s)", "thème(s)", "thématique(s)", "secteur(s)",
  /// "axe(s)", "objectif(s)", "priorité(s)", "prioritaire(s)", "volet(s)", "porte(nt) sur",
  /// "concerne(nt)", "en matière de", "autour de", "prévoit"; then every phrase and list phrase
  /// of domains.csv in it counts. A definition whose head before a colon (5 words at most) holds
  /// thesaurus terms ("Culture et sport : ...") gives their labels. A sentence without a cue that
  /// names phrases of two labels or more is an enumeration of fields ("sauvegarde du patrimoine,
  /// tourisme, environnement ... santé, éducation, jeunesse"): its phrases count. Occurrences whose
  /// words are all capitalised are names ("Fondation Trois Cultures") and never count. E.g.
  /// "Domaines : agriculture, développement durable." -> {"Développement rural", "Développement
  /// durable"}; "Un centre de santé." -> {}. Thread-safe.
  std::vector<std::string> StatedDomains(std::string_view text) const;

 private:
  // Adds the collectivities Collectivities() finds in a "text" record: for a document without
  // partners, as mentions (role "partner"), drops the mentions of provinces and regions named
  // only to locate one, then takes every mention's place as a facet (AddPlacesOfMentions); for
  // a partnership, the places of its partners that only a pattern names. Unverified places go to
  // Record::unverified_places.
  void AddCollectivities(Record& record) const;

  // Adds as facets the towns of the gazetteer that `text` (the record's passages) names right
  // after "à", the preposition of an event's place in French ("se sont réunies à Agadir",
  // "est déjà liée à Rabat"): towns of the partnership's events. For partnership records of
  // pages about one partnership ("text", "atlas"); "au sud d'Agadir" locates, not counted.
  void AddEventTowns(Record& record, std::string_view text) const;

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace coop

#endif  // COOP_ENRICH_H_
