// GET /healthz : liveness and the index's document count.
#include <Poco/Net/HTTPServerRequest.h>
#include <xapian.h>

#include "coop/http.h"

namespace coop::http {
namespace {

class HealthHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit HealthHandler(std::shared_ptr<const ServerContext> ctx) : ctx_(std::move(ctx)) {}
  void handleRequest(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& resp) override {
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    try {
      body.set("status", "ok");
      body.set("documents", static_cast<Poco::UInt64>(ThreadSearcher(*ctx_).DocumentCount()));
      SendJson(resp, Poco::Net::HTTPResponse::HTTP_OK, body);
    } catch (const Xapian::Error& e) {
      SendError(resp, Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE, "index_unavailable",
                e.get_description());
    }
  }

 private:
  std::shared_ptr<const ServerContext> ctx_;
};

}  // namespace

Poco::Net::HTTPRequestHandler* MakeHealthHandler(std::shared_ptr<const ServerContext> ctx) {
  return new HealthHandler(std::move(ctx));
}

}  // namespace coop::http
