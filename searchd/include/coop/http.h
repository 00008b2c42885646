// HTTP plumbing of coop-searchd: the route table, JSON responses and per-thread searchers.
// One handler per file (searchd/src/handler_*.cpp); records and actors share the id-lookup
// handler, the page and the OpenAPI file the embedded-file handler. All routes are declared in
// one table (searchd/src/routes.cpp).
#ifndef COOP_HTTP_H_
#define COOP_HTTP_H_

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <semaphore>
#include <set>
#include <string>
#include <vector>

#include "coop/metrics.h"
#include "coop/search_request.h"
#include "coop/search_slots.h"
#include "coop/searcher.h"

namespace coop::http {

/// Settings and shared state of the server. Handlers only read it (Metrics is thread-safe).
struct ServerContext {
  std::string index_path;
  /// Per-revision state shared by the Searchers of every worker thread (exec/index_revision.h).
  std::shared_ptr<exec::RevisionCache> revisions = MakeRevisionCache();
  bool log_requests = true;  ///< One line per request on stderr: method, URI, status, ms.
  /// Origin allowed to read the API from a browser (Access-Control-Allow-Origin on every
  /// response); empty: no CORS header, so pages of other origins cannot read answers.
  std::string cors_origin;
  mutable Metrics metrics;
  /// Costly searches (a `prefix*`, which Xapian's matcher counts, or a q over 200 bytes) running
  /// at once are at most `costly_slots` (--max-costly-queries); one that finds no slot within
  /// `costly_wait` is answered 503 "busy" with Retry-After: 1. Bounds their CPU and memory
  /// together (docs/RELIABILITY.md).
  std::shared_ptr<std::counting_semaphore<1024>> costly_slots =
      std::make_shared<std::counting_semaphore<1024>>(4);
  std::chrono::milliseconds costly_wait{2000};
  /// Handlers compute their answers (not send them) holding one of these: at most
  /// --max-concurrent-searches at once (default the core count), the others wait in arrival
  /// order (coop/search_slots.h).
  std::shared_ptr<SearchSlots> search_slots = std::make_shared<SearchSlots>(SearchSlotsOptions{});
  /// Match time limit of a search (--match-time-limit-ms); past it the search is answered 503
  /// "query_timeout". Zero: none.
  std::chrono::microseconds match_time_limit{2'000'000};
  /// Bearer token of the administrators (POST/DELETE /api/reports); empty: those routes do not
  /// exist. Read from a file or the environment by the daemon; never logged.
  std::string admin_token;
  /// The corpus folder (--corpus): CORPUS/manifest.json gives the document view its title,
  /// publisher, date and countries, /documents/{source}/file serves the originals from it, and
  /// uploaded reports are kept in it. Empty: none of that (the index's own fields are shown).
  std::string corpus_dir;
  std::string indexer_path;  ///< The coop-index binary run for uploads and removals.
  std::uint64_t max_upload_bytes = 100ull << 20;  ///< Largest uploaded report.
};

/// The calling thread's Searcher on ctx.index_path, created on first use. Poco's worker threads
/// live as long as the server, so each keeps its own Xapian::Database (Xapian objects are not
/// thread-safe). Throws Xapian::DatabaseOpeningError if the index cannot be opened.
Searcher& ThreadSearcher(const ServerContext& ctx);

/// Forgets the calling thread's Searcher, so that the next ThreadSearcher opens the index anew:
/// after a Xapian::NetworkError (a remote shard restarted or down, docs/SCALING.md) its
/// connections are dead for good. Never throws.
void DropThreadSearcher();

/// What the health probe found: whether a search of the index succeeds, and if so its counts.
struct IndexHealth {
  bool ok = false;
  std::string reason;  ///< Why not (the Xapian or format error), when !ok.
  /// The error code when !ok: "shard_unavailable" if a remote shard does not answer (then
  /// worth retrying), else "index_unavailable".
  std::string code = "index_unavailable";
  std::uint64_t documents = 0;  ///< Xapian documents (records + passages) of the newest revision.
  std::uint64_t records = 0;    ///< Records of the newest revision.
};

/// Opens the index as a search does (the calling thread's Searcher, brought to the newest
/// revision) and runs a one-hit browse search. Never throws: failures are in the result.
/// Thread-safe (each thread probes with its own Searcher). Costs one browse search.
IndexHealth ProbeIndex(const ServerContext& ctx);

/// Sends `body` as application/json with `status`. Call at most once per response.
void SendJson(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
              const Poco::JSON::Object& body);

/// Sends JSON text `body` (already serialised) as application/json with `status`.
void SendJsonText(Poco::Net::HTTPServerResponse& response,
                  Poco::Net::HTTPResponse::HTTPStatus status, const std::string& body);

/// Sends {"error": {"code": code, "message": message}} with `status`.
void SendError(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
               const std::string& code, const std::string& message);

/// The decoded query parameters of `request`, by name, in order. Throws QueryError for a
/// parameter not in `allowed`, and Poco::SyntaxException for malformed percent-encoding.
std::map<std::string, std::vector<std::string>> QueryParameters(
    const Poco::Net::HTTPServerRequest& request, const std::set<std::string>& allowed);

/// Runs `body`, which produces JSON text, and sends it (200), mapping errors to JSON responses:
/// QueryError and malformed encoding -> 400, Xapian::DocNotFoundError -> 404 ("not_found"),
/// other Xapian::Error -> 500 ("index_error").
void AnswerJsonText(Poco::Net::HTTPServerResponse& response,
                    const std::function<std::string()>& body);

/// As AnswerJsonText, but the text `body` produces is sent with `content_type` (e.g.
/// "image/svg+xml"); errors are still JSON.
void AnswerText(Poco::Net::HTTPServerResponse& response, const std::string& content_type,
                const std::function<std::string()>& body);

/// As AnswerJsonText, but `body` runs holding one of ctx.search_slots (waiting its turn), so
/// that at most that many answers compute at once; the answer is sent after the slot is freed.
void AnswerSearchJson(const ServerContext& ctx, Poco::Net::HTTPServerResponse& response,
                      const std::function<std::string()>& body);

/// As AnswerText, with `body` run holding one of ctx.search_slots (see AnswerSearchJson).
void AnswerSearchText(const ServerContext& ctx, Poco::Net::HTTPServerResponse& response,
                      const std::string& content_type, const std::function<std::string()>& body);

/// Whether a search is costly: a `prefix*` (which Xapian's matcher counts) or a q over 200 bytes.
bool IsCostlySearch(const SearchRequest& req);

/// How WithCostlySlot guards a request.
struct CostlySlotOptions {
  /// False: `answer` runs without taking a slot (a cheap search on a guarded route).
  bool costly = true;
  /// The message of the 503 "busy" answer.
  std::string busy_message =
      "too many costly searches (prefix* or long queries) at once; retry shortly";
};

/// Runs `answer`, which sends the response, while holding one of ctx.costly_slots. When no slot
/// frees within ctx.costly_wait, sends 503 "busy" with Retry-After: 1 instead and `answer` does
/// not run. The slot is released when `answer` returns or throws. Thread-safe.
void WithCostlySlot(const ServerContext& ctx, Poco::Net::HTTPServerResponse& response,
                    const CostlySlotOptions& options, const std::function<void()>& answer);

/// The search parameters of `request` (ParseSearchParameters over SearchParameterNames()). On a
/// bad or unknown parameter sends the 400 JSON error, as AnswerJsonText would, and returns
/// std::nullopt, so the caller only returns.
std::optional<SearchRequest> ParseSearchOrAnswer(const Poco::Net::HTTPServerRequest& request,
                                                 Poco::Net::HTTPServerResponse& response);

/// Makes the handler of a matched route; `param` is the decoded value of the pattern's trailing
/// "{id}" segment (empty for patterns without one).
using HandlerMaker = std::function<Poco::Net::HTTPRequestHandler*(const std::string& param)>;

/// One entry of the route table: METHOD + pattern -> handler maker. A pattern is an exact path
/// ("/api/search") or a prefix, one "{id}" segment and an optional fixed suffix
/// ("/api/records/{id}", "/documents/{id}/file"); the segment holds no '/'.
struct Route {
  std::string method;
  std::string pattern;
  HandlerMaker make;
  /// Largest request body the route reads (bytes); 0: none (a body is answered 413).
  std::streamsize max_body = 0;
};

/// The route table of coop-searchd, bound to `ctx` (which must outlive the server).
std::vector<Route> DefaultRoutes(std::shared_ptr<const ServerContext> ctx);

/// Content-Security-Policy of the search page (no inline script or style: searchd/web/app.js and
/// app.css are files) and of every other response (nothing may be loaded or framed).
inline constexpr char kPageCsp[] =
    "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
inline constexpr char kDefaultCsp[] = "default-src 'none'; frame-ancestors 'none'";

/// Dispatches by the route table: unknown path -> 404 JSON, known path with another method -> 405
/// JSON with an Allow header, a request with a body -> 413, an HTTP version other than 1.0 and
/// 1.1 -> 505. Every response carries X-Content-Type-Options: nosniff, Referrer-Policy:
/// no-referrer and kDefaultCsp (the page handler replaces it by kPageCsp), and
/// Access-Control-Allow-Origin only when ctx.cors_origin is set. Every handler is wrapped so that
/// the request is logged and measured and an escaped exception becomes a 500 JSON error. Never
/// returns nullptr (Poco would answer 501). Thread-safe.
class Router : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Router(std::vector<Route> routes, std::shared_ptr<const ServerContext> ctx)
      : routes_(std::move(routes)), ctx_(std::move(ctx)) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest& request) override;

 private:
  std::vector<Route> routes_;
  std::shared_ptr<const ServerContext> ctx_;
};

