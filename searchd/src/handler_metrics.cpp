// GET /metrics : Prometheus text exposition of request counts, latencies and index state.
#include <xapian.h>

#include "coop/http.h"

namespace coop::http {
namespace {

class MetricsHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit MetricsHandler(std::shared_ptr<const ServerContext> ctx) : ctx_(std::move(ctx)) {}
  void handleRequest(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& resp) override {
    std::uint64_t documents = 0;
    try {
      documents = ThreadSearcher(*ctx_).DocumentCount();
    } catch (const Xapian::Error&) {
      // Metrics must answer even when the index is unavailable; documents stays 0.
    }
    const std::string text = ctx_->metrics.Prometheus(documents);
    resp.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
    resp.setContentType("text/plain; version=0.0.4; charset=utf-8");
    resp.setContentLength(static_cast<std::streamsize>(text.size()));
    resp.send() << text;
  }

 private:
  std::shared_ptr<const ServerContext> ctx_;
};

}  // namespace

Poco::Net::HTTPRequestHandler* MakeMetricsHandler(std::shared_ptr<const ServerContext> ctx) {
  return new MetricsHandler(std::move(ctx));
}

}  // namespace coop::http
