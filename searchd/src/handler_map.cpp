// GET /api/map.svg and GET /api/map, with the parameters of /api/search: the map of issue 18 as a
// picture and as data (docs/API.md). page and size are accepted and ignored: the map is of the
// whole set.
#include <exception>
#include <limits>

#include "coop/http.h"
#include "coop/search_request.h"
#include "exec/index_revision.h"
#include "map_picture.h"

namespace coop::http {
namespace {

class MapHandler : public Poco::Net::HTTPRequestHandler {
 public:
  MapHandler(std::shared_ptr<const ServerContext> ctx, MapFormat format)
      : ctx_(std::move(ctx)), format_(format) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    SearchRequest req;
    std::exception_ptr bad;
    try {
      req = ParseSearchParameters(QueryParameters(request, SearchParameterNames()));
    } catch (...) {
      bad = std::current_exception();
    }
    if (bad) {  // answered as every handler answers it, in JSON
      AnswerJsonText(response, [&]() -> std::string { std::rethrow_exception(bad); });
      return;
    }
    // The same guard as /api/search: a map runs the search it pictures.
    const bool costly = req.q.find('*') != std::string::npos || req.q.size() > 200;
    if (costly && !ctx_->costly_slots->try_acquire_for(ctx_->costly_wait)) {
      response.set("Retry-After", "1");
      SendError(response, Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE, "busy",
                "too many costly searches (prefix* or long queries) at once; retry shortly");
      return;
    }
    struct Release {
      const ServerContext* ctx;
      bool held;
      ~Release() {
        if (held) ctx->costly_slots->release();
      }
    } release{ctx_.get(), costly};
    const bool svg = format_ == MapFormat::kSvg;
    AnswerText(
        response, svg ? "image/svg+xml; charset=utf-8" : "application/json; charset=utf-8", [&] {
          Searcher& searcher = ThreadSearcher(*ctx_);
          SearchRequest whole = req;
          whole.page = 1;
          whole.size = 1;  // no page is shown: one hit, the cheapest valid page
          const SearchResult result = searcher.Search(
              whole, {.facet_limit = std::numeric_limits<std::size_t>::max(), .records = true});
          ctx_->metrics.NoteReopen(searcher.LastReopen());
          const map::MapData data = map::BuildMap(result, req,
                                                  {.cities = result.revision->place_points(),
                                                   .regions = result.revision->region_points()});
          return svg ? map::MapSvg(data, req) : map::MapJson(data, req);
        });
  }

 private:
  std::shared_ptr<const ServerContext> ctx_;
  MapFormat format_;
};

}  // namespace

Poco::Net::HTTPRequestHandler* MakeMapHandler(std::shared_ptr<const ServerContext> ctx,
                                              MapFormat format) {
  return new MapHandler(std::move(ctx), format);
}

}  // namespace coop::http
