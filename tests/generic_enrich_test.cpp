// Style-independent enrichment (issue 15): years in context and the facets of a "text" record,
// on short French sentences of our own.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "coop/corpus.h"
#include "coop/enrich.h"
#include "coop/enrich_generic.h"
#include "coop/reference_data.h"

namespace coop {
namespace {

using Years = std::vector<int>;
using Strings = std::vector<std::string>;

TEST(YearsInContext, KeepsYearsOfActsOnly) {
  const struct {
    const char* text;
    Years years;
  } cases[] = {
      {"La convention a été signée en 2008 à Rabat.", {2008}},
      {"Les deux villes coopèrent depuis 2012.", {2012}},
      {"Dès 2015, un chantier de jeunes a eu lieu.", {2015}},
      {"La mission du 12 mars 2016 a réuni les élus.", {2016}},
      {"Le programme (2017-2021) finance dix partenariats.", {2017, 2021}},
      {"Entre 2009 et 2012, trois missions ont eu lieu.", {2009, 2012}},
      {"De 2009 à 2012, la commune a formé ses agents.", {2009, 2012}},
      {"Réunion du 17/02/2016 à Marseille.", {2016}},
      {"Le col culmine à 2092 m d'altitude.", {}},
      {"La route fait 2 130 km et la ville compte 18 000 habitants.", {}},
      {"Voir page 2010 du rapport.", {}},
      {"© 2024 Ville de Lille", {}},
      {"Objectif : d'ici 2030, tout le réseau.", {}},
      {"Budget : 2015 euros.", {}},
      {"La ville, fondée 1950, compte 2012 élèves.", {}},
      // Chronology entries of an atlas page's "Historique", page-update chrome, context events.
      {"Historique :\n- 2004 : journée du Maroc.\n2006 – séjours d'élèves.", {2004, 2006}},
      {"Page mise à jour le 11/06/2024", {}},
      {"Publié le 01/12/2008 à 09h05 | Mis à jour le 01/12/2008", {2008}},
      {"Deux communes touchées par le séisme du 8 septembre 2023.", {}},
      {"Pour l'emploi en 2012 des jeunes, après la loi votée en 2011.", {2012}},
  };
  for (const auto& c : cases) EXPECT_EQ(YearsInContext(c.text), c.years) << c.text;
}

TEST(GenericEnrich, TextRecordGetsFacetsOfThePlacesItNames) {
  Enricher e;
  Record r;
  r.style = "text";
  r.title = "Coopération entre Lille et Oujda";
  r.passages = SplitPassages(
      "La ville de Lille et la commune d'Oujda ont signé une convention en 2005.", "t-r0");
  e.Enrich(r);
  // The title names two collectivities of two countries: a partnership (issue 15).
  EXPECT_EQ(r.kind, "partnership");
  ASSERT_EQ(r.partners.size(), 2u);
  EXPECT_EQ(r.partners[0].actor_name, "Lille");
  EXPECT_EQ(r.partners[1].actor_name, "Oujda");
  EXPECT_EQ(r.sources["partners"], "pattern");
  EXPECT_EQ(r.cities, (Strings{"Lille", "Oujda"}));
  EXPECT_EQ(r.provinces, (Strings{"Oujda-Angad"}));
  EXPECT_EQ(r.regions, (Strings{"Oriental"}));
  EXPECT_EQ(r.countries, (Strings{"France", "Maroc"}));
  EXPECT_EQ(r.years, (Years{2005}));
  EXPECT_EQ(r.sources["years"], "pattern");
  EXPECT_EQ(r.sources["cities"], "pattern");
}

TEST(GenericEnrich, SegmentedRecordIsLeftToItsSegmenter) {
  Enricher e;
  Record r;
  r.style = "repertoire";
  r.kind = "partnership";
  r.passages = SplitPassages("La ville de Lille a signé en 2005.", "t-r0");
  e.Enrich(r);
  EXPECT_TRUE(r.years.empty());
  EXPECT_TRUE(r.cities.empty());  // a segmented partnership's places are its partners'
}

TEST(GenericEnrich, SegmentedDocumentPartWithoutManifestTakesThePlacesItNames) {
  Enricher e;
  Record r;
  r.style = "programme";
  r.kind = "document";
  r.passages = SplitPassages("La ville de Lille a signé en 2005.", "t-r0");
  e.Enrich(r);
  EXPECT_TRUE(r.years.empty());  // years in context are for "text" records only
  EXPECT_EQ(r.cities, (Strings{"Lille"}));
  EXPECT_EQ(r.foreign_regions, (Strings{"Nord-Pas-de-Calais", "Hauts-de-France"}));
  // With the actors of a manifest entry it keeps only theirs.
  Record m;
  m.style = "programme";
  m.kind = "document";
  m.partners.push_back({"Cités Unies France", "France", "", "", ""});
  m.passages = r.passages;
  e.Enrich(m);
  EXPECT_TRUE(m.cities.empty());
}

}  // namespace
}  // namespace coop

