#include "coop/index_builder.h"

#include <Poco/DigestEngine.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/SHA2Engine.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "coop/enrich.h"
#include "coop/generations.h"
#include "coop/index_metadata.h"
#include "coop/index_reader.h"
#include "coop/region_names.h"
#include "coop/schema.h"
#include "coop/sidecar.h"

namespace coop {
namespace fs = std::filesystem;
namespace {

// Browse order of record i of a source: rank * kRankStride + i (a source keeps its rank when
// replaced, so browse order is stable across updates).
constexpr double kRankStride = 1e6;
// Source ids become terms and metadata keys, both limited to 245 bytes by Xapian.
constexpr std::size_t kMaxSourceIdBytes = 200;

std::string Sha256Hex(std::string_view bytes) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
  return Poco::DigestEngine::digestToHex(engine.digest());
}

// Fingerprint of a source's manifest facts: update reindexes a file whose entry changed.
std::string InfoFingerprint(const SourceInfo* info) {
  if (info == nullptr) return {};
  std::string s;
  for (const std::string* f :
       {&info->file, &info->title, &info->publisher, &info->date, &info->language, &info->format}) {
    s += *f + '\x1f';
  }
  for (const std::string& c : info->countries) s += c + '\x1e';
  for (const Partner& p : info->actors) s += p.name + '\x1d' + p.country + '\x1e';
  return Sha256Hex(s).substr(0, 16);
}

// What the index remembers about a source (metadata kSourceKeyPrefix + id, JSON).
struct SourceMeta {
  std::string sha256, info, format;
  std::uint64_t bytes = 0, records = 0, passages = 0;
  long rank = 0;

  std::string ToJson() const {
    Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
    o.set("sha256", sha256);
    o.set("info", info);
    o.set("bytes", static_cast<Poco::UInt64>(bytes));
    o.set("format", format);
    o.set("records", static_cast<Poco::UInt64>(records));
    o.set("passages", static_cast<Poco::UInt64>(passages));
    o.set("rank", static_cast<Poco::Int64>(rank));
    std::ostringstream out;
    o.stringify(out);
    return out.str();
  }

  static std::optional<SourceMeta> Parse(const std::string& json) {
    if (json.empty()) return std::nullopt;
    auto o = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
    SourceMeta m;
    m.sha256 = o->optValue<std::string>("sha256", "");
    m.info = o->optValue<std::string>("info", "");
    m.format = o->optValue<std::string>("format", "");
    m.bytes = o->optValue<Poco::UInt64>("bytes", 0);
    m.records = o->optValue<Poco::UInt64>("records", 0);
    m.passages = o->optValue<Poco::UInt64>("passages", 0);
    m.rank = static_cast<long>(o->optValue<Poco::Int64>("rank", 0));
    return m;
  }
};

Manifest ManifestOf(const std::string& dir) {
  const std::string path = (fs::path(dir) / "manifest.json").string();
  return fs::exists(path) ? LoadManifest(path) : Manifest{};
}

std::vector<Record> MakeRecords(const std::string& id, const SourceInfo* known, const Extracted& ex,
                                const Enricher& enricher, const Sidecar* sidecar) {
  SourceInfo info = known ? *known : DefaultSourceInfo(id, ex.text);
  if (!known) {
    if (!ex.title.empty()) info.title = ex.title;
    info.format = std::string(FormatName(ex.format));
  }
  if (sidecar) ApplySidecar(*sidecar, info);  // the user's facts win over extracted ones
  std::vector<Record> records = SegmentDocument(info, ex.text);
  for (Record& r : records) enricher.Enrich(r);
  if (sidecar) ApplySidecar(*sidecar, records);
  AssignPages(records, ex.text, ex.page_starts);
  return records;
}

// The sidecar of the report at `path` (coop/sidecar.h): its bytes' fingerprint goes to `info`
// (so that a changed sidecar counts as a change of the report) and its fields to the result.
// A malformed sidecar is reported through `error` ("<file>.json: field 'years': ...") and
// ignored: the report is indexed without it.
std::optional<Sidecar> LoadSidecar(const std::string& path, std::string* info, std::string* error) {
  const std::string side = SidecarPathOf(path);
  if (!fs::is_regular_file(side)) return std::nullopt;
  const std::string name = fs::path(side).filename().string();
  try {
    const std::string bytes = ReadFileBytes(side, 1 << 20);
    if (info) *info += ":sidecar:" + Sha256Hex(bytes).substr(0, 16);
    return ParseSidecar(bytes, name);
  } catch (const SidecarError& e) {
    if (error) *error = e.what();
  } catch (const std::exception& e) {
    if (error) *error = name + ": " + e.what();
  }
  return std::nullopt;
}

std::uint64_t CountTerms(const Xapian::Database& db) {
  std::uint64_t n = 0;
  for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it) ++n;
  return n;
}

