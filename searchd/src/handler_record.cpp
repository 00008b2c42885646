// GET /api/records/{id} : a whole record with its passages and neighbours.
#include "coop/http.h"

namespace coop::http {
namespace {

class RecordHandler : public Poco::Net::HTTPRequestHandler {
 public:
  RecordHandler(std::shared_ptr<const ServerContext> ctx, std::string id)
      : ctx_(std::move(ctx)), id_(std::move(id)) {}
  void handleRequest(Poco::Net::HTTPServerRequest& req,
                     Poco::Net::HTTPServerResponse& resp) override {
    AnswerJson(resp, [&] {
      QueryParameters(req, {});
      return ThreadSearcher(*ctx_).Record(id_);
    });
  }

 private:
  std::shared_ptr<const ServerContext> ctx_;
  std::string id_;
};

}  // namespace

Poco::Net::HTTPRequestHandler* MakeRecordHandler(std::shared_ptr<const ServerContext> ctx,
                                                 const std::string& id) {
  return new RecordHandler(std::move(ctx), id);
}

}  // namespace coop::http
