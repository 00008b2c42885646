#include "coop/index_builder.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <stdexcept>

#include "coop/enrich.h"
#include "coop/schema.h"

namespace coop {
namespace fs = std::filesystem;
std::string ReadSourceFile(const std::string& path, std::uint64_t max_bytes) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) throw std::runtime_error("cannot stat: " + ec.message());
  if (size == 0) throw std::runtime_error("empty file");
  if (size > max_bytes) {
    throw std::runtime_error("too large (" + std::to_string(size) + " bytes, limit " +
                             std::to_string(max_bytes) + ")");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open for reading");
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uint64_t>(in.gcount()) != size) throw std::runtime_error("short read");
  if (bytes.find('\0') != std::string::npos) throw std::runtime_error("binary file (NUL bytes)");
  return bytes;
}

std::vector<std::string> ListSourceFiles(const std::string& corpus_dir) {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(corpus_dir)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || name.empty() || name[0] == '.') continue;
    if (name == "manifest.json" || name.rfind("README", 0) == 0) continue;
    files.push_back(name);
  }
  std::sort(files.begin(), files.end());
  return files;
}

IndexReport BuildIndex(const std::string& corpus_dir, const std::string& index_dir,
                       std::ostream* log) {
  const auto start = std::chrono::steady_clock::now();
  IndexReport report;
  Manifest manifest;
  const std::string manifest_path = (fs::path(corpus_dir) / "manifest.json").string();
  if (fs::exists(manifest_path)) manifest = LoadManifest(manifest_path);

  const std::string tmp_dir = index_dir + ".tmp-" + std::to_string(::getpid());
  fs::remove_all(tmp_dir);
  if (fs::path parent = fs::path(index_dir).parent_path(); !parent.empty()) {
    fs::create_directories(parent);
  }
  {
    Xapian::WritableDatabase db(tmp_dir, Xapian::DB_CREATE);
    Analyzer analyzer;
    Enricher enricher;
    double order = 0;
    for (const std::string& file : ListSourceFiles(corpus_dir)) {
      std::string text;
      try {
        text = ReadSourceFile((fs::path(corpus_dir) / file).string());
      } catch (const std::runtime_error& e) {
        report.errors.push_back(file + ": " + e.what());
        if (log) *log << "error: " << report.errors.back() << '\n';
        continue;
      }
      const SourceInfo* known = manifest.Find(file);
      const SourceInfo info = known ? *known : DefaultSourceInfo(file, text);
      for (Record& r : SegmentDocument(info, text)) {
        enricher.Enrich(r);
        WriteRecord(db, analyzer, r, order++);
        ++report.records;
        report.passages += r.passages.size();
      }
      ++report.files;
      report.bytes += text.size();
      if (log) *log << "indexed " << file << " (" << text.size() << " bytes)\n";
    }
    db.commit();
  }
  // Switch in: readers opening index_dir see the old or the new database, never a partial one.
  const std::string old_dir = index_dir + ".old-" + std::to_string(::getpid());
  if (fs::exists(index_dir)) fs::rename(index_dir, old_dir);
  fs::rename(tmp_dir, index_dir);
  fs::remove_all(old_dir);
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace coop