// How Session::IndexFile treats a source that the index may already hold.
struct IndexFileOptions {
  // Leave the source as it is (reported "unchanged") when its bytes and its manifest entry are
  // those it was indexed with: `update` reindexes only what changed.
  bool skip_unchanged = false;
  // Browse position of the source among the others (see kRankStride). Unset: a source already in
  // the index keeps its rank, a new one goes after all the others.
  std::optional<long> rank;
};

// One writing command on an open database: the per-file pipeline, removal and carry-over.
class Session {
 public:
  Session(Xapian::WritableDatabase& db, const IndexOptions& options, IndexReport& report)
      : db_(db), options_(options), report_(report), writer_(db, analyzer_) {
    StoreSynonyms(db_, analyzer_);  // the index carries the table its terms were written with
  }

  void set_total(std::size_t total) { total_ = total; }
  // Ranks below `floor` are taken (by sources of other shards): a new source goes at or after it.
  void set_rank_floor(long floor) { rank_floor_ = floor; }
  // True once a source has been written or removed.
  bool changed() const { return changed_; }

  // Indexes the file at `path` as source "<file name>", replacing its previous documents.
  // Returns false (reported) if the file cannot be indexed; the index then still holds the
  // previous version of the source.
  bool IndexFile(const std::string& path, const Manifest& manifest,
                 const IndexFileOptions& file_options);
  // Deletes every document and the metadata of source `id`; false (reported) if unknown.
  bool RemoveSource(const std::string& id);
  // Copies source `id`'s documents and metadata from `from` (a failed file keeps its version).
  bool CopySource(const Xapian::Database& from, const std::string& id);

 private:
  void Step(const std::string& id, const std::string& status, const std::string& detail) {
    ++done_;
    if (options_.progress) options_.progress({done_, total_, id, status, detail});
  }
  std::optional<SourceMeta> Meta(const std::string& id) const {
    return SourceMeta::Parse(db_.get_metadata(kSourceKeyPrefix + id));
  }
  long NextRank() const;
  void CheckIdCollisions(const std::vector<Record>& records, const std::string& id) const;
  void DeleteSourceDocuments(const std::string& id);

  Xapian::WritableDatabase& db_;
  const IndexOptions& options_;
  IndexReport& report_;
  Analyzer analyzer_;
  Enricher enricher_;
  DocumentWriter writer_;  // records below schema::kPassageDocidBase, passages above
  std::size_t done_ = 0;
  std::size_t total_ = 0;
  long rank_floor_ = 0;
  bool changed_ = false;
};

