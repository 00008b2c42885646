// Collectivity patterns and partnership detection of the style-independent enrichment (issue
// 15), on short texts we wrote in the manner of town pages, press articles and minutes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "coop/corpus.h"
#include "coop/enrich.h"
#include "corpus_files.h"
#include "test_util.h"

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
      // A municipal body named after its town names the town (the body: `organisation`).
      {"un échange de jeunes de la Maison des Jeunes de Forest à Jerada",
       {"Forest|Forest|Belgique|v"}},
      // Not a town: "la ville du Nord" (a département), lower-case words, punctuation.
      {"la convention signée avec la ville du Nord", {}},
      {"la commune bruxelloise et la ville jumelle", {}},
      {"La commune, Tiznit, est jumelée.", {}},
      // A plural cue lists its towns (tests/data/new_reports, the Seine-Saint-Denis
      // deliberation); a list item unknown to the gazetteer ends the list.
      {"les villes de Stains, de Noisy-le-Sec et de Tremblay-en-France participent",
       {"villes de Stains|Stains|France|v", "Noisy-le-Sec|Noisy-le-Sec|France|v",
        "Tremblay-en-France|Tremblay-en-France|France|v"}},
      {"les villes de Stains et de Zorglub", {"villes de Stains|Stains|France|v"}},
      // "(Andalousie-Maroc)" names two territories, not the country of the name before it.
      {"la fédération ANMAR (Andalousie-Maroc) réunit des municipalités", {}},
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
  // "à Jerada" is where the project goes, not where the body is.
  const auto to = TheEnricher().Collectivities("la Maison des Jeunes de Forest à Jerada");
  ASSERT_EQ(to.size(), 1u);
  EXPECT_EQ(to[0].organisation, "Maison des Jeunes de Forest");
  EXPECT_TRUE(to[0].qualifiers.empty());
}

// One record of style "text" with `title` and `body`.
Record TextRecord(const std::string& title, const std::string& body) {
  Record r;
  r.style = "text";
  r.title = title;
  r.passages = SplitPassages(body, "t-r0");
  return r;
}

TEST(PartnersOfText, DocumentPartOfAProgrammeTakesItsBodiesAndPlaces) {
  Record r = TextRecord("1. Fiche Maroc",
                        "Autres initiatives : un projet d'échange de jeunes de la Maison des "
                        "Jeunes de Forest à Jerada.");
  r.style = "programme";
  r.kind = "document";
  TheEnricher().Enrich(r);
  Strings mentions;
  for (const Partner& m : r.mentions) mentions.push_back(m.name + "|" + m.role);
  EXPECT_EQ(mentions,
            (Strings{"Jerada|partner", "Forest|partner", "Maison des Jeunes de Forest|operator"}));
  EXPECT_EQ(r.cities, (Strings{"Forest"}));
  EXPECT_EQ(r.provinces, (Strings{"Jerada"}));
  EXPECT_EQ(r.foreign_regions, (Strings{"Région de Bruxelles-Capitale"}));
  EXPECT_EQ(r.countries, (Strings{"Maroc", "Belgique"}));
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

// Minutes in the style of 002 under another name, with no manifest entry: the actors 002's
// manifest entry gives (the network and the host town) and the same mentions as 002, all as
// mentions: minutes are no partnership, so they have no partners of their own (issue 15).
TEST(MinutesPartners, ACopyOf002UnderANewNameGetsItsPartnersAndMentions) {
  const std::string text = testing::ReadCorpusFile(testing::kGroupePaysMaroc);
  const Manifest manifest = LoadManifest(std::string(COOP_CORPUS_DIR) + "/manifest.json");
  const auto enriched = [&](const SourceInfo& info) {
    std::vector<Record> records = SegmentDocument(info, text);
    EXPECT_EQ(records.size(), 1u);
    for (Record& r : records) TheEnricher().Enrich(r);
    return records.empty() ? Record{} : records[0];
  };
  const auto ids = [](const std::vector<Partner>& ps) {
    Strings out;
    for (const Partner& p : ps)
      out.push_back((p.actor_id.empty() ? "place:" + p.actor_name : p.actor_id) + "|" + p.role);
    return out;
  };
  const Record original = enriched(*manifest.Find(testing::kGroupePaysMaroc));
  const Record copy = enriched(DefaultSourceInfo("CUF_GP-Maroc_releve_fev2016.txt", text));
  EXPECT_EQ(copy.kind, "document");
  EXPECT_EQ(ids(copy.partners), Strings{});
  EXPECT_EQ(ids(original.partners), (Strings{"fr-cuf|network", "fr-ville-marseille|partner"}));
  // The same actors and places in the same roles, 002's partners first; a place the copy takes
  // as a facet is also a collectivity of the partnerships it lists (role "partner"), which 002
  // leaves unset.
  Strings expected = ids(original.partners);
  for (std::string m : ids(original.mentions)) {
    if (m.starts_with("place:") && m.ends_with("|")) m += "partner";
    if (std::find(expected.begin(), expected.end(), m) == expected.end()) expected.push_back(m);
  }
  EXPECT_EQ(ids(copy.mentions), expected);
  EXPECT_EQ(copy.years, original.years);
  // Without a manifest entry the places of its mentions are its facets (issue 15).
  EXPECT_EQ(copy.cities,
            (Strings{"Marseille", "Marrakech", "Rabat", "Tanger", "Bordeaux", "Casablanca", "Lyon",
                     "Figuig", "Oujda", "La Seyne-sur-Mer", "Tata", "Agde", "Tétouan"}));
}

TEST(MinutesPartners, NoHostAtTheNetworksAddressOrOnline) {
  const struct {
    const char* body;
    Strings partners;
  } cases[] = {
      {"Relevé de décisions\n\nRéunion du groupe pays Maroc\nMercredi 17 février 2016\n\n"
       "Villa Valmer - Marseille\n\nLe président du groupe-pays Maroc de Cités Unies France "
       "ouvre la séance.",
       {"Cités Unies France", "Marseille"}},
      {"Relevé de décisions\n\nRéunion du groupe pays Maroc\n\nCités Unies France – 9, rue "
       "Christiani – Paris 18e\n\nLe président du groupe-pays ouvre la séance.",
       {"Cités Unies France"}},
      {"Relevé de décisions\n\nRéunion du groupe-pays Maroc de Cités Unies France, 15h30 – "
       "17h30, en visioconférence",
       {"Cités Unies France"}},
      {"Relevé de décisions\n\nRéunion du comité de jumelage - Lille", {}},
  };
  for (const auto& c : cases) {
    Record r;
    r.style = "text";
    r.passages = SplitPassages(c.body, "m-r0");
    Strings got;
    for (const Partner& p : TheEnricher().MinutesPartners(r)) got.push_back(p.name);
    EXPECT_EQ(got, c.partners) << c.body;
  }
}

}  // namespace
}  // namespace coop
