// The reference data (corpus/data/) and the Enricher, on names and lines of the real corpus.
// Every quoted name or line is checked to occur in its corpus file, so the cases stay real.
#include "coop/enrich.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "coop/actors.h"
#include "coop/csv.h"
#include "coop/index_builder.h"
#include "coop/reference_data.h"
#include "coop/segmenter.h"
#include "corpus_files.h"
#include "test_util.h"

namespace coop {
namespace {

using testing::kBelgianCic;
using testing::kGroupePaysMaroc;
using testing::kKsarElKebir;
using testing::kRepertoire;
using testing::kTaroudant;

using Strings = std::vector<std::string>;

// Returns `quote` after checking that the corpus file contains it verbatim.
std::string Quote(const std::string& file, const std::string& quote) {
  const std::string text = testing::ReadCorpusFile(file);
  EXPECT_NE(text.find(quote), std::string::npos) << file << " lacks: " << quote;
  return quote;
}

const Enricher& TheEnricher() {
  static const Enricher e;
  return e;
}

// One partnership with its names as written and its hand-checked normalisation. Rows name every
// field (designated initialisers), an empty one included: "no city" is a checked fact too.
struct Case {
  std::string file;          // corpus file the names and the domains line are quoted from
  Strings names;             // partner names as written, in order
  std::string domains_text;  // the record's "Domaines d'activités : …" line, or ""
  Strings actor_ids;         // expected actor ids, one per name
  Strings actor_types;       // expected actor types, one per name
  Strings cities;            // expected canonical names of the partners' towns
  Strings provinces;         // expected Moroccan provinces and prefectures
  Strings regions;           // expected Moroccan regions after the 2015 reform
  Strings regions_pre2015;   // expected Moroccan regions before it
  Strings foreign_regions;   // expected French, Belgian, Spanish, German regions
  Strings domains;           // expected thesaurus domains
};

const std::vector<Case>& Cases() {
  static const std::vector<Case> cases = {
      {.file = kRepertoire,
       .names = {"Ville d'Aix-en-Provence", "Commune urbaine d'Oujda"},
       .domains_text =
           "Domaines d'activités : Développement urbain ; Aménagement ; Développement durable ; "
           "Coopération universitaire ; Culture ; Société civile ; Appui institutionnel.",
       .actor_ids = {"fr-ville-aix-en-provence", "ma-commune-oujda"},
       .actor_types = {"ville", "commune urbaine"},
       .cities = {"Aix-en-Provence", "Oujda"},
       .provinces = {"Oujda-Angad"},
       .regions = {"Oriental"},
       .regions_pre2015 = {"Oriental"},
       .foreign_regions = {"Provence-Alpes-Côte d'Azur"},
       .domains = {"Développement urbain", "Aménagement", "Développement durable",
                   "Coopération universitaire", "Culture", "Société civile",
                   "Appui institutionnel"}},
      {.file = kRepertoire,
       .names = {"Ville de Belfort", "Commune urbaine de Mohammedia"},
       .domains_text = "Domaines d'activités : Appui institutionnel ; Culture ; Jeunesse.",
       .actor_ids = {"fr-ville-belfort", "ma-commune-mohammedia"},
       .actor_types = {"ville", "commune urbaine"},
       .cities = {"Belfort", "Mohammedia"},
       .provinces = {"Mohammedia"},
       .regions = {"Casablanca-Settat"},
       .regions_pre2015 = {"Grand Casablanca"},
       .foreign_regions = {"Franche-Comté", "Bourgogne-Franche-Comté"},
       .domains = {"Appui institutionnel", "Culture", "Jeunesse"}},
      {.file = kRepertoire,
       .names = {"Ville de Caudebec-lès-Elbeuf", "Commune urbaine de Souk El Khémis"},
       .domains_text = "Domaines d'activités : Éducation ; Santé.",
       .actor_ids = {"fr-ville-caudebec-les-elbeuf", "ma-commune-souk-el-khemis-dades"},
       .actor_types = {"ville", "commune rurale"},
       .cities = {"Caudebec-lès-Elbeuf", "Souk El Khémis Dadès"},
       .provinces = {"Tinghir"},
       .regions = {"Drâa-Tafilalet"},
       .regions_pre2015 = {"Souss-Massa-Drâa"},
       .foreign_regions = {"Haute-Normandie", "Normandie"},
       .domains = {"Éducation", "Santé"}},
      {.file = kRepertoire,
       .names = {"Ville de La Croix Valmer", "Commune urbaine de Souk Sebt"},
       .domains_text = "Domaines d'activités : Jeunesse ; Eau et assainissement.",
       .actor_ids = {"fr-ville-la-croix-valmer", "ma-commune-souk-sebt-oulad-nemma"},
       .actor_types = {"ville", "commune urbaine"},
       .cities = {"La Croix-Valmer", "Souk Sebt Oulad Nemma"},
       .provinces = {"Fquih Ben Salah"},
       .regions = {"Béni Mellal-Khénifra"},
       .regions_pre2015 = {"Tadla-Azilal"},
       .foreign_regions = {"Provence-Alpes-Côte d'Azur"},
       .domains = {"Jeunesse", "Eau et assainissement"}},
      {.file = kRepertoire,
       .names = {"Ville de Maxéville", "Commune urbaine d'Imouzzer du Kandar"},
       .domains_text =
           "Domaines d'activités : Renforcement des capacités ; Développement durable ; Jeunesse.",
       .actor_ids = {"fr-ville-maxeville", "ma-commune-imouzzer-kandar"},
       .actor_types = {"ville", "commune urbaine"},
       .cities = {"Maxéville", "Imouzzer Kandar"},
       .provinces = {"Sefrou"},
       .regions = {"Fès-Meknès"},
       .regions_pre2015 = {"Fès-Boulemane"},
       .foreign_regions = {"Lorraine", "Grand Est"},
       .domains = {"Appui institutionnel", "Développement durable", "Jeunesse"}},
      {.file = kRepertoire,
       .names = {"Ville de Romans", "Commune urbaine de Taroudannt"},
       .domains_text =
           "Domaines d'activités : Patrimoine ; Culture ; Développement social (société civile).",
       .actor_ids = {"fr-ville-romans-sur-isere", "ma-commune-taroudant"},
       .actor_types = {"ville", "commune urbaine"},
       .cities = {"Romans-sur-Isère", "Taroudant"},
       .provinces = {"Taroudant"},
       .regions = {"Souss-Massa"},
       .regions_pre2015 = {"Souss-Massa-Drâa"},
       .foreign_regions = {"Rhône-Alpes", "Auvergne-Rhône-Alpes"},
       .domains = {"Patrimoine", "Culture", "Développement social", "Société civile"}},
      {.file = kRepertoire,
       .names = {"Ville de Sète", "Commune urbaine d'El Jedida"},
       .domains_text =
           "Domaines d'activités : Développement social ; Éducation ; Développement rural.",
       .actor_ids = {"fr-ville-sete", "ma-commune-el-jadida"},
       .actor_types = {"ville", "commune urbaine"},
       .cities = {"Sète", "El Jadida"},
       .provinces = {"El Jadida"},
       .regions = {"Casablanca-Settat"},
       .regions_pre2015 = {"Doukkala-Abda"},
       .foreign_regions = {"Languedoc-Roussillon", "Occitanie"},
       .domains = {"Développement social", "Éducation", "Développement rural"}},
      {.file = kRepertoire,
       .names = {"Ville de Vienne", "Commune urbaine de Tiflet"},
       .domains_text =
           "Domaines d'activités : Renforcement des capacités ; Développement social ; Patrimoine.",
       .actor_ids = {"fr-ville-vienne", "ma-commune-tiflet"},
       .actor_types = {"ville", "commune urbaine"},
       .cities = {"Vienne", "Tiflet"},
       .provinces = {"Khémisset"},
       .regions = {"Rabat-Salé-Kénitra"},
       .regions_pre2015 = {"Rabat-Salé-Zemmour-Zaër"},
       .foreign_regions = {"Rhône-Alpes", "Auvergne-Rhône-Alpes"},
       .domains = {"Appui institutionnel", "Développement social", "Patrimoine"}},
      {.file = kRepertoire,
       .names = {"Ville de Lyon - Communauté urbaine de Lyon", "Commune urbaine de Rabat"},
       .domains_text =
           "Domaines d'activités : Développement urbain (transports , eau et assainissement) ; "
           "Patrimoine.",
       .actor_ids = {"fr-ville-lyon", "ma-commune-rabat"},
       .actor_types = {"ville", "commune urbaine"},
       .cities = {"Lyon", "Rabat"},
       .provinces = {"Rabat"},
       .regions = {"Rabat-Salé-Kénitra"},
       .regions_pre2015 = {"Rabat-Salé-Zemmour-Zaër"},
       .foreign_regions = {"Rhône-Alpes", "Auvergne-Rhône-Alpes"},
       .domains = {"Développement urbain", "Transports", "Eau et assainissement", "Patrimoine"}},
      {.file = kRepertoire,
       .names = {"Communauté urbaine Nantes Métropole", "Commune urbaine d'Agadir"},
       .domains_text =
           "Domaines d'activités : Appui institutionnel ; Développement urbain (transports).",
       .actor_ids = {"fr-cu-nantes-metropole", "ma-commune-agadir"},
       .actor_types = {"communauté urbaine", "commune urbaine"},
       .cities = {"Nantes", "Agadir"},
       .provinces = {"Agadir Ida-Outanane"},
       .regions = {"Souss-Massa"},
       .regions_pre2015 = {"Souss-Massa-Drâa"},
       .foreign_regions = {"Pays de la Loire"},
       .domains = {"Appui institutionnel", "Développement urbain", "Transports"}},
      {.file = kRepertoire,
       .names = {"Conseil général de l'Allier", "Cercle de Tiflet"},
       .domains_text = "Domaines d'activités : Éducation ; Culture ; Développement rural.",
       .actor_ids = {"fr-departement-allier", "ma-cercle-tiflet"},
       .actor_types = {"conseil général", "cercle"},
       .cities = {},
       .provinces = {"Khémisset"},
       .regions = {"Rabat-Salé-Kénitra"},
       .regions_pre2015 = {"Rabat-Salé-Zemmour-Zaër"},
       .foreign_regions = {"Auvergne", "Auvergne-Rhône-Alpes"},
       .domains = {"Éducation", "Culture", "Développement rural"}},
      {.file = kRepertoire,
       .names = {"Conseil général de l'Hérault", "Conseil régional de Souss Massa Drâa"},
       .domains_text =
           "Domaines d'activités : Appui institutionnel ; Développement rural et urbain (eau) ; "
           "Environnement.",
       .actor_ids = {"fr-departement-herault", "ma-region-souss-massa-draa"},
       .actor_types = {"conseil général", "conseil régional"},
       .cities = {},
       .provinces = {},
       .regions = {"Souss-Massa", "Drâa-Tafilalet"},
       .regions_pre2015 = {"Souss-Massa-Drâa"},
       .foreign_regions = {"Languedoc-Roussillon", "Occitanie"},
       .domains = {"Appui institutionnel", "Développement rural", "Développement urbain",
                   "Eau et assainissement", "Environnement"}},
      {.file = kRepertoire,
       .names = {"Conseil général de Loire-Atlantique", "Préfecture d'Agadir"},
       .domains_text = "Domaines d'activités : Appui institutionnel ; Femmes ; Jeunesse ; "
                       "Développement rural ; "
                       "Développement économique (tourisme).",
       .actor_ids = {"fr-departement-loire-atlantique", "ma-prefecture-agadir-ida-outanane"},
       .actor_types = {"conseil général", "préfecture"},
       .cities = {},
       .provinces = {"Agadir Ida-Outanane"},
       .regions = {"Souss-Massa"},
       .regions_pre2015 = {"Souss-Massa-Drâa"},
       .foreign_regions = {"Pays de la Loire"},
       .domains = {"Appui institutionnel", "Femmes", "Jeunesse", "Développement rural",
                   "Développement économique", "Tourisme"}},
      {.file = kRepertoire,
       .names = {"Conseil régional de Franche-Comté", "Province de Ouarzazate"},
       .domains_text = "",
       .actor_ids = {"fr-region-franche-comte", "ma-province-ouarzazate"},
       .actor_types = {"conseil régional", "province"},
       .cities = {},
       .provinces = {"Ouarzazate"},
       .regions = {"Drâa-Tafilalet"},
       .regions_pre2015 = {"Souss-Massa-Drâa"},
       .foreign_regions = {"Franche-Comté", "Bourgogne-Franche-Comté"},
       .domains = {}},
      {.file = kRepertoire,
       .names = {"Conseil régional du Nord-Pas de Calais", "Conseil régional de Doukkala Abda"},
       .domains_text = "Domaines d'activités : Appui institutionnel, aménagement du territoire, "
                       "santé, éducation "
                       "et « jeunesse » prioritaires.",
       .actor_ids = {"fr-region-nord-pas-de-calais", "ma-region-doukkala-abda"},
       .actor_types = {"conseil régional", "conseil régional"},
       .cities = {},
       .provinces = {},
       .regions = {"Casablanca-Settat", "Marrakech-Safi"},
       .regions_pre2015 = {"Doukkala-Abda"},
       .foreign_regions = {"Nord-Pas-de-Calais", "Hauts-de-France"},
       .domains = {"Appui institutionnel", "Aménagement", "Santé", "Éducation", "Jeunesse"}},
      {.file = kRepertoire,
       .names = {"Conseil régional de Provence-Alpes-Côte-d'Azur",
                 "Conseil régional de Tanger-Tétouan"},
       .domains_text =
           "Domaines d'activités : Développement durable ; Éco-tourisme ; Développement social ; "
           "Renforcement des capacités.",
       .actor_ids = {"fr-region-paca", "ma-region-tanger-tetouan"},
       .actor_types = {"conseil régional", "conseil régional"},
       .cities = {},
       .provinces = {},
       .regions = {"Tanger-Tétouan-Al Hoceïma"},
       .regions_pre2015 = {"Tanger-Tétouan"},
       .foreign_regions = {"Provence-Alpes-Côte d'Azur"},
       .domains = {"Développement durable", "Tourisme", "Développement social",
                   "Appui institutionnel"}},
      {.file = kRepertoire,
       .names = {"Ville de Woippy", "Commune urbaine de Salé"},
       .domains_text = "",
       .actor_ids = {"fr-ville-woippy", "ma-commune-sale"},
       .actor_types = {"ville", "commune urbaine"},
       .cities = {"Woippy", "Salé"},
       .provinces = {"Salé"},
       .regions = {"Rabat-Salé-Kénitra"},
       .regions_pre2015 = {"Rabat-Salé-Zemmour-Zaër"},
       .foreign_regions = {"Lorraine", "Grand Est"},
       .domains = {}},
      {.file = kBelgianCic,
       .names = {"Commune d'Auderghem", "Commune rurale d'Amerzgane", "Commune rurale d'Aït Zineb"},
       .domains_text = "",
       .actor_ids = {"be-commune-auderghem", "ma-commune-amerzgane", "ma-commune-ait-zineb"},
       .actor_types = {"ville", "commune rurale", "commune rurale"},
       .cities = {"Auderghem", "Amerzgane", "Aït Zineb"},
       .provinces = {"Ouarzazate"},
       .regions = {"Drâa-Tafilalet"},
       .regions_pre2015 = {"Souss-Massa-Drâa"},
       .foreign_regions = {"Région de Bruxelles-Capitale"},
       .domains = {}},
      {.file = kBelgianCic,
       .names = {"Commune de La Hulpe", "Commune de Gourrama"},
       .domains_text = "",
       .actor_ids = {"be-commune-la-hulpe", "ma-commune-gourrama"},
       .actor_types = {"ville", "commune rurale"},
       .cities = {"La Hulpe", "Gourrama"},
       .provinces = {"Midelt"},
       .regions = {"Drâa-Tafilalet"},
       .regions_pre2015 = {"Meknès-Tafilalet"},
       .foreign_regions = {"Région wallonne"},
       .domains = {}},
      {.file = kBelgianCic,
       .names = {"Commune de Molenbeek-St-Jean", "Commune de Mokrisset"},
       .domains_text = "",
       .actor_ids = {"be-commune-molenbeek-saint-jean", "ma-commune-mokrisset"},
       .actor_types = {"ville", "commune rurale"},
       .cities = {"Molenbeek-Saint-Jean", "Mokrisset"},
       .provinces = {"Ouezzane"},
       .regions = {"Tanger-Tétouan-Al Hoceïma"},
       .regions_pre2015 = {"Tanger-Tétouan"},
       .foreign_regions = {"Région de Bruxelles-Capitale"},
       .domains = {}},
      {.file = kBelgianCic,
       .names = {"Commune de Saint-Josse-ten-Noode", "Commune de Ain Bni Mathar",
                 "Commune de Beni Mathar"},
       .domains_text = "",
       .actor_ids = {"be-commune-saint-josse-ten-noode", "ma-commune-ain-bni-mathar",
                     "ma-commune-bni-mathar"},
       .actor_types = {"ville", "commune urbaine", "commune rurale"},
       .cities = {"Saint-Josse-ten-Noode", "Aïn Bni Mathar", "Bni Mathar"},
       .provinces = {"Jerada"},
       .regions = {"Oriental"},
       .regions_pre2015 = {"Oriental"},
       .foreign_regions = {"Région de Bruxelles-Capitale"},
       .domains = {}},
      {.file = kBelgianCic,
       .names = {"Commune de Schaerbeek", "Commune d'Al Hoceima"},
       .domains_text = "",
       .actor_ids = {"be-commune-schaerbeek", "ma-commune-al-hoceima"},
       .actor_types = {"ville", "commune urbaine"},
       .cities = {"Schaerbeek", "Al Hoceïma"},
       .provinces = {"Al Hoceïma"},
       .regions = {"Tanger-Tétouan-Al Hoceïma"},
       .regions_pre2015 = {"Taza-Al Hoceïma-Taounate"},
       .foreign_regions = {"Région de Bruxelles-Capitale"},
       .domains = {}},
  };
  return cases;
}

Record MakeRecord(const Case& c) {
  Record r;
  r.kind = "partnership";
  r.source = c.file;
  for (const std::string& n : c.names) r.partners.push_back({Quote(c.file, n), "", "", "", ""});
  if (!c.domains_text.empty()) {
    const std::string line = Quote(c.file, c.domains_text);
    r.domains_text = line.substr(line.find(':') + 2);
  }
  return r;
}

TEST(ReferenceData, LoadsWithSourcesAndIsNotIndexedAsDocuments) {
  const ReferenceData& d = ReferenceData::Embedded();
  EXPECT_GE(d.places().size(), 200u);
  EXPECT_GE(d.actors().size(), 140u);
  EXPECT_GE(d.domains().size(), 20u);
  for (const Place& p : d.places()) EXPECT_FALSE(p.source.empty()) << p.id;
  for (const Actor& a : d.actors()) EXPECT_FALSE(a.source.empty()) << a.id;
  // corpus/data/ is a folder: never read as a source document.
  EXPECT_EQ(ListSourceFiles(testing::CorpusDir()).size(), 5u);
  // Communes get their regions from their province.
  const Place* taroudant = d.FindPlace("ma-c-taroudant");
  ASSERT_NE(taroudant, nullptr);
  EXPECT_EQ(taroudant->regions_new, Strings{"Souss-Massa"});
  EXPECT_EQ(taroudant->regions_old, Strings{"Souss-Massa-Drâa"});
}

TEST(ReferenceData, CsvReaderFollowsRfc4180AndReportsLines) {
  const CsvTable t = ParseCsv("a,b\n# comment\n\"x, \"\"y\"\"\",z\r\n\"multi\nline\",w\n", "t.csv");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0][0], "x, \"y\"");
  EXPECT_EQ(t.rows[1][0], "multi\nline");
  EXPECT_EQ(t.lines[1], 4u);
  try {
    ParseCsv("a,b\n1,2\n3\n", "bad.csv");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "bad.csv:3: expected 2 fields, found 1");
  }
  EXPECT_THROW(ParseCsv("a\n\"open\n", "q.csv"), std::runtime_error);
  // An inconsistent gazetteer is refused with the entry named.
  EXPECT_THROW(ReferenceData("id,name,type,country,parent,region_old,region_new,variants,match,"
                             "source\nx,X,commune,Maroc,Nowhere,,,,yes,s\n",
                             "id,name,type,country,place,aliases,source\n",
                             "type,prefixes,also,territorial,source\n",
                             "label,broader,phrases,list_phrases,source\n"),
               std::runtime_error);
}