bool Session::IndexFile(const std::string& path, const Manifest& manifest,
                        const IndexFileOptions& file_options) {
  const std::string id = fs::path(path).filename().string();
  SourceMeta meta;
  std::vector<Record> records;
  std::string format;
  try {
    if (id.size() > kMaxSourceIdBytes) throw ExtractError("file name longer than 200 bytes");
    const std::string bytes = ReadFileBytes(path, options_.limits.max_file_bytes);
    const SourceInfo* known = manifest.Find(id);
    meta.sha256 = Sha256Hex(bytes);
    meta.info = InfoFingerprint(known);
    std::string sidecar_error;
    const std::optional<Sidecar> sidecar = LoadSidecar(path, &meta.info, &sidecar_error);
    if (!sidecar_error.empty()) report_.errors.push_back(sidecar_error);
    meta.bytes = bytes.size();
    const std::optional<SourceMeta> old = Meta(id);
    if (file_options.skip_unchanged && old && old->sha256 == meta.sha256 &&
        old->info == meta.info) {
      ++report_.unchanged;
      Step(id, "unchanged", "");
      return true;
    }
    const Extracted ex = ExtractBytes(bytes, id, options_.limits);
    records = MakeRecords(id, known, ex, enricher_, sidecar ? &*sidecar : nullptr);
    if (records.empty()) throw ExtractError("no text to index");
    CheckIdCollisions(records, id);
    meta.format = std::string(FormatName(ex.format));
    meta.rank = file_options.rank ? *file_options.rank : old ? old->rank : NextRank();
  } catch (const std::exception& e) {
    // Nothing of this source has been touched yet: the index keeps its previous version.
    report_.errors.push_back(id + ": " + e.what());
    Step(id, "failed", e.what());
    return false;
  }
  // From here on, errors are Xapian I/O errors: fatal, the transaction is abandoned.
  changed_ = true;
  DeleteSourceDocuments(id);
  for (std::size_t i = 0; i < records.size(); ++i) {
    const Record& r = records[i];
    writer_.Write(r, static_cast<double>(meta.rank) * kRankStride + static_cast<double>(i));
    meta.passages += r.passages.size();
  }
  writer_.Flush();
  meta.records = records.size();
  db_.set_metadata(kSourceKeyPrefix + id, meta.ToJson());
  ++report_.files;
  report_.records += meta.records;
  report_.passages += meta.passages;
  report_.bytes += meta.bytes;
  Step(id, "indexed", meta.format + ", " + std::to_string(meta.passages) + " passages");
  return true;
}

bool Session::RemoveSource(const std::string& id) {
  const std::string term = schema::Term(schema::kSource, id);
  if (!Meta(id) && !db_.term_exists(term)) {
    report_.errors.push_back(id + ": no such source in the index");
    Step(id, "failed", "no such source in the index");
    return false;
  }
  changed_ = true;
  DeleteSourceDocuments(id);
  db_.set_metadata(kSourceKeyPrefix + id, "");  // an empty value deletes the key
  ++report_.removed;
  Step(id, "removed", "");
  return true;
}

bool Session::CopySource(const Xapian::Database& from, const std::string& id) {
  const std::string term = schema::Term(schema::kSource, id);
  bool any = false;
  for (auto it = from.postlist_begin(term); it != from.postlist_end(term); ++it) {
    writer_.Copy(from.get_document(*it));
    any = true;
  }
  const std::string meta = from.get_metadata(kSourceKeyPrefix + id);
  if (!meta.empty()) db_.set_metadata(kSourceKeyPrefix + id, meta);
  return any;
}

// One past the highest browse rank of the sources of `db` (0 if it has none).
long NextRankOf(const Xapian::Database& db) {
  long next = 0;
  const std::string prefix = kSourceKeyPrefix;
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    if (auto m = SourceMeta::Parse(db.get_metadata(*it))) next = std::max(next, m->rank + 1);
  }
  return next;
}

long Session::NextRank() const { return std::max(rank_floor_, NextRankOf(db_)); }

void Session::CheckIdCollisions(const std::vector<Record>& records, const std::string& id) const {
  const std::string own = schema::Term(schema::kSource, id);
  for (const Record& r : records) {
    const std::string term = schema::Term(schema::kId, r.id);
    for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it) {
      auto t = db_.termlist_begin(*it);
      t.skip_to(std::string(schema::kSource));
      if (t != db_.termlist_end(*it) && *t != own) {
        throw ExtractError("record id " + r.id + " is already used by source " +
                           (*t).substr(schema::kSource.size()) + " (rename one of the files)");
      }
    }
  }
}

