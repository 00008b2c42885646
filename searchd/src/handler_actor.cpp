// GET /api/actors/{id} : an actor, its names, places and partnerships.
#include "coop/http.h"

namespace coop::http {
namespace {

class ActorHandler : public Poco::Net::HTTPRequestHandler {
 public:
  ActorHandler(std::shared_ptr<const ServerContext> ctx, std::string id)
      : ctx_(std::move(ctx)), id_(std::move(id)) {}
  void handleRequest(Poco::Net::HTTPServerRequest& req,
                     Poco::Net::HTTPServerResponse& resp) override {
    AnswerJson(resp, [&] {
      QueryParameters(req, {});
      return ThreadSearcher(*ctx_).Actor(id_);
    });
  }

 private:
  std::shared_ptr<const ServerContext> ctx_;
  std::string id_;
};

}  // namespace

Poco::Net::HTTPRequestHandler* MakeActorHandler(std::shared_ptr<const ServerContext> ctx,
                                                const std::string& id) {
  return new ActorHandler(std::move(ctx), id);
}

}  // namespace coop::http
