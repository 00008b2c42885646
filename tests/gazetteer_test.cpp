// The gazetteer as compiled in (corpus/data/gazetteer*.csv, issue 15): generated Moroccan
// communes with their province and both regions, French towns with their département and both
// regions, Belgian and Spanish towns with their region, spelling variants, coordinates, the
// merge of curated and generated rows and the match policy.
#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "coop/reference_data.h"

namespace coop {
namespace {

using Strings = std::vector<std::string>;

// The place of `country` named `name` (canonical name or variant) of type family `type` (a
// prefix: "commune" finds communes urbaines and rurales), or nullptr; fails on ambiguity.
const Place* Find(const std::string& name, const std::string& country, const std::string& type) {
  const Place* found = nullptr;
  for (const Place& p : ReferenceData::Embedded().places()) {
    if (p.country != country || p.type.rfind(type, 0) != 0) continue;
    bool named = p.name == name;
    for (const std::string& v : p.variants) named = named || v == name;
    if (!named) continue;
    EXPECT_EQ(found, nullptr) << name << ": " << found->id << " and " << p.id;
    found = &p;
  }
  return found;
}

struct Expected {
  std::string name, country, type, parent;
  Strings regions_old, regions_new;
};

TEST(Gazetteer, PlacesMapToTheirParentAndBothRegions) {
  const std::vector<Expected> cases = {
      // Moroccan communes (MA-OPEN commune -> province, MA-2015 and MA-1997 for the regions).
      {"Azemmour",
       "Maroc",
       "commune urbaine",
       "El Jadida",
       {"Doukkala-Abda"},
       {"Casablanca-Settat"}},
      {"Biougra",
       "Maroc",
       "commune urbaine",
       "Chtouka-Aït Baha",
       {"Souss-Massa-Drâa"},
       {"Souss-Massa"}},
      {"Zaïo", "Maroc", "commune urbaine", "Nador", {"Oriental"}, {"Oriental"}},
      {"Tafraout", "Maroc", "commune urbaine", "Tiznit", {"Souss-Massa-Drâa"}, {"Souss-Massa"}},
      {"Midar", "Maroc", "commune urbaine", "Driouch", {"Oriental"}, {"Oriental"}},
      {"El Ksiba",
       "Maroc",
       "commune urbaine",
       "Béni Mellal",
       {"Tadla-Azilal"},
       {"Béni Mellal-Khénifra"}},
      {"Afourar", "Maroc", "commune urbaine", "Azilal", {"Tadla-Azilal"}, {"Béni Mellal-Khénifra"}},
      {"Amgala",
       "Maroc",
       "commune rurale",
       "Es-Semara",
       {"Guelmim-Es-Semara"},
       {"Laâyoune-Sakia El Hamra"}},
      {"Dayat Aoua", "Maroc", "commune rurale", "Ifrane", {"Meknès-Tafilalet"}, {"Fès-Meknès"}},
      {"Taliouine", "Maroc", "commune rurale", "Taroudant", {"Souss-Massa-Drâa"}, {"Souss-Massa"}},
      // Curated communes keep their rows (and ids), generated ones do not duplicate them.
      {"Taroudant", "Maroc", "commune urbaine", "Taroudant", {"Souss-Massa-Drâa"}, {"Souss-Massa"}},
      {"Ouisselsate",
       "Maroc",
       "commune rurale",
       "Ouarzazate",
       {"Souss-Massa-Drâa"},
       {"Drâa-Tafilalet"}},
      // Provinces of the decree that the curated file did not have.
      {"Guercif", "Maroc", "province", "", {"Taza-Al Hoceïma-Taounate"}, {"Oriental"}},
      {"Kénitra", "Maroc", "province", "", {"Gharb-Chrarda-Béni Hssen"}, {"Rabat-Salé-Kénitra"}},
      {"Inezgane-Aït Melloul", "Maroc", "préfecture", "", {"Souss-Massa-Drâa"}, {"Souss-Massa"}},
      // French towns: département (COG), region before 2016 (FR-COG 2015) and after.
      {"Valenciennes", "France", "commune", "Nord", {"Nord-Pas-de-Calais"}, {"Hauts-de-France"}},
      {"Colmar", "France", "commune", "Haut-Rhin", {"Alsace"}, {"Grand Est"}},
      {"Limoges", "France", "commune", "Haute-Vienne", {"Limousin"}, {"Nouvelle-Aquitaine"}},
      {"Maubeuge", "France", "commune", "Nord", {"Nord-Pas-de-Calais"}, {"Hauts-de-France"}},
      // Belgian and Spanish towns: their region (GeoNames admin1).
      {"Anvers", "Belgique", "commune", "", {"Région flamande"}, {"Région flamande"}},
      {"Liège", "Belgique", "commune", "", {"Région wallonne"}, {"Région wallonne"}},
      {"Séville", "Espagne", "commune", "", {"Andalousie"}, {"Andalousie"}},
  };
  for (const Expected& e : cases) {
    const Place* p = Find(e.name, e.country, e.type);
    ASSERT_NE(p, nullptr) << e.name;
    EXPECT_EQ(p->type, e.type) << e.name;
    EXPECT_EQ(p->parent, e.parent) << e.name;
    EXPECT_EQ(p->regions_old, e.regions_old) << e.name;
    EXPECT_EQ(p->regions_new, e.regions_new) << e.name;
  }
}

TEST(Gazetteer, SpellingVariantsNameTheSamePlace) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Ouisselssate", "ma-c-ouisselsate"}, {"Taroudannt", "ma-c-taroudant"},
      {"El Jedida", "ma-c-el-jadida"},      {"Azemour", "ma-c-azemmour"},
      {"Antwerpen", "be-c-anvers"},         {"Sevilla", "es-c-seville"},
  };
  for (const auto& [variant, id] : cases) {
    const Place* p = Find(variant,
                          id.rfind("ma-", 0) == 0   ? "Maroc"
                          : id.rfind("be-", 0) == 0 ? "Belgique"
                                                    : "Espagne",
                          "commune");
    ASSERT_NE(p, nullptr) << variant;
    EXPECT_EQ(p->id, id) << variant;
  }
}

