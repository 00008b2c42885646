// GET /api/search?q=&page=&size=&sort=&city=&region=&domain=&actor=&country=&year= : the search
// API (docs/API.md).
#include <Poco/NumberParser.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/URI.h>
#include <xapian.h>

#include <set>

#include "coop/http.h"
#include "coop/query_parser.h"
#include "coop/schema.h"

namespace coop::http {
namespace {

const std::set<std::string> kSingleParameters = {"q", "page", "size", "sort"};

bool IsFacet(const std::string& name) {
  for (const schema::Facet& f : schema::kFacets) {
    if (f.name == name) return true;
  }
  return false;
}

int IntParameter(const std::string& name, const std::string& value) {
  int n = 0;
  if (!Poco::NumberParser::tryParse(value, n)) {
    throw QueryError(name + " must be an integer, got '" + value.substr(0, 40) + "'");
  }
  return n;
}

SearchRequest ParseRequest(const Poco::Net::HTTPServerRequest& request) {
  SearchRequest req;
  std::set<std::string> seen;
  for (const auto& [name, value] : Poco::URI(request.getURI()).getQueryParameters()) {
    if (IsFacet(name)) {  // repeatable: OR within a facet
      req.filters[name].push_back(value);
      continue;
    }
    if (!kSingleParameters.count(name)) throw QueryError("unknown parameter '" + name + "'");
    if (!seen.insert(name).second) throw QueryError("parameter '" + name + "' given twice");
    if (name == "q") req.q = value;
    if (name == "sort") req.sort = value;
    if (name == "page") req.page = IntParameter(name, value);
    if (name == "size") req.size = IntParameter(name, value);
  }
  return req;
}

class SearchHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit SearchHandler(std::shared_ptr<const ServerContext> ctx) : ctx_(std::move(ctx)) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    using Status = Poco::Net::HTTPResponse;
    try {
      SearchRequest req = ParseRequest(request);
      SendJson(response, Status::HTTP_OK, *ThreadSearcher(*ctx_).Search(req));
    } catch (const QueryError& e) {
      SendError(response, Status::HTTP_BAD_REQUEST, "bad_request", e.what());
    } catch (const Poco::SyntaxException& e) {  // malformed percent-encoding
      SendError(response, Status::HTTP_BAD_REQUEST, "bad_request",
                "malformed query string: " + e.message());
    } catch (const Xapian::Error& e) {
      SendError(response, Status::HTTP_INTERNAL_SERVER_ERROR, "index_error", e.get_description());
    }
  }

 private:
  std::shared_ptr<const ServerContext> ctx_;
};

}  // namespace

Poco::Net::HTTPRequestHandler* MakeSearchHandler(std::shared_ptr<const ServerContext> ctx) {
  return new SearchHandler(std::move(ctx));
}

}  // namespace coop::http
