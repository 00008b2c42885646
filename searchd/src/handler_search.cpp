// GET /api/search?q=&page=&size=&sort=&city=&region=&domain=&actor=&country=&year= : the search
// API (docs/API.md).
#include <exception>

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
    SearchRequest req;
    std::exception_ptr bad;
    try {
      req = ParseSearchParameters(QueryParameters(request, SearchParameterNames()));
    } catch (...) {
      bad = std::current_exception();
    }
    if (bad) {  // answered as every handler answers it
      AnswerJsonText(response, [&]() -> std::string { std::rethrow_exception(bad); });
      return;
    }
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
    AnswerJsonText(response, [&] {
      Searcher& searcher = ThreadSearcher(*ctx_);
      const SearchResult result = searcher.Search(req);
      ctx_->metrics.NoteReopen(searcher.LastReopen());
      return SearchResultJson(result);
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
