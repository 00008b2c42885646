// The document view, the original files, the export and the index figures over HTTP (issue 17),
// on the index of corpus/ served with --corpus corpus/: what a reader reaches from a hit, what a
// spreadsheet receives, and that no path of the client ever reaches a file outside the corpus.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Process.h>
#include <Poco/URI.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "corpus_files.h"
#include "corpus_index.h"
#include "searchd_process.h"
#include "test_util.h"

namespace coop {
namespace {

using testing::kKsarElKebir;
using testing::kRepertoire;

Poco::JSON::Object::Ptr ParseObject(const std::string& body) {
  return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Encoded(const std::string& v) {
  std::string out;
  Poco::URI::encode(v, "!$&'()*+,;=:@/?#[]", out);
  return out;
}

// RFC 4180 records of `text` (fields quoted with '"', quotes doubled, CRLF between records).
// A parser written for the test, so that the export is read as a spreadsheet program reads it.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    std::string& field = rows.back().back();
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field.push_back(c);
      }
    } else if (c == '"' && field.empty()) {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.emplace_back(1);
      ++i;
    } else {
      field.push_back(c);
    }
  }
  if (rows.back().size() == 1 && rows.back().front().empty()) rows.pop_back();  // final CRLF
  return rows;
}

class HttpDocumentsTest : public testing::CorpusIndexTest {
 protected:
  static void SetUpTestSuite() {
    CorpusIndexTest::SetUpTestSuite();
    testing::SearchdOptions options;
    options.args = {"--threads", "4",     "--timeout", "1",
                    "--log",     "false", "--corpus",  testing::CorpusDir()};
    server_ = new testing::SearchdProcess(Index(), options);
    ASSERT_NE(server_->port(), 0) << "coop-searchd did not start";
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    CorpusIndexTest::TearDownTestSuite();
  }
  static testing::HttpReply Get(const std::string& uri) { return server_->Request("GET", uri); }
  // The ids of every record /api/search finds for `params`, in its order.
  static std::vector<std::string> SearchIds(const std::string& params, int& total) {
    std::vector<std::string> ids;
    for (int page = 1;; ++page) {
      const auto json =
          ParseObject(Get("/api/search?size=100&page=" + std::to_string(page) + "&" + params).body);
      total = json->getValue<int>("total");
      const auto hits = json->getArray("hits");
      for (unsigned i = 0; i < hits->size(); ++i) {
        ids.push_back(hits->getObject(i)->getValue<std::string>("id"));
      }
      if (hits->size() == 0 || static_cast<int>(ids.size()) >= total) break;
    }
    return ids;
  }
  static testing::SearchdProcess* server_;
};
testing::SearchdProcess* HttpDocumentsTest::server_ = nullptr;

TEST_F(HttpDocumentsTest, FileRouteServesTheOriginalBytesAsAnAttachment) {
  const auto r = Get(std::string("/documents/") + kKsarElKebir + "/file");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, ReadBytes(testing::CorpusDir() + "/" + kKsarElKebir));
  EXPECT_EQ(r.Header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(r.Header("Content-Disposition").rfind("attachment; filename=\"", 0), 0u)
      << r.Header("Content-Disposition");
  EXPECT_NE(r.Header("Content-Security-Policy").find("sandbox"), std::string::npos);
}

