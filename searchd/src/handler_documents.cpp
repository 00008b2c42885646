// GET /documents/{source} (the page, which shows the document), GET /documents/{source}/file (the
// original file) and GET /api/documents/{source}?q= (the document's records and passages, the
// words of q marked). A source is served only if the index lists it; the file is looked up in
// the corpus folder (--corpus) under the index's name for it, never a path from the client.
#include <Poco/Net/HTTPServerRequest.h>

#include <filesystem>
#include <fstream>

#include "coop/http.h"
#include "coop/query_parser.h"
#include "corpus_folder.h"
#include "document_json.h"

namespace coop::embedded {
extern const std::string_view kSearchPage;
}  // namespace coop::embedded

namespace coop::http {
namespace {

using Status = Poco::Net::HTTPResponse;

void NotFound(Poco::Net::HTTPServerResponse& resp, const std::string& source) {
  SendError(resp, Status::HTTP_NOT_FOUND, "not_found",
            "no such document in the index: " + source.substr(0, 200));
}

// The page itself: the script reads the path and shows the document.
class DocumentPageHandler : public Poco::Net::HTTPRequestHandler {
 public:
  DocumentPageHandler(std::shared_ptr<const ServerContext> ctx, std::string source)
      : ctx_(std::move(ctx)), source_(std::move(source)) {}
  void handleRequest(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& resp) override {
    if (!ThreadSearcher(*ctx_).HasSource(source_)) return NotFound(resp, source_);
    const std::string_view page = embedded::kSearchPage;
    resp.setStatus(Status::HTTP_OK);
    resp.setContentType("text/html; charset=utf-8");
    resp.set("Content-Security-Policy", kPageCsp);
    resp.setContentLength(static_cast<std::streamsize>(page.size()));
    resp.send().write(page.data(), static_cast<std::streamsize>(page.size()));
  }

 private:
  std::shared_ptr<const ServerContext> ctx_;
  std::string source_;
};

class DocumentFileHandler : public Poco::Net::HTTPRequestHandler {
 public:
  DocumentFileHandler(std::shared_ptr<const ServerContext> ctx, std::string source)
      : ctx_(std::move(ctx)), source_(std::move(source)) {}
  void handleRequest(Poco::Net::HTTPServerRequest& req,
                     Poco::Net::HTTPServerResponse& resp) override {
    // The index must list the source before the name goes anywhere near the file system.
    if (!ThreadSearcher(*ctx_).HasSource(source_)) return NotFound(resp, source_);
    const std::optional<std::string> file = OriginalFile(ctx_->corpus_dir, source_);
    if (!file) {
      return SendError(
          resp, Status::HTTP_NOT_FOUND, "not_found",
          ctx_->corpus_dir.empty()
              ? "original files are not served (coop-searchd runs without --corpus)"
              : "the original of " + source_.substr(0, 200) + " is not in the corpus folder");
    }
    std::string head(4096, '\0');
    {
      std::ifstream in(*file, std::ios::binary);
      in.read(head.data(), static_cast<std::streamsize>(head.size()));
      head.resize(static_cast<std::size_t>(in.gcount()));
    }
    // An attachment, in a sandbox: an HTML original must not run as a page of this origin.
    resp.set("Content-Disposition", "attachment; filename=\"" + AsciiName(source_) +
                                        "\"; filename*=UTF-8''" + PathSegment(source_));
    resp.set("Content-Security-Policy", "default-src 'none'; sandbox");
    resp.set("Cache-Control", "no-cache");
    if (req.getMethod() == "HEAD") {
      resp.setContentType(OriginalContentType(source_, head));
      resp.setContentLength64(static_cast<Poco::UInt64>(std::filesystem::file_size(*file)));
      resp.send();
      return;
    }
    resp.sendFile(*file, OriginalContentType(source_, head));
  }

 private:
  // The name for the plain filename parameter: printable ASCII without quotes or backslashes.
  static std::string AsciiName(const std::string& name) {
    std::string out;
    for (char c : name) {
      const auto u = static_cast<unsigned char>(c);
      out.push_back(u >= 0x20 && u < 0x7F && c != '"' && c != '\\' ? c : '_');
    }
    return out;
  }
  std::shared_ptr<const ServerContext> ctx_;
  std::string source_;
};

class DocumentApiHandler : public Poco::Net::HTTPRequestHandler {
 public:
  DocumentApiHandler(std::shared_ptr<const ServerContext> ctx, std::string source)
      : ctx_(std::move(ctx)), source_(std::move(source)) {}
  void handleRequest(Poco::Net::HTTPServerRequest& req,
                     Poco::Net::HTTPServerResponse& resp) override {
    AnswerSearchJson(*ctx_, resp, [&] {
      static const std::set<std::string> kParameters = {"q"};
      const auto params = QueryParameters(req, kParameters);
      DocumentOptions options;
      if (auto q = params.find("q"); q != params.end()) {
        if (q->second.size() > 1) throw QueryError("parameter 'q' given more than once");
        options.q = q->second.front();
      }
      Searcher& searcher = ThreadSearcher(*ctx_);
      const DocumentView view = searcher.Document(source_, options);
      const std::map<std::string, ManifestFacts> manifest = ReadManifest(ctx_->corpus_dir);
      const auto facts = manifest.find(source_);
      return DocumentJson(view, {.query = options.q,
                                 .facts = facts == manifest.end() ? nullptr : &facts->second,
                                 .file = OriginalFile(ctx_->corpus_dir, source_).has_value()});
    });
  }

 private:
  std::shared_ptr<const ServerContext> ctx_;
  std::string source_;
};

}  // namespace

Poco::Net::HTTPRequestHandler* MakeDocumentPageHandler(std::shared_ptr<const ServerContext> ctx,
                                                       const std::string& source) {
  return new DocumentPageHandler(std::move(ctx), source);
}

Poco::Net::HTTPRequestHandler* MakeDocumentFileHandler(std::shared_ptr<const ServerContext> ctx,
                                                       const std::string& source) {
  return new DocumentFileHandler(std::move(ctx), source);
}

Poco::Net::HTTPRequestHandler* MakeDocumentApiHandler(std::shared_ptr<const ServerContext> ctx,
                                                      const std::string& source) {
  return new DocumentApiHandler(std::move(ctx), source);
}

}  // namespace coop::http