TEST(Gazetteer, EveryMoroccanProvinceOfTheDecreeIsThere) {
  int provinces = 0, regions_2015 = 0, regions_1997 = 0;
  for (const Place& p : ReferenceData::Embedded().places()) {
    if (p.country != "Maroc") continue;
    if (p.type == "province" || p.type == "préfecture") ++provinces;
    if (p.type == "région" && p.regions_new == Strings{p.name}) ++regions_2015;
    if (p.type == "région" && p.regions_old == Strings{p.name}) ++regions_1997;
  }
  EXPECT_EQ(provinces, 75);     // décret 2-15-40
  EXPECT_EQ(regions_2015, 12);  // MA-2015 ("Oriental" is both)
  EXPECT_EQ(regions_1997, 16);  // MA-1997
}

TEST(Gazetteer, CoordinatesArePresentOrExplicitlyAbsent) {
  // Counts of the generated data (corpus/data/gen/README.md): places lacking coordinates are
  // those no source locates (most rural communes, which GeoNames cities1000 does not list).
  int lacking = 0, total = 0;
  for (const Place& p : ReferenceData::Embedded().places()) {
    ++total;
    ASSERT_EQ(p.latitude.has_value(), p.longitude.has_value()) << p.id;
    if (!p.latitude) {
      ++lacking;
      continue;
    }
    EXPECT_FALSE(*p.latitude == 0 && *p.longitude == 0) << p.id;
  }
  EXPECT_EQ(total, 211 + 889 + 17330);
  // Curated: Belfaa, Bni Mathar, Aït Zineb, Ouisselsate, Imouzzer Ida Outanane and Souk Sebt
  // Oulad Nemma are in neither cities1000 nor the postal codes under their names.
  EXPECT_EQ(lacking, 6 + 496 + 1920);
  // The Brussels communes and small Moroccan towns cities1000 lacks come from GeoNames postal
  // codes (GEONAMES-PC): Etterbeek 1040, Imouzzer Kandar 31250; Forest is the Brussels one
  // (1190), not the Hainaut village of that name.
  for (const auto& [id, lat, lon] :
       {std::tuple{"be-c-etterbeek", 50.83, 4.39}, std::tuple{"be-c-forest", 50.82, 4.33},
        std::tuple{"ma-c-imouzzer-kandar", 33.73, -5.01},
        std::tuple{"ma-p-chtouka-ait-baha", 30.04, -9.07}}) {
    const Place* p = ReferenceData::Embedded().FindPlace(id);
    ASSERT_NE(p, nullptr) << id;
    ASSERT_TRUE(p->latitude.has_value()) << id;
    EXPECT_NEAR(*p->latitude, lat, 0.01) << id;
    EXPECT_NEAR(*p->longitude, lon, 0.01) << id;
  }
  const Place* casablanca = ReferenceData::Embedded().FindPlace("ma-c-casablanca");
  ASSERT_NE(casablanca, nullptr);
  EXPECT_NEAR(*casablanca->latitude, 33.59, 0.01);
  EXPECT_NEAR(*casablanca->longitude, -7.62, 0.01);
}