void Session::DeleteSourceDocuments(const std::string& id) {
  const std::string term = schema::Term(schema::kSource, id);
  // Records hold the spelling entries (AddSpelling); passages above the base hold none.
  for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it) {
    if (*it >= schema::kPassageDocidBase) break;
    RemoveSpelling(db_, analyzer_, db_.get_document(*it));
  }
  db_.delete_document(term);
}

// Creates an empty index (first generation and stub) if `path` does not exist yet.
void EnsureIndex(const std::string& path) {
  if (fs::exists(path)) return;
  std::string dir;
  const std::string gen = NewGeneration(path, dir);
  Xapian::WritableDatabase db(dir, Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
  WriteIndexMetadata(db, gen);
  db.commit();
  db.close();
  SwitchGeneration(path, gen);
}

// The sizes of a database directory's files before a transaction. A transaction that fails
// (a full disk: "Error writing block N (No space left on device)") leaves the blocks it wrote
// at the ends of the table files; the committed revision never references blocks past the
// sizes it had, so cutting the files back frees that space, and the next small update, which
// failed too before (docs/RELIABILITY.md), fits again. Runs under the writer lock only.
class TableSizes {
 public:
  explicit TableSizes(const std::string& dir) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (entry.is_regular_file(ec)) sizes_.emplace_back(entry.path(), entry.file_size(ec));
    }
  }
  // Cuts each file that grew back to its size; best effort (the transaction's error is the
  // one reported).
  void Restore() const {
    std::error_code ec;
    for (const auto& [file, size] : sizes_) {
      if (fs::file_size(file, ec) > size && !ec) fs::resize_file(file, size, ec);
    }
  }

 private:
  std::vector<std::pair<fs::path, std::uintmax_t>> sizes_;
};

// Which sources a transaction writes: those of its shard (an unsharded index has one "shard").
struct ShardFilter {
  std::size_t shard = 0;
  std::size_t shards = 0;  // 0: unsharded, every source is ours
  bool Owns(const std::string& source_id) const {
    return shards == 0 || ShardOf(source_id, shards) == shard;
  }
};