TEST(ReferenceData, OneActorTypeFileServesSegmentationAndTheEnricher) {
  // corpus/data/actor_types.csv: "prefixes" announce a type (segmentation) and, with "also",
  // name a territorial actor before its place (Enricher).
  const ReferenceData& d = ReferenceData::Embedded();
  const Strings& cu = d.PrefixesOf("commune urbaine");
  for (const char* p : {"Commune urbaine", "Communes urbaines", "CU", "Commune"}) {
    EXPECT_NE(std::find(cu.begin(), cu.end(), p), cu.end()) << p;
  }
  EXPECT_EQ(seg::ActorTypeOf(Quote(kRepertoire, "Commune urbaine d'Oujda")), "commune urbaine");
  EXPECT_EQ(seg::ActorTypeOf(Quote(kRepertoire, "CU d'Oujda")),
            "");  // "also": not announcing alone
  EXPECT_EQ(seg::ActorTypeOf(Quote(kBelgianCic, "Commune d'Auderghem")), "commune");
  EXPECT_EQ(seg::ActorTypeOf(Quote(kRepertoire, "Conseil préfectoral d'Agadir")), "préfecture");
  EXPECT_TRUE(d.PrefixesOf("agence").empty());  // not territorial
  EXPECT_FALSE(d.PrefixesOf("conseil général").empty());
  for (const ActorType& t : EmbeddedActorTypes()) EXPECT_FALSE(t.source.empty()) << t.type;
  // A prefix given to two types, or a bad territorial value, is refused with its line.
  try {
    ParseActorTypes(
        "type,prefixes,also,territorial,source\nville,Ville,,yes,s\ncommune,Commune|ville,,yes,"
        "s\n");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "actor_types.csv:3: prefix 'ville' already announces ville");
  }
  EXPECT_THROW(ParseActorTypes("type,prefixes,also,territorial,source\nville,Ville,,oui,s\n"),
               std::runtime_error);
  EXPECT_THROW(ParseActorTypes("type,prefixes,source\nville,Ville,s\n"), std::runtime_error);
}

