// POST /api/reports and DELETE /api/reports/{source} (issue 21): with the administrators' token
// a new PDF is searchable at the next request after the 201, kept in the corpus folder under a
// generated name; without it (or with a wrong one) the answer is 401 and nothing changes; with
// no token configured the routes do not exist.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "corpus_files.h"
#include "doc_fixtures.h"
#include "searchd_process.h"
#include "test_util.h"

namespace coop {
namespace {

namespace fs = std::filesystem;

const char* const kToken = "t0ken-for-the-upload-test-0123456789";
const char* const kMarker = "zqwtelechargement";  // in no corpus document

std::set<std::string> Files(const std::string& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    names.insert(e.path().lexically_relative(dir).string());
  }
  return names;
}

// A multipart/form-data body: the report as a file part named `filename`, and `metadata` as a
// field when not empty.
std::string Multipart(const std::string& boundary, const std::string& filename,
                      const std::string& bytes, const std::string& metadata) {
  std::string body = "--" + boundary +
                     "\r\nContent-Disposition: form-data; name=\"report\"; filename=\"" + filename +
                     "\"\r\nContent-Type: application/pdf\r\n\r\n" + bytes + "\r\n";
  if (!metadata.empty()) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n" +
            metadata + "\r\n";
  }
  return body + "--" + boundary + "--\r\n";
}

int Total(const testing::SearchdProcess& server, const std::string& q) {
  const testing::HttpReply r = server.Request("GET", "/api/search?q=" + q);
  if (r.status != 200) return -1;
  return Poco::JSON::Parser().parse(r.body).extract<Poco::JSON::Object::Ptr>()->getValue<int>(
      "total");
}

class UploadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    corpus_ = dir_.path() + "/corpus";
    index_ = dir_.path() + "/index";
    fs::create_directories(corpus_);
    fs::copy_file(testing::CorpusDir() + "/" + testing::kTaroudant,
                  corpus_ + "/" + testing::kTaroudant);
    ASSERT_EQ(testing::RunIndex({"build", corpus_, "--index", index_}).code, 0);
    std::string text = std::string(kMarker) + " rapport de mission.\n\n";
    for (const auto& p : testing::CorpusParagraphs(testing::kKsarElKebir, 4, 40)) text += p + "\n";
    pdf_ = testing::MakePdf({text}, "Rapport", dir_.path());
    ASSERT_FALSE(pdf_.empty()) << "enscript/ps2pdf missing: run scripts/install-deps.sh";
  }
  testing::SearchdOptions WithToken() const {
    testing::SearchdOptions o;
    o.args.insert(o.args.end(), {"--corpus", corpus_});
    o.env["COOP_ADMIN_TOKEN"] = kToken;
    return o;
  }
  testing::HttpReply Upload(const testing::SearchdProcess& server, const std::string& auth,
                            const std::string& metadata = "") const {
    const std::string boundary = "coopBoundary7d93";
    std::map<std::string, std::string> headers = {
        {"Content-Type", "multipart/form-data; boundary=" + boundary}};
    if (!auth.empty()) headers["Authorization"] = auth;
    return server.Request("POST", "/api/reports", headers,
                          Multipart(boundary, "../../etc/evil name.PDF", pdf_, metadata));
  }
  testing::TempDir dir_;
  std::string corpus_, index_, pdf_;
};

TEST_F(UploadTest, WithTheTokenANewPdfIsSearchableAtTheNextRequest) {
  testing::SearchdProcess server(index_, WithToken());
  ASSERT_NE(server.port(), 0);
  ASSERT_EQ(Total(server, kMarker), 0);
  const testing::HttpReply r =
      Upload(server, std::string("Bearer ") + kToken, R"({"title": "Rapport de test"})");
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string source =
      Poco::JSON::Parser().parse(r.body).extract<Poco::JSON::Object::Ptr>()->getValue<std::string>(
          "source");
  // The very next request finds it (the IndexWatcher sees the commit at once).
  EXPECT_EQ(Total(server, kMarker), 1);
  // Kept under a generated name: nothing of the client's path or name.
  EXPECT_EQ(source.rfind("upload-", 0), 0u) << source;
  EXPECT_EQ(source.substr(source.size() - 4), ".pdf");
  EXPECT_TRUE(fs::exists(corpus_ + "/" + source));
  for (const std::string& f : Files(dir_.path())) {
    EXPECT_EQ(f.find("evil"), std::string::npos) << f;
  }
  EXPECT_TRUE(fs::is_empty(corpus_ + "/.staging"));
  // The sidecar's title is the record's.
  const testing::HttpReply hit = server.Request("GET", std::string("/api/search?q=") + kMarker);
  EXPECT_NE(hit.body.find("Rapport de test"), std::string::npos) << hit.body.substr(0, 400);

  // Removal: needs the token too, then the report is gone from the index and the folder.
  EXPECT_EQ(server.Request("DELETE", "/api/reports/" + source).status, 401);
  EXPECT_EQ(Total(server, kMarker), 1);
  const testing::HttpReply del = server.Request(
      "DELETE", "/api/reports/" + source, {{"Authorization", std::string("Bearer ") + kToken}});
  EXPECT_EQ(del.status, 200) << del.body;
  EXPECT_EQ(Total(server, kMarker), 0);
  EXPECT_FALSE(fs::exists(corpus_ + "/" + source));
}

TEST_F(UploadTest, WithoutTheRightTokenIs401AndNothingChanges) {
  testing::SearchdProcess server(index_, WithToken());
  ASSERT_NE(server.port(), 0);
  const std::set<std::string> before = Files(dir_.path());
  const std::string wrong = std::string(kToken).substr(0, 35) + "X";
  for (const std::string& auth : {std::string(), "Bearer " + wrong, std::string("Bearer "),
                                  std::string("Basic ") + kToken, std::string(kToken)}) {
    SCOPED_TRACE(auth);
    const testing::HttpReply r = Upload(server, auth);
    EXPECT_EQ(r.status, 401) << r.body;
    EXPECT_EQ(r.Header("WWW-Authenticate"), "Bearer");
  }
  EXPECT_EQ(Files(dir_.path()), before);
  EXPECT_EQ(Total(server, kMarker), 0);
  EXPECT_EQ(Total(server, "taroudant"), 1);
}

TEST_F(UploadTest, OverTheSizeLimitIs413AndNothingChanges) {
  testing::SearchdOptions o = WithToken();
  o.args.insert(o.args.end(), {"--max-upload-mb", "1"});
  testing::SearchdProcess server(index_, o);
  ASSERT_NE(server.port(), 0);
  const std::set<std::string> before = Files(dir_.path());
  // Refused from its Content-Length, before any of the body is read (so only the head is sent).
  const std::string head = std::string("POST /api/reports HTTP/1.1\r\nHost: x\r\n") +
                           "Authorization: Bearer " + kToken +
                           "\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                           "Content-Length: 3145728\r\n\r\n";
  EXPECT_EQ(testing::ParseRawReply(server.Raw(head)).status, 413);
  EXPECT_EQ(Files(dir_.path()), before);
}

TEST_F(UploadTest, WithNoTokenConfiguredTheRoutesDoNotExist) {
  testing::SearchdProcess server(index_);
  ASSERT_NE(server.port(), 0);
  EXPECT_EQ(Upload(server, std::string("Bearer ") + kToken).status, 404);
  EXPECT_EQ(Total(server, kMarker), 0);
}

}  // namespace
}  // namespace coop