TEST_F(HttpDocumentsTest, TraversalAndUnknownSourcesAnswer404AndNoFile) {
  // Files that exist around the sources: the manifest and reference data in the corpus folder,
  // the repository's README beside it, a system file.
  const std::string corpus = testing::CorpusDir();
  const std::string outside[] = {ReadBytes(corpus + "/manifest.json"),
                                 ReadBytes(corpus + "/../README.md"), ReadBytes("/etc/passwd")};
  const std::string abs_corpus_file = Encoded(corpus + "/" + kKsarElKebir);
  const std::string uris[] = {
      "/documents/../README.md/file",
      "/documents/..%2FREADME.md/file",
      "/documents/..%2fREADME.md/file",
      "/documents/%2e%2e%2FREADME.md/file",
      "/documents/%2E%2E/file",
      "/documents/../file",
      "/documents/..%5CREADME.md/file",
      "/documents/%2Fetc%2Fpasswd/file",
      "/documents//etc/passwd/file",
      "/documents/" + abs_corpus_file + "/file",
      "/documents/manifest.json/file",
      "/documents/data/file",
      "/documents/data%2Fgazetteer.csv/file",
      "/documents/" + std::string(kKsarElKebir) + "%00/file",
      "/documents/" + std::string(kKsarElKebir) + "%2F..%2F..%2FREADME.md/file",
      "/documents/nope.txt/file",
      "/documents/nope.txt",
      "/documents/..%2FREADME.md",
      "/documents/manifest.json",
      "/api/documents/..%2FREADME.md",
      "/api/documents/manifest.json",
      "/api/documents/nope.txt",
  };
  for (const std::string& uri : uris) {
    const auto r = Get(uri);
    EXPECT_EQ(r.status, 404) << uri << ": " << r.body.substr(0, 200);
    for (const std::string& secret : outside) {
      EXPECT_TRUE(r.body.find(secret.substr(0, 200)) == std::string::npos) << uri;
    }
    EXPECT_NE(r.Header("Content-Type").find("application/json"), std::string::npos) << uri;
  }
}

