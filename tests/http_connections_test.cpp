// coop-searchd against slow and greedy clients (issue 21): a request head that trickles is cut
// at its deadline, keep-alive connections are capped, and a normal request is answered while 64
// slow-header clients, and separately 64 keep-alive clients, are connected. The attacks run for
// at most kAttackWindow; each test asserts that the normal request completed while the attack
// was still running (an ordering, not a speed bound: speed is in docs/RELIABILITY.md).
#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "corpus_files.h"
#include "doc_fixtures.h"
#include "searchd_process.h"
#include "test_util.h"

namespace coop {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// How long the attackers keep at it unless the test stops them first. Before the fix, the
// normal request waited for the whole window (the test then fails, it does not hang).
constexpr auto kAttackWindow = 60s;
constexpr int kAttackers = 64;

// An index of Taroudant (the smallest document) and coop-searchd on it with 16 workers.
class ConnectionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string corpus = dir_.path() + "/corpus";
    index_ = dir_.path() + "/index";
    std::filesystem::create_directories(corpus);
    std::filesystem::copy_file(testing::CorpusDir() + "/" + testing::kTaroudant,
                               corpus + "/" + testing::kTaroudant);
    const testing::RunResult r = testing::RunIndex({"build", corpus, "--index", index_});
    ASSERT_EQ(r.code, 0) << r.out << r.err;
  }
  std::unique_ptr<testing::SearchdProcess> Start(std::vector<std::string> extra = {}) {
    testing::SearchdOptions options;
    options.args = {"--threads", "16", "--timeout", "1", "--log", "false"};
    options.args.insert(options.args.end(), extra.begin(), extra.end());
    auto server = std::make_unique<testing::SearchdProcess>(index_, options);
    EXPECT_NE(server->port(), 0);
    return server;
  }
  testing::TempDir dir_;
  std::string index_;
};

// kAttackers threads running `attack(stop)` in a loop until Stop() or kAttackWindow; over()
// tells whether the attack ended by itself (the window passed).
class Attack {
 public:
  explicit Attack(std::function<void(const std::atomic<bool>& stop)> attack) {
    const auto end = Clock::now() + kAttackWindow;
    for (int i = 0; i < kAttackers; ++i) {
      threads_.emplace_back([this, attack, end] {
        while (!stop_ && Clock::now() < end) {
          try {
            attack(stop_);
          } catch (const Poco::Exception&) {
            std::this_thread::sleep_for(50ms);  // cut off or refused: come back
          }
        }
        if (!stop_) over_ = true;
      });
    }
    std::this_thread::sleep_for(1s);  // let every attacker connect and take its worker
  }
  ~Attack() { Stop(); }
  void Stop() {
    stop_ = true;
    for (std::thread& t : threads_) {
      if (t.joinable()) t.join();
    }
  }
  bool over() const { return over_; }
  std::atomic<bool> stop_{false};

 private:
  std::atomic<bool> over_{false};
  std::vector<std::thread> threads_;
};

// One normal request; its status (0 if it failed). The client's own timeout is a hang guard
// only, far above the attack window.
int NormalRequest(unsigned short port) {
  try {
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    session.setTimeout(Poco::Timespan(180, 0));
    Poco::Net::HTTPRequest req("GET", "/api/search?q=taroudant", Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(req);
    Poco::Net::HTTPResponse resp;
    std::string body;
    Poco::StreamCopier::copyToString(session.receiveResponse(resp), body);
    return resp.getStatus();
  } catch (const Poco::Exception&) {
    return 0;
  }
}

// A slow-header client: a request line, then one header byte every 300 ms, never ending.
void SlowHeaders(unsigned short port, const std::atomic<bool>& stop) {
  Poco::Net::StreamSocket s(Poco::Net::SocketAddress("127.0.0.1", port));
  const std::string line = "GET /api/search?q=eau HTTP/1.1\r\nHost: x\r\n";
  s.sendBytes(line.data(), static_cast<int>(line.size()));
  for (int i = 0; !stop; ++i) {
    std::this_thread::sleep_for(300ms);
    const char c = "X-Slow: abcdefghij\r\n"[i % 20];
    if (s.sendBytes(&c, 1) != 1) return;
    // A closed connection shows as readable with nothing to read (or a reset).
    if (s.poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ)) {
      char buf[512];
      if (s.receiveBytes(buf, sizeof buf) <= 0) return;
    }
  }
}

// A keep-alive client: one small request every 300 ms on the same connection (under the
// server's 1 s idle timeout, so only fairness frees its worker).
void KeepAlive(unsigned short port, const std::atomic<bool>& stop) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  session.setKeepAlive(true);
  session.setTimeout(Poco::Timespan(90, 0));
  while (!stop) {
    Poco::Net::HTTPRequest req("GET", "/app.css", Poco::Net::HTTPMessage::HTTP_1_1);
    req.setKeepAlive(true);
    session.sendRequest(req);
    Poco::Net::HTTPResponse resp;
    std::string body;
    Poco::StreamCopier::copyToString(session.receiveResponse(resp), body);
    std::this_thread::sleep_for(300ms);
  }
}

// A second daemon on a port the first one holds does not start (no SO_REUSEPORT: the kernel
// would share the connections between the two), and the first one goes on answering.
TEST_F(ConnectionsTest, ASecondDaemonOnAHeldPortExitsWithAMessage) {
  const auto first = Start();
  ASSERT_NE(first->port(), 0);
  testing::SearchdOptions options;
  options.args = {"--log", "false"};
  options.port = first->port();
  const testing::SearchdProcess second(index_, options);
  EXPECT_EQ(second.port(), 0);
  EXPECT_EQ(second.exit_code(), 73);  // EX_CANTCREAT
  EXPECT_EQ(first->Request("GET", "/healthz").status, 200);
}

