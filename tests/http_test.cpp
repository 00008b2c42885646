// End to end: coop-index builds an index of corpus/ in a temp dir, coop-searchd serves it on an
// ephemeral port, and the tests speak HTTP to it.
#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <Poco/UTF8String.h>
#include <Poco/UTFString.h>
#include <Poco/UnicodeConverter.h>
#include <gtest/gtest.h>

#include <memory>
#include <regex>
#include <set>

#include "corpus_files.h"
#include "test_util.h"

namespace coop {
namespace {

using testing::kKsarElKebir;
using testing::RecordId;

struct Reply {
  int status = 0;
  std::string content_type;
  std::string body;
  Poco::JSON::Object::Ptr Json() const {
    return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
  }
};

class HttpTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir;
    const std::string index = dir_->path() + "/index";
    Poco::ProcessHandle indexer =
        Poco::Process::launch(COOP_INDEX_BIN, {"build", testing::CorpusDir(), "--index", index});
    ASSERT_EQ(indexer.wait(), 0);

    Poco::Pipe out;
    server_ = new Poco::ProcessHandle(Poco::Process::launch(
        COOP_SEARCHD_BIN, {"--index", index, "--port", "0", "--threads", "4", "--timeout", "1"},
        nullptr, &out, nullptr));
    Poco::PipeInputStream lines(out);
    std::string line;
    std::getline(lines, line);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(line, m, std::regex(R"(http://127\.0\.0\.1:(\d+)/)"))) << line;
    port_ = static_cast<Poco::UInt16>(std::stoi(m[1]));
  }

  static void TearDownTestSuite() {
    if (server_) {
      Poco::Process::requestTermination(server_->id());
      server_->wait();
      delete server_;
    }
    delete dir_;
  }

  static Reply Request(const std::string& method, const std::string& uri) {
    Poco::Net::HTTPClientSession session("127.0.0.1", port_);
    Poco::Net::HTTPRequest req(method, uri, Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(req);
    Poco::Net::HTTPResponse resp;
    std::istream& body = session.receiveResponse(resp);
    Reply r;
    r.status = resp.getStatus();
    r.content_type = resp.getContentType();
    Poco::StreamCopier::copyToString(body, r.body);
    return r;
  }

  static Reply Get(const std::string& path, const std::string& q) {
    std::string encoded;
    Poco::URI::encode(q, "&=+?#/", encoded);
    return Request("GET", path + "?q=" + encoded);
  }

  static testing::TempDir* dir_;
  static Poco::ProcessHandle* server_;
  static Poco::UInt16 port_;
};
testing::TempDir* HttpTest::dir_ = nullptr;
Poco::ProcessHandle* HttpTest::server_ = nullptr;
Poco::UInt16 HttpTest::port_ = 0;

TEST_F(HttpTest, TannerieFindsKsarElKebirWithHighlight) {
  Reply r = Get("/api/search", "tannerie");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.content_type.find("application/json"), std::string::npos);
  auto json = r.Json();
  EXPECT_EQ(json->getValue<std::string>("query"), "tannerie");
  ASSERT_GE(json->getValue<int>("total"), 1);
  auto hit = json->getArray("hits")->getObject(0);
  EXPECT_EQ(hit->getValue<std::string>("source"), kKsarElKebir);
  EXPECT_NE(hit->getValue<std::string>("title").find("Ksar El Kebir"), std::string::npos);
  EXPECT_NE(hit->getValue<std::string>("snippet").find("<mark>tannerie</mark>"), std::string::npos);
  EXPECT_GT(hit->getValue<double>("score"), 0.0);
  EXPECT_GT(hit->getArray("partners")->size(), 0u);
  for (const char* key : {"page", "size", "facets", "suggestion", "took_ms"}) {
    EXPECT_TRUE(json->has(key)) << key;
  }
}

