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
    const std::optional<SearchRequest> parsed = ParseSearchOrAnswer(request, response);
    if (!parsed) return;
    const SearchRequest& req = *parsed;
    // The same guard as /api/search: a map runs the search it pictures.
    WithCostlySlot(*ctx_, response, {.costly = IsCostlySearch(req)}, [&] {
      const bool svg = format_ == MapFormat::kSvg;
      AnswerSearchText(
          *ctx_, response, svg ? "image/svg+xml; charset=utf-8" : "application/json; charset=utf-8",
          [&] {
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