TEST(Enricher, PartnershipsOfTheCorpus) {
  ASSERT_GE(Cases().size(), 15u);
  for (const Case& c : Cases()) {
    Record r = MakeRecord(c);
    TheEnricher().Enrich(r);
    const std::string label = c.names[0] + " / " + c.names[1];
    Strings ids, types;
    for (const Partner& p : r.partners) {
      ids.push_back(p.actor_id);
      types.push_back(p.actor_type);
    }
    EXPECT_EQ(ids, c.actor_ids) << label;
    EXPECT_EQ(types, c.actor_types) << label;
    EXPECT_EQ(r.cities, c.cities) << label;
    EXPECT_EQ(r.provinces, c.provinces) << label;
    EXPECT_EQ(r.regions, c.regions) << label;
    EXPECT_EQ(r.regions_pre2015, c.regions_pre2015) << label;
    EXPECT_EQ(r.foreign_regions, c.foreign_regions) << label;
    EXPECT_EQ(r.domains, c.domains) << label;
    EXPECT_EQ(r.countries.size(), 2u) << label;
    EXPECT_EQ(r.countries.back(), "Maroc") << label;
  }
}

TEST(Enricher, SpellingVariantsMeetTheirCanonicalName) {
  const Enricher& e = TheEnricher();
  const auto place_of = [&](const std::string& file, const std::string& name) {
    Record r;
    r.partners.push_back({Quote(file, name), "", "", "", ""});
    e.Enrich(r);
    return r.cities.empty() ? std::string() : r.cities[0];
  };
  EXPECT_EQ(place_of(kRepertoire, "Commune urbaine de Taroudannt"), "Taroudant");
  EXPECT_EQ(place_of(kTaroudant, "commune de Taroudant"), "Taroudant");
  EXPECT_EQ(place_of(kRepertoire, "Commune urbaine d'El Jedida"), "El Jadida");
  EXPECT_EQ(place_of(kBelgianCic, "AL-HOCEIMA"), "Al Hoceïma");
  EXPECT_EQ(place_of(kRepertoire, "Moulenbeck Saint-Jean"), "Molenbeek-Saint-Jean");
  Record smd;  // "Souss Mass Drâa": a typo of 001 l.5946
  smd.partners.push_back(
      {Quote(kRepertoire, "Conseil régional de Souss Mass Drâa"), "", "", "", ""});
  e.Enrich(smd);
  EXPECT_EQ(smd.partners[0].actor_id, "ma-region-souss-massa-draa");
  // Tanger Tetouan El Hoceïma (002) is the 2015 region; the same words in 2008 meant the old one.
  const auto mentions =
      e.Mentions(Quote(kGroupePaysMaroc, "la région de Tanger Tetouan \nEl Hoceïma"));
  ASSERT_EQ(mentions.size(), 1u);
  EXPECT_EQ(mentions[0].actor_id, "ma-region-tanger-tetouan-al-hoceima");
}