TEST_F(HttpTest, UnaccentedQueryFindsAccentedText) {
  // Every matching record (000 says "équipements" once in a long report, so it ranks low).
  Reply r = Request("GET", "/api/search?q=equipements&size=100");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find(kKsarElKebir), std::string::npos);
  auto json = r.Json();
  bool marked = false;
  auto hits = json->getArray("hits");
  for (unsigned i = 0; i < hits->size(); ++i) {
    marked |= hits->getObject(i)->getValue<std::string>("snippet").find(
                  "<mark>équipements</mark>") != std::string::npos;
  }
  EXPECT_TRUE(marked) << r.body;
}

TEST_F(HttpTest, EmptyQueryBrowsesAllRecords) {
  Reply r = Request("GET", "/api/search?q=&size=100");
  ASSERT_EQ(r.status, 200);
  const int total = r.Json()->getValue<int>("total");
  EXPECT_GE(total, 5);  // at least one record per document
  std::set<std::string> ids;
  for (int page = 1; page <= (total + 99) / 100; ++page) {
    auto hits = Request("GET", "/api/search?size=100&page=" + std::to_string(page))
                    .Json()
                    ->getArray("hits");
    for (unsigned i = 0; i < hits->size(); ++i)
      ids.insert(hits->getObject(i)->getValue<std::string>("id"));
  }
  EXPECT_EQ(static_cast<int>(ids.size()), total);
  EXPECT_EQ(Request("GET", "/api/search").status, 200);
}

TEST_F(HttpTest, HugeQueryIsAClearBadRequest) {
  Reply r = Get("/api/search", std::string(10000, 'x'));
  ASSERT_EQ(r.status, 400) << r.body;
  auto error = r.Json()->getObject("error");
  EXPECT_EQ(error->getValue<std::string>("code"), "bad_request");
  EXPECT_NE(error->getValue<std::string>("message").find("too long"), std::string::npos);
  // The server is still answering.
  EXPECT_EQ(Get("/api/search", "tannerie").status, 200);
}

TEST_F(HttpTest, BadParametersAreClearBadRequests) {
  for (const char* uri :
       {"/api/search?q=%zz", "/api/search?q=%C3", "/api/search?q=%22eau",
        "/api/search?q=eau&size=100000", "/api/search?q=eau&page=-1", "/api/search?q=eau&page=abc",
        "/api/search?q=eau&color=red", "/api/search?q=eau&year_from=2010&year_to=2005",
        "/api/search?year_from=20x0", "/api/search?year_to=99999",
        "/api/search?year_from=2001&year_from=2002"}) {
    Reply r = Request("GET", uri);
    EXPECT_EQ(r.status, 400) << uri << " " << r.body;
    EXPECT_TRUE(r.Json()->has("error")) << uri;
  }
}

TEST_F(HttpTest, RoleFilterAndActorPageByRole) {
  // Issue 15: a bad role is a 400 that says the roles; AVCB runs the 21 records of 004.
  Reply bad = Request("GET", "/api/search?role=sponsor");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.Json()->getObject("error")->getValue<std::string>("message"),
            "role must be partner, funder, operator or network, got 'sponsor'");
  Reply avcb = Request("GET", "/api/search?actor=Brulocalis%20(AVCB)&role=operator&size=1");
  ASSERT_EQ(avcb.status, 200) << avcb.body;
  EXPECT_EQ(avcb.Json()->getValue<int>("total"), 21);
  Reply page = Request("GET", "/api/actors/be-brulocalis");
  ASSERT_EQ(page.status, 200) << page.body;
  Poco::JSON::Object::Ptr roles = page.Json()->getObject("roles");
  EXPECT_EQ(roles->getArray("operator")->size(), 21u);
  EXPECT_FALSE(roles->has("partner"));
}

TEST_F(HttpTest, UnknownRoutesAndMethods) {
  Reply missing = Request("GET", "/nope");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.Json()->getObject("error")->getValue<std::string>("code"), "not_found");
  EXPECT_EQ(Request("POST", "/api/search").status, 405);
  EXPECT_EQ(Request("GET", "/healthz").status, 200);
}