// Runs `body` as one transaction on the database directory `db_path` (or stub of an unsharded
// index), generation `gen`, adding to `report`.
template <typename Body>
void RunTransaction(const std::string& db_path, const std::string& gen, const ShardFilter& filter,
                    long rank_floor, const IndexOptions& options, IndexReport& report, Body& body) {
  std::optional<Xapian::WritableDatabase> db;
  try {
    db.emplace(db_path, Xapian::DB_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexLockedError("index is locked by another writer: " + db_path);
  }
  CheckFormat(*db, db_path);  // an index of another format is rebuilt, never updated
  const TableSizes before(filter.shards ? db_path : CurrentDatabaseDir(db_path));
  try {
    db->begin_transaction(true);
    WriteIndexMetadata(*db, gen);
    Session session(*db, options, report);
    session.set_rank_floor(rank_floor);
    body(*db, session, filter);
    // A shard none of whose sources changed keeps its revision: readers and replicas
    // (xapian-replicate copies changed revisions) see no change there.
    if (filter.shards > 0 && !session.changed()) {
      db->cancel_transaction();
    } else {
      db->commit_transaction();
    }
  } catch (...) {
    db.reset();  // the transaction is dropped unwritten; the files are closed
    before.Restore();
    throw;
  }
  db->close();
}

// Runs `body` on the index at `path` under the writer lock: one transaction, or for a sharded
// index one transaction per shard, in shard order, each writing only the sources `filter` owns,
// then the stub rewritten (same content, new inode) so that readers' IndexWatcher sees the change.
// A kill between two shard commits leaves every source whole, in its old or its new version.
template <typename Body>
IndexReport InTransaction(const std::string& path, const IndexOptions& options, Body body) {
  const auto start = std::chrono::steady_clock::now();
  IndexReport report;
  WriterLock lock(path);
  EnsureIndex(path);
  const std::string gen = CurrentGeneration(path);
  const std::size_t shards = ShardCount(path);
  if (shards == 0) {
    RunTransaction(path, gen, {}, 0, options, report, body);
  } else {
    const fs::path gen_dir = CurrentDatabaseDir(path);
    for (std::size_t s = 0; s < shards; ++s) {
      // Browse ranks are index-wide: a source added to this shard goes after every other one.
      // Metadata of a multi-database is its first shard's, so each shard is read on its own.
      long floor = 0;
      for (std::size_t o = 0; o < shards; ++o) {
        floor = std::max(floor, NextRankOf(Xapian::Database((gen_dir / ShardName(o)).string())));
      }
      RunTransaction((gen_dir / ShardName(s)).string(), gen, {.shard = s, .shards = shards}, floor,
                     options, report, body);
    }
    WriteMergedSpelling(gen_dir.string(), shards);
    SwitchGeneration(path, gen, {.shards = shards});
  }
  report.terms = CountTerms(OpenIndex(path));
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace

std::string ReadSourceFile(const std::string& path, std::uint64_t max_bytes) {
  std::string bytes = ReadFileBytes(path, max_bytes);
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
  // A report's sidecar ("a.pdf.json" beside "a.pdf") is metadata, not a report.
  const std::vector<std::string> all = files;
  std::erase_if(files, [&](const std::string& f) { return IsSidecarOf(f, all); });
  return files;
}

std::vector<Record> ReadRecords(const std::string& path, const Manifest& manifest,
                                const ExtractLimits& limits) {
  const std::string id = fs::path(path).filename().string();
  static const Enricher* enricher = new Enricher;  // reference data loaded once per process
  std::string error;
  const std::optional<Sidecar> sidecar = LoadSidecar(path, nullptr, &error);
  if (!error.empty()) std::cerr << error << " (ignored)\n";
  return MakeRecords(id, manifest.Find(id), ExtractFile(path, limits), *enricher,
                     sidecar ? &*sidecar : nullptr);
}

namespace {

// One source file of a build and its browse rank (its position in the whole corpus listing).
struct RankedFile {
  std::string name;
  long rank = 0;
};

// Opens the index being replaced, for carrying over the sources that fail to index, or nothing
// if there is none that this build can read.
std::optional<Xapian::Database> OpenPrevious(const std::string& index_path) {
  if (!fs::exists(index_path)) return std::nullopt;
  try {
    return OpenIndex(index_path);
  } catch (const Xapian::DatabaseOpeningError&) {
    // Unreadable previous index: nothing to carry over, the new one replaces it.
  } catch (const IndexFormatError&) {
    // An index of another format: its documents cannot be copied, the new one replaces it.
  }
  return std::nullopt;
}

// Builds `files` of `corpus_dir` into the new database `dir` of generation `gen`. Written
// unsynced into a scratch database, then compacted into `dir` (full B-tree blocks: the x100
// index is 21% smaller) and synced once before a stub names it. Until the switch the previous
// generation stays whole; a killed build leaves only files to delete.
void BuildDatabase(const std::string& corpus_dir, const Manifest& manifest,
                   const std::vector<RankedFile>& files, const std::string& dir,
                   const std::string& gen, std::optional<Xapian::Database>& old,
                   const IndexOptions& options, std::size_t total, IndexReport& report) {
  const std::string scratch = dir + ".tmp";
  fs::remove_all(scratch);
  {
    Xapian::WritableDatabase db(scratch,
                                Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_SYNC);
    db.begin_transaction(true);
    Session session(db, options, report);
    session.set_total(total);
    for (const RankedFile& file : files) {
      const std::string path = (fs::path(corpus_dir) / file.name).string();
      if (!session.IndexFile(path, manifest, {.rank = file.rank}) && old) {
        session.CopySource(*old, file.name);
      }
    }
    WriteIndexMetadata(db, gen);
    db.commit_transaction();
    report.terms = CountTerms(db);
    db.close();
  }
  // NO_RENUMBER: docids keep their kinds' ranges (schema::kPassageDocidBase).
  Xapian::Database(scratch).compact(dir, Xapian::DBCOMPACT_NO_RENUMBER | Xapian::DB_BACKEND_GLASS);
  SyncDatabaseDir(dir);
  fs::remove_all(scratch);
}

// Builds the shards of a sharded generation in `dir`, `jobs` at a time, each on its own thread
// with its own Session and its own view of the previous index (Xapian objects are not shared
// between threads). Progress events are serialised and numbered across shards. The first error
// of any shard is rethrown once every thread has stopped.
void BuildShards(const std::string& corpus_dir, const std::string& index_path,
                 const Manifest& manifest, const std::vector<std::string>& files,
                 const std::string& dir, const std::string& gen, const IndexOptions& options,
                 IndexReport& report) {
  const std::size_t n = options.shards;
  std::vector<std::vector<RankedFile>> by_shard(n);
  for (std::size_t i = 0; i < files.size(); ++i) {
    by_shard[ShardOf(files[i], n)].push_back({files[i], static_cast<long>(i)});
  }
  fs::create_directories(dir);
  std::mutex mutex;  // guards done, the caller's progress callback and first_error
  std::size_t done = 0;
  std::exception_ptr first_error;
  std::vector<IndexReport> reports(n);
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t s = next++; s < n; s = next++) {
      try {
        IndexOptions shard_options = options;
        if (options.progress) {
          shard_options.progress = [&](const ProgressEvent& e) {
            std::lock_guard<std::mutex> lock(mutex);
            options.progress({++done, files.size(), e.source, e.status, e.detail});
          };
        }
        std::optional<Xapian::Database> old = OpenPrevious(index_path);
        BuildDatabase(corpus_dir, manifest, by_shard[s], (fs::path(dir) / ShardName(s)).string(),
                      gen, old, shard_options, files.size(), reports[s]);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!first_error) first_error = std::current_exception();
      }
    }
  };
  std::size_t jobs = options.jobs ? options.jobs : std::thread::hardware_concurrency();
  jobs = std::clamp<std::size_t>(jobs, 1, n);
  std::vector<std::thread> threads;
  for (std::size_t j = 1; j < jobs; ++j) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
  if (first_error) std::rethrow_exception(first_error);
  for (const IndexReport& r : reports) {  // shard order: errors come grouped by shard
    report.files += r.files;
    report.records += r.records;
    report.passages += r.passages;
    report.bytes += r.bytes;
    report.errors.insert(report.errors.end(), r.errors.begin(), r.errors.end());
  }
}

}  // namespace

