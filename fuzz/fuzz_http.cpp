// HTTP request handling (issue 21): coop-searchd's whole HTTP layer (our connection loop, Poco's
// request parser, the router and every handler) in-process on a loopback port, fed each input
// as the raw bytes of a connection. Needs COOP_FUZZ_INDEX (scripts/fuzz.sh). Every answer must
// start with an HTTP/1.x status line, or the server must close the connection.
#include <Poco/Exception.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "coop/http.h"
#include "coop/http_server.h"

namespace {

struct Server {
  std::shared_ptr<coop::http::ServerContext> ctx = std::make_shared<coop::http::ServerContext>();
  std::unique_ptr<coop::http::HttpServer> server;
  Server() {
    const char* index = std::getenv("COOP_FUZZ_INDEX");
    if (!index) std::abort();
    ctx->index_path = index;
    ctx->log_requests = false;
    coop::http::HttpServerOptions options;
    options.port = 0;
    options.threads = 4;
    options.head_deadline = Poco::Timespan(0, 200000);
    options.idle_timeout = Poco::Timespan(0, 200000);
    server = std::make_unique<coop::http::HttpServer>(
        new coop::http::Router(coop::http::DefaultRoutes(ctx), ctx), options);
    server->Start();
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Server server;
  try {
    Poco::Net::StreamSocket s(Poco::Net::SocketAddress("127.0.0.1", server.server->Port()));
    s.setReceiveTimeout(Poco::Timespan(5, 0));
    if (size > 0) s.sendBytes(data, static_cast<int>(size));
    s.shutdownSend();
    std::string answer;
    char buf[4096];
    for (int n; (n = s.receiveBytes(buf, sizeof buf)) > 0;) answer.append(buf, n);
    if (!answer.empty() && answer.rfind("HTTP/1.", 0) != 0) std::abort();
  } catch (const Poco::TimeoutException&) {
    std::abort();  // the server neither answered nor closed within 5 s
  } catch (const Poco::Exception&) {
    // Reset by the server: a refused connection or request.
  }
  return 0;
}