TEST_F(HttpTest, ServesTheSearchPage) {
  Reply r = Request("GET", "/");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.content_type.find("text/html"), std::string::npos);
  EXPECT_NE(r.body.find("<form"), std::string::npos);
  EXPECT_NE(r.body.find("<script src=\"/app.js\">"), std::string::npos);
  EXPECT_EQ(r.body.find("<script>"), std::string::npos) << "inline script: the CSP forbids it";
  // The script the page loads is served, and calls the API.
  Reply js = Request("GET", "/app.js");
  ASSERT_EQ(js.status, 200);
  EXPECT_NE(js.content_type.find("text/javascript"), std::string::npos);
  EXPECT_NE(js.body.find("/api/search"), std::string::npos);
  Reply css = Request("GET", "/app.css");
  ASSERT_EQ(css.status, 200);
  EXPECT_NE(css.content_type.find("text/css"), std::string::npos);
}

TEST_F(HttpTest, CityAgadirListsExactlyItsPartnershipsWithExactFacetCounts) {
  // Hand-checked in 001: the contents list Montreuil/Agadir and Nantes Métropole/Agadir, and
  // "Autres partenariats répertoriés" Clichy-la-Garenne/Agadir (Loire-Atlantique's partner is the
  // Préfecture d'Agadir Ida-Outanane, a province, not the commune).
  Reply r = Request("GET", "/api/search?city=Agadir");
  ASSERT_EQ(r.status, 200) << r.body;
  auto json = r.Json();
  std::set<std::string> titles;
  auto hits = json->getArray("hits");
  for (unsigned i = 0; i < hits->size(); ++i) {
    titles.insert(hits->getObject(i)->getValue<std::string>("title"));
  }
  EXPECT_EQ(titles,
            (std::set<std::string>{"Ville de Montreuil / Commune urbaine d'Agadir",
                                   "Communauté urbaine Nantes Métropole / Commune urbaine d'Agadir",
                                   "Ville de Clichy-la-Garenne / Commune urbaine d'Agadir"}));
  EXPECT_EQ(json->getValue<int>("total"), 3);
  // Every domain count shown under Agadir is the total one gets by also selecting it.
  auto domains = json->getObject("facets")->getArray("domain");
  ASSERT_GT(domains->size(), 0u);
  for (unsigned i = 0; i < domains->size(); ++i) {
    auto v = domains->getObject(i);
    std::string encoded;
    Poco::URI::encode(v->getValue<std::string>("value"), "&=+?#/", encoded);
    Reply both = Request("GET", "/api/search?city=Agadir&domain=" + encoded);
    EXPECT_EQ(both.Json()->getValue<int>("total"), v->getValue<int>("count")) << encoded;
  }
}

TEST_F(HttpTest, RecordPageHasPassagesAndNeighbours) {
  Reply r = Request("GET", "/api/records/" + RecordId(kKsarElKebir, 0));
  ASSERT_EQ(r.status, 200) << r.body;
  auto json = r.Json();
  EXPECT_EQ(json->getValue<std::string>("source"), kKsarElKebir);
  ASSERT_GT(json->getArray("passages")->size(), 3u);
  EXPECT_NE(r.body.find("tannerie"), std::string::npos);
  EXPECT_TRUE(json->getObject("neighbours")->has("next"));
  Reply missing = Request("GET", "/api/records/nope-r0");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.Json()->getObject("error")->getValue<std::string>("code"), "not_found");
  EXPECT_EQ(Request("GET", "/api/actors/no-such-actor").status, 404);
}

