// GET /metrics : Prometheus text exposition of request counts, latencies and index state.
#include <xapian.h>

#include "coop/http.h"

namespace coop::http {
namespace {

class MetricsHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit MetricsHandler(std::shared_ptr<const ServerContext> ctx) : ctx_(std::move(ctx)) {}
  void handleRequest(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& resp) override {
    // The /healthz probe: the count of the newest revision, whichever thread answers, and
    // whether the index answers searches. Metrics answer even when it does not (documents 0).
    const IndexHealth health = ProbeIndex(*ctx_);
    std::string text = ctx_->metrics.Prometheus(health.documents);
    text +=
        "# HELP coop_index_up 1 if the index answers a search (the /healthz probe), else 0.\n"
        "# TYPE coop_index_up gauge\n"
        "coop_index_up ";
    text += health.ok ? "1\n" : "0\n";
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
