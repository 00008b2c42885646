// coop-searchd: the HTTP search daemon. Serves the search page and the JSON API over an index
// built by coop-index. Prints "coop-searchd: serving http://HOST:PORT/" once it accepts requests
// (with the real port when --port 0 asks for an ephemeral one).
#include <Poco/Net/NetException.h>
#include <Poco/NumberParser.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/ServerApplication.h>
#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "coop/http.h"
#include "coop/http_server.h"
#include "coop/index_metadata.h"
#include "coop/index_reader.h"

namespace {

using Poco::Util::Option;
using Poco::Util::OptionSet;

class SearchDaemon : public Poco::Util::ServerApplication {
 protected:
  void defineOptions(OptionSet& options) override {
    ServerApplication::defineOptions(options);
    options.addOption(
        Option("help", "h", "print this help")
            .repeatable(false)
            .callback(Poco::Util::OptionCallback<SearchDaemon>(this, &SearchDaemon::Help)));
    options.addOption(
        Option("config", "c",
               "properties file with coop.index, coop.port, "
               "coop.bind, coop.threads, coop.log")
            .argument("FILE")
            .callback(Poco::Util::OptionCallback<SearchDaemon>(this, &SearchDaemon::Config)));
    options.addOption(
        Option("index", "i", "index directory (required)").argument("DIR").binding("coop.index"));
    options.addOption(Option("port", "p", "TCP port, 0 = ephemeral (default 8080)")
                          .argument("PORT")
                          .binding("coop.port"));
    options.addOption(Option("bind", "b", "address to listen on (default 127.0.0.1)")
                          .argument("ADDR")
                          .binding("coop.bind"));
    options.addOption(Option("threads", "t", "worker threads (default 64)")
                          .argument("N")
                          .binding("coop.threads"));
    options.addOption(Option("admin-token-file", "",
                             "file holding the administrators' bearer token for POST/DELETE "
                             "/api/reports (or env COOP_ADMIN_TOKEN); none: no such routes")
                          .argument("FILE")
                          .binding("coop.admin_token_file"));
    options.addOption(Option("corpus", "",
                             "corpus folder: manifest facts and original files of the "
                             "documents shown, where uploaded reports are kept")
                          .argument("DIR")
                          .binding("coop.corpus"));
    options.addOption(Option("indexer", "",
                             "coop-index binary run for uploads (default: ../indexer/coop-index "
                             "beside this program, else coop-index beside it)")
                          .argument("PATH")
                          .binding("coop.indexer"));
    options.addOption(Option("max-upload-mb", "", "largest uploaded report (default 100)")
                          .argument("MB")
                          .binding("coop.max_upload_mb"));
    options.addOption(Option("max-costly-queries", "",
                             "searches with a prefix* or over 200 bytes running at once "
                             "(default 4); others wait up to 2 s, then get 503 busy")
                          .argument("N")
                          .binding("coop.max_costly_queries"));
    options.addOption(Option("max-concurrent-searches", "",
                             "searches past --search-grace-ms of CPU time at once "
                             "(default: the number of cores); others wait their turn in "
                             "arrival order")
                          .argument("N")
                          .binding("coop.max_concurrent_searches"));
    options.addOption(Option("search-grace-ms", "",
                             "milliseconds of CPU time a search uses before it counts against "
                             "--max-concurrent-searches (default 1)")
                          .argument("MS")
                          .binding("coop.search_grace_ms"));
    options.addOption(Option("match-time-limit-ms", "",
                             "milliseconds a search may take from its start before it is "
                             "answered 503 query_timeout (default 2000; 0: no limit)")
                          .argument("MS")
                          .binding("coop.match_time_limit_ms"));
    options.addOption(Option("log", "", "one line per request on stderr: true (default) or false")
                          .argument("BOOL")
                          .binding("coop.log"));
    options.addOption(Option("cors-origin", "",
                             "origin allowed to read the API from browsers (CORS); "
                             "default none")
                          .argument("ORIGIN")
                          .binding("coop.cors_origin"));
    options.addOption(Option("timeout", "",
                             "seconds a keep-alive connection may stay idle, and a client may "
                             "take for each read of a body or write of a response (default 5)")
                          .argument("S")
                          .binding("coop.timeout"));
    options.addOption(Option("head-timeout", "",
                             "seconds from a request's first byte until its whole head "
                             "(request line and headers) must have arrived (default 2)")
                          .argument("S")
                          .binding("coop.head_timeout"));
    options.addOption(Option("max-requests-per-connection", "",
                             "requests served on one keep-alive connection (default 100)")
                          .argument("N")
                          .binding("coop.max_requests_per_connection"));
  }

  void Config(const std::string&, const std::string& path) { loadConfiguration(path); }

  void Help(const std::string&, const std::string&) {
    Poco::Util::HelpFormatter help(options());
    help.setCommand(commandName());
    help.setUsage("--index DIR [--port PORT] [--bind ADDR] [--threads N] [--config FILE]");
    help.setHeader("coopsearch HTTP daemon: search page at /, JSON API at /api/search.");
    help.format(std::cout);
    stopOptionsProcessing();
    help_ = true;
  }

