// The writer half of the index layout (described in coop/index_reader.h): the writer lock, new
// generations and the atomic stub switch. Readers use coop/index_reader.h alone.
#ifndef COOP_GENERATIONS_H_
#define COOP_GENERATIONS_H_

#include <stdexcept>
#include <string>

#include "coop/index_reader.h"

namespace coop {

/// Another process holds the writer lock. what() reads "index is locked by another writer: P".
class IndexLockedError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

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

#endif  // COOP_GENERATIONS_H_