TEST_F(HttpDocumentsTest, DocumentPageIsThePageForIndexedSources) {
  const auto r = Get(std::string("/documents/") + kRepertoire);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("/documents.js"), std::string::npos);
  EXPECT_NE(r.Header("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(Get("/documents.js").status, 200);
  EXPECT_EQ(Get("/documents.css").status, 200);
}

TEST_F(HttpDocumentsTest, HitPassageIsMarkedInItsDocument) {
  const auto search = ParseObject(Get("/api/search?q=tannerie").body);
  const auto hit = search->getArray("hits")->getObject(0);
  const std::string passage = hit->getObject("passage")->getValue<std::string>("id");
  const auto r = Get("/api/documents/" + hit->getValue<std::string>("source") + "?q=tannerie");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto doc = ParseObject(r.body);
  EXPECT_EQ(doc->getValue<std::string>("title"),
            "Expériences de coopération — Commune urbaine de Ksar El Kebir");  // the manifest's
  EXPECT_EQ(doc->getValue<std::string>("file"),
            std::string("/documents/") + kKsarElKebir + "/file");
  EXPECT_GE(doc->getValue<int>("marks"), 2);
  bool found = false;
  std::set<std::string> ids;
  const auto records = doc->getArray("records");
  for (unsigned i = 0; i < records->size(); ++i) {
    const auto passages = records->getObject(i)->getArray("passages");
    for (unsigned k = 0; k < passages->size(); ++k) {
      const auto p = passages->getObject(k);
      EXPECT_TRUE(ids.insert(p->getValue<std::string>("id")).second);  // anchors are unique
      EXPECT_TRUE(p->isNull("page")) << "a text file without page markers has no pages";
      if (p->getValue<std::string>("id") != passage) continue;
      found = true;
      EXPECT_NE(p->getValue<std::string>("html").find("<mark>tannerie</mark>"), std::string::npos);
    }
  }
  EXPECT_TRUE(found) << "the hit's passage " << passage << " is in its document";
  // Without q nothing is marked; a malformed q is a 400.
  EXPECT_EQ(
      ParseObject(Get(std::string("/api/documents/") + kKsarElKebir).body)->getValue<int>("marks"),
      0);
  EXPECT_EQ(Get(std::string("/api/documents/") + kKsarElKebir + "?q=%22open").status, 400);
  EXPECT_EQ(Get(std::string("/api/documents/") + kKsarElKebir + "?x=1").status, 400);
}

TEST_F(HttpDocumentsTest, RepertoireEntriesCiteTheirContentsPage) {
  // 001's contents: "Ville d'Aix-en-Provence/Commune urbaine d'Oujda<TAB>p.9", "... Nîmes ...
  // Meknès p.51"; the text has no page breaks, so the entries' other passages have no page.
  const auto doc = ParseObject(Get(std::string("/api/documents/") + kRepertoire).body);
  const auto records = doc->getArray("records");
  std::map<std::string, int> first_page;
  for (unsigned i = 0; i < records->size(); ++i) {
    const auto r = records->getObject(i);
    const auto pages = r->getArray("pages");
    if (pages->size() > 0)
      first_page[r->getValue<std::string>("title")] = pages->getElement<int>(0);
    const auto passages = r->getArray("passages");
    for (unsigned k = 1; k < passages->size(); ++k) {
      EXPECT_TRUE(passages->getObject(k)->isNull("page")) << r->getValue<std::string>("id");
    }
  }
  EXPECT_EQ(first_page["Ville d'Aix-en-Provence / Commune urbaine d'Oujda"], 9);
  EXPECT_EQ(first_page["Ville de Nîmes / Commune urbaine de Meknès"], 51);
  EXPECT_GE(first_page.size(), 40u);
  // The record page says the same, and null rather than 0 where there is none.
  const auto record = ParseObject(Get("/api/records/001_d5314e58f61e8ef9-r3").body);
  const auto passages = record->getArray("passages");
  EXPECT_EQ(passages->getObject(0)->getValue<int>("page"), 9);
  EXPECT_TRUE(passages->getObject(1)->isNull("page"));
}

TEST_F(HttpDocumentsTest, ExportHasOneRowPerRecordOfTheSearch) {
  const std::string searches[] = {"q=",
                                  "q=eau",
                                  "q=tannerie",
                                  "city=Agadir",
                                  "q=jeunesse&domain=Culture",
                                  "q=" + Encoded("développement rural"),
                                  "q=" + Encoded("\"eau potable\""),
                                  "country=Belgique&sort=date",
                                  "q=xyzzyq"};
  for (const std::string& s : searches) {
    int total = -1;
    const std::vector<std::string> ids = SearchIds(s, total);
    const auto csv = Get("/api/export?format=csv&" + s);
    ASSERT_EQ(csv.status, 200) << s << ": " << csv.body.substr(0, 200);
    EXPECT_EQ(csv.Header("Content-Type"), "text/csv; charset=utf-8; header=present");
    ASSERT_EQ(csv.body.rfind("\xEF\xBB\xBF", 0), 0u) << "UTF-8 byte order mark";
    const auto rows = ParseCsv(csv.body.substr(3));
    ASSERT_GE(rows.size(), 1u);
    EXPECT_EQ(rows[0].front(), "id");
    EXPECT_EQ(rows[0].size(), 15u);
    EXPECT_EQ(static_cast<int>(rows.size()) - 1, total) << s;
    std::vector<std::string> csv_ids;
    for (std::size_t i = 1; i < rows.size(); ++i) {
      EXPECT_EQ(rows[i].size(), rows[0].size()) << s << " row " << i;
      csv_ids.push_back(rows[i].front());
    }
    EXPECT_EQ(csv_ids, ids) << s << ": the search's records, in its order";
    const auto json = ParseObject(Get("/api/export?format=json&" + s).body);
    EXPECT_EQ(json->getValue<int>("total"), total);
    EXPECT_EQ(static_cast<int>(json->getArray("records")->size()), total) << s;
  }
  // Accents come through as UTF-8, commas inside a field stay inside it.
  const auto rows = ParseCsv(Get("/api/export?format=csv&q=tannerie").body.substr(3));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][1], "Expériences de coopération — Commune urbaine de Ksar El Kebir");
  EXPECT_NE(rows[1][3].find("Junta de Andalucía"), std::string::npos) << rows[1][3];
  EXPECT_EQ(rows[1][12], kKsarElKebir);
}

TEST_F(HttpDocumentsTest, ExportRefusesABadFormatWithA400) {
  for (const char* uri :
       {"/api/export?format=xls&q=eau", "/api/export?q=eau", "/api/export?format=csv&format=json",
        "/api/export?format=csv&nope=1", "/api/export?format=csv&city=Atlantis"}) {
    const auto r = Get(uri);
    EXPECT_EQ(r.status, 400) << uri;
    EXPECT_EQ(ParseObject(r.body)->getObject("error")->getValue<std::string>("code"), "bad_request")
        << uri;
  }
}

