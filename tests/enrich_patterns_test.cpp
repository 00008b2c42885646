// Collectivity patterns and partnership detection of the style-independent enrichment (issue
// 15), on short texts we wrote in the manner of town pages, press articles and minutes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "coop/corpus.h"
#include "coop/enrich.h"

namespace coop {
namespace {

using Strings = std::vector<std::string>;

const Enricher& TheEnricher() {
  static const Enricher e;
  return e;
}

// "name|place|country|v" (v: verified, u: unverified, with "/hint" when there is one).
Strings Described(const std::vector<CollectivityMention>& ms) {
  Strings out;
  for (const CollectivityMention& m : ms) {
    out.push_back(m.name + "|" + m.place + "|" + m.country + "|" + (m.verified ? "v" : "u") +
                  (m.hint.empty() ? "" : "/" + m.hint));
  }
  return out;
}

TEST(Collectivities, CuesParenthesesAndHints) {
  const struct {
    const char* text;
    Strings found;
  } cases[] = {
      // A town of the gazetteer whose bare name is never matched (match rule "pattern").
      {"Le maire de Bédarieux a reçu la délégation.", {"Bédarieux|Bédarieux|France|v"}},
      {"La Ville de Bédarieux signe.", {"Ville de Bédarieux|Bédarieux|France|v"}},
      {"un partenariat avec la commune de Tiznit, dans le sud du Maroc.",
       {"commune de Tiznit|Tiznit|Maroc|v"}},
      {"le conseil départemental de l'Hérault poursuit",
       {"conseil départemental de l'Hérault|Hérault|France|v"}},
      {"la commune rurale d'Ijoukak, province d'Al Haouz.",
       {"commune rurale d'Ijoukak|Ijoukak|Maroc|v"}},
      {"La Communauté d'agglomération du Pays de Saint-Omer a noué un partenariat.",
       {"Communauté d'agglomération du Pays de Saint-Omer|Saint-Omer|France|v"}},
      {"Ayuntamiento de Antequera", {"Ayuntamiento de Antequera|Antequera|Espagne|v"}},
      // "X (Maroc)" and "X (province de P, Maroc)".
      {"Notre commune partenaire : Ouisselsate (Maroc)", {"Ouisselsate|Ouisselsate|Maroc|v"}},
      {"Amerzgane (province de Ouarzazate, Maroc) : 700 km²", {"Amerzgane|Amerzgane|Maroc|v"}},
      // Unknown to the gazetteer: kept unverified with the province that follows it ...
      {"la commune rurale de Tagadirt Nouzrou, province de Berkane, accueille",
       {"commune rurale de Tagadirt Nouzrou|Tagadirt Nouzrou|Maroc|u/Berkane"}},
      // ... or the province of the same name (a town whose seat bears it) ...
      {"le président du conseil communal de Chefchaouen (Maroc)",
       {"Chefchaouen|Chefchaouen|Maroc|u/Chefchaouen"}},
      // ... or the country of a German cue; dropped without any of them.
      {"la Landeshauptstadt Düsseldorf et la ville de Marrakech",
       {"Landeshauptstadt Düsseldorf|Düsseldorf|Allemagne|u",
        "ville de Marrakech|Marrakech|Maroc|v"}},
      {"la commune de Zorglub accueille les jeunes.", {}},
      // Not a town: "la ville du Nord" (a département), lower-case words, punctuation.
      {"la convention signée avec la ville du Nord", {}},
      {"la commune bruxelloise et la ville jumelle", {}},
      {"La commune, Tiznit, est jumelée.", {}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Described(TheEnricher().Collectivities(c.text)), c.found) << c.text;
  }
}

TEST(Collectivities, QualifiersAreThePlacesThatLocateOne) {
  const auto ms = TheEnricher().Collectivities(
      "la commune rurale d'Ijoukak, province d'Al Haouz (région de Marrakech-Safi), dans la "
      "vallée du N'Fis, travaille avec la région du Souss-Massa.");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].qualifiers, (Strings{"Al Haouz", "Marrakech-Safi"}));
}

// One record of style "text" with `title` and `body`.
Record TextRecord(const std::string& title, const std::string& body) {
  Record r;
  r.style = "text";
  r.title = title;
  r.passages = SplitPassages(body, "t-r0");
  return r;
}