TEST(Gazetteer, MatchPolicyKeepsWordsAndFragmentsToPatterns) {
  // Curated rows keep their rule; generated towns that are French words, first names or
  // "Sidi ..." fragments are matched only after a collectivity word.
  EXPECT_EQ(Find("Tours", "France", "commune")->match_rule, PlaceMatch::kYes);  // curated
  EXPECT_EQ(Find("Orange", "France", "commune")->match_rule, PlaceMatch::kPattern);
  EXPECT_EQ(Find("Nancy", "France", "commune")->match_rule, PlaceMatch::kPattern);
  EXPECT_EQ(Find("Sidi Yahya", "Maroc", "commune")->match_rule, PlaceMatch::kPattern);
  EXPECT_EQ(Find("Kénitra", "Maroc", "province")->match_rule, PlaceMatch::kYes);
  EXPECT_FALSE(Find("Orange", "France", "commune")->match);
  // A curated place's name stays its own: the commune Jérada needs "commune de Jérada".
  EXPECT_EQ(Find("Jérada", "Maroc", "commune")->match_rule, PlaceMatch::kPattern);
}

TEST(Gazetteer, LaterFilesLoseToEarlierOnesAndErrorsNameTheFile) {
  const std::string header =
      "id,name,type,country,parent,region_old,region_new,variants,latitude,longitude,match,"
      "source\n";
  const std::string curated =
      header + "x-r,R,région,Maroc,,R,R,,,,yes,s\nx-c,Town,commune,Maroc,,R,R,,1.5,2.5,yes,s\n";
  const std::string generated = header + "y-c,Town,commune urbaine,Maroc,,R,R,,3,4,pattern,g\n";
  const std::vector<Place> places = LoadGazetteer({{"a.csv", curated}, {"b.csv", generated}});
  ASSERT_EQ(places.size(), 2u);
  EXPECT_EQ(places[1].id, "x-c");
  EXPECT_EQ(*places[1].latitude, 1.5);
  try {
    LoadGazetteer({{"a.csv", curated}, {"b.csv", header + "z,Z,commune,Maroc,,R,R,,0,0,yes,s\n"}});
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "b.csv:2: give both coordinates, never 0,0, or neither");
  }
  EXPECT_THROW(LoadGazetteer({{"a.csv", header + "z,Z,commune,Maroc,,R,R,,,,maybe,s\n"}}),
               std::runtime_error);
}

}  // namespace
}  // namespace coop