// Handler makers, one per file.
Poco::Net::HTTPRequestHandler* MakeSearchHandler(std::shared_ptr<const ServerContext> ctx);
Poco::Net::HTTPRequestHandler* MakeRecordHandler(std::shared_ptr<const ServerContext> ctx,
                                                 const std::string& id);
Poco::Net::HTTPRequestHandler* MakeActorHandler(std::shared_ptr<const ServerContext> ctx,
                                                const std::string& id);
Poco::Net::HTTPRequestHandler* MakeSuggestHandler(std::shared_ptr<const ServerContext> ctx);
/// Which rendering of the map of issue 18 a handler sends.
enum class MapFormat {
  kSvg,   ///< GET /api/map.svg: the picture.
  kJson,  ///< GET /api/map: its counts and coordinates (the text alternative).
};
/// GET /api/map.svg and GET /api/map (searchd/src/handler_map.cpp), parameters of /api/search.
Poco::Net::HTTPRequestHandler* MakeMapHandler(std::shared_ptr<const ServerContext> ctx,
                                              MapFormat format);
Poco::Net::HTTPRequestHandler* MakePageHandler();
/// GET /app.js and GET /app.css: the page's script and style (searchd/web/), served as files so
/// that the page's Content-Security-Policy needs no 'unsafe-inline'.
Poco::Net::HTTPRequestHandler* MakeScriptHandler();
/// GET /pictures.js: the map and timeline of the page (issue 18).
Poco::Net::HTTPRequestHandler* MakePicturesScriptHandler();
Poco::Net::HTTPRequestHandler* MakeStyleHandler();
/// GET /filters.js (facets, pills, sort, phone drawer) and GET /record_view.js (marked passages,
/// budgets): the page's other scripts (searchd/web/, issue 17).
Poco::Net::HTTPRequestHandler* MakeFiltersScriptHandler();
Poco::Net::HTTPRequestHandler* MakeRecordViewScriptHandler();
Poco::Net::HTTPRequestHandler* MakeOpenApiHandler();
/// GET /documents.js and /documents.css: the page's document, export and home views
/// (searchd/web/documents.js, documents.css).
Poco::Net::HTTPRequestHandler* MakeDocumentsScriptHandler();
Poco::Net::HTTPRequestHandler* MakeDocumentsStyleHandler();
/// GET /documents/{source}: the page (it shows the document), 404 if the index does not list
/// `source`.
Poco::Net::HTTPRequestHandler* MakeDocumentPageHandler(std::shared_ptr<const ServerContext> ctx,
                                                       const std::string& source);
