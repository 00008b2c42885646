// GET /api/pairs?by=region|country|city&q=&city=...: who works with whom (issue 18), the
// partnership counts between the foreign side and the Moroccan 2015 regions of a search
// (docs/API.md).
#include <exception>

#include "coop/http.h"
#include "coop/pairs.h"
#include "coop/query_parser.h"
#include "coop/search_request.h"
#include "json_writer.h"

namespace coop::http {
namespace {

const std::set<std::string>& PairsParameterNames() {
  static const std::set<std::string> names = [] {
    std::set<std::string> n = SearchParameterNames();
    n.insert("by");
    return n;
  }();
  return names;
}

std::string PairsJson(const PairsResult& r) {
  JsonWriter w;
  w.StartObject();
  w.Key("by");
  w.String(r.by);
  w.Key("rows");
  w.String(r.row_facet);
  w.Key("columns");
  w.String(r.column_facet);
  w.Key("total");
  w.Uint(r.total);
  for (const auto& [key, values] : {std::pair{"row_values", &r.rows},
                                    {"column_values", &r.columns},
                                    {"unknown_rows", &r.unknown_rows},
                                    {"former_rows", &r.former_rows}}) {
    w.Key(key);
    WriteValueCounts(w, *values);
  }
  w.Key("cells");
  w.StartArray();
  for (const PairCell& c : r.cells) {
    w.StartObject();
    w.Key("row");
    w.String(c.row);
    w.Key("column");
    w.String(c.column);
    w.Key("count");
    w.Uint(c.count);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Finish();
}

class PairsHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit PairsHandler(std::shared_ptr<const ServerContext> ctx) : ctx_(std::move(ctx)) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    // Costly as an export: a search with the list of all its records.
    const CostlySlotOptions slot{
        .busy_message = "too many pair counts, exports and costly searches at once; retry shortly"};
    WithCostlySlot(*ctx_, response, slot, [&] {
      AnswerSearchJson(*ctx_, response, [&] {
        auto params = QueryParameters(request, PairsParameterNames());
        const auto by = params.find("by");
        if (by == params.end() || by->second.size() != 1) {
          throw QueryError("by must be given once: 'region', 'country' or 'city'");
        }
        const std::string side = by->second[0];
        params.erase(by);
        const SearchRequest req = ParseSearchParameters(params);
        Searcher& searcher = ThreadSearcher(*ctx_);
        return PairsJson(CountPairs(searcher, req, side));
      });
    });
  }

 private:
  std::shared_ptr<const ServerContext> ctx_;
};

}  // namespace

Poco::Net::HTTPRequestHandler* MakePairsHandler(std::shared_ptr<const ServerContext> ctx) {
  return new PairsHandler(std::move(ctx));
}

}  // namespace coop::http
