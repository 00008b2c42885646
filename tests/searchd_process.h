// coop-searchd run as a child process on an ephemeral port, and the HTTP clients the tests of
// the HTTP layer use on it: a well-behaved one (Poco's HTTPClientSession) and a raw one that
// sends bytes as given (for request lines and headers Poco's client would not write).
#ifndef COOP_TESTS_SEARCHD_PROCESS_H_
#define COOP_TESTS_SEARCHD_PROCESS_H_

#include <Poco/Net/NameValueCollection.h>
#include <Poco/Process.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace coop::testing {

/// One HTTP answer: status, headers (names as sent) and body.
struct HttpReply {
  int status = 0;
  Poco::Net::NameValueCollection headers;
  std::string body;
  /// The header `name`, or "" if absent (names are case-insensitive).
  std::string Header(const std::string& name) const { return headers.get(name, ""); }
};

/// Options of a coop-searchd child process beyond --index.
struct SearchdOptions {
  std::vector<std::string> args = {"--threads", "4", "--timeout", "1"};
  /// The port to listen on (--port); 0 lets the kernel pick a free one.
  unsigned short port = 0;
  /// Extra environment variables (name -> value) for the child.
  std::map<std::string, std::string> env;
};

/// coop-searchd serving `index` on 127.0.0.1 and an ephemeral port, started by the constructor
/// (which waits for its "serving" line) and stopped (SIGTERM, then wait) by the destructor.
/// port() is 0 if the daemon did not start; its exit code is then in exit_code().
class SearchdProcess {
 public:
  explicit SearchdProcess(const std::string& index, const SearchdOptions& options = {});
  ~SearchdProcess();
  SearchdProcess(const SearchdProcess&) = delete;
  SearchdProcess& operator=(const SearchdProcess&) = delete;

  unsigned short port() const { return port_; }
  int exit_code() const { return exit_code_; }
  /// Process id of the running daemon (0 if it did not start).
  long pid() const { return handle_ ? static_cast<long>(handle_->id()) : 0; }

  /// One request on a new connection (`body` sent with `headers` when not empty). Throws
  /// Poco::Exception if the connection fails.
  HttpReply Request(const std::string& method, const std::string& uri,
                    const std::map<std::string, std::string>& headers = {},
                    const std::string& body = "") const;

  /// Sends `raw` bytes on a new connection and returns everything the server sends back until
  /// it closes the connection (or `guard_seconds` pass: a hang guard, not a speed bound).
  std::string Raw(const std::string& raw, int guard_seconds = 30) const;

 private:
  std::unique_ptr<Poco::ProcessHandle> handle_;
  unsigned short port_ = 0;
  int exit_code_ = -1;
};

/// Parses the status line and headers of raw HTTP response text (as SearchdProcess::Raw
/// returns); status 0 if it is not one.
HttpReply ParseRawReply(const std::string& raw);

}  // namespace coop::testing

#endif  // COOP_TESTS_SEARCHD_PROCESS_H_