TEST_F(ConnectionsTest, RequestHeadThatTricklesIsCutAtItsDeadline) {
  auto server = Start();
  Poco::Net::StreamSocket s(Poco::Net::SocketAddress("127.0.0.1", server->port()));
  s.setReceiveTimeout(Poco::Timespan(1, 0));
  const std::string head = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: " + std::string(200, 'a');
  // One byte every 100 ms: 20 s for the head, each byte well within the 1 s read timeout.
  std::size_t sent = 0;
  bool closed = false;
  for (; sent < head.size() && !closed; ++sent) {
    try {
      if (s.sendBytes(head.data() + sent, 1) != 1) closed = true;
      if (s.poll(Poco::Timespan(100000), Poco::Net::Socket::SELECT_READ)) {
        char buf[512];
        if (s.receiveBytes(buf, sizeof buf) <= 0) closed = true;
      }
    } catch (const Poco::Exception&) {
      closed = true;
    }
  }
  EXPECT_TRUE(closed) << "the server read a " << head.size() << "-byte head for " << sent
                      << " bytes at 10 bytes/s without cutting it off";
  EXPECT_EQ(NormalRequest(server->port()), 200);
}

TEST_F(ConnectionsTest, KeepAliveRequestsPerConnectionAreCapped) {
  auto server = Start({"--max-requests-per-connection", "5"});
  Poco::Net::HTTPClientSession session("127.0.0.1", server->port());
  session.setKeepAlive(true);
  int answered = 0;
  for (bool open = true; open && answered < 20; ++answered) {
    Poco::Net::HTTPRequest req("GET", "/app.css", Poco::Net::HTTPMessage::HTTP_1_1);
    req.setKeepAlive(true);
    session.sendRequest(req);
    Poco::Net::HTTPResponse resp;
    std::string body;
    Poco::StreamCopier::copyToString(session.receiveResponse(resp), body);
    open = resp.getKeepAlive();
  }
  EXPECT_EQ(answered, 5);
}

// Answers sent whole (a known length) and answers on Poco's own path (HEAD) follow each other on
// one keep-alive connection: each one's body is exactly its Content-Length, a HEAD answer has
// none, so the next answer is read from its first byte.
TEST_F(ConnectionsTest, AnswersOfEveryKindKeepTheirFramingOnOneConnection) {
  auto server = Start();
  struct Case {
    std::string method, path;
    int status;
  };
  const std::vector<Case> cases = {
      {"HEAD", "/api/search?q=taroudant", 200},
      {"GET", "/api/search?q=taroudant", 200},
      {"GET", "/app.js", 200},
      {"HEAD", "/app.js", 200},
      {"GET", "/api/search?q=%22", 400},
      {"GET", "/api/export?q=taroudant&format=csv", 200},
      {"GET", "/no/such/route", 404},
      {"GET", "/api/search?q=taroudant&size=1", 200},
  };
  Poco::Net::HTTPClientSession session("127.0.0.1", server->port());
  session.setKeepAlive(true);
  session.setTimeout(Poco::Timespan(30, 0));
  std::map<std::string, std::streamsize> get_length;  // by path
  for (const Case& c : cases) {
    SCOPED_TRACE(c.method + " " + c.path);
    Poco::Net::HTTPRequest req(c.method, c.path, Poco::Net::HTTPMessage::HTTP_1_1);
    req.setKeepAlive(true);
    session.sendRequest(req);
    Poco::Net::HTTPResponse resp;
    std::string body;
    Poco::StreamCopier::copyToString(session.receiveResponse(resp), body);
    EXPECT_EQ(resp.getStatus(), c.status);
    EXPECT_TRUE(resp.getKeepAlive());
    ASSERT_TRUE(resp.hasContentLength());
    if (c.method == "HEAD") {
      EXPECT_EQ(body, "");
      if (get_length.count(c.path)) {
        EXPECT_EQ(resp.getContentLength64(), get_length[c.path]);
      }
    } else {
      EXPECT_EQ(static_cast<std::streamsize>(body.size()), resp.getContentLength64());
      get_length[c.path] = resp.getContentLength64();
    }
    if (c.path.starts_with("/api/search?q=taroudant") && c.method == "GET") {
      EXPECT_NE(body.find("\"total\":"), std::string::npos) << body.substr(0, 200);
    }
  }
}

TEST_F(ConnectionsTest, NormalRequestIsAnsweredWhile64SlowHeaderClientsAreConnected) {
  auto server = Start();
  const unsigned short port = server->port();
  Attack attack([port](const std::atomic<bool>& stop) { SlowHeaders(port, stop); });
  const int status = NormalRequest(port);
  const bool over = attack.over();
  attack.Stop();
  EXPECT_EQ(status, 200);
  EXPECT_FALSE(over) << "the request was answered only once the slow clients gave up";
}

TEST_F(ConnectionsTest, NormalRequestIsAnsweredWhile64KeepAliveClientsAreConnected) {
  auto server = Start();
  const unsigned short port = server->port();
  Attack attack([port](const std::atomic<bool>& stop) { KeepAlive(port, stop); });
  const int status = NormalRequest(port);
  const bool over = attack.over();
  attack.Stop();
  EXPECT_EQ(status, 200);
  EXPECT_FALSE(over) << "the request was answered only once the keep-alive clients stopped";
}

}  // namespace
}  // namespace coop
