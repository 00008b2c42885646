// The route table of coop-searchd: every route, in one place (docs/API.md documents them).
#include "coop/http.h"

namespace coop::http {

std::vector<Route> DefaultRoutes(std::shared_ptr<const ServerContext> ctx) {
  std::vector<Route> routes = {
      {"GET", "/", [](const std::string&) { return MakePageHandler(); }},
      {"GET", "/app.js", [](const std::string&) { return MakeScriptHandler(); }},
      {"GET", "/filters.js", [](const std::string&) { return MakeFiltersScriptHandler(); }},
      {"GET", "/record_view.js", [](const std::string&) { return MakeRecordViewScriptHandler(); }},
      {"GET", "/app.css", [](const std::string&) { return MakeStyleHandler(); }},
      {"GET", "/api/search", [ctx](const std::string&) { return MakeSearchHandler(ctx); }},
      {"GET", "/api/records/{id}",
       [ctx](const std::string& id) { return MakeRecordHandler(ctx, id); }},
      {"GET", "/api/actors/{id}",
       [ctx](const std::string& id) { return MakeActorHandler(ctx, id); }},
      {"GET", "/documents.js", [](const std::string&) { return MakeDocumentsScriptHandler(); }},
      {"GET", "/documents.css", [](const std::string&) { return MakeDocumentsStyleHandler(); }},
      {"GET", "/documents/{id}",
       [ctx](const std::string& source) { return MakeDocumentPageHandler(ctx, source); }},
      {"GET", "/documents/{id}/file",
       [ctx](const std::string& source) { return MakeDocumentFileHandler(ctx, source); }},
      {"GET", "/api/documents/{id}",
       [ctx](const std::string& source) { return MakeDocumentApiHandler(ctx, source); }},
      {"GET", "/api/export", [ctx](const std::string&) { return MakeExportHandler(ctx); }},
      {"GET", "/api/stats", [ctx](const std::string&) { return MakeStatsHandler(ctx); }},
      {"GET", "/api/suggest", [ctx](const std::string&) { return MakeSuggestHandler(ctx); }},
      {"GET", "/api/openapi.json", [](const std::string&) { return MakeOpenApiHandler(); }},
      {"GET", "/healthz", [ctx](const std::string&) { return MakeHealthHandler(ctx); }},
      {"GET", "/metrics", [ctx](const std::string&) { return MakeMetricsHandler(ctx); }},
  };
  if (!ctx->admin_token.empty()) {  // administration exists only with a token configured
    // The multipart envelope around the report: boundaries, part headers, the metadata field.
    const auto max_body = static_cast<std::streamsize>(ctx->max_upload_bytes + (256 << 10));
    routes.push_back({"POST", "/api/reports",
                      [ctx](const std::string&) { return MakeUploadHandler(ctx); }, max_body});
    routes.push_back({"DELETE", "/api/reports/{id}", [ctx](const std::string& source) {
                        return MakeRemoveReportHandler(ctx, source);
                      }});
  }
  return routes;
}

}  // namespace coop::http
