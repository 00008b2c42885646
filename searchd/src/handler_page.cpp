// GET / (the search page, searchd/web/index.html), its scripts and style (/app.js, /filters.js,
// /record_view.js, /app.css) and GET /api/openapi.json (searchd/web/openapi.json): files
// compiled into the binary, served as they are. The page has no inline script or style, so its CSP
// allows only 'self'.
#include <Poco/Net/HTTPServerRequest.h>

#include "coop/http.h"

namespace coop::embedded {
extern const std::string_view kSearchPage;
extern const std::string_view kPageScript;
extern const std::string_view kDocumentsScript;
extern const std::string_view kDocumentsStyle;
extern const std::string_view kPageStyle;
extern const std::string_view kFiltersScript;
extern const std::string_view kRecordViewScript;
extern const std::string_view kOpenApi;
}  // namespace coop::embedded

namespace coop::http {
namespace {

class EmbeddedFileHandler : public Poco::Net::HTTPRequestHandler {
 public:
  EmbeddedFileHandler(std::string_view body, const char* content_type)
      : body_(body),
        content_type_(content_type),
        html_(std::string_view(content_type).starts_with("text/html")) {}
  void handleRequest(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& resp) override {
    resp.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
    resp.setContentType(content_type_);
    if (html_) resp.set("Content-Security-Policy", kPageCsp);
    resp.setContentLength(static_cast<std::streamsize>(body_.size()));
    resp.send().write(body_.data(), static_cast<std::streamsize>(body_.size()));
  }

 private:
  std::string_view body_;
  const char* content_type_;
  bool html_;
};

}  // namespace

Poco::Net::HTTPRequestHandler* MakePageHandler() {
  return new EmbeddedFileHandler(embedded::kSearchPage, "text/html; charset=utf-8");
}

Poco::Net::HTTPRequestHandler* MakeScriptHandler() {
  return new EmbeddedFileHandler(embedded::kPageScript, "text/javascript; charset=utf-8");
}

Poco::Net::HTTPRequestHandler* MakeFiltersScriptHandler() {
  return new EmbeddedFileHandler(embedded::kFiltersScript, "text/javascript; charset=utf-8");
}

Poco::Net::HTTPRequestHandler* MakeRecordViewScriptHandler() {
  return new EmbeddedFileHandler(embedded::kRecordViewScript, "text/javascript; charset=utf-8");
}

Poco::Net::HTTPRequestHandler* MakeDocumentsScriptHandler() {
  return new EmbeddedFileHandler(embedded::kDocumentsScript, "text/javascript; charset=utf-8");
}

Poco::Net::HTTPRequestHandler* MakeDocumentsStyleHandler() {
  return new EmbeddedFileHandler(embedded::kDocumentsStyle, "text/css; charset=utf-8");
}

Poco::Net::HTTPRequestHandler* MakeStyleHandler() {
  return new EmbeddedFileHandler(embedded::kPageStyle, "text/css; charset=utf-8");
}

Poco::Net::HTTPRequestHandler* MakeOpenApiHandler() {
  return new EmbeddedFileHandler(embedded::kOpenApi, "application/json; charset=utf-8");
}

}  // namespace coop::http
