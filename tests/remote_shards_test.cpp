// coop-searchd in front of remote shards (issue 19, docs/SCALING.md): two xapian-tcpsrv on
// loopback serve the shards of an index of the real corpus; the remote stub answers as the
// local one; a shard stopped gives 503 "shard_unavailable" with Retry-After, and once it serves
// again the same coop-searchd answers again, without a restart; a coop-searchd started while a
// shard is down serves 503 "shard_unavailable" until the shard comes up, then answers; a commit
// on a shard is seen without a restart.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <initializer_list>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "coop/generations.h"
#include "coop/index_builder.h"
#include "coop/index_reader.h"
#include "searchd_process.h"
#include "shard_servers.h"
#include "test_util.h"

namespace coop {
namespace {

namespace fs = std::filesystem;
using testing::HttpReply;
using testing::SearchdProcess;
using testing::ShardServer;

class RemoteShardsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    IndexOptions options;
    options.shards = 2;
    options.jobs = 2;
    ASSERT_TRUE(BuildIndex(testing::CorpusDir(), index_, options).errors.empty());
    for (std::size_t s = 0; s < 2; ++s) {
      servers_.push_back(std::make_unique<ShardServer>(
          (fs::path(CurrentDatabaseDir(index_)) / ShardName(s)).string()));
      ASSERT_TRUE(servers_.back()->Start());
    }
    // The merged spelling table stays a local database of the searcher's machine.
    testing::WriteRemoteStub(remote_, {servers_[0]->port(), servers_[1]->port()},
                             {"# coop:spelling " + CurrentDatabaseDir(index_) + "/spelling"});
    ASSERT_TRUE(HasRemoteShards(remote_));
    ASSERT_FALSE(HasRemoteShards(index_));
  }

  testing::TempDir dir_;
  const std::string index_ = dir_.path() + "/index";
  const std::string remote_ = dir_.path() + "/remote";
  std::vector<std::unique_ptr<ShardServer>> servers_;
};

// Words, a misspelling (the merged spelling table), facets, a date sort, a browse page, a
// phrase (Xapian's OP_PHRASE on remote shards, our phrase source on local ones: same hits,
// order, totals, facets and snippets, but Xapian's percentages of a remote OP_PHRASE match are
// not those of our source, so scores are left out of that comparison; docs/SCALING.md).
const std::vector<std::string> kPaths = {
    "/api/search?q=jumelage",
    "/api/search?q=jumelafes",
    "/api/search?q=eau&country=Maroc",
    "/api/search?q=femmes+rurales&sort=date",
    "/api/search?q=&page=2",
    "/api/search?q=%22coop%C3%A9ration+d%C3%A9centralis%C3%A9e%22",
};
constexpr std::size_t kPhrasePath = 5;

std::string Compared(const std::string& body, std::size_t path) {
  std::string out = testing::WithoutTimings(body);
  if (path == kPhrasePath) out = std::regex_replace(out, std::regex(R"("score":[0-9.]+)"), "");
  return out;
}

// Where two bodies first differ, with some context (whole bodies are tens of kilobytes).
std::string FirstDifference(const std::string& a, const std::string& b) {
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  const std::size_t from = i < 80 ? 0 : i - 80;
  return "at byte " + std::to_string(i) + ":\n  " + a.substr(from, 200) + "\n  " +
         b.substr(from, 200);
}

// Every path of kPaths answered 200 by both servers, the remote one as the local one (compared
// as Compared does); the remote bodies, compared form, appended to `answers` if given.
void ExpectSameAnswers(SearchdProcess& local, SearchdProcess& remote,
                       std::vector<std::string>* answers) {
  for (std::size_t i = 0; i < kPaths.size(); ++i) {
    SCOPED_TRACE(kPaths[i]);
    const HttpReply l = local.Request("GET", kPaths[i]), r = remote.Request("GET", kPaths[i]);
    ASSERT_EQ(l.status, 200) << l.body.substr(0, 300);
    EXPECT_EQ(r.status, 200) << r.body.substr(0, 300);
    const std::string want = Compared(l.body, i), got = Compared(r.body, i);
    EXPECT_TRUE(got == want) << FirstDifference(want, got);
    if (answers != nullptr) answers->push_back(got);
  }
}

// Each of `paths` answered by `remote` with the 503 of a shard that is down.
void ExpectShardUnavailable(SearchdProcess& remote, std::initializer_list<const char*> paths) {
  for (const char* path : paths) {
    SCOPED_TRACE(path);
    const HttpReply down = remote.Request("GET", path);
    EXPECT_EQ(down.status, 503);
    EXPECT_EQ(down.Header("Retry-After"), "1");
    EXPECT_NE(down.body.find("shard_unavailable"), std::string::npos) << down.body.substr(0, 300);
  }
}

