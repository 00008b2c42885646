// The on-disk layout of an index and how readers and writers open it.
//
// An index path P (e.g. data/index) is a Xapian *stub database file* naming the current database
// (a "generation"), so a full rebuild can be switched in with one rename(2):
//
//   P             stub file, one line: "glass <name of P>.d/gNNNNNN" (path relative to the stub)
//   P.d/gNNNNNN/  glass databases; the current one and the previous one are kept
//   P.d/lock      writer lock file (flock), held by coop-index for the whole command
//
// Incremental commands (add, update, remove) write into the current generation inside one
// Xapian transaction; `build` writes a new generation and renames a new stub over P. Every
// generation stores its own name in metadata key kGenerationKey, which is how a reader knows
// whether the stub now names another database. A P that is a plain database directory (older
// layout) is still read and updated in place; `build` replaces it with a stub.
#ifndef COOP_INDEX_HANDLE_H_
#define COOP_INDEX_HANDLE_H_

#include <xapian.h>

#include <stdexcept>
#include <string>

namespace coop {

/// Metadata key holding the generation name ("g000003") in each generation's database.
inline constexpr const char* kGenerationKey = "coop:generation";

/// Another process holds the writer lock. what() reads "index is locked by another writer: P".
class IndexLockedError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Opens the index at `path` (stub file or database directory) for reading. Throws
/// Xapian::DatabaseOpeningError if it is missing or unreadable.
Xapian::Database OpenIndex(const std::string& path);

/// Brings `db`, opened from `path` with OpenIndex, up to date: picks up commits to its database
/// (Xapian::Database::reopen) and, if the stub now names another generation (a `build` finished),
/// opens that one instead. Returns true if `db` may now read newer contents. Cost: one read of the
/// small stub file plus reopen(); call it before each search. Not thread-safe for one `db`.
/// Throws Xapian::Error if the index cannot be opened.
bool RefreshIndex(const std::string& path, Xapian::Database& db);

/// The generation the stub at `path` names ("g000003"), or "" if `path` is not a stub file.
std::string CurrentGeneration(const std::string& path);

/// Directory holding the generations of `path`: "P.d".
std::string GenerationsDir(const std::string& path);

/// Directory of the database `path` reads: the current generation, or `path` itself for a
/// database directory. Throws std::runtime_error if the stub cannot be read.
std::string CurrentDatabaseDir(const std::string& path);

/// Exclusive lock for writers of one index: flock(2) on P.d/lock, so it is released when the
/// process ends in any way (including SIGKILL). Not reentrant.
class WriterLock {
 public:
  /// Takes the lock without waiting; throws IndexLockedError if another process holds it and
  /// std::runtime_error if the lock file cannot be created.
  explicit WriterLock(const std::string& index_path);
  ~WriterLock();
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  int fd_ = -1;
};

/// Creates the directory of a new generation of `path` (numbered after every existing one) and
/// returns its name ("g000004"); `dir` receives its path. Call under WriterLock.
std::string NewGeneration(const std::string& path, std::string& dir);

/// Points the stub at `path` to generation `name` atomically: writes and fsyncs a temporary stub,
/// renames it over `path` and fsyncs the directory. A database directory at `path` (older layout)
/// is first moved into P.d. Throws std::runtime_error on I/O errors. Call under WriterLock.
void SwitchGeneration(const std::string& path, const std::string& name);

/// Deletes every generation of `path` except the current one and `keep` (the previous one, which
/// readers may still be reading until their next RefreshIndex), and the scratch databases
/// ("gNNNNNN.tmp") of killed builds. Best effort; never throws.
void RemoveOldGenerations(const std::string& path, const std::string& keep);

/// fsyncs every file of database directory `dir`, then `dir` and its parent directory, so that a
/// database written without syncing (Xapian::DB_NO_SYNC, or compacted) is on disk before a stub
/// names it. Throws std::runtime_error if a file cannot be opened or synced.
void SyncDatabaseDir(const std::string& dir);

}  // namespace coop

#endif  // COOP_INDEX_HANDLE_H_
