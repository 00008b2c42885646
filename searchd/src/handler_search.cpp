// GET /api/search?q=&page=&size=&sort=&city=&region=&domain=&actor=&country=&year= : the search
// API (docs/API.md).
#include <Poco/NumberParser.h>

#include "coop/http.h"
#include "coop/query_parser.h"
#include "coop/schema.h"

namespace coop::http {
namespace {

const std::set<std::string>& Allowed() {
  static const std::set<std::string> allowed = [] {
    std::set<std::string> names = {"q", "page", "size", "sort"};
    for (const schema::Facet& f : schema::kFacets) names.emplace(f.name);
    return names;
  }();
  return allowed;
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
  for (auto& [name, values] : QueryParameters(request, Allowed())) {
    if (name == "q" || name == "page" || name == "size" || name == "sort") {
      if (values.size() > 1) throw QueryError("parameter '" + name + "' given twice");
      if (name == "q") req.q = values[0];
      if (name == "sort") req.sort = values[0];
      if (name == "page") req.page = IntParameter(name, values[0]);
      if (name == "size") req.size = IntParameter(name, values[0]);
    } else {
      req.filters[name] = std::move(values);  // a facet: repeatable, OR within it
    }
  }
  return req;
}

class SearchHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit SearchHandler(std::shared_ptr<const ServerContext> ctx) : ctx_(std::move(ctx)) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    AnswerJsonText(response, [&] {
      SearchRequest req = ParseRequest(request);
      Searcher& searcher = ThreadSearcher(*ctx_);
      std::string result = searcher.SearchJson(req);
      ctx_->metrics.NoteReopen(searcher.LastReopen());
      return result;
    });
  }

 private:
  std::shared_ptr<const ServerContext> ctx_;
};

}  // namespace

Poco::Net::HTTPRequestHandler* MakeSearchHandler(std::shared_ptr<const ServerContext> ctx) {
  return new SearchHandler(std::move(ctx));
}

}  // namespace coop::http