TEST(Enricher, FalseFriendsAreKeptApart) {
  const Enricher& e = TheEnricher();
  const auto ids = [&](const std::string& text) {
    Strings out;
    for (const Partner& p : e.Mentions(text)) {
      out.push_back(p.actor_id.empty() ? "place:" + p.actor_name : p.actor_id);
    }
    return out;
  };
  EXPECT_EQ(ids(Quote(kRepertoire, "Commune urbaine d'Imouzzer du Kandar")),
            Strings{"ma-commune-imouzzer-kandar"});
  EXPECT_EQ(ids(Quote(kRepertoire, "relevant de la commune rurale d'Imouzzer ida Outanan")),
            Strings{"ma-commune-imouzzer-ida-outanane"});
  EXPECT_TRUE(ids(Quote(kRepertoire, "l'avenue John Kennedy et de l'avenue Souss en espaces verts"))
                  .empty());
  EXPECT_TRUE(ids(Quote(kRepertoire, "78, route de Paris - BP 19")).empty());
  EXPECT_TRUE(ids(Quote(kGroupePaysMaroc, "22 et 23 septembre 2016 à Sousse en Tunisie")).empty());
  EXPECT_TRUE(ids(Quote(kKsarElKebir, "Europe du Sud et de l’Afrique du Nord")).empty());
  EXPECT_TRUE(ids("à plusieurs tours de table").empty());  // lower case: a word, not the town
  // Aïn Bni Mathar and Bni Mathar are two communes (004 l.517-518).
  EXPECT_EQ(ids(Quote(kBelgianCic,
                      "1. Commune urbaine d'Aïn Bni\nMathar\n2. Commune rurale de Bni\nMathar")),
            (Strings{"ma-commune-ain-bni-mathar", "ma-commune-bni-mathar"}));
  // The Préfecture d'Agadir is not the town of Agadir.
  Record r;
  r.partners.push_back({Quote(kRepertoire, "Préfecture d'Agadir"), "", "", "", ""});
  e.Enrich(r);
  EXPECT_TRUE(r.cities.empty());
  EXPECT_EQ(r.provinces, Strings{"Agadir Ida-Outanane"});
}

