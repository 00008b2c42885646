// Route matching, and the wrapper that logs, measures and guards every handler.
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/URI.h>

#include <chrono>
#include <cstdio>

#include "coop/http.h"

namespace coop::http {
namespace {

using Status = Poco::Net::HTTPResponse;

class ErrorHandler : public Poco::Net::HTTPRequestHandler {
 public:
  ErrorHandler(Status::HTTPStatus status, std::string code, std::string message,
               std::string allow = "")
      : status_(status),
        code_(std::move(code)),
        message_(std::move(message)),
        allow_(std::move(allow)) {}
  void handleRequest(Poco::Net::HTTPServerRequest& req,
                     Poco::Net::HTTPServerResponse& resp) override {
    if (!allow_.empty()) resp.set("Allow", allow_);
    // A body left unread would be taken for the next request: close instead.
    if (req.getChunkedTransferEncoding() || req.getContentLength() > 0) resp.setKeepAlive(false);
    if (status_ == Status::HTTP_REQUEST_ENTITY_TOO_LARGE) resp.setKeepAlive(false);
    if (status_ == Status::HTTP_VERSION_NOT_SUPPORTED) {
      // Poco answers in the request's version ("HTTP/9.9 200 OK" before): answer in ours.
      resp.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
      resp.setKeepAlive(false);
    }
    SendError(resp, status_, code_, message_);
  }

 private:
  Status::HTTPStatus status_;
  std::string code_, message_, allow_;
};

// Logs one line per request, feeds the metrics, and turns an escaped exception into a 500.
class Guarded : public Poco::Net::HTTPRequestHandler {
 public:
  Guarded(Poco::Net::HTTPRequestHandler* inner, std::string route,
          std::shared_ptr<const ServerContext> ctx)
      : inner_(inner), route_(std::move(route)), ctx_(std::move(ctx)) {}

  void handleRequest(Poco::Net::HTTPServerRequest& req,
                     Poco::Net::HTTPServerResponse& resp) override {
    const auto start = std::chrono::steady_clock::now();
    // Headers every response carries; a handler may replace the CSP (the page's).
    resp.set("X-Content-Type-Options", "nosniff");
    resp.set("Referrer-Policy", "no-referrer");
    resp.set("Content-Security-Policy", kDefaultCsp);
    if (!ctx_->cors_origin.empty()) {
      resp.set("Access-Control-Allow-Origin", ctx_->cors_origin);
      resp.set("Vary", "Origin");
    }
    try {
      inner_->handleRequest(req, resp);
    } catch (const std::exception& e) {
      if (!resp.sent()) SendError(resp, Status::HTTP_INTERNAL_SERVER_ERROR, "internal", e.what());
    }
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    ctx_->metrics.Observe(route_, resp.getStatus(), ms);
    if (ctx_->log_requests) {
      // One write per line: stderr is unbuffered, so streaming the parts cost a system call
      // each, and lines of concurrent requests could interleave.
      std::string line = req.getMethod() + ' ' + req.getURI().substr(0, 300) + ' ';
      char tail[48];
      std::snprintf(tail, sizeof tail, "%d %.3f ms\n", static_cast<int>(resp.getStatus()), ms);
      line += tail;
      std::fwrite(line.data(), 1, line.size(), stderr);
    }
  }

 private:
  std::unique_ptr<Poco::Net::HTTPRequestHandler> inner_;
  std::string route_;
  std::shared_ptr<const ServerContext> ctx_;
};

// Matches `path` against `pattern`; fills `param` for its "{id}" segment (non-empty, no '/'),
// which the pattern's fixed suffix, if any, follows.
bool Match(const std::string& pattern, const std::string& path, std::string& param) {
  const std::size_t brace = pattern.find('{');
  if (brace == std::string::npos) return pattern == path;
  const std::string_view suffix = std::string_view(pattern).substr(pattern.find('}', brace) + 1);
  if (path.size() <= brace + suffix.size() || path.compare(0, brace, pattern, 0, brace) != 0 ||
      !std::string_view(path).ends_with(suffix)) {
    return false;
  }
  param = path.substr(brace, path.size() - brace - suffix.size());
  return param.find('/') == std::string::npos;
}

}  // namespace

Poco::Net::HTTPRequestHandler* Router::createRequestHandler(
    const Poco::Net::HTTPServerRequest& request) {
  Poco::Net::HTTPRequestHandler* handler = nullptr;
  std::string route = "unmatched";
  std::string path;
  const std::string& version = request.getVersion();
  if (version != Poco::Net::HTTPMessage::HTTP_1_0 && version != Poco::Net::HTTPMessage::HTTP_1_1) {
    handler = new ErrorHandler(Status::HTTP_VERSION_NOT_SUPPORTED, "http_version_not_supported",
                               "HTTP/1.0 and HTTP/1.1 only");
  }
  if (!handler) {
    try {
      path = Poco::URI(request.getURI()).getPath();
    } catch (const Poco::Exception& e) {
      handler = new ErrorHandler(Status::HTTP_BAD_REQUEST, "bad_request",
                                 "malformed request URI: " + e.message());
    }
  }
  std::string allow;
  for (const Route& r : routes_) {
    if (handler) break;
    std::string param;
    if (!Match(r.pattern, path, param)) continue;
    if (r.method == request.getMethod() || (r.method == "GET" && request.getMethod() == "HEAD")) {
      const bool chunked = request.getChunkedTransferEncoding();
      if ((chunked && r.max_body == 0) || request.getContentLength() > r.max_body) {
        handler = new ErrorHandler(
            Status::HTTP_REQUEST_ENTITY_TOO_LARGE, "payload_too_large",
            r.max_body == 0 ? "this route takes no request body"
                            : "request body over " + std::to_string(r.max_body) + " bytes");
      } else {
        handler = r.make(param);
      }
      route = r.pattern;
    } else {
      allow += (allow.empty() ? "" : ", ") + r.method;
    }
  }
  if (!handler && !allow.empty()) {
    handler = new ErrorHandler(Status::HTTP_METHOD_NOT_ALLOWED, "method_not_allowed",
                               request.getMethod() + " is not allowed on " + path, allow);
  }
  if (!handler)
    handler = new ErrorHandler(Status::HTTP_NOT_FOUND, "not_found", "no such route: " + path);
  return new Guarded(handler, route, ctx_);
}

}  // namespace coop::http
