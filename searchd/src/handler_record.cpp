// GET /api/records/{id} and GET /api/actors/{id}: one entity of the index, looked up by id.
#include "coop/http.h"
#include "coop/query_parser.h"
#include "result_json.h"

namespace coop::http {
namespace {

// Looks an entity up with the calling thread's Searcher and writes its JSON; `params` are the
// request's parameters (only those the route allows).
using Lookup =
    std::function<std::string(Searcher&, const std::string& id,
                              const std::map<std::string, std::vector<std::string>>& params)>;

class LookupHandler : public Poco::Net::HTTPRequestHandler {
 public:
  LookupHandler(std::shared_ptr<const ServerContext> ctx, std::string id,
                std::set<std::string> allowed, Lookup lookup)
      : ctx_(std::move(ctx)), id_(std::move(id)), allowed_(std::move(allowed)), lookup_(lookup) {}
  void handleRequest(Poco::Net::HTTPServerRequest& req,
                     Poco::Net::HTTPServerResponse& resp) override {
    AnswerSearchJson(*ctx_, resp, [&] {
      const auto params = QueryParameters(req, allowed_);
      return lookup_(ThreadSearcher(*ctx_), id_, params);
    });
  }

 private:
  std::shared_ptr<const ServerContext> ctx_;
  std::string id_;
  std::set<std::string> allowed_;
  Lookup lookup_;
};

}  // namespace

Poco::Net::HTTPRequestHandler* MakeRecordHandler(std::shared_ptr<const ServerContext> ctx,
                                                 const std::string& id) {
  // ?q=: the query the record was reached from, whose words the passages mark (issue 17).
  return new LookupHandler(std::move(ctx), id, {"q"},
                           [](Searcher& s, const std::string& record, const auto& params) {
                             RecordOptions options;
                             if (const auto q = params.find("q"); q != params.end()) {
                               if (q->second.size() > 1)
                                 throw QueryError("parameter 'q' given twice");
                               options.q = q->second[0];
                             }
                             return RecordPageJson(s.Record(record, options));
                           });
}

Poco::Net::HTTPRequestHandler* MakeActorHandler(std::shared_ptr<const ServerContext> ctx,
                                                const std::string& id) {
  return new LookupHandler(std::move(ctx), id, {},
                           [](Searcher& s, const std::string& actor, const auto&) {
                             return ActorPageJson(s.Actor(actor));
                           });
}

}  // namespace coop::http
