#include "coop/generations.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace coop {
namespace fs = std::filesystem;
namespace {

constexpr const char* kBackend = "glass";

// Generation number of a directory name "g000012" -> 12; -1 if not a generation name.
long GenerationNumber(const std::string& name) {
  if (name.size() < 2 || name[0] != 'g') return -1;
  long n = 0;
  for (std::size_t i = 1; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9') return -1;
    n = n * 10 + (name[i] - '0');
  }
  return n;
}

void FsyncPath(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

WriterLock::WriterLock(const std::string& index_path) {
  const std::string dir = GenerationsDir(index_path);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create " + dir + ": " + ec.message());
  const std::string lock = dir + "/lock";
  fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw std::runtime_error("cannot open " + lock + ": " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    ::close(fd_);
    fd_ = -1;
    if (err == EWOULDBLOCK)
      throw IndexLockedError("index is locked by another writer: " + index_path);
    throw std::runtime_error("cannot lock " + lock + ": " + std::strerror(err));
  }
}

WriterLock::~WriterLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the flock
}

std::string NewGeneration(const std::string& path, std::string& dir) {
  const fs::path gens = GenerationsDir(path);
  fs::create_directories(gens);
  long last = std::max(0L, GenerationNumber(CurrentGeneration(path)));
  for (const auto& entry : fs::directory_iterator(gens)) {
    last = std::max(last, GenerationNumber(entry.path().filename().string()));
  }
  char name[32];
  std::snprintf(name, sizeof name, "g%06ld", last + 1);
  dir = (gens / name).string();
  fs::remove_all(dir);
  return name;
}

std::uint64_t Fnv1a64(std::string_view bytes) {
  std::uint64_t h = 14695981039346656037ull;
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

std::size_t ShardOf(std::string_view source_id, std::size_t shards) {
  return static_cast<std::size_t>(Fnv1a64(source_id) % shards);
}

std::string ShardName(std::size_t i) {
  char name[16];
  std::snprintf(name, sizeof name, "s%03zu", i);
  return name;
}

void SwitchGeneration(const std::string& path, const std::string& name,
                      const StubOptions& options) {
  const fs::path target(path);
  const std::string tmp = path + ".stub-" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    // Relative to the stub's directory, so the index folder can be moved as a whole.
    const std::string dir = target.filename().string() + ".d/" + name;
    if (options.shards == 0) out << kBackend << ' ' << dir << '\n';
    for (std::size_t i = 0; i < options.shards; ++i) {
      out << kBackend << ' ' << dir << '/' << ShardName(i) << '\n';
    }
    // Last: readers take the generation from the first line (CurrentGeneration).
    std::error_code missing;
    if (options.shards > 0 &&
        fs::is_directory(fs::path(GenerationsDir(path)) / name / kSpellingName, missing)) {
      out << "# coop:spelling " << dir << '/' << kSpellingName << '\n';
    }
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + tmp);
  }
  FsyncPath(tmp, O_RDONLY);
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    // Older layout: the index was a database directory. rename(2) cannot replace a directory
    // by a file, so it moves aside first (the one moment the path is absent).
    fs::rename(path, fs::path(GenerationsDir(path)) / ("legacy-" + std::to_string(::getpid())));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    fs::remove(tmp, ec);
    throw std::runtime_error("cannot switch the index stub " + path + ": " + why);
  }
  const fs::path parent = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  FsyncPath(parent.string(), O_RDONLY | O_DIRECTORY);
}

void RemoveOldGenerations(const std::string& path, const std::string& keep) {
  const std::string current = CurrentGeneration(path);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(GenerationsDir(path), ec)) {
    const std::string name = entry.path().filename().string();
    if (name == current || name == keep || name == "lock") continue;
    const bool scratch = name.size() > 4 && name.compare(name.size() - 4, 4, ".tmp") == 0;
    if (GenerationNumber(name) >= 0 || scratch || name.rfind("legacy-", 0) == 0) {
      fs::remove_all(entry.path(), ec);
    }
  }
}

void SyncDatabaseDir(const std::string& dir) {
  const auto sync = [](const std::string& path, int flags) {
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
      const std::string why = std::strerror(errno);
      if (fd >= 0) ::close(fd);
      throw std::runtime_error("cannot sync " + path + ": " + why);
    }
    ::close(fd);
  };
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file()) sync(entry.path().string(), O_RDONLY);
  }
  sync(dir, O_RDONLY | O_DIRECTORY);
  const fs::path parent = fs::path(dir).parent_path();
  sync(parent.empty() ? "." : parent.string(), O_RDONLY | O_DIRECTORY);
}

}  // namespace coop
