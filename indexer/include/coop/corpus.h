// The corpus as the engine sees it: source documents described by corpus/manifest.json, split into
// records (partnerships or document parts) and passages (paragraph-to-section chunks of text).
#ifndef COOP_CORPUS_H_
#define COOP_CORPUS_H_

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace coop {

/// A party to a partnership (or an actor a document mentions).
struct Partner {
  std::string name;        ///< As written in the source, e.g. "Ville d'Aix-en-Provence".
  std::string country;     ///< French country name: "Maroc", "France", "Belgique", "Espagne", ...
  std::string actor_id;    ///< Stable id from corpus/actors data, e.g. "fr-ville-aix-en-provence";
                           ///< empty if unknown.
  std::string actor_name;  ///< Normalised actor name, e.g. "Aix-en-Provence"; empty if unknown.
  std::string actor_type;  ///< One of: ville, commune urbaine, commune rurale, communauté urbaine,
                           ///< conseil général, conseil régional, province, préfecture, cercle,
                           ///< agence, fondation, association, ministère, réseau, autre; or empty.
                           ///< Extraction also gives "commune" (a name "Commune de X" that does not
                           ///< say urbaine/rurale, as in the Belgian forms) and
                           ///< "conseil départemental".
  /// What the actor does in the record (issue 15): "partner" (a party to the partnership),
  /// "funder" (co-finances it: PAD Maroc, AFD, a Junta), "operator" (runs the programme or
  /// project: AVCB/Brulocalis, GIZ, an agency), "network" (a network of local governments: Cités
  /// Unies France). Empty until the Enricher assigns it (partners default to "partner").
  std::string role;
};

/// An amount of money a record states, e.g. "2 032 800 Dhs" -> {2032800, "MAD", "..."}.
struct Budget {
  double amount = 0;     ///< In units of `currency`.
  std::string currency;  ///< ISO 4217: "EUR" or "MAD".
  std::string funds;     ///< What it funds, as written (project or line label); may be empty.
};

/// Facts about one source file, from the manifest (or defaults for a file the manifest lacks).
struct SourceInfo {
  std::string file;  ///< File name in the corpus folder; also the source id.
  std::string title;
  std::string publisher;
  std::string date;  ///< ISO 8601 prefix: "2008-07", "2016-02-17", "2010".
  std::vector<std::string> countries;
  std::string language;         ///< BCP 47, e.g. "fr".
  std::string format;           ///< Original form: "pdf", "slides", ...
  std::vector<Partner> actors;  ///< Partners the document as a whole is about.
};

/// A chunk of a record's text. Offsets are byte offsets into the source file's text.
struct Passage {
  std::string id;       ///< "<record id>-p<n>", stable for a given source text.
  std::string heading;  ///< Heading path, "A › B"; empty when unknown.
  std::string text;     ///< Original text of the chunk (UTF-8 as in the source).
  std::size_t begin = 0;
  std::size_t end = 0;
  int page = 0;  ///< 1-based page in the original (PDF) when known, else 0.
};

/// One partnership or document part. Facet-valued fields hold display values (canonical names
/// from the gazetteer / thesaurus); the index stores their folded forms as boolean terms.
struct Record {
  std::string id;                 ///< "<source stem>-r<n>", e.g. "000_959c21865eb3db85-r0".
  std::string kind = "document";  ///< "partnership" or "document".
  /// The document style whose segmenter made the record, recognised by structure (never by file
  /// name): "repertoire", "programme", "atlas", "minutes", or "text" (no specific style: one
  /// document record, enriched by the style-independent rules only).
  std::string style = "text";
  /// Where each extracted field came from, for `coop-index inspect FILE`: field name (as in the
  /// inspect JSON, e.g. "partners", "cities", "years") -> "sidecar", "manifest",
  /// "segmenter:<style>", "pattern", "gazetteer", "thesaurus" (several joined by ", "). Not stored
  /// in the index.
  std::map<std::string, std::string> sources;
  std::string title;
  std::string source;  ///< Source file name.
  std::string publisher;
  std::string date;
  std::vector<std::string> countries;  ///< Countries of the partners, e.g. {"France", "Maroc"}.
  std::vector<Partner> partners;       ///< The parties of the partnership.
  std::vector<Partner> mentions;       ///< Actors a document record mentions (000, 002, 003).
  std::vector<std::string> cities;     ///< Canonical place names of the partners' towns.
  /// Places of `cities` the gazetteer does not know, named by a collectivity pattern ("commune
  /// rurale de X, province de P"; issue 15): flagged unverified. Not stored in the index.
  std::vector<std::string> unverified_places;
  std::vector<std::string> provinces;        ///< Moroccan provinces/prefectures.
  std::vector<std::string> regions;          ///< Moroccan regions, 2015 reform names (12 regions).
  std::vector<std::string> regions_pre2015;  ///< Moroccan regions before 2015 (16 regions).
  std::vector<std::string> foreign_regions;  ///< French/Belgian/Spanish/German regions.
  std::vector<std::string> domains;          ///< Thesaurus labels, e.g. "Eau et assainissement".
  std::string domains_text;                  ///< The record's own "Domaines d'activités" wording.
  /// Heading paths "Domain › Sub-domain" (as written, e.g. "Éducation et jeunesse › Chantiers et
  /// échanges de jeunes"; just "Domain" when it has no sub-domain) under which a synthesis-by-
  /// domain part of the same document lists this partnership (001's "Synthèse des coopérations
  /// par domaines d'intervention"). Set by SegmentDocument; the Enricher adds their thesaurus
  /// labels to `domains`.
  std::vector<std::string> annex_domains;
  std::string legal_framework;  ///< "Cadre juridique" as written.
  std::vector<int> years;       ///< Signature, renewal and activity years.
  std::vector<Budget> budgets;
  std::size_t begin = 0;  ///< Byte offsets of the record in the source text.
  std::size_t end = 0;
  std::vector<Passage> passages;
};

/// The corpus manifest: one SourceInfo per listed file, in listed order.
struct Manifest {
  std::vector<SourceInfo> documents;
  /// Returns the entry for `file`, or nullptr. The pointer lives as long as the Manifest.
  const SourceInfo* Find(std::string_view file) const;
};

/// Parses manifest JSON text (format: corpus/manifest.json). Throws std::runtime_error with a
/// message naming the problem if the JSON is malformed or a document lacks "file".
Manifest ParseManifest(std::string_view json);

/// Reads and parses the manifest at `path`; throws std::runtime_error naming the path on failure.
Manifest LoadManifest(const std::string& path);

/// Defaults for a file the manifest does not describe: title = first non-blank line of `text`.
SourceInfo DefaultSourceInfo(const std::string& file, std::string_view text);

/// Splits paragraphs of `text` (blank-line separated) into passages of roughly `target_bytes`:
/// short paragraphs are merged, long ones split at line ends. Never returns an empty passage.
/// Ids are "<record_id>-p<n>" from 0. Offsets are byte offsets into `text`.
std::vector<Passage> SplitPassages(std::string_view text, const std::string& record_id,
                                   std::size_t target_bytes = 600);

/// Segments one source document into records, driven by its structure (coop/segmenter.h): a
/// repertoire with a table of contents of "A/B  p.N" partnership entries (one record per entry,
/// document records for the other parts), a programme with upper-case "A/B" partnership forms and
/// a numbered outline, else one document record of paragraph passages. Fills id, kind, title,
/// partners (name as written, country, actor_type), legal_framework, domains_text,
/// annex_domains, years, budgets, offsets and passages; document records get the manifest's
/// actors as partners.
/// Normalised fields (actor ids, places, regions, thesaurus domains) are left to the Enricher.
/// Records tile the text: every non-blank byte lies in exactly one record's passages.
/// Pure function of its inputs; thread-safe.
std::vector<Record> SegmentDocument(const SourceInfo& info, std::string_view text);

/// Source id stem used in record ids: the file name without its extension.
std::string SourceStem(const std::string& file);

}  // namespace coop

#endif  // COOP_CORPUS_H_