IndexReport BuildIndex(const std::string& corpus_dir, const std::string& index_path,
                       const IndexOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const Manifest manifest = ManifestOf(corpus_dir);
  const std::vector<std::string> files = ListSourceFiles(corpus_dir);
  if (fs::path parent = fs::path(index_path).parent_path(); !parent.empty()) {
    fs::create_directories(parent);
  }
  WriterLock lock(index_path);
  const std::string previous = CurrentGeneration(index_path);
  IndexReport report;
  std::string dir;
  const std::string gen = NewGeneration(index_path, dir);
  if (options.shards == 0) {
    std::optional<Xapian::Database> old = OpenPrevious(index_path);
    std::vector<RankedFile> ranked;
    for (const std::string& f : files) ranked.push_back({f, static_cast<long>(ranked.size())});
    BuildDatabase(corpus_dir, manifest, ranked, dir, gen, old, options, files.size(), report);
  } else {
    BuildShards(corpus_dir, index_path, manifest, files, dir, gen, options, report);
    WriteMergedSpelling(dir, options.shards);
    SyncDatabaseDir(dir);  // the generation directory and its shard entries
  }
  SwitchGeneration(index_path, gen, {.shards = options.shards});
  RemoveOldGenerations(index_path, previous);
  if (options.shards > 0) report.terms = CountTerms(OpenIndex(index_path));  // distinct, merged
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

IndexReport AddFiles(const std::vector<std::string>& paths, const std::string& index_path,
                     const IndexOptions& options) {
  return InTransaction(index_path, options,
                       [&](Xapian::WritableDatabase&, Session& session, const ShardFilter& shard) {
                         std::vector<std::string> mine;
                         for (const std::string& path : paths) {
                           if (shard.Owns(fs::path(path).filename().string())) mine.push_back(path);
                         }
                         session.set_total(mine.size());
                         std::map<std::string, Manifest> manifests;  // by folder
                         for (const std::string& path : mine) {
                           std::string folder = fs::path(path).parent_path().string();
                           if (folder.empty()) folder = ".";
                           auto it = manifests.find(folder);
                           if (it == manifests.end())
                             it = manifests.emplace(folder, ManifestOf(folder)).first;
                           session.IndexFile(path, it->second,
                                             {});  // a new source goes after the others
                         }
                       });
}

IndexReport UpdateIndex(const std::string& corpus_dir, const std::string& index_path,
                        const IndexOptions& options) {
  const Manifest manifest = ManifestOf(corpus_dir);
  const std::vector<std::string> files = ListSourceFiles(corpus_dir);
  return InTransaction(
      index_path, options,
      [&](Xapian::WritableDatabase& db, Session& session, const ShardFilter& shard) {
        std::vector<std::string> mine;
        for (const std::string& f : files) {
          if (shard.Owns(f)) mine.push_back(f);
        }
        const std::set<std::string> present(files.begin(), files.end());
        std::vector<std::string> gone;
        const std::string prefix = kSourceKeyPrefix;
        for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
          const std::string id = (*it).substr(prefix.size());
          if (!present.count(id)) gone.push_back(id);
        }
        session.set_total(mine.size() + gone.size());
        for (const std::string& file : mine) {
          session.IndexFile((fs::path(corpus_dir) / file).string(), manifest,
                            {.skip_unchanged = true});
        }
        for (const std::string& id : gone) session.RemoveSource(id);
      });
}

