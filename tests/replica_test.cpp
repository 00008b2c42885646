// A read replica (issue 19, docs/SCALING.md): xapian-replicate-server serves the generations of
// an index of the real corpus on loopback, xapian-replicate copies the current one, and a second
// coop-searchd on the replica answers as the first does on the master; after a commit on the
// master (written with changesets) and one more replication, the replica's searcher answers
// with the new contents, without a restart.
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Process.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "coop/index_builder.h"
#include "coop/index_reader.h"
#include "searchd_process.h"
#include "shard_servers.h"
#include "test_util.h"

namespace coop {
namespace {

using testing::SearchdProcess;

// Runs `program` with `args` to its end; its exit code.
int RunToEnd(const std::string& program, const std::vector<std::string>& args) {
  Poco::ProcessHandle h = Poco::Process::launch(program, args);
  return h.wait();
}

// Whether something accepts connections on 127.0.0.1:`port` (polled until it does, or a guard of
// 300 tries: the event is the server's accept, the guard only stops a broken server hanging).
bool WaitForListener(unsigned short port) {
  for (int i = 0; i < 300; ++i) {
    try {
      Poco::Net::StreamSocket s(Poco::Net::SocketAddress("127.0.0.1", port));
      return true;
    } catch (const Poco::Exception&) {
      RunToEnd("sleep", {"0.1"});
    }
  }
  return false;
}

TEST(ReplicaTest, ASecondSearchdOnAReplicaAnswersAsTheMasterAndFollowsItsCommits) {
  testing::TempDir dir;
  const std::string index = dir.path() + "/index", replica = dir.path() + "/replica";
  // Changesets let the replica apply a commit instead of copying the whole database again
  // (Xapian reads XAPIAN_MAX_CHANGESETS when a writer opens the database).
  ::setenv("XAPIAN_MAX_CHANGESETS", "10", 1);
  ASSERT_TRUE(BuildIndex(testing::CorpusDir(), index, {}).errors.empty());
  const std::string generation = CurrentGeneration(index);
  ASSERT_FALSE(generation.empty());

  const unsigned short port = testing::FreeLoopbackPort();
  Poco::ProcessHandle server = Poco::Process::launch(
      COOP_XAPIAN_REPLICATE_SERVER,
      {"--interface", "127.0.0.1", "--port", std::to_string(port), GenerationsDir(index)});
  struct Stop {
    Poco::ProcessHandle& h;
    ~Stop() {
      Poco::Process::requestTermination(h.id());
      h.wait();
    }
  } stop{server};
  ASSERT_TRUE(WaitForListener(port));
  const std::vector<std::string> replicate = {
      "-h", "127.0.0.1", "-p", std::to_string(port), "-m", generation, "-o", "-q", replica};
  ASSERT_EQ(RunToEnd(COOP_XAPIAN_REPLICATE, replicate), 0);

  SearchdProcess master(index), copy(replica);
  ASSERT_NE(master.port(), 0);
  ASSERT_NE(copy.port(), 0);
  const std::string path = "/api/search?q=jumelage";
  const testing::HttpReply before = master.Request("GET", path);
  ASSERT_EQ(before.status, 200);
  EXPECT_EQ(testing::WithoutTimings(copy.Request("GET", path).body),
            testing::WithoutTimings(before.body));
  EXPECT_EQ(copy.Request("GET", "/healthz").status, 200);

  // A commit on the master: one source removed. The replica has it once replicated again.
  const std::vector<std::string> files = ListSourceFiles(testing::CorpusDir());
  ASSERT_EQ(RemoveSources({files[1]}, index, {}).removed, 1u);
  const testing::HttpReply after = master.Request("GET", path);
  ASSERT_NE(testing::WithoutTimings(after.body), testing::WithoutTimings(before.body));
  EXPECT_EQ(testing::WithoutTimings(copy.Request("GET", path).body),
            testing::WithoutTimings(before.body))
      << "not replicated yet";
  ASSERT_EQ(RunToEnd(COOP_XAPIAN_REPLICATE, replicate), 0);
  EXPECT_EQ(testing::WithoutTimings(copy.Request("GET", path).body),
            testing::WithoutTimings(after.body));
  ::unsetenv("XAPIAN_MAX_CHANGESETS");
}

}  // namespace
}  // namespace coop
