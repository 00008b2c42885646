// GET /api/search?q=&page=&size=&sort=&city=&region=&domain=&actor=&country=&year= : the search
// API (docs/API.md).
#include "coop/http.h"
#include "coop/search_request.h"
#include "result_json.h"

namespace coop::http {
namespace {

class SearchHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit SearchHandler(std::shared_ptr<const ServerContext> ctx) : ctx_(std::move(ctx)) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    const std::optional<SearchRequest> req = ParseSearchOrAnswer(request, response);
    if (!req) return;
    WithCostlySlot(*ctx_, response, {.costly = IsCostlySearch(*req)}, [&] {
      AnswerSearchJson(*ctx_, response, [&] {
        Searcher& searcher = ThreadSearcher(*ctx_);
        const SearchResult result = searcher.Search(*req);
        ctx_->metrics.NoteReopen(searcher.LastReopen());
        return SearchResultJson(result);
      });
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