/// GET /documents/{source}/file: the original file from ctx.corpus_dir, as an attachment with
/// its media type; 404 unless the index lists `source` and the file lies in the corpus folder.
Poco::Net::HTTPRequestHandler* MakeDocumentFileHandler(std::shared_ptr<const ServerContext> ctx,
                                                       const std::string& source);
/// GET /api/documents/{source}?q=: the document's records and passages (document_json.h).
Poco::Net::HTTPRequestHandler* MakeDocumentApiHandler(std::shared_ptr<const ServerContext> ctx,
                                                      const std::string& source);
/// GET /api/export?format=csv|json + the /api/search parameters: every matching record.
Poco::Net::HTTPRequestHandler* MakeExportHandler(std::shared_ptr<const ServerContext> ctx);
/// GET /api/stats: what the index holds (document_json.h, StatsJson).
Poco::Net::HTTPRequestHandler* MakeStatsHandler(std::shared_ptr<const ServerContext> ctx);
/// GET /api/pairs?by=region|country + the /api/search parameters: the partnership matrix
/// (coop/pairs.h); takes a costly-query slot (503 busy when none frees).
Poco::Net::HTTPRequestHandler* MakePairsHandler(std::shared_ptr<const ServerContext> ctx);
Poco::Net::HTTPRequestHandler* MakeHealthHandler(std::shared_ptr<const ServerContext> ctx);
Poco::Net::HTTPRequestHandler* MakeMetricsHandler(std::shared_ptr<const ServerContext> ctx);
/// POST /api/reports: multipart "report" file (+ optional "metadata" JSON: title, publisher,
/// date, language, countries), bearer token required; 201 {"source"} once indexed, 401
/// without the token, 413 over ctx.max_upload_bytes, 422 if coop-index refuses the file.
Poco::Net::HTTPRequestHandler* MakeUploadHandler(std::shared_ptr<const ServerContext> ctx);
/// DELETE /api/reports/{source}: removes the source from the index, its file and its manifest
/// entry from the corpus folder; bearer token required.
Poco::Net::HTTPRequestHandler* MakeRemoveReportHandler(std::shared_ptr<const ServerContext> ctx,
                                                       const std::string& source);

}  // namespace coop::http

#endif  // COOP_HTTP_H_