TEST_F(RemoteShardsTest, AnswersAsLocalShardsAndRecoversWhenAShardComesBack) {
  SearchdProcess local(index_), remote(remote_);
  ASSERT_NE(local.port(), 0);
  ASSERT_NE(remote.port(), 0);
  std::vector<std::string> expected;
  ASSERT_NO_FATAL_FAILURE(ExpectSameAnswers(local, remote, &expected));
  EXPECT_NE(expected[0].find("\"total\":"), std::string::npos);
  EXPECT_NE(expected[1].find("\"corrected_query\":\"jumelages\""), std::string::npos)
      << expected[1].substr(0, 300);

  servers_[1]->Stop();
  ExpectShardUnavailable(remote, {"/api/search?q=jumelage", "/healthz"});
  // The local index is not concerned.
  EXPECT_EQ(local.Request("GET", kPaths[0]).status, 200);

  ASSERT_TRUE(servers_[1]->Start());  // returns once the shard listens again
  for (std::size_t i = 0; i < kPaths.size(); ++i) {
    SCOPED_TRACE(kPaths[i]);
    const HttpReply back = remote.Request("GET", kPaths[i]);
    EXPECT_EQ(back.status, 200) << back.body.substr(0, 300);
    const std::string got = Compared(back.body, i);
    EXPECT_TRUE(got == expected[i]) << FirstDifference(expected[i], got);
  }
  EXPECT_EQ(remote.Request("GET", "/healthz").status, 200);
}

TEST_F(RemoteShardsTest, StartsWhileAShardIsDownAndAnswersOnceItIsUp) {
  servers_[0]->Stop();  // the first shard: the one the searcher reads the format from
  SearchdProcess remote(remote_);
  ASSERT_NE(remote.port(), 0) << "exit code " << remote.exit_code();
  ExpectShardUnavailable(remote, {"/api/search?q=jumelage", "/healthz", "/api/search?q=jumelage"});

  ASSERT_TRUE(servers_[0]->Start());
  SearchdProcess local(index_);
  ASSERT_NE(local.port(), 0);
  ASSERT_NO_FATAL_FAILURE(ExpectSameAnswers(local, remote, nullptr));
  EXPECT_EQ(remote.Request("GET", "/healthz").status, 200);
}

// The number after "total": in a search response, or -1.
long TotalOf(const std::string& body) {
  std::smatch m;
  if (!std::regex_search(body, m, std::regex("\"total\":([0-9]+)"))) return -1;
  return std::stol(m[1]);
}

TEST_F(RemoteShardsTest, SeesACommitOnAShardWithoutARestart) {
  // One thread: the searcher that answered before the commit answers after it (a new thread's
  // searcher would open the shards afresh and see it anyway).
  SearchdProcess remote(remote_, {.args = {"--threads", "1", "--timeout", "1"}});
  ASSERT_NE(remote.port(), 0);
  const long before = TotalOf(remote.Request("GET", "/api/search?q=").body);
  ASSERT_GT(before, 0);
  ASSERT_EQ(TotalOf(remote.Request("GET", "/api/search?q=").body), before);
  // A report added to the sharded index commits to its shard in place, the directory that
  // xapian-tcpsrv serves; the remote stub does not change.
  const std::string report =
      testing::CorpusDir() +
      "/../tests/data/new_reports/lille.fr_international_ville-jumelle-oujda.html";
  ASSERT_EQ(AddFiles({report}, index_, {}).files, 1u);
  // The searcher asks the shards again once its watcher's remote poll (1 s) has passed, or at
  // once if the shard moved on by more than one revision (Xapian then throws
  // DatabaseModifiedError and the search reopens): wait for that event (a new total), at most
  // 60 s.
  long after = before;
  for (int i = 0; i < 600 && after == before; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    after = TotalOf(remote.Request("GET", "/api/search?q=").body);
  }
  EXPECT_GT(after, before);
  // Its per-revision state (record table, facet counters) follows: the same answers as a fresh
  // searcher on the local stub.
  SearchdProcess local(index_);
  ASSERT_NE(local.port(), 0);
  EXPECT_EQ(TotalOf(local.Request("GET", "/api/search?q=").body), after);
  ASSERT_NO_FATAL_FAILURE(ExpectSameAnswers(local, remote, nullptr));
  const HttpReply lille = remote.Request("GET", "/api/search?q=lille&country=France");
  EXPECT_EQ(lille.status, 200);
  EXPECT_EQ(Compared(lille.body, 0),
            Compared(local.Request("GET", "/api/search?q=lille&country=France").body, 0));
}

}  // namespace
}  // namespace coop
