// The HTTP layer against hostile input (issue 21): error bodies that are valid UTF-8 JSON
// whatever bytes the request holds, health that tells the truth about the index, and the
// security headers of every response. coop-searchd runs on an index of the real corpus.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>
#include <unicode/utf8.h>

#include <memory>
#include <string>

#include "corpus_index.h"
#include "searchd_process.h"

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

}  // namespace
}  // namespace coop
