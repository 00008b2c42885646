// The map of issue 18 over the real corpus: GET /api/map and GET /api/map.svg against the city
// facet of /api/search, the gazetteer's coordinates and d3's projection.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>
#include <gtest/gtest.h>
#include <xapian.h>

#include <map>
#include <memory>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "coop/index_metadata.h"
#include "corpus_index.h"
#include "map_picture.h"
#include "searchd_process.h"

namespace coop {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

class MapTest : public testing::CorpusIndexTest {
 protected:
  static void SetUpTestSuite() {
    CorpusIndexTest::SetUpTestSuite();
    server_ = new testing::SearchdProcess(Index());
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    CorpusIndexTest::TearDownTestSuite();
  }

  static testing::HttpReply Get(const std::string& uri) { return server_->Request("GET", uri); }
  static Object::Ptr Json(const std::string& uri) {
    const testing::HttpReply r = Get(uri);
    EXPECT_EQ(r.status, 200) << uri << ": " << r.body;
    return Poco::JSON::Parser().parse(r.body).extract<Object::Ptr>();
  }

  static testing::SearchdProcess* server_;
};

testing::SearchdProcess* MapTest::server_ = nullptr;

// The searches the map is checked on: browsing, a word, a word within a city, a year range.
const char* const kSearches[] = {"q=", "q=eau", "q=eau&city=Agadir",
                                 "q=&year_from=2005&year_to=2010", "q=formation&country=France"};

std::map<std::string, int> CityFacet(const Object::Ptr& search) {
  std::map<std::string, int> out;
  const Array::Ptr values = search->getObject("facets")->getArray("city");
  for (std::size_t i = 0; values && i < values->size(); ++i) {
    const Object::Ptr v = values->getObject(static_cast<unsigned>(i));
    out[v->getValue<std::string>("value")] = v->getValue<int>("count");
  }
  return out;
}

TEST_F(MapTest, PlacesAreTheCityFacetWithCoordinatesOrInTheNote) {
  for (const char* params : kSearches) {
    SCOPED_TRACE(params);
    const std::map<std::string, int> facet = CityFacet(Json(std::string("/api/search?") + params));
    ASSERT_LT(facet.size(), 100u) << "the facet lists at most 100 values: compare fewer";
    ASSERT_FALSE(facet.empty());
    const Object::Ptr map = Json(std::string("/api/map?") + params);
    std::map<std::string, int> seen;
    const Array::Ptr places = map->getArray("places");
    for (std::size_t i = 0; i < places->size(); ++i) {
      const Object::Ptr p = places->getObject(static_cast<unsigned>(i));
      const double lat = p->getValue<double>("latitude"), lon = p->getValue<double>("longitude");
      EXPECT_FALSE(lat == 0 && lon == 0) << p->getValue<std::string>("name");
      EXPECT_TRUE(seen.emplace(p->getValue<std::string>("name"), p->getValue<int>("count")).second);
    }
    const Array::Ptr unplaced = map->getArray("unplaced");
    for (std::size_t i = 0; i < unplaced->size(); ++i) {
      const Object::Ptr u = unplaced->getObject(static_cast<unsigned>(i));
      EXPECT_TRUE(seen.emplace(u->getValue<std::string>("name"), u->getValue<int>("count")).second);
    }
    EXPECT_EQ(seen, facet);  // every city facet value, with its count, once
    EXPECT_GT(places->size(), 0u);
  }
}

// What the picture draws: a circle per place of /api/map, titled "Place — N fiche(s)", and the
// note counting those of `unplaced`.
TEST_F(MapTest, SvgHasACirclePerPlaceAndCountsTheOthersInItsNote) {
  for (const char* params : kSearches) {
    SCOPED_TRACE(params);
    const Object::Ptr map = Json(std::string("/api/map?") + params);
    const testing::HttpReply svg = Get(std::string("/api/map.svg?") + params);
    ASSERT_EQ(svg.status, 200);
    EXPECT_EQ(svg.Header("Content-Type"), "image/svg+xml; charset=utf-8");
    std::map<std::string, int> circles;
    const std::regex circle(R"re(<circle cx="([-0-9.]+)" cy="([-0-9.]+)"[^>]*>)re"
                            R"re(<title>([^<]+) — (\d+) fiches?</title>)re");
    for (auto it = std::sregex_iterator(svg.body.begin(), svg.body.end(), circle);
         it != std::sregex_iterator(); ++it) {
      std::string title = (*it)[3];  // XML text: "Côte d&#39;Azur"
      for (const auto& [entity, c] : {std::pair{"&#39;", "'"}, {"&quot;", "\""}, {"&amp;", "&"}}) {
        for (auto at = title.find(entity); at != std::string::npos; at = title.find(entity, at)) {
          title.replace(at, std::string_view(entity).size(), c);
        }
      }
      EXPECT_TRUE(circles.emplace(title, std::stoi((*it)[4])).second) << title;
      EXPECT_FALSE((*it)[1] == "0" && (*it)[2] == "0");
    }
    std::map<std::string, int> places;
    const Array::Ptr list = map->getArray("places");
    for (std::size_t i = 0; i < list->size(); ++i) {
      const Object::Ptr p = list->getObject(static_cast<unsigned>(i));
      places[p->getValue<std::string>("name")] = p->getValue<int>("count");
    }
    const Array::Ptr regions = map->getArray("regions");
    for (std::size_t i = 0; i < regions->size(); ++i) {
      const Object::Ptr r = regions->getObject(static_cast<unsigned>(i));
      places[r->getValue<std::string>("name") + " (région)"] = r->getValue<int>("count");
    }
    EXPECT_EQ(circles, places);  // a circle per city with coordinates and per region circle
    // The dashed circles are explained in the picture itself (it is also served alone).
    EXPECT_EQ(svg.body.find("legend\">Cercles pointillés") != std::string::npos,
              regions->size() > 0);
    const std::size_t unplaced = map->getArray("unplaced")->size();
    if (unplaced == 0) {
      EXPECT_NE(svg.body.find("Tous les lieux de la recherche ont des coordonnées."),
                std::string::npos);
    } else {
      const std::string note = std::to_string(unplaced) + (unplaced > 1 ? " lieux sans coordonnées"
                                                                        : " lieu sans coordonnées");
      EXPECT_NE(svg.body.find(note), std::string::npos) << note;
    }
  }
}

// A line per foreign x Moroccan pair of cities of the records: recounted from the records that
// /api/search lists (all of them fit on a page for these searches).
TEST_F(MapTest, LinesCountTheRecordsOfEachPairOfPartnerCities) {
  for (const char* params : {"q=eau", "q=", "q=&country=Belgique"}) {
    SCOPED_TRACE(params);
    const Object::Ptr map = Json(std::string("/api/map?") + params);
    std::map<std::string, std::string> country;
    const Array::Ptr places = map->getArray("places");
    for (std::size_t i = 0; i < places->size(); ++i) {
      const Object::Ptr p = places->getObject(static_cast<unsigned>(i));
      country[p->getValue<std::string>("name")] = p->getValue<std::string>("country");
    }
    const Object::Ptr search = Json(std::string("/api/search?size=100&") + params);
    ASSERT_LE(search->getValue<int>("total"), 100);
    std::map<std::pair<std::string, std::string>, int> expected;
    const Array::Ptr hits = search->getArray("hits");
    for (std::size_t i = 0; i < hits->size(); ++i) {
      const Array::Ptr cities = hits->getObject(static_cast<unsigned>(i))->getArray("cities");
      std::set<std::string> foreign, moroccan;
      for (std::size_t c = 0; cities && c < cities->size(); ++c) {
        const std::string name = cities->getElement<std::string>(static_cast<unsigned>(c));
        if (!country.count(name)) continue;
        (country[name] == "Maroc" ? moroccan : foreign).insert(name);
      }
      for (const std::string& f : foreign) {
        for (const std::string& m : moroccan) ++expected[{f, m}];
      }
    }
    std::map<std::pair<std::string, std::string>, int> lines;
    const Array::Ptr list = map->getArray("lines");
    for (std::size_t i = 0; i < list->size(); ++i) {
      const Object::Ptr l = list->getObject(static_cast<unsigned>(i));
      lines[{l->getValue<std::string>("foreign"), l->getValue<std::string>("moroccan")}] =
          l->getValue<int>("count");
    }
    EXPECT_EQ(lines, expected);
    EXPECT_EQ(map->getValue<std::size_t>("pairs"), expected.size());
  }
  // The real corpus pairs French and Moroccan cities: "eau" has lines.
  EXPECT_GT(Json("/api/map?q=eau")->getArray("lines")->size(), 0u);
}

TEST_F(MapTest, ACircleLinksToThePageWithThatCityAndASecondClickUndoesIt) {
  const Object::Ptr map = Json("/api/map?q=eau&year_from=2000");
  const Object::Ptr first = map->getArray("places")->getObject(0);
  const std::string name = first->getValue<std::string>("name");
  std::string encoded;
  Poco::URI::encode(name, "&=+#?/;%", encoded);
  EXPECT_EQ(first->getValue<std::string>("href"), "/?q=eau&city=" + encoded + "&year_from=2000");
  const Object::Ptr selected =
      Json("/api/map?q=eau&year_from=2000&city=" + encoded)->getArray("places")->getObject(0);
  EXPECT_EQ(selected->getValue<std::string>("name"), name);  // facets lift their own selection
  EXPECT_TRUE(selected->getValue<bool>("selected"));
  EXPECT_EQ(selected->getValue<std::string>("href"), "/?q=eau&year_from=2000");
}

// Region circles (issue 18: "a click sets the city (or region) filter"): a region's count is the
// records of the search with that region and no city with coordinates on its side, recounted
// from the records of the search with that region selected, whose total is the circle's total.
TEST_F(MapTest, RegionCirclesCountTheRecordsThatNoLocatedCityPlaces) {
  for (const char* params : {"q=", "q=eau", "q=formation&country=France"}) {
    SCOPED_TRACE(params);
    const Object::Ptr map = Json(std::string("/api/map?") + params);
    const Array::Ptr regions = map->getArray("regions");
    ASSERT_GT(regions->size(), 0u);
    std::set<std::string> moroccan_circles;
    for (std::size_t i = 0; i < regions->size(); ++i) {
      const Object::Ptr r = regions->getObject(static_cast<unsigned>(i));
      const std::string name = r->getValue<std::string>("name");
      const std::string facet = r->getValue<std::string>("facet");
      SCOPED_TRACE(name);
      ASSERT_TRUE(facet == "region_2015" || facet == "foreign_region");
      EXPECT_EQ(facet == "region_2015", r->getValue<std::string>("country") == "Maroc");
      if (facet == "region_2015") moroccan_circles.insert(name);
      std::string encoded;
      Poco::URI::encode(name, "&=+#?/;%", encoded);
      const std::string selected = std::string(params) + "&" + facet + "=" + encoded;
      const Object::Ptr search = Json("/api/search?size=100&" + selected);
      ASSERT_LE(search->getValue<int>("total"), 100);
      EXPECT_EQ(r->getValue<int>("total"), search->getValue<int>("total"));
      // The located cities of the selected records: the places of their map, with their country.
      std::map<std::string, bool> moroccan;  // located city -> in Morocco
      const Array::Ptr places = Json("/api/map?" + selected)->getArray("places");
      for (std::size_t p = 0; p < places->size(); ++p) {
        const Object::Ptr place = places->getObject(static_cast<unsigned>(p));
        moroccan[place->getValue<std::string>("name")] =
            place->getValue<std::string>("country") == "Maroc";
      }
      int without_city = 0;
      const Array::Ptr hits = search->getArray("hits");
      for (std::size_t h = 0; h < hits->size(); ++h) {
        const Array::Ptr cities = hits->getObject(static_cast<unsigned>(h))->getArray("cities");
        bool located = false;
        for (std::size_t c = 0; cities && c < cities->size(); ++c) {
          const auto it = moroccan.find(cities->getElement<std::string>(static_cast<unsigned>(c)));
          located |= it != moroccan.end() && it->second == (facet == "region_2015");
        }
        without_city += located ? 0 : 1;
      }
      EXPECT_EQ(r->getValue<int>("count"), without_city);
      EXPECT_GT(without_city, 0);
      EXPECT_LE(without_city, r->getValue<int>("total"));
    }
    // Every 2015 region has a point: a Moroccan region with records no located city places has
    // its circle (recounted from the search's records and the map's located cities).
    std::map<std::string, bool> moroccan;
    const Array::Ptr places = map->getArray("places");
    for (std::size_t p = 0; p < places->size(); ++p) {
      const Object::Ptr place = places->getObject(static_cast<unsigned>(p));
      moroccan[place->getValue<std::string>("name")] =
          place->getValue<std::string>("country") == "Maroc";
    }
    const Object::Ptr search = Json(std::string("/api/search?size=100&") + params);
    ASSERT_LE(search->getValue<int>("total"), 100);
    std::set<std::string> expected;
    const Array::Ptr hits = search->getArray("hits");
    for (std::size_t h = 0; h < hits->size(); ++h) {
      const Object::Ptr hit = hits->getObject(static_cast<unsigned>(h));
      const Array::Ptr cities = hit->getArray("cities");
      bool located = false;
      for (std::size_t c = 0; cities && c < cities->size(); ++c) {
        const auto it = moroccan.find(cities->getElement<std::string>(static_cast<unsigned>(c)));
        located |= it != moroccan.end() && it->second;
      }
      const Array::Ptr regions_2015 = hit->getArray("regions_2015");
      for (std::size_t r = 0; !located && regions_2015 && r < regions_2015->size(); ++r) {
        expected.insert(regions_2015->getElement<std::string>(static_cast<unsigned>(r)));
      }
    }
    EXPECT_EQ(moroccan_circles, expected);
  }
}

TEST_F(MapTest, ARegionCircleLinksToThePageWithThatRegionAndASecondClickUndoesIt) {
  const testing::HttpReply svg = Get("/api/map.svg?q=eau");
  const Object::Ptr map = Json("/api/map?q=eau");
  const Object::Ptr first = map->getArray("regions")->getObject(0);
  const std::string name = first->getValue<std::string>("name");
  const std::string facet = first->getValue<std::string>("facet");
  std::string encoded;
  Poco::URI::encode(name, "&=+#?/;%", encoded);
  const std::string href = "/?q=eau&" + facet + "=" + encoded;
  EXPECT_EQ(first->getValue<std::string>("href"), href);
  std::string in_svg;  // the SVG's link, XML-escaped
  for (const char c : href) in_svg += c == '&' ? std::string("&amp;") : std::string(1, c);
  EXPECT_NE(svg.body.find("<a href=\"" + in_svg + "\""), std::string::npos) << in_svg;
  const Array::Ptr again = Json("/api/map?q=eau&" + facet + "=" + encoded)->getArray("regions");
  bool found = false;
  for (std::size_t i = 0; i < again->size(); ++i) {
    const Object::Ptr r = again->getObject(static_cast<unsigned>(i));
    if (r->getValue<std::string>("name") != name) continue;
    found = true;
    EXPECT_TRUE(r->getValue<bool>("selected"));
    EXPECT_EQ(r->getValue<std::string>("href"), "/?q=eau");
  }
  EXPECT_TRUE(found);
}

TEST_F(MapTest, ASearchWithoutRecordsHasNoPlaceAndSaysSo) {
  const Object::Ptr map = Json("/api/map?q=zzzqqqxxx&correct=0");
  EXPECT_EQ(map->getValue<int>("total"), 0);
  EXPECT_EQ(map->getArray("places")->size(), 0u);
  EXPECT_EQ(map->getArray("lines")->size(), 0u);
  EXPECT_EQ(map->getArray("regions")->size(), 0u);
  const testing::HttpReply svg = Get("/api/map.svg?q=zzzqqqxxx&correct=0");
  EXPECT_EQ(svg.body.find("<circle"), std::string::npos);
  EXPECT_NE(svg.body.find("Aucun lieu pour cette recherche."), std::string::npos);
}

TEST_F(MapTest, BadParametersAreAJson400) {
  for (const char* uri : {"/api/map.svg?year_from=2020&year_to=2010", "/api/map?year_from=1800",
                          "/api/map.svg?nope=1", "/api/map?city=Nowhere-sur-Mer"}) {
    SCOPED_TRACE(uri);
    const testing::HttpReply r = Get(uri);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.Header("Content-Type"), "application/json; charset=utf-8");
  }
}

