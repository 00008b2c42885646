// The route table of coop-searchd: every route, in one place (docs/API.md documents them).
#include "coop/http.h"

namespace coop::http {

std::vector<Route> DefaultRoutes(std::shared_ptr<const ServerContext> ctx) {
  return {
      {"GET", "/", [](const std::string&) { return MakePageHandler(); }},
      {"GET", "/app.js", [](const std::string&) { return MakeScriptHandler(); }},
      {"GET", "/app.css", [](const std::string&) { return MakeStyleHandler(); }},
      {"GET", "/api/search", [ctx](const std::string&) { return MakeSearchHandler(ctx); }},
      {"GET", "/api/records/{id}",
       [ctx](const std::string& id) { return MakeRecordHandler(ctx, id); }},
      {"GET", "/api/actors/{id}",
       [ctx](const std::string& id) { return MakeActorHandler(ctx, id); }},
      {"GET", "/api/suggest", [ctx](const std::string&) { return MakeSuggestHandler(ctx); }},
      {"GET", "/api/openapi.json", [](const std::string&) { return MakeOpenApiHandler(); }},
      {"GET", "/healthz", [ctx](const std::string&) { return MakeHealthHandler(ctx); }},
      {"GET", "/metrics", [ctx](const std::string&) { return MakeMetricsHandler(ctx); }},
  };
}

}  // namespace coop::http