TEST(Enricher, MentionsOf002NameItsPartnerships) {
  const std::string text = testing::ReadCorpusFile(kGroupePaysMaroc);
  Record r;
  r.kind = "document";
  r.title = "Relevé de décisions";
  r.passages = SplitPassages(text, "002-r0");
  TheEnricher().Enrich(r);
  Strings ids;
  for (const Partner& m : r.mentions)
    ids.push_back(m.actor_id.empty() ? "place:" + m.actor_name : m.actor_id);
  // The partnerships of the round table (002 l.39-98), French side then Moroccan side.
  for (const char* id : {"fr-ville-marseille",
                         "ma-commune-rabat",
                         "ma-commune-marrakech",
                         "ma-commune-tanger",
                         "fr-region-ile-de-france",
                         "place:Grand Casablanca",
                         "fr-ville-bordeaux",
                         "ma-commune-casablanca",
                         "fr-cu-lyon",
                         "fr-departement-seine-saint-denis",
                         "ma-commune-figuig",
                         "fr-region-grand-est",
                         "ma-region-oriental",
                         "ma-region-fes-meknes",
                         "place:Fès-Boulemane",
                         "fr-departement-herault",
                         "ma-region-souss-massa-draa",
                         "fr-region-auvergne-rhone-alpes",
                         "ma-region-rabat-sale-kenitra",
                         "fr-departement-loire-atlantique",
                         "ma-province-chtouka-ait-baha",
                         "fr-region-paca",
                         "ma-region-tanger-tetouan-al-hoceima",
                         "fr-departement-isere",
                         "place:Tadla-Azilal",
                         "fr-departement-meurthe-et-moselle",
                         "ma-province-sidi-kacem",
                         "ma-commune-tata",
                         "fr-ville-agde",
                         "fr-cuf",
                         "fr-afd",
                         "ma-dgcl",
                         "fr-cnam",
                         "fr-khamsa",
                         "fr-pseau"}) {
    EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << id;
  }
  // One entry per actor or place; no Tunisian Sousse read as the Souss.
  Strings sorted = ids;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end());
  for (const Partner& m : r.mentions) EXPECT_EQ(m.name.find("Sousse"), std::string::npos);
  // A minutes text with no partners lists several partnerships: the places it names are its
  // facets (issue 15), each one a place that a mention names.
  EXPECT_EQ(r.cities,
            (Strings{"Marseille", "Marrakech", "Rabat", "Tanger", "Bordeaux", "Casablanca", "Lyon",
                     "Figuig", "Oujda", "La Seyne-sur-Mer", "Tata", "Agde", "Tétouan"}));
}

