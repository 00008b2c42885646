// POST /api/reports and DELETE /api/reports/{source}: administrators add a report (multipart:
// a "report" file in any format coop-index reads, an optional "metadata" JSON sidecar) or
// remove one. Guarded by a bearer token (ctx.admin_token; the routes exist only when it is
// set). The upload is written to a staging file in CORPUS/.staging, moved into the corpus
// folder under a generated name (nothing the client sends names a file), and indexed by
// `coop-index add` run as a child process: searchd links no indexer code, and coop-index is
// one transaction (a failed add changes nothing; the file is then removed again).
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/PartHandler.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

#include "coop/http.h"
#include "json_writer.h"

namespace coop::http {
namespace {

namespace fs = std::filesystem;
using Status = Poco::Net::HTTPResponse;

// Extensions kept from the client's file name (lower-cased): the formats coop-index reads.
const char* const kExtensions[] = {".txt", ".md", ".pdf", ".docx", ".odt", ".html", ".htm"};
constexpr std::size_t kMaxMetadataBytes = 64 * 1024;

// Raised while reading the form; mapped to a status and an error code.
struct UploadError {
  Status::HTTPStatus status;
  std::string code, message;
};

// Reads the form's parts: "report" into a staging file (at most `limit` bytes), "metadata"
// (when sent as a file part) into memory.
class Parts : public Poco::Net::PartHandler {
 public:
  Parts(std::string staging, std::uint64_t limit) : staging_(std::move(staging)), limit_(limit) {}
  void handlePart(const Poco::Net::MessageHeader& header, std::istream& in) override {
    std::string disposition;
    Poco::Net::NameValueCollection params;
    Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition,
                                              params);
    const std::string name = params.get("name", "");
    if (name == "report" && !have_report_) {
      ext_ = Extension(params.get("filename", ""));
      std::ofstream out(staging_, std::ios::binary | std::ios::trunc);
      char buf[64 * 1024];
      while (in) {
        in.read(buf, sizeof buf);
        bytes_ += static_cast<std::uint64_t>(in.gcount());
        if (bytes_ > limit_) {
          throw UploadError{Status::HTTP_REQUEST_ENTITY_TOO_LARGE, "payload_too_large",
                            "report over " + std::to_string(limit_ >> 20) + " MB"};
        }
        out.write(buf, in.gcount());
      }
      if (!out.flush()) throw std::runtime_error("cannot write the staging file");
      have_report_ = true;
    } else if (name == "metadata") {
      metadata_ = ReadSmall(in);
    } else {
      ReadSmall(in);  // drained, ignored
    }
  }
  bool have_report() const { return have_report_; }
  std::uint64_t bytes() const { return bytes_; }
  const std::string& ext() const { return ext_; }
  const std::string& metadata() const { return metadata_; }

 private:
  static std::string Extension(const std::string& filename) {
    std::string ext = fs::path(filename).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const char* e : kExtensions) {
      if (ext == e) return ext;
    }
    return ".bin";  // coop-index detects the format from the content anyway
  }
  static std::string ReadSmall(std::istream& in) {
    std::string s;
    char buf[4096];
    while (in) {
      in.read(buf, sizeof buf);
      s.append(buf, static_cast<std::size_t>(in.gcount()));
      if (s.size() > kMaxMetadataBytes) {
        throw UploadError{Status::HTTP_BAD_REQUEST, "bad_request", "metadata over 64 KiB"};
      }
    }
    return s;
  }
  std::string staging_;
  std::uint64_t limit_;
  std::uint64_t bytes_ = 0;
  bool have_report_ = false;
  std::string ext_, metadata_;
};

// True if `given` equals `expected`, in time that depends only on their lengths.
bool SameToken(const std::string& given, const std::string& expected) {
  unsigned char diff = given.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < given.size(); ++i) {
    diff |= static_cast<unsigned char>(given[i] ^ expected[i % expected.size()]);
  }
  return diff == 0;
}

bool Authorized(const ServerContext& ctx, const Poco::Net::HTTPServerRequest& req) {
  const std::string auth = req.get("Authorization", "");
  constexpr std::string_view kBearer = "Bearer ";
  if (ctx.admin_token.empty() || auth.size() <= kBearer.size() ||
      auth.compare(0, kBearer.size(), kBearer) != 0) {
    return false;
  }
  return SameToken(auth.substr(kBearer.size()), ctx.admin_token);
}

void Unauthorized(Poco::Net::HTTPServerResponse& resp) {
  resp.set("WWW-Authenticate", "Bearer");
  resp.setKeepAlive(false);  // the body, if any, is not read
  SendError(resp, Status::HTTP_UNAUTHORIZED, "unauthorized",
            "administrator bearer token required (Authorization: Bearer ...)");
}

