// HTTP plumbing of coop-searchd: the route table, JSON responses and per-thread searchers.
// One handler per file under searchd/src/handlers_*.cpp; routes are declared in one table (routes.cpp).
#ifndef COOP_HTTP_H_
#define COOP_HTTP_H_

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "coop/searcher.h"

namespace coop::http {

/// Settings shared, read-only, by every handler.
struct ServerContext {
  std::string index_path;
};

/// The calling thread's Searcher on ctx.index_path, created on first use. Poco's worker threads
/// live as long as the server, so each keeps its own Xapian::Database (Xapian objects are not
/// thread-safe). Throws Xapian::DatabaseOpeningError if the index cannot be opened.
Searcher& ThreadSearcher(const ServerContext& ctx);

/// Sends `body` as application/json with `status`. Call at most once per response.
void SendJson(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
              const Poco::JSON::Object& body);

/// Sends {"error": {"code": code, "message": message}} with `status`.
void SendError(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
               const std::string& code, const std::string& message);

/// One entry of the route table: METHOD + exact path -> handler maker.
struct Route {
  std::string method;
  std::string path;
  std::function<Poco::Net::HTTPRequestHandler*()> make;
};

/// The routes of coop-searchd (GET /, /api/search, /healthz), bound to `ctx`.
std::vector<Route> DefaultRoutes(std::shared_ptr<const ServerContext> ctx);

/// Dispatches by the route table: unknown path -> 404 JSON, known path with another method -> 405
/// JSON with an Allow header. Never returns nullptr (Poco would answer 501). Thread-safe.
class Router : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Router(std::vector<Route> routes) : routes_(std::move(routes)) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest& request) override;

 private:
  std::vector<Route> routes_;
};

// Handler makers, one per file.
Poco::Net::HTTPRequestHandler* MakeSearchHandler(std::shared_ptr<const ServerContext> ctx);
Poco::Net::HTTPRequestHandler* MakePageHandler();
Poco::Net::HTTPRequestHandler* MakeHealthHandler(std::shared_ptr<const ServerContext> ctx);

}  // namespace coop::http

#endif  // COOP_HTTP_H_
