#include "coop/index_reader.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "coop/index_metadata.h"

namespace coop {
namespace fs = std::filesystem;
namespace {

std::string ReadSmallFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::string GenerationsDir(const std::string& path) { return path + ".d"; }

std::string CurrentGeneration(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return {};
  const std::string stub = ReadSmallFile(path);
  // First line: "glass P.d/gNNNNNN" or, for a sharded generation, "glass P.d/gNNNNNN/s000".
  const std::string line = stub.substr(0, stub.find('\n'));
  const std::size_t d = line.rfind(".d/");
  if (d == std::string::npos) return {};
  std::string name = line.substr(d + 3);
  name = name.substr(0, name.find('/'));
  while (!name.empty() && (name.back() == '\r' || name.back() == ' ')) name.pop_back();
  return name;
}

std::size_t ShardCount(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return 0;
  const std::string stub = ReadSmallFile(path);
  std::size_t lines = 0;
  std::istringstream in(stub);
  bool sharded = false;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;  // comments: "# coop:spelling P"
    ++lines;
    const std::size_t d = line.rfind(".d/");
    if (d != std::string::npos && line.find('/', d + 3) != std::string::npos) sharded = true;
  }
  return sharded ? lines : 0;
}

bool HasRemoteShards(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return false;
  std::istringstream in(ReadSmallFile(path));
  for (std::string line; std::getline(in, line);) {
    const std::size_t start = line.find_first_not_of(" \t");
    if (start != std::string::npos && line.compare(start, 6, "remote") == 0) return true;
  }
  return false;
}

std::string SpellingDatabasePath(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return {};
  static constexpr std::string_view kTag = "# coop:spelling ";
  std::istringstream in(ReadSmallFile(path));
  for (std::string line; std::getline(in, line);) {
    if (line.compare(0, kTag.size(), kTag) != 0) continue;
    std::string name = line.substr(kTag.size());
    while (!name.empty() && (name.back() == '\r' || name.back() == ' ')) name.pop_back();
    if (name.empty()) return {};
    const fs::path p(name);
    return p.is_absolute() ? name : (fs::path(path).parent_path() / p).string();
  }
  return {};
}

std::string ShardRevisions(const std::string& path) {
  if (ShardCount(path) == 0 || HasRemoteShards(path)) return {};
  std::istringstream in(ReadSmallFile(path));
  std::string key;
  try {
    for (std::string line; std::getline(in, line);) {
      if (line.empty() || line[0] == '#') continue;
      const std::size_t space = line.find(' ');  // "glass P.d/gNNNNNN/s000"
      if (space == std::string::npos) return {};
      std::string name = line.substr(space + 1);
      while (!name.empty() && (name.back() == '\r' || name.back() == ' ')) name.pop_back();
      const fs::path p(name);
      const Xapian::Database shard(p.is_absolute() ? name
                                                   : (fs::path(path).parent_path() / p).string());
      if (!key.empty()) key += ' ';
      key += shard.get_uuid() + "@" + std::to_string(shard.get_revision());
    }
  } catch (const Xapian::Error&) {
    return {};  // a shard removed under us (a new build): the caller builds unshared state
  }
  return key;
}

std::string CurrentDatabaseDir(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    // A replica (xapian-replicate): its XAPIANDB stub names the live copy, "auto replica_N".
    std::istringstream in(ReadSmallFile((fs::path(path) / "XAPIANDB").string()));
    std::string live;
    for (std::string line; std::getline(in, line);) {
      if (line.rfind("auto ", 0) == 0) live = line.substr(5);
    }
    return live.empty() ? path : (fs::path(path) / live).string();
  }
  const std::string gen = CurrentGeneration(path);
  if (gen.empty()) throw std::runtime_error("not an index (no stub file): " + path);
  return (fs::path(GenerationsDir(path)) / gen).string();
}

Xapian::Database OpenIndex(const std::string& path) {
  Xapian::Database db(path);
  CheckFormat(db, path);
  return db;
}

bool RefreshIndex(const std::string& path, Xapian::Database& db) {
  const std::string gen = CurrentGeneration(path);
  try {
    const bool changed = db.reopen();
    if (gen.empty() || db.get_metadata(std::string(kGenerationKey)) == gen) return changed;
  } catch (const Xapian::DatabaseError&) {
    // The database we were reading has been removed (an older generation): read the current one.
  }
  db = OpenIndex(path);
  return true;
}

IndexWatcher::Stamp IndexWatcher::StampOf(const std::string& file) {
  struct stat st {};
  if (file.empty() || ::stat(file.c_str(), &st) != 0) return {-1, -1, -1, -1};
  return {static_cast<long long>(st.st_ino), static_cast<long long>(st.st_size),
          static_cast<long long>(st.st_mtim.tv_sec), static_cast<long long>(st.st_mtim.tv_nsec)};
}

bool IndexWatcher::MayHaveChanged() {
  // Stamped before the caller refreshes: a commit landing after this is seen next time.
  looked_stub_ = StampOf(path_);
  looked_version_ = StampOf(version_file_);
  return !seen_ || looked_stub_ != stub_ || looked_version_ != version_ || looked_stub_[0] == -1 ||
         (remote_ && std::chrono::steady_clock::now() - seen_at_ >= options_.remote_poll);
}

void IndexWatcher::Seen() {
  try {
    version_file_ = CurrentDatabaseDir(path_) + "/iamglass";
  } catch (const std::exception&) {
    version_file_.clear();  // not an index any more: check again next time
  }
  stub_ = looked_stub_;
  version_ = StampOf(version_file_);
  remote_ = HasRemoteShards(path_);
  seen_at_ = std::chrono::steady_clock::now();
  seen_ = true;
  // A commit (or a new generation) landed while the caller looked: look again next time.
  if (version_ != looked_version_) stub_[0] = -1;
}

}  // namespace coop
