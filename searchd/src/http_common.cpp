#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/URI.h>

#include <sstream>

#include "coop/http.h"

namespace coop::http {

Searcher& ThreadSearcher(const ServerContext& ctx) {
  thread_local std::unique_ptr<Searcher> searcher;
  if (!searcher) searcher = std::make_unique<Searcher>(ctx.index_path);
  return *searcher;
}

void SendJson(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
              const Poco::JSON::Object& body) {
  std::ostringstream out;
  body.stringify(out);
  const std::string text = out.str();
  response.setStatusAndReason(status);
  response.setContentType("application/json; charset=utf-8");
  response.set("Cache-Control", "no-store");
  response.setContentLength(static_cast<std::streamsize>(text.size()));
  response.send() << text;
}

void SendError(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
               const std::string& code, const std::string& message) {
  Poco::JSON::Object::Ptr error = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  error->set("code", code);
  error->set("message", message);
  Poco::JSON::Object body;
  body.set("error", error);
  SendJson(response, status, body);
}

namespace {

class ErrorHandler : public Poco::Net::HTTPRequestHandler {
 public:
  ErrorHandler(Poco::Net::HTTPResponse::HTTPStatus status, std::string code, std::string message,
               std::string allow)
      : status_(status), code_(std::move(code)), message_(std::move(message)),
        allow_(std::move(allow)) {}
  void handleRequest(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& resp) override {
    if (!allow_.empty()) resp.set("Allow", allow_);
    SendError(resp, status_, code_, message_);
  }

 private:
  Poco::Net::HTTPResponse::HTTPStatus status_;
  std::string code_, message_, allow_;
};

}  // namespace

Poco::Net::HTTPRequestHandler* Router::createRequestHandler(
    const Poco::Net::HTTPServerRequest& request) {
  std::string path;
  try {
    path = Poco::URI(request.getURI()).getPath();
  } catch (const Poco::Exception& e) {
    return new ErrorHandler(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, "bad_request",
                            "malformed request URI: " + e.message(), "");
  }
  std::string allow;
  for (const Route& r : routes_) {
    if (r.path != path) continue;
    if (r.method == request.getMethod()) return r.make();
    allow += (allow.empty() ? "" : ", ") + r.method;
  }
  if (!allow.empty()) {
    return new ErrorHandler(Poco::Net::HTTPResponse::HTTP_METHOD_NOT_ALLOWED, "method_not_allowed",
                            request.getMethod() + " is not allowed on " + path, allow);
  }
  return new ErrorHandler(Poco::Net::HTTPResponse::HTTP_NOT_FOUND, "not_found",
                          "no such route: " + path, "");
}

std::vector<Route> DefaultRoutes(std::shared_ptr<const ServerContext> ctx) {
  return {
      {"GET", "/", [] { return MakePageHandler(); }},
      {"GET", "/api/search", [ctx] { return MakeSearchHandler(ctx); }},
      {"GET", "/healthz", [ctx] { return MakeHealthHandler(ctx); }},
  };
}

}  // namespace coop::http
