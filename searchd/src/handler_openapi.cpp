// GET /api/openapi.json : the OpenAPI description of the API (searchd/web/openapi.json).
#include "coop/http.h"

namespace coop::embedded {
extern const std::string_view kOpenApi;
}

namespace coop::http {
namespace {

class OpenApiHandler : public Poco::Net::HTTPRequestHandler {
 public:
  void handleRequest(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& resp) override {
    resp.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
    resp.setContentType("application/json; charset=utf-8");
    resp.setContentLength(static_cast<std::streamsize>(embedded::kOpenApi.size()));
    resp.send().write(embedded::kOpenApi.data(),
                      static_cast<std::streamsize>(embedded::kOpenApi.size()));
  }
};

}  // namespace

Poco::Net::HTTPRequestHandler* MakeOpenApiHandler() { return new OpenApiHandler; }

}  // namespace coop::http
