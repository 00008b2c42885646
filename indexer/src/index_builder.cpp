#include "coop/index_builder.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <stdexcept>

#include "coop/schema.h"

namespace coop {
namespace fs = std::filesystem;
namespace {

std::string ToJson(const Poco::JSON::Object& obj) {
  std::ostringstream out;
  obj.stringify(out);
  return out.str();
}

Poco::JSON::Object RecordData(const Record& r) {
  Poco::JSON::Object data(Poco::JSON_PRESERVE_KEY_ORDER);
  data.set("id", r.id);
  data.set("title", r.title);
  data.set("source", r.source);
  data.set("publisher", r.publisher);
  data.set("date", r.date);
  Poco::JSON::Array partners;
  for (const Partner& p : r.partners) {
    Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
    o.set("name", p.name);
    o.set("country", p.country);
    partners.add(o);
  }
  data.set("partners", partners);
  Poco::JSON::Array countries;
  for (const std::string& c : r.countries) countries.add(c);
  data.set("countries", countries);
  data.set("summary", r.passages.empty() ? std::string() : r.passages.front().text.substr(0, 600));
  return data;
}

// Boolean terms and values that records and their passages share, so filters apply to both.
void AddRecordFilters(Xapian::Document& doc, Analyzer& analyzer, const Record& r, double order) {
  doc.add_boolean_term(schema::Term(schema::kSource, r.source));
  for (const std::string& c : r.countries) {
    doc.add_boolean_term(schema::Term(schema::kCountry, analyzer.Fold(c)));
  }
  doc.add_value(schema::kSlotRecordId, r.id);
  doc.add_value(schema::kSlotOrder, Xapian::sortable_serialise(order));
}

void IndexText(Xapian::Document& doc, Analyzer& analyzer, const std::string& text) {
  for (const Token& t : analyzer.Analyze(text)) {
    doc.add_posting(t.term, t.position);
    if (!t.stem.empty()) doc.add_term(schema::Term(schema::kStem, t.stem));
  }
}

}  // namespace

void WriteRecord(Xapian::WritableDatabase& db, Analyzer& analyzer, const Record& r, double order) {
  Xapian::Document rec;
  const std::string rec_id_term = schema::Term(schema::kId, r.id);
  rec.add_boolean_term(rec_id_term);
  rec.add_boolean_term(schema::Term(schema::kKind, schema::kKindRecord));
  AddRecordFilters(rec, analyzer, r, order);
  rec.set_data(ToJson(RecordData(r)));
  db.replace_document(rec_id_term, rec);

  for (const Passage& p : r.passages) {
    Xapian::Document doc;
    const std::string id_term = schema::Term(schema::kId, p.id);
    doc.add_boolean_term(id_term);
    doc.add_boolean_term(schema::Term(schema::kKind, schema::kKindPassage));
    doc.add_boolean_term(schema::Term(schema::kRecord, r.id));
    AddRecordFilters(doc, analyzer, r, order);
    IndexText(doc, analyzer, p.text);
    Poco::JSON::Object data(Poco::JSON_PRESERVE_KEY_ORDER);
    data.set("record", r.id);
    data.set("heading", p.heading);
    data.set("text", p.text);
    data.set("begin", static_cast<Poco::UInt64>(p.begin));
    data.set("end", static_cast<Poco::UInt64>(p.end));
    doc.set_data(ToJson(data));
    db.replace_document(id_term, doc);
  }
}

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
      for (const Record& r : SegmentDocument(info, text)) {
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