TEST(Enricher, AddsButNeverRemoves) {
  Record r;
  r.kind = "partnership";
  r.partners.push_back({"Commune d'Auderghem", "Belgique", "", "", "commune"});
  r.cities = {"Bruxelles"};
  r.domains = {"Coopération internationale"};
  r.domains_text = "Jeunesse";
  TheEnricher().Enrich(r);
  EXPECT_EQ(r.partners[0].actor_type, "commune");  // extraction's type is kept
  EXPECT_EQ(r.partners[0].actor_id, "be-commune-auderghem");
  EXPECT_EQ(r.cities, (Strings{"Bruxelles", "Auderghem"}));
  EXPECT_EQ(r.domains, (Strings{"Coopération internationale", "Jeunesse"}));
}

TEST(Enricher, DomainsFromTextAreConservative) {
  // A 004 partnership has no "Domaines d'activités": its outcome text gives Action sociale
  // (several times), while a single "santé" elsewhere would not give Santé.
  const std::string outcome = Quote(
      kBelgianCic,
      "Entre 2017 et 2021, toutes les communes marocaines adoptent et pilotent une\npolitique "
      "d’action sociale visant prioritairement les enfants et/ou les jeunes et/ou les\nfemmes "
      "et/ou les personnes à besoins spécifiques, et la mettent en œuvre via leur\nService "
      "d’Action sociale au travers d’au moins 2 projets intégrés de développement\nhumain.");
  Record r;
  r.kind = "partnership";
  r.passages.push_back({"p0", "", outcome + "\nUn centre de santé.", 0, 0, 0});
  TheEnricher().Enrich(r);
  EXPECT_EQ(r.domains, Strings{"Action sociale"});
}

