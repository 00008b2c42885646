// GET /api/suggest?prefix=&size= : autocomplete over actors, places and domains.
#include <Poco/NumberParser.h>

#include "coop/http.h"
#include "coop/query_parser.h"
#include "result_json.h"

namespace coop::http {
namespace {

class SuggestHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit SuggestHandler(std::shared_ptr<const ServerContext> ctx) : ctx_(std::move(ctx)) {}
  void handleRequest(Poco::Net::HTTPServerRequest& req,
                     Poco::Net::HTTPServerResponse& resp) override {
    AnswerSearchJson(*ctx_, resp, [&] {
      auto params = QueryParameters(req, {"prefix", "size"});
      const std::string prefix = params.count("prefix") ? params["prefix"].back() : "";
      int size = 10;
      if (params.count("size") &&
          (!Poco::NumberParser::tryParse(params["size"].back(), size) || size < 1 || size > 50)) {
        throw QueryError("size must be an integer between 1 and 50");
      }
      return SuggestionsJson(prefix,
                             ThreadSearcher(*ctx_).Suggest(prefix, static_cast<std::size_t>(size)));
    });
  }

 private:
  std::shared_ptr<const ServerContext> ctx_;
};

}  // namespace

Poco::Net::HTTPRequestHandler* MakeSuggestHandler(std::shared_ptr<const ServerContext> ctx) {
  return new SuggestHandler(std::move(ctx));
}

}  // namespace coop::http