// Issue 17: the regions by division, as facets and on hits; the old parameter still filters.
TEST_F(HttpTest, RegionsComeByDivisionOnFacetsAndHits) {
  Reply r = Request("GET", "/api/search?size=100&region_1997=Souss-Massa-Dr%C3%A2a");
  ASSERT_EQ(r.status, 200) << r.body;
  auto json = r.Json();
  EXPECT_EQ(json->getValue<int>("total"), 18);
  auto hits = json->getArray("hits");
  ASSERT_EQ(hits->size(), 18u);
  const auto holds = [](Poco::JSON::Array::Ptr a, const std::string& v) {
    for (std::size_t i = 0; i < a->size(); ++i) {
      if (a->getElement<std::string>(i) == v) return true;
    }
    return false;
  };
  for (std::size_t i = 0; i < hits->size(); ++i) {
    auto h = hits->getObject(i);
    EXPECT_TRUE(holds(h->getArray("regions_1997"), "Souss-Massa-Drâa"));
    EXPECT_FALSE(holds(h->getArray("regions_2015"), "Souss-Massa-Drâa"));
    EXPECT_TRUE(holds(h->getArray("regions"), "Souss-Massa-Drâa"));
  }
  auto facets = json->getObject("facets");
  for (const char* f : {"region", "region_2015", "region_1997", "foreign_region"}) {
    EXPECT_TRUE(facets->has(f)) << f;
  }
  Reply old = Request("GET", "/api/search?size=100&region=Souss-Massa-Dr%C3%A2a");
  EXPECT_EQ(old.Json()->getValue<int>("total"), 18);
  EXPECT_EQ(Request("GET", "/api/search?region_2015=Souss-Massa-Dr%C3%A2a").status, 400);
}

// Issue 17: a record reached from a search marks the query's words in its passages, as spans
// of UTF-16 code units (JavaScript string indexes) that the page slices the text with.
TEST_F(HttpTest, RecordPageMarksTheWordsOfTheQuery) {
  Reply r =
      Request("GET", "/api/records/" + RecordId(kKsarElKebir, 0) + "?q=tanneries%20m%C3%A9dina");
  ASSERT_EQ(r.status, 200) << r.body;
  auto passages = r.Json()->getArray("passages");
  std::size_t marked = 0;
  std::set<std::string> words;
  for (std::size_t i = 0; i < passages->size(); ++i) {
    auto p = passages->getObject(i);
    Poco::UTF16String text;
    Poco::UnicodeConverter::toUTF16(p->getValue<std::string>("text"), text);
    auto marks = p->getArray("marks");
    for (std::size_t m = 0; m < marks->size(); ++m) {
      const auto span = marks->getArray(m);
      const auto begin = span->getElement<std::size_t>(0), end = span->getElement<std::size_t>(1);
      ASSERT_LT(begin, end);
      ASSERT_LE(end, text.size());
      std::string word;
      Poco::UnicodeConverter::toUTF8(text.substr(begin, end - begin), word);
      words.insert(Poco::UTF8::toLower(word));
      ++marked;
    }
  }
  EXPECT_GT(marked, 3u);
  // Stems and folding: "tanneries" marks "tannerie", "médina" marks "Médina" and "medina".
  EXPECT_TRUE(words.count("tannerie")) << r.body.substr(0, 300);
  for (const std::string& w : words) {
    EXPECT_TRUE(w.starts_with("tanner") || w == "médina" || w == "medina" || w == "médinas") << w;
  }
  // Without q, or with a query that does not parse, nothing is marked and the page still answers.
  for (const std::string query : {"", "?q=%22tannerie"}) {
    Reply plain = Request("GET", "/api/records/" + RecordId(kKsarElKebir, 0) + query);
    ASSERT_EQ(plain.status, 200) << query;
    EXPECT_EQ(plain.body.find("\"marks\":[["), std::string::npos) << query;
  }
  EXPECT_EQ(Request("GET", "/api/records/" + RecordId(kKsarElKebir, 0) + "?q=a&q=b").status, 400);
}

