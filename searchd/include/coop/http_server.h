// The connection layer of coop-searchd: Poco's TCPServer with a connection loop of our own in
// place of Poco's HTTPServerConnection, for three things Poco's lacks (issue 21, measured in
// docs/RELIABILITY.md):
// - a deadline for the whole request head from its first byte, however slowly it trickles
//   (Poco's receive timeout restarts with each byte: 64 clients sending a byte every 3 s held
//   every worker and made other requests wait 29 s);
// - a cap on requests per keep-alive connection;
// - fairness under saturation: while connections wait in the accept queue, a worker answers its
//   current request with `Connection: close` and does not wait on an idle keep-alive connection
//   (with wrk -c64, a new client waited 14 s behind the keep-alive ones).
// Requests are parsed and answered by Poco (HTTPServerRequestImpl, HTTPServerResponseImpl) and
// dispatched by an HTTPRequestHandlerFactory (coop::http::Router).
#ifndef COOP_HTTP_SERVER_H_
#define COOP_HTTP_SERVER_H_

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Timespan.h>

#include <memory>
#include <string>

namespace coop::http {

/// How the server listens and treats connections.
struct HttpServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;       ///< 0: an ephemeral port (see HttpServer::Port).
  int threads = 64;      ///< Worker threads, one connection each at a time.
  int max_queued = 256;  ///< Accepted connections waiting for a worker; more are closed.
  int backlog = 64;      ///< listen(2) backlog.
  /// Time from a request head's first byte (or from a new connection's start) until the whole
  /// head (request line and headers) must have arrived; the connection is closed otherwise.
  Poco::Timespan head_deadline{2, 0};
  /// Longest wait for the next request on an idle keep-alive connection (cut short while
  /// connections are queued), and for each read of a body and each write of a response.
  Poco::Timespan idle_timeout{5, 0};
  /// Requests served on one connection before it is closed.
  int max_requests_per_connection = 100;
};

/// An HTTP/1.x server answering with `factory`'s handlers. Start() listens and serves on worker
/// threads; Stop() stops. Not copyable. The methods are not thread-safe against each other
/// (call them from one thread); the serving itself is multi-threaded.
class HttpServer {
 public:
  /// Binds the listening socket (throws Poco::Net::NetException if it cannot).
  HttpServer(Poco::Net::HTTPRequestHandlerFactory::Ptr factory, const HttpServerOptions& options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// Starts accepting and serving connections.
  void Start();
  /// The port listened on (the real one when options.port was 0).
  unsigned short Port() const;
  /// Stops accepting, lets requests in progress finish for up to `grace`, then closes every
  /// connection still open. Idle keep-alive connections are closed at once.
  void Stop(Poco::Timespan grace);

  struct State;  ///< Defined in http_server.cpp.

 private:
  std::unique_ptr<State> state_;
};

}  // namespace coop::http

#endif  // COOP_HTTP_SERVER_H_