TEST_F(HttpDocumentsTest, StatsSayWhatTheIndexHolds) {
  const auto r = Get("/api/stats");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto s = ParseObject(r.body);
  EXPECT_EQ(s->getValue<int>("documents"), 5);
  const int records = ParseObject(Get("/api/search?q=").body)->getValue<int>("total");
  EXPECT_EQ(s->getValue<int>("records"), records);
  // Partnerships: the records of kind "partnership" in the export of everything.
  const auto all = ParseObject(Get("/api/export?format=json").body)->getArray("records");
  int partnerships = 0;
  for (unsigned i = 0; i < all->size(); ++i) {
    partnerships += all->getObject(i)->getValue<std::string>("kind") == "partnership";
  }
  EXPECT_EQ(s->getValue<int>("partnerships"), partnerships);
  EXPECT_GT(s->getValue<int>("actors"), 0);
  const auto countries = s->getArray("countries");
  EXPECT_EQ(countries->getObject(0)->getValue<std::string>("value"), "Maroc");
  EXPECT_EQ(countries->getObject(0)->getValue<int>("count"), records);  // every record has one
  const auto years = s->getObject("years");
  EXPECT_LE(years->getValue<int>("first"), 2004);  // 000 reports events from 2004
  EXPECT_GE(years->getValue<int>("last"), 2017);   // 004 is the 2017-2021 programme
  EXPECT_FALSE(s->isNull("last_update"));
  const auto sources = s->getArray("sources");
  ASSERT_EQ(sources->size(), 5u);
  EXPECT_EQ(sources->getObject(4)->getValue<std::string>("title"),
            "Programme fédéral de coopération internationale communale (CIC) 2017–2021 — Maroc");
  // Each example search's total is what the search finds.
  const auto examples = s->getArray("examples");
  ASSERT_GT(examples->size(), 0u);
  for (unsigned i = 0; i < examples->size(); ++i) {
    const auto e = examples->getObject(i);
    const auto found = ParseObject(Get("/api/search?" + e->getValue<std::string>("facet") + "=" +
                                       Encoded(e->getValue<std::string>("value")))
                                       .body);
    EXPECT_EQ(found->getValue<int>("total"), e->getValue<int>("total"))
        << e->getValue<std::string>("value");
  }
}

// A source the index lists whose file in the corpus folder became a symbolic link to a file
// outside it (or a folder) is not served: the canonical path must lie in the corpus folder.
TEST(HttpDocumentsFilesTest, LinkOutOfTheCorpusFolderIsNotFollowed) {
  namespace fs = std::filesystem;
  testing::TempDir dir;
  const std::string corpus = dir.path() + "/corpus";
  fs::create_directories(corpus);
  const std::string secret = dir.path() + "/secret.txt";
  std::ofstream(secret) << "not a report: never served\n";
  for (const char* name : {"a.txt", "b.txt"}) {
    fs::copy_file(testing::CorpusDir() + "/" + kKsarElKebir, corpus + "/" + name);
  }
  const std::string index = dir.path() + "/index";
  Poco::ProcessHandle indexer =
      Poco::Process::launch(COOP_INDEX_BIN, {"build", corpus, "--index", index});
  ASSERT_EQ(indexer.wait(), 0);
  testing::SearchdOptions options;
  options.args = {"--threads", "2", "--log", "false", "--corpus", corpus};
  testing::SearchdProcess server(index, options);
  ASSERT_NE(server.port(), 0);
  ASSERT_EQ(server.Request("GET", "/documents/a.txt/file").status, 200);
  fs::remove(corpus + "/a.txt");
  fs::create_symlink(secret, corpus + "/a.txt");
  fs::remove(corpus + "/b.txt");
  fs::create_directory(corpus + "/b.txt");
  for (const char* uri : {"/documents/a.txt/file", "/documents/b.txt/file"}) {
    const auto r = server.Request("GET", uri);
    EXPECT_EQ(r.status, 404) << uri;
    EXPECT_EQ(r.body.find("never served"), std::string::npos) << uri;
  }
  // The view still shows what the index holds, without a file to download.
  const auto view = ParseObject(server.Request("GET", "/api/documents/a.txt").body);
  EXPECT_TRUE(view->isNull("file"));
}

}  // namespace
}  // namespace coop