// The coordinates the indexer writes for searchd: to a millionth of a degree, and a truncated or
// out-of-range value is refused, never read as a point at 0,0.
TEST(PlacePoints, RoundTripToAMillionthOfADegreeAndMalformedValuesAreRefused) {
  const std::vector<PlacePoint> points = {{"Agadir", "Maroc", 30.42018, -9.59815},
                                          {"Montreuil", "France", 48.86415, 2.44322},
                                          {"Lagouira", "Maroc", 20.94, -17.0333333}};
  const std::string value = EncodePlacePoints(points);
  const std::vector<PlacePoint> back = DecodePlacePoints(value);
  ASSERT_EQ(back.size(), points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    EXPECT_EQ(back[i].name, points[i].name);
    EXPECT_EQ(back[i].country, points[i].country);
    EXPECT_NEAR(back[i].latitude, points[i].latitude, 5e-7);
    EXPECT_NEAR(back[i].longitude, points[i].longitude, 5e-7);
  }
  EXPECT_TRUE(DecodePlacePoints("").empty());
  EXPECT_THROW(DecodePlacePoints(value.substr(0, value.size() - 1)), IndexFormatError);
  EXPECT_THROW(DecodePlacePoints(EncodePlacePoints({{"Nowhere", "Maroc", 91, 0}})),
               IndexFormatError);
}

