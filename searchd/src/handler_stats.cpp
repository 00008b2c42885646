// GET /api/stats: what the index holds (sources, records, partnerships, actors, countries, years,
// last commit), its largest facet values, and a few searches to start from: the home page's
// figures, from one call.
#include "coop/http.h"
#include "corpus_folder.h"
#include "document_json.h"

namespace coop::http {
namespace {

constexpr std::size_t kLargest = 8;  // values listed per facet

// Ways in: the largest domains, cities, regions and actors as the searches that tick them,
// with their exact record counts (a facet value's count is its search's total).
std::vector<ExampleSearch> Examples(const IndexSummary& stats) {
  static constexpr std::pair<std::string_view, std::size_t> kTake[] = {
      {"domain", 2}, {"city", 1}, {"region", 1}, {"actor", 1}};
  std::vector<ExampleSearch> out;
  for (const auto& [name, take] : kTake) {
    for (const StatsFacet& f : stats.facets) {
      if (f.name != name) continue;
      for (std::size_t i = 0; i < take && i < f.largest.size(); ++i) {
        out.push_back({f.largest[i].value, f.name, f.largest[i].value, f.largest[i].count});
      }
    }
  }
  return out;
}

class StatsHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit StatsHandler(std::shared_ptr<const ServerContext> ctx) : ctx_(std::move(ctx)) {}
  void handleRequest(Poco::Net::HTTPServerRequest& req,
                     Poco::Net::HTTPServerResponse& resp) override {
    AnswerSearchJson(*ctx_, resp, [&] {
      static const std::set<std::string> kNoParameters;
      QueryParameters(req, kNoParameters);
      const IndexSummary stats = ThreadSearcher(*ctx_).Stats(kLargest);
      return StatsJson(stats, ReadManifest(ctx_->corpus_dir), Examples(stats));
    });
  }

 private:
  std::shared_ptr<const ServerContext> ctx_;
};

}  // namespace

Poco::Net::HTTPRequestHandler* MakeStatsHandler(std::shared_ptr<const ServerContext> ctx) {
  return new StatsHandler(std::move(ctx));
}

}  // namespace coop::http
