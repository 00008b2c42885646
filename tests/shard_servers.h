// xapian-tcpsrv run as a child process serving one shard on a loopback port, for the tests of
// remote shards (issue 19, docs/SCALING.md), and the stub database that names such shards.
#ifndef COOP_TESTS_SHARD_SERVERS_H_
#define COOP_TESTS_SHARD_SERVERS_H_

#include <Poco/Pipe.h>
#include <Poco/Process.h>

#include <memory>
#include <string>
#include <vector>

namespace coop::testing {

/// A free TCP port on 127.0.0.1, found by binding port 0 and closing the socket (another
/// process may take it before the caller binds it; the tests accept that race). Throws
/// Poco::Exception if no socket can be bound.
unsigned short FreeLoopbackPort();

/// `xapian-tcpsrv --interface 127.0.0.1 --port P DB` (read-only), started by Start(), which
/// returns once the server has printed that it listens (an event, not a delay), and stopped by
/// Stop() (SIGTERM, then wait) or the destructor. The port is chosen once (FreeLoopbackPort) and
/// kept across restarts, as a shard's address is in the stub. Not thread-safe.
class ShardServer {
 public:
  explicit ShardServer(std::string db_dir);
  ~ShardServer();
  ShardServer(const ShardServer&) = delete;
  ShardServer& operator=(const ShardServer&) = delete;

  /// Starts the server; returns false if it exited before listening (e.g. the port is taken).
  bool Start();
  void Stop();
  unsigned short port() const { return port_; }

 private:
  std::string db_dir_;
  unsigned short port_;
  std::unique_ptr<Poco::ProcessHandle> handle_;
  std::unique_ptr<Poco::Pipe> out_;  // kept open: a closed pipe would kill the server (SIGPIPE)
};

/// Writes a stub database file at `stub` naming one remote shard per port of `ports`
/// ("remote 127.0.0.1:PORT" lines, the form Xapian 1.4's stub reader takes for TCP), followed by
/// `extra_lines` as given (e.g. "# coop:spelling PATH"). Throws std::runtime_error on I/O error.
void WriteRemoteStub(const std::string& stub, const std::vector<unsigned short>& ports,
                     const std::vector<std::string>& extra_lines = {});

/// The response body with every "took_ms":N replaced by "took_ms":0 (the one field allowed to
/// differ between two servers answering the same request).
std::string WithoutTimings(const std::string& body);

}  // namespace coop::testing

#endif  // COOP_TESTS_SHARD_SERVERS_H_