TEST_F(HttpTest, SuggestIsAccentAndCaseInsensitive) {
  Reply a = Request("GET", "/api/suggest?prefix=cit%C3%A9s");
  Reply b = Request("GET", "/api/suggest?prefix=CITES");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_NE(a.body.find("Cités Unies France"), std::string::npos) << a.body;
  EXPECT_EQ(a.Json()->getArray("suggestions")->size(), b.Json()->getArray("suggestions")->size());
  EXPECT_EQ(Request("GET", "/api/suggest?prefix=" + std::string(200, 'a')).status, 400);
}

TEST_F(HttpTest, MetricsAndOpenApi) {
  Get("/api/search", "eau");
  Reply m = Request("GET", "/metrics");
  ASSERT_EQ(m.status, 200);
  EXPECT_NE(m.body.find("coop_requests_total{route=\"/api/search\",status=\"200\"}"),
            std::string::npos);
  EXPECT_NE(m.body.find("coop_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(m.body.find("coop_index_documents "), std::string::npos);
  Reply o = Request("GET", "/api/openapi.json");
  ASSERT_EQ(o.status, 200);
  EXPECT_EQ(o.Json()->getValue<std::string>("openapi").substr(0, 2), "3.");
}

TEST_F(HttpTest, MoreBadInputIsAClearBadRequest) {
  for (const char* uri :
       {"/api/search?q=(eau", "/api/search?q=eau)", "/api/search?q=eau&city=Atlantis",
        "/api/search?q=eau&sort=random", "/api/search?q=eau&q=sol", "/api/suggest?prefix=%FF",
        "/api/records/x?y=1"}) {
    Reply r = Request("GET", uri);
    EXPECT_EQ(r.status, 400) << uri << " " << r.body;
  }
  // A request line far over Poco's 16 KiB limit is refused with a 4xx or cut off (the server may
  // reset the connection while the client is still sending), and the server keeps answering.
  int huge_status = 0;
  try {
    huge_status = Request("GET", "/api/search?q=" + std::string(70000, 'a')).status;
  } catch (const Poco::IOException&) {
    huge_status = 400;  // connection reset: cut off, which the issue accepts
  }
  EXPECT_GE(huge_status, 400);
  EXPECT_LT(huge_status, 500);
  EXPECT_EQ(Get("/api/search", "tannerie").status, 200);
}

TEST_F(HttpTest, SlowClientIsCutOffWhileOthersAreServed) {
  Poco::Net::StreamSocket slow(Poco::Net::SocketAddress("127.0.0.1", port_));
  const std::string partial = "GET /api/search?q=eau HTTP/1.1\r\nHost: x\r\n";  // never finished
  slow.sendBytes(partial.data(), static_cast<int>(partial.size()));
  EXPECT_EQ(Get("/api/search", "tannerie").status, 200);  // others are served meanwhile

  // The server runs with --timeout 1: it must close the slow connection (EOF or reset), possibly
  // after a 4xx answer. Our own receive timeout is only a hang guard, far above the server's, and
  // reaching it means the server never cut the client off.
  constexpr int kHangGuardSeconds = 60;
  slow.setReceiveTimeout(Poco::Timespan(kHangGuardSeconds, 0));
  std::string answer;
  try {
    char buf[512];
    for (int n; (n = slow.receiveBytes(buf, sizeof buf)) > 0;) answer.append(buf, n);
  } catch (const Poco::TimeoutException&) {
    FAIL() << "the server (--timeout 1) did not close a client that stopped sending mid-request "
              "within "
           << kHangGuardSeconds << " s; received so far: \"" << answer << '"';
  } catch (const Poco::Net::ConnectionResetException&) {
    // Reset by the server: cut off too.
  }
  if (!answer.empty()) {
    const std::regex client_error(R"(^HTTP/1\.[01] 4\d\d )");
    EXPECT_TRUE(std::regex_search(answer, client_error)) << answer;
  }
  EXPECT_EQ(Get("/api/search", "tannerie").status, 200);  // and the server still answers
}

}  // namespace
}  // namespace coop
