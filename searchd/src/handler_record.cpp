// GET /api/records/{id} and GET /api/actors/{id}: one entity of the index, looked up by id.
#include "coop/http.h"
#include "result_json.h"

namespace coop::http {
namespace {

// Looks an entity up with the calling thread's Searcher and writes its JSON.
using Lookup = std::function<std::string(Searcher&, const std::string& id)>;

class LookupHandler : public Poco::Net::HTTPRequestHandler {
 public:
  LookupHandler(std::shared_ptr<const ServerContext> ctx, std::string id, Lookup lookup)
      : ctx_(std::move(ctx)), id_(std::move(id)), lookup_(lookup) {}
  void handleRequest(Poco::Net::HTTPServerRequest& req,
                     Poco::Net::HTTPServerResponse& resp) override {
    AnswerJsonText(resp, [&] {
      static const std::set<std::string> kNoParameters;
      QueryParameters(req, kNoParameters);  // these routes take no parameters
      return lookup_(ThreadSearcher(*ctx_), id_);
    });
  }

 private:
  std::shared_ptr<const ServerContext> ctx_;
  std::string id_;
  Lookup lookup_;
};

}  // namespace

Poco::Net::HTTPRequestHandler* MakeRecordHandler(std::shared_ptr<const ServerContext> ctx,
                                                 const std::string& id) {
  return new LookupHandler(std::move(ctx), id, [](Searcher& s, const std::string& record) {
    return RecordPageJson(s.Record(record));
  });
}

Poco::Net::HTTPRequestHandler* MakeActorHandler(std::shared_ptr<const ServerContext> ctx,
                                                const std::string& id) {
  return new LookupHandler(std::move(ctx), id, [](Searcher& s, const std::string& actor) {
    return ActorPageJson(s.Actor(actor));
  });
}

}  // namespace coop::http