// The index of the real corpus holds the gazetteer's coordinates of its cities.
TEST_F(MapTest, TheIndexHoldsTheGazetteersCoordinatesOfItsCities) {
  const Object::Ptr map = Json("/api/map?q=&city=Agadir");
  const Array::Ptr places = map->getArray("places");
  bool found = false;
  for (std::size_t i = 0; i < places->size(); ++i) {
    const Object::Ptr p = places->getObject(static_cast<unsigned>(i));
    if (p->getValue<std::string>("name") != "Agadir") continue;
    found = true;
    EXPECT_EQ(p->getValue<std::string>("country"), "Maroc");
    EXPECT_NEAR(p->getValue<double>("latitude"), 30.42, 0.05);  // gazetteer.csv, GeoNames
    EXPECT_NEAR(p->getValue<double>("longitude"), -9.60, 0.05);
  }
  EXPECT_TRUE(found);
}

// The region points: the 12 Moroccan regions of 2015, the 13 French regions of 2016, the Belgian
// regions, the Spanish communautés autonomes; none of a former division (their records carry
// today's region too, and a second circle on the same spot); each inside its country's box.
TEST_F(MapTest, TheIndexHoldsAPointForEachRegionOfTodaysDivisionOnly) {
  const Xapian::Database db(Index());
  const std::vector<PlacePoint> points =
      DecodePlacePoints(db.get_metadata(std::string(kRegionPointsKey)));
  std::map<std::string, int> per_country;
  std::set<std::string> names;
  struct Box {
    double south, north, west, east;
  };
  const std::map<std::string, Box> boxes = {{"Maroc", {20.7, 36.0, -17.2, -1.0}},
                                            {"France", {41.3, 51.1, -5.2, 9.6}},
                                            {"Belgique", {49.5, 51.5, 2.5, 6.4}},
                                            {"Espagne", {27.6, 43.8, -18.2, 4.4}}};
  for (const PlacePoint& p : points) {
    SCOPED_TRACE(p.name);
    ++per_country[p.country];
    names.insert(p.name);
    ASSERT_TRUE(boxes.count(p.country)) << p.country;
    const Box& b = boxes.at(p.country);
    EXPECT_TRUE(p.latitude > b.south && p.latitude < b.north) << p.latitude;
    EXPECT_TRUE(p.longitude > b.west && p.longitude < b.east) << p.longitude;
  }
  EXPECT_EQ(per_country["Maroc"], 12);
  EXPECT_EQ(per_country["France"], 13);
  EXPECT_EQ(per_country["Belgique"], 3);
  EXPECT_GE(per_country["Espagne"], 17);
  for (const char* today : {"Souss-Massa", "Oriental", "Grand Est", "Occitanie", "Bretagne",
                            "Région de Bruxelles-Capitale", "Andalousie"}) {
    EXPECT_TRUE(names.count(today)) << today;
  }
  for (const char* former :
       {"Souss-Massa-Drâa", "Lorraine", "Aquitaine", "Centre", "Rhône-Alpes", "Tanger-Tétouan"}) {
    EXPECT_FALSE(names.count(former)) << former;
  }
}

// searchd's Mercator against d3's: the outline file holds a place d3 projected.
TEST(MapProjection, SearchdProjectsAsD3Did) {
  const map::MapOutline& outline = map::Outline();
  const map::MapXY at = map::Project(outline, outline.check_latitude, outline.check_longitude);
  EXPECT_NEAR(at.x, outline.check_at.x, 1e-6);
  EXPECT_NEAR(at.y, outline.check_at.y, 1e-6);
  EXPECT_GT(outline.countries.size(), 5u);
}

}  // namespace
}  // namespace coop