namespace coop {
namespace {

// Domains stated in running text (Enricher::StatedDomains, issue 15): cue sentences, enumerations
// of thesaurus terms and "Field : ..." definitions; a single term in passing gives nothing.
TEST(StatedDomains, CueSentencesEnumerationsAndDefinitions) {
  const Enricher e;
  // 001 l.1274: a cue ("Objectifs") makes list phrases count.
  EXPECT_EQ(e.StatedDomains("→ *Objectifs :* Equiper les structures associatives existantes ; "
                            "Promouvoir des activités sportives culturelles au profit de la "
                            "jeunesse de Souk Sebt."),
            (Strings{"Sport", "Culture", "Jeunesse"}));
  // 004 l.1440: an enumeration of terms of two labels or more.
  EXPECT_EQ(e.StatedDomains("dimension socio-environnementale - gestion des déchets, économie "
                            "d’énergie, gestion de l’eau, etc.)."),
            (Strings{"Propreté", "Eau et assainissement"}));
  // In an enumeration, a list phrase that is an item next to the others counts (the DAECT's
  // projects of tests/data/new_reports, Destimed item); one with a complement does not.
  EXPECT_EQ(e.StatedDomains("vingt-deux projets, sur la gouvernance, le patrimoine, les "
                            "transports ou le tourisme, ont été cofinancés."),
            (Strings{"Gouvernance locale", "Patrimoine", "Transports", "Tourisme"}));
  // A definition head; a sentence-initial capital is no name.
  EXPECT_EQ(e.StatedDomains("Culture et sport : semaine de l'art à Lille.\n\nSanté : le CHU "
                            "accompagne le centre d'oncologie."),
            (Strings{"Culture", "Sport", "Santé"}));
  EXPECT_EQ(e.StatedDomains("Un centre de santé."), Strings{});
  // A capitalised name is not a field: "Fondation Trois Cultures".
  EXPECT_EQ(e.StatedDomains("Le projet a été porté par la Fondation Trois Cultures."), Strings{});
}

}  // namespace
}  // namespace coop

namespace coop {
namespace {

// A page about one partnership gets the towns of its events, named after "à" (issue 15); a town
// named to locate another ("au sud d'Agadir") is no event town.
TEST(GenericEnrich, PartnershipPageGetsTheTownsOfItsEvents) {
  const Enricher e;
  Record r;
  r.kind = "partnership";
  r.partners = {{.name = "Commune de Koekelberg", .country = "Belgique"},
                {.name = "Commune de Ouisselsate", .country = "Maroc"}};
  r.passages.push_back({"p0", "",
                        "Les communes du programme se sont réunies à Agadir. Tiznit est à cent "
                        "kilomètres au sud d'Essaouira.",
                        0, 0, 0});
  e.Enrich(r);
  const auto has = [&](const std::string& city) {
    return std::find(r.cities.begin(), r.cities.end(), city) != r.cities.end();
  };
  EXPECT_TRUE(has("Agadir"));
  EXPECT_FALSE(has("Essaouira"));
  EXPECT_FALSE(has("Tiznit"));
}

}  // namespace
}  // namespace coop