TEST(Enricher, AnnexHeadingPathsGiveThesaurusLabels) {
  const Enricher& e = TheEnricher();
  // Headings of 001's "Synthèse des coopérations par domaines d'intervention" (l.7980-8250).
  const auto labels = [&](const std::string& domain, const std::string& sub) {
    Quote(kRepertoire, domain + "\n");
    if (sub.empty()) return e.DomainsOfAnnexPath(domain);
    EXPECT_NE(testing::ReadCorpusFile(kRepertoire).find(sub), std::string::npos) << sub;
    return e.DomainsOfAnnexPath(domain + " › " + sub);
  };
  EXPECT_EQ(labels("Éducation et jeunesse", "Chantiers et échanges de jeunes"),
            Strings{"Jeunesse"});
  EXPECT_EQ(labels("Éducation et jeunesse", "Coopération universitaire"),
            Strings{"Coopération universitaire"});
  EXPECT_EQ(labels("Éducation et jeunesse", "Éducation"), Strings{"Éducation"});
  EXPECT_EQ(labels("Éducation et jeunesse", "Autres types d'actions en matière de jeunesse"),
            Strings{"Jeunesse"});
  EXPECT_EQ(labels("Développement urbain", "Aménagement"),
            (Strings{"Développement urbain", "Aménagement"}));
  EXPECT_EQ(labels("Développement urbain", "Propreté"),
            (Strings{"Développement urbain", "Propreté"}));
  EXPECT_EQ(labels("Environnement", "Eau & assainissement"),
            (Strings{"Environnement", "Eau et assainissement"}));
  EXPECT_EQ(labels("Environnement", "Maîtrise de l'énergie"), Strings{"Environnement"});
  EXPECT_EQ(labels("Environnement", "Autres"), Strings{"Environnement"});
  EXPECT_EQ(labels("Développement social", "Insertion des jeunes par l'économie"),
            (Strings{"Développement social", "Jeunesse"}));
  EXPECT_EQ(labels("Développement social", "Renforcement de la société civile"),
            (Strings{"Développement social", "Société civile"}));
  EXPECT_EQ(labels("Développement social", "Insertion des femmes"),
            (Strings{"Développement social", "Femmes"}));
  EXPECT_EQ(labels("Développement économique", "Commerce équitable"),
            (Strings{"Développement économique", "Commerce équitable"}));
  EXPECT_EQ(labels("Culture", "Soutien aux lieux et événements culturels"), Strings{"Culture"});
  EXPECT_EQ(labels("Culture", "Lecture"), Strings{"Culture"});
  EXPECT_EQ(labels("Développement rural", ""), Strings{"Développement rural"});
  EXPECT_EQ(labels("Patrimoine", ""), Strings{"Patrimoine"});
  EXPECT_EQ(labels("Sport", ""), Strings{"Sport"});
}

