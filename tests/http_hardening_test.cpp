// The HTTP layer against hostile input (issue 21): error bodies that are valid UTF-8 JSON
// whatever bytes the request holds, health that tells the truth about the index, and the
// security headers of every response. coop-searchd runs on an index of the real corpus.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <gtest/gtest.h>
#include <unicode/utf8.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "coop/index_reader.h"
#include "corpus_files.h"
#include "corpus_index.h"
#include "doc_fixtures.h"
#include "searchd_process.h"
#include "test_util.h"

namespace coop {
namespace {

// True if `s` is well-formed UTF-8 (ICU's U8_NEXT: a negative code point marks an ill-formed
// sequence).
bool IsValidUtf8(const std::string& s) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int32_t>(s.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

Poco::JSON::Object::Ptr ParseObject(const std::string& body) {
  return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
}

class HttpHardeningTest : public testing::CorpusIndexTest {
 protected:
  static void SetUpTestSuite() {
    CorpusIndexTest::SetUpTestSuite();
    server_ = new testing::SearchdProcess(Index());
    ASSERT_NE(server_->port(), 0) << "coop-searchd did not start";
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    CorpusIndexTest::TearDownTestSuite();
  }
  static testing::SearchdProcess* server_;
};
testing::SearchdProcess* HttpHardeningTest::server_ = nullptr;

TEST_F(HttpHardeningTest, EveryErrorBodyIsValidUtf8Json) {
  // Invalid bytes (lone continuation and lead bytes, a truncated sequence, an overlong '/', an
  // encoded surrogate) in the path, in an {id}, in parameter names and in every parameter.
  const char* const kHostile[] = {
      "/%ff%fe",
      "/%ff/%fe/x",
      "/api/records/%ff",
      "/api/records/%c3",
      "/api/records/%c0%af",
      "/api/records/%ed%a0%80",
      "/api/actors/%ff",
      "/api/actors/caf%e9",
      "/api/search?%ff%fe=1",
      "/api/search?q=%ff%fe",
      "/api/search?q=%22%ff",
      "/api/search?q=city:%ff",
      "/api/search?q=eau&city=%ff",
      "/api/search?q=eau&domain=%c3",
      "/api/search?q=eau&sort=%ff",
      "/api/search?q=eau&page=%ff",
      "/api/search?q=eau&size=1%ff",
      "/api/suggest?prefix=%ff",
      "/api/suggest?prefix=a&size=%fe",
      "/api/records/x?%ff=1",
  };
  for (const char* uri : kHostile) {
    SCOPED_TRACE(uri);
    const testing::HttpReply r = server_->Request("GET", uri);
    EXPECT_GE(r.status, 400);
    EXPECT_LT(r.status, 500) << r.body;
    EXPECT_NE(r.Header("Content-Type").find("application/json"), std::string::npos);
    EXPECT_TRUE(IsValidUtf8(r.body)) << r.body;
    Poco::JSON::Object::Ptr error;
    try {
      error =
          Poco::JSON::Parser().parse(r.body).extract<Poco::JSON::Object::Ptr>()->getObject("error");
    } catch (const Poco::Exception& e) {
      ADD_FAILURE() << "not JSON (" << e.displayText() << "): " << r.body;
      continue;
    }
    if (!error) {
      ADD_FAILURE() << "no error object: " << r.body;
      continue;
    }
    EXPECT_FALSE(error->getValue<std::string>("code").empty());
    EXPECT_TRUE(IsValidUtf8(error->getValue<std::string>("message")));
  }
  // The replacement character stands where the bad bytes were: the message still names them.
  const testing::HttpReply r = server_->Request("GET", "/%ff%fe");
  EXPECT_NE(r.body.find("\xEF\xBF\xBD"), std::string::npos) << r.body;
}

TEST_F(HttpHardeningTest, SecurityHeadersOnEveryResponse) {
  const std::pair<const char*, const char*> kRequests[] = {
      {"GET", "/"},
      {"GET", "/app.js"},
      {"GET", "/app.css"},
      {"GET", "/api/search?q=eau"},
      {"GET", "/api/records/nope"},
      {"GET", "/api/suggest?prefix=agad"},
      {"GET", "/healthz"},
      {"GET", "/metrics"},
      {"GET", "/api/openapi.json"},
      {"GET", "/nope"},
      {"POST", "/api/search"},
      {"GET", "/api/search?q=%ff"},
  };
  for (const auto& [method, uri] : kRequests) {
    SCOPED_TRACE(std::string(method) + " " + uri);
    const testing::HttpReply r =
        server_->Request(method, uri, {{"Origin", "https://evil.example"}});
    EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(r.Header("Referrer-Policy"), "no-referrer");
    EXPECT_FALSE(r.headers.has("Access-Control-Allow-Origin")) << "no CORS unless configured";
    const std::string csp = r.Header("Content-Security-Policy");
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
    EXPECT_EQ(csp.find("unsafe"), std::string::npos) << csp;
    if (r.Header("Content-Type").find("text/html") != std::string::npos) {
      EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << csp;
    } else {
      EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << csp;
    }
  }
}

TEST_F(HttpHardeningTest, UnsupportedHttpVersionsGet505) {
  for (const char* version : {"HTTP/9.9", "HTTP/2.0", "HTTP/0.9", "HTTP/1.2"}) {
    SCOPED_TRACE(version);
    const testing::HttpReply r = testing::ParseRawReply(
        server_->Raw(std::string("GET /healthz ") + version + "\r\nHost: x\r\n\r\n"));
    EXPECT_EQ(r.status, 505) << r.body;
  }
  const std::string raw = server_->Raw("GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n");
  EXPECT_EQ(raw.rfind("HTTP/1.1 505 ", 0), 0u) << raw;
  for (const char* version : {"HTTP/1.0", "HTTP/1.1"}) {
    SCOPED_TRACE(version);
    const testing::HttpReply r = testing::ParseRawReply(server_->Raw(
        std::string("GET /healthz ") + version + "\r\nHost: x\r\nConnection: close\r\n\r\n"));
    EXPECT_EQ(r.status, 200) << r.body;
  }
}

TEST(CorsTest, AllowedOriginOnlyWhenConfigured) {
  testing::TempDir dir;
  const std::string corpus = dir.path() + "/corpus", index = dir.path() + "/index";
  std::filesystem::create_directories(corpus);
  std::filesystem::copy_file(testing::CorpusDir() + "/" + testing::kTaroudant,
                             corpus + "/" + testing::kTaroudant);
  ASSERT_EQ(testing::RunIndex({"build", corpus, "--index", index}).code, 0);
  testing::SearchdOptions options;
  options.args.insert(options.args.end(), {"--cors-origin", "https://partner.example"});
  testing::SearchdProcess server(index, options);
  ASSERT_NE(server.port(), 0);
  const testing::HttpReply r =
      server.Request("GET", "/api/search?q=taroudant", {{"Origin", "https://partner.example"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("Access-Control-Allow-Origin"), "https://partner.example");
  EXPECT_NE(r.Header("Vary").find("Origin"), std::string::npos);
  // The configured origin only, never a reflection of the client's.
  const testing::HttpReply other =
      server.Request("GET", "/api/search?q=taroudant", {{"Origin", "https://evil.example"}});
  EXPECT_EQ(other.Header("Access-Control-Allow-Origin"), "https://partner.example");
}

// Peak resident memory (VmHWM) of process `pid`, in MiB, from /proc.
long PeakRssMib(long pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6)) / 1024;
  }
  return -1;
}

TEST_F(HttpHardeningTest, WildcardBombIsRefusedAndMemoryStaysBounded) {
  std::string bomb;  // 333 x "a*": 998 bytes, within kMaxQueryBytes
  for (int i = 0; i < 333; ++i) bomb += i ? " a*" : "a*";
  std::string encoded;
  Poco::URI::encode(bomb, "&=+?#/*", encoded);
  std::vector<std::thread> clients;
  std::mutex m;
  std::vector<testing::HttpReply> replies;
  for (int i = 0; i < 16; ++i) {
    clients.emplace_back([&] {
      testing::HttpReply r = server_->Request("GET", "/api/search?q=" + encoded);
      const std::lock_guard<std::mutex> lock(m);
      replies.push_back(std::move(r));
    });
  }
  for (std::thread& t : clients) t.join();
  for (const testing::HttpReply& r : replies) {
    ASSERT_EQ(r.status, 400) << r.body.substr(0, 300);
    EXPECT_NE(r.body.find("too complex"), std::string::npos) << r.body;
  }
  // Before the cap, 16 of these took the server from 20 MB to 924 MB (docs/RELIABILITY.md).
  EXPECT_LT(PeakRssMib(server_->pid()), 200);
  // A common prefix alone still answers, with its most frequent expansions.
  const testing::HttpReply one = server_->Request("GET", "/api/search?q=a*");
  EXPECT_EQ(one.status, 200) << one.body.substr(0, 300);
  EXPECT_GT(ParseObject(one.body)->getValue<int>("total"), 0);
}

// An index in `dir` of the corpus documents `names` (default: Taroudant, the smallest);
// returns its path.
std::string SmallIndex(const std::string& dir,
                       const std::vector<std::string>& names = {testing::kTaroudant}) {
  const std::string corpus = dir + "/corpus", index = dir + "/index";
  std::filesystem::create_directories(corpus);
  for (const std::string& name : names) {
    std::filesystem::copy_file(testing::CorpusDir() + "/" + name, corpus + "/" + name);
  }
  const testing::RunResult r = testing::RunIndex({"build", corpus, "--index", index});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  return index;
}

// A search past --match-time-limit-ms is 503 "query_timeout" (valid JSON, Retry-After), and
// the same search answers under the default limit. 1 µs has always passed by the matcher's
// first check: a search first opens its revision and parses its query.
TEST(MatchTimeLimitTest, SearchPastTheLimitIs503QueryTimeout) {
  testing::TempDir dir;
  const std::string index = SmallIndex(dir.path());
  const std::string q = "/api/search?q=a*%20c*%20p*%20t*";
  testing::SearchdOptions tight;
  tight.args.insert(tight.args.end(), {"--match-time-limit-ms", "0.001"});
  testing::SearchdProcess limited(index, tight);
  ASSERT_NE(limited.port(), 0);
  const testing::HttpReply r = limited.Request("GET", q);
  EXPECT_EQ(r.status, 503) << r.body.substr(0, 300);
  EXPECT_EQ(ParseObject(r.body)->getObject("error")->getValue<std::string>("code"), "query_timeout")
      << r.body;
  EXPECT_EQ(r.Header("Retry-After"), "1");
  testing::SearchdProcess normal(index);
  ASSERT_NE(normal.port(), 0);
  const testing::HttpReply ok = normal.Request("GET", q);
  EXPECT_EQ(ok.status, 200) << ok.body.substr(0, 300);
  EXPECT_GT(ParseObject(ok.body)->getValue<int>("total"), 0);
}

// Overwrites the middle of the current generation's posting table with junk, keeping its
// first 8 blocks and its last quarter (the B-tree's root and the metadata): the index still
// opens (coop-searchd starts), and any search then reads a corrupt block.
void CorruptPostingBlocks(const std::string& index) {
  const std::string table = CurrentDatabaseDir(index) + "/postlist.glass";
  const auto size = static_cast<std::streamoff>(std::filesystem::file_size(table));
  ASSERT_GT(size, 8 * 8192) << table;
  std::fstream f(table, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(8 * 8192);
  const std::string junk(static_cast<std::size_t>((size - 8 * 8192) * 3 / 4), '\xA5');
  f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
}

TEST(HealthTest, HealthyIndexIsOkWithItsCounts) {
  testing::TempDir dir;
  testing::SearchdProcess server(SmallIndex(dir.path()));
  ASSERT_NE(server.port(), 0);
  const testing::HttpReply r = server.Request("GET", "/healthz");
  ASSERT_EQ(r.status, 200) << r.body;
  auto json = ParseObject(r.body);
  EXPECT_EQ(json->getValue<std::string>("status"), "ok");
  EXPECT_GT(json->getValue<int>("documents"), 0);
  EXPECT_GT(json->getValue<int>("records"), 0);
  EXPECT_EQ(server.Request("GET", "/api/search?q=taroudant").status, 200);
}

TEST(HealthTest, CorruptPostingBlocksAre503WithTheReason) {
  testing::TempDir dir;
  // The repertoire: a posting table of about 300 blocks.
  const std::string index = SmallIndex(dir.path(), {testing::kRepertoire});
  CorruptPostingBlocks(index);
  testing::SearchdProcess server(index);
  ASSERT_NE(server.port(), 0) << "the index opens; only its searches fail";
  EXPECT_EQ(server.Request("GET", "/api/search?q=taroudant").status, 500);
  const testing::HttpReply r = server.Request("GET", "/healthz");
  EXPECT_EQ(r.status, 503) << r.body;
  auto error = ParseObject(r.body)->getObject("error");
  EXPECT_EQ(error->getValue<std::string>("code"), "index_unavailable");
  EXPECT_NE(error->getValue<std::string>("message").find("DatabaseCorruptError"), std::string::npos)
      << r.body;
  EXPECT_NE(server.Request("GET", "/metrics").body.find("coop_index_up 0"), std::string::npos);
}

TEST(HealthTest, EmptyStubFileIs503WithTheReason) {
  testing::TempDir dir;
  const std::string index = dir.path() + "/index";
  testing::WriteFile(index, "");  // a stub naming no database: Xapian opens it, searches fail
  testing::SearchdProcess server(index);
  ASSERT_NE(server.port(), 0);
  EXPECT_EQ(server.Request("GET", "/api/search?q=taroudant").status, 500);
  const testing::HttpReply r = server.Request("GET", "/healthz");
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(ParseObject(r.body)->getObject("error")->getValue<std::string>("code"),
            "index_unavailable");
  EXPECT_NE(server.Request("GET", "/metrics").body.find("coop_index_up 0"), std::string::npos);
}

TEST(HealthTest, HealthAgreesWithSearchWhenTheStubIsEmptiedUnderARunningServer) {
  testing::TempDir dir;
  const std::string index = SmallIndex(dir.path());
  testing::SearchdProcess server(index);
  ASSERT_NE(server.port(), 0);
  EXPECT_EQ(server.Request("GET", "/healthz").status, 200);
  testing::WriteFile(index, "");
  // Each thread keeps the generation it had open (or fails to open one): whichever it is, its
  // health says what its searches get.
  // Both requests on one keep-alive connection, so one worker thread answers both.
  for (int i = 0; i < 8; ++i) {
    Poco::Net::HTTPClientSession session("127.0.0.1", server.port());
    session.setKeepAlive(true);
    int status[2] = {0, 0};
    const char* const uris[2] = {"/api/search?q=taroudant", "/healthz"};
    for (int k = 0; k < 2; ++k) {
      Poco::Net::HTTPRequest req("GET", uris[k], Poco::Net::HTTPMessage::HTTP_1_1);
      session.sendRequest(req);
      Poco::Net::HTTPResponse resp;
      std::string body;
      Poco::StreamCopier::copyToString(session.receiveResponse(resp), body);
      status[k] = resp.getStatus();
    }
    EXPECT_EQ(status[0] == 200, status[1] == 200) << status[0] << " " << status[1];
  }
}

// The "documents" of /healthz and coop_index_documents of /metrics, as seen by `clients`
// concurrent clients making `rounds` requests each (so that every worker thread answers some).
std::set<long> SeenCounts(const testing::SearchdProcess& server, int clients, int rounds) {
  std::set<long> seen;
  std::mutex m;
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&] {
      for (int i = 0; i < rounds; ++i) try {
          const testing::HttpReply h = server.Request("GET", "/healthz");
          const testing::HttpReply metrics = server.Request("GET", "/metrics");
          std::smatch match;
          const std::lock_guard<std::mutex> lock(m);
          seen.insert(h.status == 200 ? ParseObject(h.body)->getValue<long>("documents") : -1);
          seen.insert(
              std::regex_search(metrics.body, match, std::regex(R"(\ncoop_index_documents (\d+))"))
                  ? std::stol(match[1])
                  : -2);
        } catch (const std::exception& e) {
          const std::lock_guard<std::mutex> lock(m);
          ADD_FAILURE() << "request failed: " << e.what();
        }
    });
  }
  for (std::thread& t : threads) t.join();
  return seen;
}

TEST(HealthTest, CountsAfterAnUpdateAreTheNewRevisionsOnEveryThread) {
  testing::TempDir dir;
  const std::string index = SmallIndex(dir.path());
  testing::SearchdProcess server(index);
  ASSERT_NE(server.port(), 0);
  const std::set<long> before = SeenCounts(server, 8, 4);
  ASSERT_EQ(before.size(), 1u);
  const std::string added = dir.path() + "/" + testing::kGroupePaysMaroc;
  std::filesystem::copy_file(testing::CorpusDir() + "/" + testing::kGroupePaysMaroc, added);
  const testing::RunResult r = testing::RunIndex({"add", added, "--index", index});
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  const std::set<long> after = SeenCounts(server, 8, 4);
  EXPECT_EQ(after.size(), 1u) << "some requests saw the old count " << *before.begin();
  EXPECT_GT(*after.begin(), *before.begin());
}

}  // namespace
}  // namespace coop