IndexReport RemoveSources(const std::vector<std::string>& source_ids, const std::string& index_path,
                          const IndexOptions& options) {
  if (!fs::exists(index_path)) throw Xapian::DatabaseOpeningError("no index at " + index_path);
  return InTransaction(index_path, options,
                       [&](Xapian::WritableDatabase&, Session& session, const ShardFilter& shard) {
                         std::vector<std::string> mine;
                         for (const std::string& id : source_ids) {
                           if (shard.Owns(id)) mine.push_back(id);
                         }
                         session.set_total(mine.size());
                         for (const std::string& id : mine) session.RemoveSource(id);
                       });
}

IndexStats ReadIndexStats(const std::string& index_path) {
  const Xapian::Database db = OpenIndex(index_path);
  IndexStats s;
  const std::string prefix = kSourceKeyPrefix;
  const std::size_t shards = ShardCount(index_path);
  // A multi-database lists the metadata of its first shard only: count each shard's sources.
  for (std::size_t i = 0; i < std::max<std::size_t>(shards, 1); ++i) {
    const Xapian::Database part =
        shards
            ? Xapian::Database((fs::path(CurrentDatabaseDir(index_path)) / ShardName(i)).string())
            : db;
    for (auto it = part.metadata_keys_begin(prefix); it != part.metadata_keys_end(prefix); ++it) {
      ++s.files;
    }
  }
  s.records = db.get_termfreq(schema::Term(schema::kDocType, schema::kDocTypeRecord));
  s.passages = db.get_termfreq(schema::Term(schema::kDocType, schema::kDocTypePassage));
  s.terms = CountTerms(db);
  s.postings = db.get_total_length();
  s.generation = CurrentGeneration(index_path);
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(CurrentDatabaseDir(index_path), ec)) {
    if (entry.is_regular_file(ec)) s.disk_bytes += entry.file_size(ec);
  }
  return s;
}

}  // namespace coop