TEST(Enricher, PartnershipsGetTheDomainsTheAnnexListsThemUnder) {
  static const Manifest manifest = LoadManifest(testing::CorpusDir() + "/manifest.json");
  std::vector<Record> records =
      SegmentDocument(*manifest.Find(kRepertoire), testing::ReadCorpusFile(kRepertoire));
  for (Record& r : records) TheEnricher().Enrich(r);
  const auto find = [&](const std::string& title) -> const Record& {
    for (const Record& r : records) {
      if (r.title == title) return r;
    }
    ADD_FAILURE() << title;
    return records.front();
  };
  const auto has = [](const Record& r, const Strings& want) {
    for (const std::string& w : want) {
      if (std::find(r.domains.begin(), r.domains.end(), w) == r.domains.end()) return false;
    }
    return true;
  };
  // Expected labels: the annex headings each partnership stands under (l.7980-8250).
  const Record& montreuil = find("Ville de Montreuil / Commune urbaine d'Agadir");
  EXPECT_TRUE(has(montreuil, {"Jeunesse", "Coopération universitaire"})) << montreuil.id;
  EXPECT_EQ(montreuil.domains_text,  // the record's own wording is kept as written (l.2453)
            "Échanges scolaires, linguistiques, universitaires, administratifs, culturels et "
            "sportifs.");
  EXPECT_TRUE(has(find("Conseil général de l'Hérault / Conseil régional de Souss Massa Drâa"),
                  {"Eau et assainissement", "Environnement"}));
  EXPECT_TRUE(has(find("Ville de Vienne / Commune urbaine de Tiflet"),
                  {"Jeunesse", "Environnement", "Patrimoine"}));
  EXPECT_TRUE(has(find("Conseil général de Seine-Saint-Denis / Commune urbaine de Figuig"),
                  {"Eau et assainissement", "Développement urbain"}));
  EXPECT_TRUE(has(find("Ville de Poitiers / Commune urbaine d'Azrou"),
                  {"Développement social", "Femmes", "Sport"}));
  EXPECT_TRUE(has(find("Ville de Paris / Commune urbaine de Rabat"),
                  {"Développement urbain", "Aménagement", "Propreté"}));
  EXPECT_TRUE(has(find("Ville de Montereau Fault Yonne / Commune urbaine de Safi"), {"Jeunesse"}));
  EXPECT_TRUE(
      has(find("Ville de Nîmes / Commune urbaine de Meknès"), {"Environnement", "Jeunesse"}));
  EXPECT_TRUE(has(find("Ville de Cléon / Commune rurale de Souk El Khémis"),
                  {"Développement social", "Société civile", "Jeunesse", "Culture"}));
  EXPECT_TRUE(has(find("Ville de La Rochelle / Commune urbaine d'Essaouira"),
                  {"Eau et assainissement", "Environnement", "Tourisme", "Artisanat",
                   "Coopération universitaire", "Culture"}));
  EXPECT_TRUE(
      has(find("Conseil régional de Lorraine / Conseil régional de Fès-Boulemane"),
          {"Tourisme", "Environnement", "Développement social", "Coopération universitaire"}));
  const Record& bourgogne =
      find("Conseil régional de Bourgogne / Communes urbaines de Marrakech et de Meknès");
  EXPECT_TRUE(has(bourgogne, {"Coopération universitaire"}));
  // "Coopération universitaire" sits under "Éducation et jeunesse": not a youth partnership.
  EXPECT_FALSE(has(find("Conseil régional de Midi-Pyrénées / Conseil régional de Marrakech "
                        "Tensift Al Haouz"),
                   {"Jeunesse"}));
  // Not in the annex: nothing added.
  EXPECT_TRUE(find("Ville de Clichy-la-Garenne / Commune urbaine d'Agadir").domains.empty());
}

// A partnership with a "Domaines d'activités" wording also gets the domains whose multi-word
// thesaurus terms its own text repeats; single words and terms inside capitalised names do not
// count (Enricher::Enrich).
TEST(Enricher, RepeatedTermsOfTheProjectTextAddDomains) {
  static const Manifest manifest = LoadManifest(testing::CorpusDir() + "/manifest.json");
  std::vector<Record> records =
      SegmentDocument(*manifest.Find(kRepertoire), testing::ReadCorpusFile(kRepertoire));
  for (Record& r : records) TheEnricher().Enrich(r);
  const auto domains = [&](const std::string& title) {
    for (const Record& r : records) {
      if (r.title == title) return r.domains;
    }
    ADD_FAILURE() << title;
    return Strings{};
  };
  const auto has = [](const Strings& all, const std::string& d) {
    return std::find(all.begin(), all.end(), d) != all.end();
  };
  // Worded "Renforcement des capacités ; Développement durable ; Jeunesse.", while the projects
  // are about "l'assainissement liquide" (twice).
  Quote(kRepertoire,
        "Domaines d'activités : Renforcement des capacités ; Développement durable ; Jeunesse.");
  Quote(kRepertoire, "à savoir l'assainissement liquide");
  Quote(kRepertoire, "l'environnement (assainissement liquide, éclairage public...)");
  EXPECT_TRUE(has(domains("Ville de Maxéville / Commune urbaine d'Imouzzer du Kandar"),
                  "Eau et assainissement"));
  // "cellules d'action sociale", "cellule communale d'action sociale": a training programme.
  EXPECT_TRUE(has(domains("Conseil régional de Rhône-Alpes / Conseil régional de Rabat Salé "
                          "Zemmour Zaer"),
                  "Action sociale"));
  // "tourisme" twice, as a theme of a trade fair stand and in "Office de Tourisme marocain":
  // a single word, so no Tourisme.
  Quote(kRepertoire, "Office de Tourisme marocain à Paris");
  EXPECT_FALSE(has(domains("Ville de Bordeaux / Commune urbaine de Casablanca"), "Tourisme"));
  // "Aménagement du Territoire" twice, in names of administrations only: no Aménagement.
  Quote(kRepertoire, "Inspection Régionale de l'Aménagement du Territoire");
  EXPECT_FALSE(
      has(domains("Conseil général de l'Isère / Conseil régional de Tadla-Azilal"), "Aménagement"));
}

}  // namespace
}  // namespace coop