// upload-YYYYMMDDTHHMMSS-xxxxxxxx + ext: a name no client chose.
std::string GeneratedName(const std::string& ext) {
  const std::time_t now = std::time(nullptr);
  char stamp[32];
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tm);
  std::random_device rd;
  char hex[16];
  std::snprintf(hex, sizeof hex, "%08x", static_cast<unsigned>(rd()));
  return std::string("upload-") + stamp + "-" + hex + ext;
}

// Runs the configured coop-index with `args`; exit code and stderr.
std::pair<int, std::string> RunIndexer(const ServerContext& ctx,
                                       const std::vector<std::string>& args) {
  Poco::Pipe out, err;
  Poco::ProcessHandle h = Poco::Process::launch(ctx.indexer_path, args, nullptr, &out, &err);
  std::string text, errors;
  std::thread drain([&] {
    Poco::PipeInputStream e(err);
    Poco::StreamCopier::copyToString(e, errors);
  });
  Poco::PipeInputStream o(out);
  Poco::StreamCopier::copyToString(o, text);
  drain.join();
  return {h.wait(), errors};
}

// Adds (or with `entry` null removes) the manifest entry of `file` in CORPUS/manifest.json,
// written to a temporary file and renamed over it. Returns the previous text ("" if none).
std::string UpdateManifest(const std::string& corpus, const std::string& file,
                           Poco::JSON::Object::Ptr entry) {
  const std::string path = corpus + "/manifest.json";
  std::string previous;
  Poco::JSON::Object::Ptr root = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  if (fs::exists(path)) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    previous = s.str();
    root = Poco::JSON::Parser().parse(previous).extract<Poco::JSON::Object::Ptr>();
  }
  Poco::JSON::Array::Ptr docs = root->getArray("documents");
  Poco::JSON::Array::Ptr kept = new Poco::JSON::Array;
  if (docs) {
    for (std::size_t i = 0; i < docs->size(); ++i) {
      auto d = docs->getObject(static_cast<unsigned>(i));
      if (!d || d->optValue<std::string>("file", "") != file) kept->add(docs->get(i));
    }
  }
  if (entry) kept->add(entry);
  root->set("documents", kept);
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    root->stringify(out, 2);
    if (!out.flush()) throw std::runtime_error("cannot write " + tmp);
  }
  fs::rename(tmp, path);
  return previous;
}

// The sidecar as a manifest entry for `file`: known keys only.
Poco::JSON::Object::Ptr ManifestEntry(const std::string& file, const std::string& metadata) {
  Poco::JSON::Object::Ptr in;
  try {
    in = Poco::JSON::Parser().parse(metadata).extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception& e) {
    throw UploadError{Status::HTTP_BAD_REQUEST, "bad_request",
                      "metadata is not a JSON object: " + e.message()};
  }
  Poco::JSON::Object::Ptr entry = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  entry->set("file", file);
  for (const std::string& key : in->getNames()) {
    if (key == "title" || key == "publisher" || key == "date" || key == "language") {
      if (!in->get(key).isString()) {
        throw UploadError{Status::HTTP_BAD_REQUEST, "bad_request", key + " must be a string"};
      }
      entry->set(key, in->getValue<std::string>(key));
    } else if (key == "countries") {
      entry->set(key, in->getArray(key));
    } else {
      throw UploadError{Status::HTTP_BAD_REQUEST, "bad_request",
                        "unknown metadata key '" + key.substr(0, 40) +
                            "' (title, publisher, date, language, countries)"};
    }
  }
  return entry;
}

std::mutex& AdminMutex() {  // one administrative change at a time (coop-index locks anyway)
  static std::mutex m;
  return m;
}

class UploadHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit UploadHandler(std::shared_ptr<const ServerContext> ctx) : ctx_(std::move(ctx)) {}
  void handleRequest(Poco::Net::HTTPServerRequest& req,
                     Poco::Net::HTTPServerResponse& resp) override {
    if (!Authorized(*ctx_, req)) return Unauthorized(resp);
    if (req.getContentType().rfind("multipart/form-data", 0) != 0) {
      resp.setKeepAlive(false);
      return SendError(resp, Status::HTTP_BAD_REQUEST, "bad_request",
                       "expected multipart/form-data with a 'report' file part");
    }
    if (req.getExpectContinue()) resp.sendContinue();  // only now: the token is right
    const std::lock_guard<std::mutex> lock(AdminMutex());
    const std::string corpus = ctx_->corpus_dir;
    const std::string staging_dir = corpus + "/.staging";
    fs::create_directories(staging_dir);
    const std::string staging = staging_dir + "/" + GeneratedName(".part");
    struct RemoveStaging {
      std::string path;
      ~RemoveStaging() {
        std::error_code ec;
        fs::remove(path, ec);
      }
    } remove_staging{staging};
    try {
      Parts parts(staging, ctx_->max_upload_bytes);
      Poco::Net::HTMLForm form;
      form.setFieldLimit(static_cast<int>(kMaxMetadataBytes));
      form.load(req, req.stream(), parts);
      if (!parts.have_report() || parts.bytes() == 0) {
        throw UploadError{Status::HTTP_BAD_REQUEST, "bad_request", "no 'report' file part"};
      }
      const std::string metadata =
          !parts.metadata().empty() ? parts.metadata() : form.get("metadata", "");
      const std::string name = GeneratedName(parts.ext());
      Poco::JSON::Object::Ptr entry = metadata.empty() ? nullptr : ManifestEntry(name, metadata);
      const std::string file = corpus + "/" + name;
      fs::rename(staging, file);
      std::string previous_manifest;
      const bool had_manifest = fs::exists(corpus + "/manifest.json");
      if (entry) previous_manifest = UpdateManifest(corpus, name, entry);
      const auto [code, errors] = RunIndexer(*ctx_, {"add", file, "--index", ctx_->index_path});
      if (code != 0) {
        std::error_code ec;
        fs::remove(file, ec);
        if (entry && had_manifest) {
          std::ofstream(corpus + "/manifest.json", std::ios::binary | std::ios::trunc)
              << previous_manifest;
        } else if (entry) {
          fs::remove(corpus + "/manifest.json", ec);
        }
        throw UploadError{Status::HTTP_UNPROCESSABLE_ENTITY, "not_indexed",
                          errors.empty() ? "coop-index add failed" : errors.substr(0, 2000)};
      }
      JsonWriter w(256);
      w.StartObject();
      w.Key("source");
      w.String(name);
      w.Key("bytes");
      w.Uint(parts.bytes());
      w.EndObject();
      resp.set("Location", "/api/reports/" + name);
      SendJsonText(resp, Status::HTTP_CREATED, w.Finish());
    } catch (const UploadError& e) {
      resp.setKeepAlive(false);
      SendError(resp, e.status, e.code, e.message);
    } catch (const Poco::Exception& e) {  // malformed multipart
      resp.setKeepAlive(false);
      SendError(resp, Status::HTTP_BAD_REQUEST, "bad_request", "malformed upload: " + e.message());
    }
  }

 private:
  std::shared_ptr<const ServerContext> ctx_;
};

class RemoveHandler : public Poco::Net::HTTPRequestHandler {
 public:
  RemoveHandler(std::shared_ptr<const ServerContext> ctx, std::string source)
      : ctx_(std::move(ctx)), source_(std::move(source)) {}
  void handleRequest(Poco::Net::HTTPServerRequest& req,
                     Poco::Net::HTTPServerResponse& resp) override {
    if (!Authorized(*ctx_, req)) return Unauthorized(resp);
    // A source id is a file name of the corpus folder: no separator, no hidden or special name.
    if (source_.empty() || source_.size() > 200 || source_[0] == '.' ||
        source_.find_first_of("/\\") != std::string::npos || source_ == "manifest.json") {
      return SendError(resp, Status::HTTP_BAD_REQUEST, "bad_request", "not a source id");
    }
    const std::lock_guard<std::mutex> lock(AdminMutex());
    const auto [code, errors] = RunIndexer(*ctx_, {"remove", source_, "--index", ctx_->index_path});
    if (code != 0) {
      return SendError(resp, Status::HTTP_INTERNAL_SERVER_ERROR, "not_removed",
                       errors.substr(0, 2000));
    }
    // The file goes too, so that a later `coop-index update` of the corpus does not bring it
    // back; and its manifest entry.
    const std::string file = ctx_->corpus_dir + "/" + source_;
    std::error_code ec;
    const bool had_file = fs::remove(file, ec);
    if (fs::exists(ctx_->corpus_dir + "/manifest.json")) {
      UpdateManifest(ctx_->corpus_dir, source_, nullptr);
    }
    JsonWriter w(128);
    w.StartObject();
    w.Key("removed");
    w.String(source_);
    w.Key("file_removed");
    w.Bool(had_file);
    w.EndObject();
    SendJsonText(resp, Status::HTTP_OK, w.Finish());
  }

 private:
  std::shared_ptr<const ServerContext> ctx_;
  std::string source_;
};

}  // namespace

Poco::Net::HTTPRequestHandler* MakeUploadHandler(std::shared_ptr<const ServerContext> ctx) {
  return new UploadHandler(std::move(ctx));
}

Poco::Net::HTTPRequestHandler* MakeRemoveReportHandler(std::shared_ptr<const ServerContext> ctx,
                                                       const std::string& source) {
  return new RemoveHandler(std::move(ctx), source);
}

}  // namespace coop::http
