// The writer half of the index layout (described in coop/index_reader.h): the writer lock, new
// generations and the atomic stub switch. Readers use coop/index_reader.h alone.
#ifndef COOP_GENERATIONS_H_
#define COOP_GENERATIONS_H_

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

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

/// How a generation is laid out on disk.
struct StubOptions {
  /// 0: the generation directory is one glass database (one stub line). N > 0: it holds N shard
  /// databases named ShardName(0..N-1), and the stub lists them in that order, one line each.
  std::size_t shards = 0;
};

/// FNV-1a, 64 bits (offset basis 14695981039346656037, prime 1099511628211; Fowler, Noll and Vo,
/// as published at isthe.com/chongo/tech/comp/fnv): the stable hash that assigns sources to
/// shards, the same on every platform and in every build. Thread-safe.
std::uint64_t Fnv1a64(std::string_view bytes);

/// The shard (0..shards-1) of the source `source_id` (its corpus-relative path, which is its file
/// name): Fnv1a64(source_id) mod shards. `shards` must be > 0. Thread-safe.
std::size_t ShardOf(std::string_view source_id, std::size_t shards);

/// Directory name of shard `i` inside a generation: "s000", "s001", ... Thread-safe.
std::string ShardName(std::size_t i);

/// Name of the merged spelling database inside a sharded generation ("spelling").
inline constexpr std::string_view kSpellingName = "spelling";

/// Writes, in database `generation_dir`/kSpellingName (created if missing), the spelling
/// entries of the generation's `shards` shard databases with their frequencies summed, and
/// removes the entries no shard has any more: one commit, so a reader sees the old table or the
/// new one. The stub names it ("# coop:spelling ..." line, coop/index_reader.h
/// SpellingDatabasePath): a multi-database's own spelling lookup adds up trigram scores shard by
/// shard and a remote shard serves none (docs/SCALING.md). Cost: one pass over every shard's
/// spelling table. Throws Xapian::Error on I/O error. Call under WriterLock.
void WriteMergedSpelling(const std::string& generation_dir, std::size_t shards);

/// Points the stub at `path` to generation `name` atomically: writes and fsyncs a temporary stub,
/// renames it over `path` and fsyncs the directory. With `options.shards` > 0 the stub lists the
/// shard databases of the generation, and then the merged spelling database on a comment line
/// if the generation has one (WriteMergedSpelling). A database directory at `path` (older layout)
/// is first moved into P.d. Throws std::runtime_error on I/O errors. Call under WriterLock.
void SwitchGeneration(const std::string& path, const std::string& name,
                      const StubOptions& options = {});

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