TEST(PartnersOfText, OnePartnershipOrNone) {
  const struct {
    const char* why;
    const char* title;
    const char* body;
    Strings partners;  // "name|country"
  } cases[] = {
      {"title names two collectivities of two countries",
       "Oujda, ville jumelle de Lille",
       "Oujda est liée à Lille par une charte de jumelage signée en juin 2005.",
       {"Oujda|Maroc", "Lille|France"}},
      {"headline joins a cue-named town and a known one",
       "HAUTS CANTONS",
       "Bédarieux et Ouarzazate scellent leur amitié\n\nLe maire de Bédarieux a reçu les élus de "
       "Ouarzazate.",
       {"Bédarieux|France", "Ouarzazate|Maroc"}},
      {"a sentence of the opening with a partnership word",
       "Info locale",
       "La Communauté d'agglomération du Pays de Saint-Omer a noué un partenariat avec la "
       "commune de Tiznit, dans le sud du Maroc.",
       {"Communauté d'agglomération du Pays de Saint-Omer|France", "commune de Tiznit|Maroc"}},
      {"three communes of a list after a colon",
       "Coopération internationale",
       "Un partenariat de coopération entre trois communes :\n\nAuderghem (Région de "
       "Bruxelles-Capitale) : 9 km² ;\n\nAmerzgane (province de Ouarzazate, Maroc) : 700 km² "
       ";\n\nAït Zineb (province de Ouarzazate, Maroc) : 575 km².",
       {"Auderghem|Belgique", "Amerzgane|Maroc", "Aït Zineb|Maroc"}},
      {"a page listing its partners",
       "Commune de Tiznit | Coopération",
       "La Commune de Tiznit entretient des relations de coopération avec la Ville de "
       "Saint-Denis (France). Une convention lie aussi Tiznit à la Ville de Bordeaux.",
       {}},
      {"minutes are never one partnership",
       "Relevé de décisions",
       "La ville de Lille a signé un jumelage avec Oujda.",
       {}},
      {"one country only", "Jumelage", "La ville de Lille et la ville de Bordeaux coopèrent.", {}},
      {"two countries, no partnership word in the sentence",
       "Agenda",
       "La ville de Lille accueille un concert. Le maire d'Oujda visite Paris.",
       {}},
  };
  for (const auto& c : cases) {
    Strings got;
    for (const Partner& p : TheEnricher().PartnersOfText(TextRecord(c.title, c.body)))
      got.push_back(p.name + "|" + p.country);
    EXPECT_EQ(got, c.partners) << c.why;
  }
}

TEST(PartnersOfText, EnrichMakesAPartnershipWithItsPlaces) {
  Record r = TextRecord("Bédarieux et Ouarzazate scellent leur amitié",
                        "Le maire de Bédarieux a reçu une délégation de la commune urbaine "
                        "d'Ouarzazate (Maroc) en novembre 2008.");
  TheEnricher().Enrich(r);
  EXPECT_EQ(r.kind, "partnership");
  EXPECT_EQ(r.sources["partners"], "pattern");
  EXPECT_EQ(r.cities, (Strings{"Ouarzazate", "Bédarieux"}));
  EXPECT_EQ(r.provinces, (Strings{"Ouarzazate"}));
  EXPECT_EQ(r.foreign_regions, (Strings{"Languedoc-Roussillon", "Occitanie"}));
  EXPECT_EQ(r.countries, (Strings{"France", "Maroc"}));
  EXPECT_EQ(r.years, (std::vector<int>{2008}));
  EXPECT_TRUE(r.unverified_places.empty());
}

TEST(PartnersOfText, DocumentKeepsUnverifiedPlacesAsMentionsAndFacets) {
  Record r = TextRecord("Relevé de décisions",
                        "Mission dans la commune rurale de Tagadirt Nouzrou, province de Berkane, "
                        "et dans la commune rurale d'Ijoukak, province d'Al Haouz.");
  r.kind = "document";
  TheEnricher().Enrich(r);
  EXPECT_EQ(r.kind, "document");
  Strings mentions;
  for (const Partner& m : r.mentions) mentions.push_back(m.actor_name + "|" + m.role);
  // The provinces only locate the communes: no mention of their own.
  EXPECT_EQ(mentions, (Strings{"Tagadirt Nouzrou|partner", "Ijoukak|partner"}));
  // The places of the gazetteer first (AddPlacesOfMentions), then the unverified ones.
  EXPECT_EQ(r.cities, (Strings{"Ijoukak", "Tagadirt Nouzrou"}));
  EXPECT_EQ(r.provinces, (Strings{"Al Haouz", "Berkane"}));
  EXPECT_EQ(r.regions, (Strings{"Marrakech-Safi", "Oriental"}));
  EXPECT_EQ(r.unverified_places, (Strings{"Tagadirt Nouzrou"}));
}

}  // namespace
}  // namespace coop
