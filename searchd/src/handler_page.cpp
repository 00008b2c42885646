// GET / : the search page (searchd/web/index.html, compiled into the binary).
#include <Poco/Net/HTTPServerRequest.h>

#include "coop/http.h"

namespace coop::embedded {
extern const std::string_view kSearchPage;
}

namespace coop::http {
namespace {

class PageHandler : public Poco::Net::HTTPRequestHandler {
 public:
  void handleRequest(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& resp) override {
    resp.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
    resp.setContentType("text/html; charset=utf-8");
    resp.set(
        "Content-Security-Policy",
        "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'");
    resp.setContentLength(static_cast<std::streamsize>(embedded::kSearchPage.size()));
    resp.send().write(embedded::kSearchPage.data(),
                      static_cast<std::streamsize>(embedded::kSearchPage.size()));
  }
};

}  // namespace

Poco::Net::HTTPRequestHandler* MakePageHandler() { return new PageHandler; }

}  // namespace coop::http