  int main(const std::vector<std::string>&) override {
    if (help_) return EXIT_OK;
    auto ctx = std::make_shared<coop::http::ServerContext>();
    ctx->index_path = config().getString("coop.index", "");
    ctx->log_requests = config().getBool("coop.log", true);
    ctx->cors_origin = config().getString("coop.cors_origin", "");
    ctx->corpus_dir = config().getString("coop.corpus", "");
    if (!ctx->corpus_dir.empty() && !std::filesystem::is_directory(ctx->corpus_dir)) {
      std::cerr << "coop-searchd: --corpus " << ctx->corpus_dir << " is not a folder\n";
      return EXIT_USAGE;
    }
    if (!ConfigureAdmin(*ctx)) return EXIT_USAGE;
    ctx->costly_slots = std::make_shared<std::counting_semaphore<1024>>(
        std::clamp(config().getInt("coop.max_costly_queries", 4), 1, 1024));
    ctx->search_slots = std::make_shared<coop::http::SearchSlots>(coop::http::SearchSlotsOptions{
        .slots = std::clamp(config().getInt("coop.max_concurrent_searches", 0), 0, 256),
        .grace = std::chrono::microseconds(static_cast<std::int64_t>(
            std::max(0.0, config().getDouble("coop.search_grace_ms", 1.0)) * 1000.0))});
    // A double, so that tests can set a limit below a millisecond.
    ctx->match_time_limit = std::chrono::microseconds(static_cast<std::int64_t>(
        std::max(0.0, config().getDouble("coop.match_time_limit_ms", 2000.0)) * 1000.0));
    if (ctx->index_path.empty()) {
      std::cerr << "coop-searchd: --index DIR is required (see --help)\n";
      return EXIT_USAGE;
    }
    try {
      coop::OpenIndex(ctx->index_path);  // fail fast on a missing index or another format
    } catch (const Xapian::NetworkError& e) {
      // A remote shard that does not answer yet (started after us, restarting): serve anyway;
      // every request answers 503 shard_unavailable (Retry-After) until the shard is back, and
      // the first one after connects (ThreadSearcher), without a restart (docs/SCALING.md).
      std::cerr << "coop-searchd: a remote shard does not answer (" << e.get_description()
                << "): serving 503 shard_unavailable until it does\n";
    } catch (const Xapian::Error& e) {
      std::cerr << "coop-searchd: cannot open index: " << e.get_description() << '\n';
      return EXIT_NOINPUT;
    } catch (const coop::IndexFormatError& e) {
      std::cerr << "coop-searchd: " << e.what() << '\n';
      return EXIT_DATAERR;
    }
    coop::http::HttpServerOptions server_options;
    server_options.bind = config().getString("coop.bind", "127.0.0.1");
    server_options.port = config().getInt("coop.port", 8080);
    // One connection per worker thread at a time: a waiting thread costs no CPU, and its
    // Searcher is a Xapian handle and an Analyzer. With fewer threads than clients, the others
    // wait in the queue (8 threads, 64 wrk connections: p99 1.5 s), so the default is 64.
    server_options.threads = std::max(1, config().getInt("coop.threads", 64));
    server_options.idle_timeout =
        Poco::Timespan(std::max(1, config().getInt("coop.timeout", 5)), 0);
    server_options.head_deadline = Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(
        std::max(0.1, config().getDouble("coop.head_timeout", 2.0)) * 1e6));
    server_options.max_requests_per_connection =
        std::max(1, config().getInt("coop.max_requests_per_connection", 100));
    std::unique_ptr<coop::http::HttpServer> held;
    try {
      held = std::make_unique<coop::http::HttpServer>(
          new coop::http::Router(coop::http::DefaultRoutes(ctx), ctx), server_options);
    } catch (const Poco::Net::NetException& e) {  // the port is taken, the address not ours
      std::cerr << "coop-searchd: cannot listen on " << server_options.bind << ':'
                << server_options.port << ": " << e.message() << '\n';
      return EXIT_CANTCREAT;
    }
    coop::http::HttpServer& server = *held;
    server.Start();
    std::cout << "coop-searchd: serving http://" << server_options.bind << ':' << server.Port()
              << "/" << std::endl;
    waitForTerminationRequest();  // SIGINT or SIGTERM
    // Graceful shutdown: accept nothing new, let in-flight requests finish (up to 5 s), close.
    server.Stop(Poco::Timespan(5, 0));
    std::cout << "coop-searchd: stopped" << std::endl;
    return EXIT_OK;
  }

  // The administration routes' settings; false (after a message) if they are inconsistent.
  bool ConfigureAdmin(coop::http::ServerContext& ctx) {
    const std::string token_file = config().getString("coop.admin_token_file", "");
    if (!token_file.empty()) {
      std::ifstream in(token_file);
      if (!in || !std::getline(in, ctx.admin_token)) {
        std::cerr << "coop-searchd: cannot read --admin-token-file " << token_file << '\n';
        return false;
      }
    } else if (const char* env = std::getenv("COOP_ADMIN_TOKEN")) {
      ctx.admin_token = env;
    }
    while (!ctx.admin_token.empty() &&
           std::isspace(static_cast<unsigned char>(ctx.admin_token.back()))) {
      ctx.admin_token.pop_back();
    }
    if (ctx.admin_token.empty()) return true;  // no administration routes
    if (ctx.admin_token.size() < 16) {
      std::cerr << "coop-searchd: the admin token must have at least 16 characters\n";
      return false;
    }
    if (ctx.corpus_dir.empty()) {
      std::cerr << "coop-searchd: an admin token needs --corpus DIR (an existing folder)\n";
      return false;
    }
    const std::filesystem::path here = config().getString("application.dir", ".");
    std::string indexer = (here / "../indexer/coop-index").lexically_normal().string();
    if (!std::filesystem::exists(indexer)) indexer = (here / "coop-index").string();
    ctx.indexer_path = config().getString("coop.indexer", indexer);
    ctx.max_upload_bytes =
        static_cast<std::uint64_t>(std::max(1, config().getInt("coop.max_upload_mb", 100))) << 20;
    std::cerr << "coop-searchd: administration routes on (corpus " << ctx.corpus_dir << ")"
              << std::endl;
    return true;
  }

 private:
  bool help_ = false;
};

}  // namespace

POCO_SERVER_MAIN(SearchDaemon)
