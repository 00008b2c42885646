#include <Poco/URI.h>
#include <xapian.h>

#include <exception>
#include <sstream>

#include "coop/http.h"
#include "coop/query_parser.h"
#include "json_writer.h"

namespace coop::http {

namespace {
thread_local std::unique_ptr<Searcher> searcher;
thread_local std::string path;
}  // namespace

void DropThreadSearcher() { searcher.reset(); }

Searcher& ThreadSearcher(const ServerContext& ctx) {
  if (!searcher || path != ctx.index_path) {
    searcher = std::make_unique<Searcher>(
        ctx.index_path,
        SearcherOptions{.revisions = ctx.revisions, .match_time_limit = ctx.match_time_limit});
    path = ctx.index_path;
  }
  return *searcher;
}

void SendJson(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
              const Poco::JSON::Object& body) {
  std::ostringstream out;
  body.stringify(out);
  SendJsonText(response, status, out.str());
}

void SendJsonText(Poco::Net::HTTPServerResponse& response,
                  Poco::Net::HTTPResponse::HTTPStatus status, const std::string& text) {
  response.setStatusAndReason(status);
  response.setContentType("application/json; charset=utf-8");
  response.set("Cache-Control", "no-store");
  response.setContentLength(static_cast<std::streamsize>(text.size()));
  response.send() << text;
}

void SendError(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
               const std::string& code, const std::string& message) {
  // JsonWriter, not Poco::JSON: messages quote the client's path and parameters, and Poco copies
  // ill-formed UTF-8 through (0xFF 0xFE of "GET /%ff%fe" made a body no JSON parser accepts);
  // JsonWriter replaces each ill-formed sequence by U+FFFD.
  JsonWriter w(256);
  w.StartObject();
  w.Key("error");
  w.StartObject();
  w.Key("code");
  w.String(code);
  w.Key("message");
  w.String(message);
  w.EndObject();
  w.EndObject();
  SendJsonText(response, status, w.Finish());
}

std::map<std::string, std::vector<std::string>> QueryParameters(
    const Poco::Net::HTTPServerRequest& request, const std::set<std::string>& allowed) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& [name, value] : Poco::URI(request.getURI()).getQueryParameters()) {
    if (!allowed.count(name)) throw QueryError("unknown parameter '" + name.substr(0, 60) + "'");
    out[name].push_back(value);
  }
  return out;
}

void AnswerJsonText(Poco::Net::HTTPServerResponse& response,
                    const std::function<std::string()>& body) {
  AnswerText(response, "application/json; charset=utf-8", body);
}

void AnswerText(Poco::Net::HTTPServerResponse& response, const std::string& content_type,
                const std::function<std::string()>& body) {
  using Status = Poco::Net::HTTPResponse;
  try {
    std::string text;
    try {
      text = body();
    } catch (const Xapian::NetworkError&) {
      // A remote shard closed its connection (restarted, or down): this thread's connections
      // are dead for good (Xapian does not reconnect). Reconnect once; a shard still down
      // throws again, below. A search only reads, so running it again is harmless.
      DropThreadSearcher();
      text = body();
    }
    response.setStatusAndReason(Status::HTTP_OK);
    response.setContentType(content_type);
    response.set("Cache-Control", "no-store");
    response.setContentLength(static_cast<std::streamsize>(text.size()));
    response.send() << text;
  } catch (const QueryError& e) {
    SendError(response, Status::HTTP_BAD_REQUEST, "bad_request", e.what());
  } catch (const QueryTimeout& e) {
    response.set("Retry-After", "1");
    SendError(response, Status::HTTP_SERVICE_UNAVAILABLE, "query_timeout", e.what());
  } catch (const Poco::SyntaxException& e) {  // malformed percent-encoding
    SendError(response, Status::HTTP_BAD_REQUEST, "bad_request",
              "malformed query string: " + e.message());
  } catch (const Xapian::DocNotFoundError& e) {
    SendError(response, Status::HTTP_NOT_FOUND, "not_found", e.get_msg());
  } catch (const Xapian::NetworkError& e) {
    DropThreadSearcher();  // the next request connects again: recovery needs no restart
    response.set("Retry-After", "1");
    SendError(response, Status::HTTP_SERVICE_UNAVAILABLE, "shard_unavailable",
              "a remote shard does not answer: " + e.get_description());
  } catch (const Xapian::Error& e) {
    SendError(response, Status::HTTP_INTERNAL_SERVER_ERROR, "index_error", e.get_description());
  }
}

void AnswerSearchJson(const ServerContext& ctx, Poco::Net::HTTPServerResponse& response,
                      const std::function<std::string()>& body) {
  AnswerSearchText(ctx, response, "application/json; charset=utf-8", body);
}

void AnswerSearchText(const ServerContext& ctx, Poco::Net::HTTPServerResponse& response,
                      const std::string& content_type, const std::function<std::string()>& body) {
  AnswerText(response, content_type, [&] {
    std::string text;
    ctx.search_slots->Run([&] { text = body(); });
    return text;
  });
}

bool IsCostlySearch(const SearchRequest& req) {
  return req.q.find('*') != std::string::npos || req.q.size() > 200;
}

void WithCostlySlot(const ServerContext& ctx, Poco::Net::HTTPServerResponse& response,
                    const CostlySlotOptions& options, const std::function<void()>& answer) {
  if (!options.costly) {
    answer();
    return;
  }
  if (!ctx.costly_slots->try_acquire_for(ctx.costly_wait)) {
    response.set("Retry-After", "1");
    SendError(response, Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE, "busy",
              options.busy_message);
    return;
  }
  struct Release {
    const ServerContext& ctx;
    ~Release() { ctx.costly_slots->release(); }
  } release{ctx};
  answer();
}

std::optional<SearchRequest> ParseSearchOrAnswer(const Poco::Net::HTTPServerRequest& request,
                                                 Poco::Net::HTTPServerResponse& response) {
  std::optional<SearchRequest> req;
  // Through AnswerJsonText, so that a bad parameter is answered as every handler answers it.
  std::exception_ptr bad;
  try {
    req = ParseSearchParameters(QueryParameters(request, SearchParameterNames()));
  } catch (...) {
    bad = std::current_exception();
  }
  if (bad) AnswerJsonText(response, [&]() -> std::string { std::rethrow_exception(bad); });
  return req;
}

}  // namespace coop::http
