// GET /healthz : whether the index answers a search, and its counts. The probe opens the index
// as a search does (the calling thread's Searcher) and runs one: an index that opens but whose
// searches fail (an empty stub, corrupt posting blocks) is reported 503 with the reason, not
// "ok" (issue 21).
#include <Poco/Net/HTTPServerRequest.h>
#include <xapian.h>

#include "coop/http.h"
#include "coop/index_metadata.h"
#include "json_writer.h"

namespace coop::http {

IndexHealth ProbeIndex(const ServerContext& ctx) {
  IndexHealth health;
  try {
    Searcher& searcher = ThreadSearcher(ctx);
    // Browsing reads the record kind's postings and the record table, as every search does.
    SearchRequest browse;
    browse.size = 1;
    const SearchResult result = searcher.Search(browse);
    health.records = result.total;
    // A word search runs what browsing skips: the parser and Xapian's matcher on the database
    // (a browse is served from the record table, which outlives a database emptied under it).
    SearchRequest word;
    word.q = "healthz";
    word.size = 1;
    searcher.Search(word);
    // Search() brought this thread's database to the newest revision: the count is current.
    health.documents = searcher.DocumentCount();
    health.ok = true;
  } catch (const Xapian::NetworkError& e) {
    DropThreadSearcher();  // a remote shard is down or restarted: connect anew next time
    health.code = "shard_unavailable";
    health.reason = "a remote shard does not answer: " + e.get_description();
  } catch (const Xapian::Error& e) {
    health.reason = e.get_description();
  } catch (const std::exception& e) {  // IndexFormatError, QueryError, bad_alloc
    health.reason = e.what();
  }
  return health;
}

namespace {

class HealthHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit HealthHandler(std::shared_ptr<const ServerContext> ctx) : ctx_(std::move(ctx)) {}
  void handleRequest(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& resp) override {
    const IndexHealth health = ProbeIndex(*ctx_);
    if (!health.ok) {
      if (health.code == "shard_unavailable") resp.set("Retry-After", "1");
      SendError(resp, Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE, health.code,
                health.reason);
      return;
    }
    JsonWriter w(128);
    w.StartObject();
    w.Key("status");
    w.String("ok");
    w.Key("documents");
    w.Uint(health.documents);
    w.Key("records");
    w.Uint(health.records);
    w.EndObject();
    SendJsonText(resp, Poco::Net::HTTPResponse::HTTP_OK, w.Finish());
  }

 private:
  std::shared_ptr<const ServerContext> ctx_;
};

}  // namespace

Poco::Net::HTTPRequestHandler* MakeHealthHandler(std::shared_ptr<const ServerContext> ctx) {
  return new HealthHandler(std::move(ctx));
}

}  // namespace coop::http
