// Reading an index: where its database is, which format it has, and how a reader follows its
// changes. The writer half (writer lock, new generations, the stub switch) is the indexer's
// (indexer/include/coop/generations.h); both follow the layout described here.
//
// An index path P (e.g. data/index) is a Xapian *stub database file* naming the current database
// (a "generation"), so a full rebuild can be switched in with one rename(2):
//
//   P             stub file, one line: "glass <name of P>.d/gNNNNNN" (path relative to the stub)
//   P.d/gNNNNNN/  glass databases; the current one and the previous one are kept
//   P.d/lock      writer lock file (flock), held by coop-index for the whole command
//
// A sharded index (`coop-index build --shards N`, docs/SCALING.md) has N glass databases
// P.d/gNNNNNN/s000 ... s(N-1) and its stub lists them, one "glass" line each; Xapian opens it as
// one multi-database. Every shard carries the index-wide metadata (format, generation, region
// names, place points) and the synonyms; a multi-database reads metadata from its first
// sub-database only (Xapian 1.4 Database::get_metadata), so shard s000's copy is the one read.
// Sources go to shard Fnv1a64(file name) mod N (coop/generations.h); a source's metadata
// (coop:source:*) and the spelling of its records are in its shard. Writers of a sharded index
// rewrite the stub last in every command, which is how IndexWatcher notices their commits.
//
// Incremental commands (add, update, remove) write into the current generation inside one
// Xapian transaction; `build` writes a new generation and renames a new stub over P. Every
// generation stores its own name in metadata key kGenerationKey (coop/index_metadata.h), which is
// how a reader knows whether the stub now names another database.
#ifndef COOP_INDEX_READER_H_
#define COOP_INDEX_READER_H_

#include <xapian.h>

#include <array>
#include <chrono>
#include <cstddef>
#include <string>

namespace coop {

/// Opens the index at `path` (stub file or database directory) for reading and checks its
/// format (CheckFormat). Throws Xapian::DatabaseOpeningError if it is missing or unreadable and
/// IndexFormatError if it has another format.
Xapian::Database OpenIndex(const std::string& path);

/// Brings `db`, opened from `path` with OpenIndex, up to date: picks up commits to its database
/// (Xapian::Database::reopen) and, if the stub now names another generation (a `build` finished),
/// opens that one instead. Returns true if `db` may now read newer contents. Cost: one read of the
/// small stub file plus reopen(). Not thread-safe for one `db`. Throws Xapian::Error if the index
/// cannot be opened, IndexFormatError if the new generation has another format.
bool RefreshIndex(const std::string& path, Xapian::Database& db);

/// The generation the stub at `path` names ("g000003"), or "" if `path` is not a stub file.
std::string CurrentGeneration(const std::string& path);

/// Number of shards of the index at `path`: N for a stub listing the N shard databases of a
/// sharded generation, 0 for an unsharded index (one database) or a database directory. Cost:
/// one read of the small stub file. Never throws.
std::size_t ShardCount(const std::string& path);

/// Whether the stub at `path` names a remote shard (a "remote" line: Xapian's remote backend,
/// `xapian-tcpsrv`; docs/SCALING.md). Our posting sources, match spies and the per-revision
/// posting cache cannot run on such a shard, so the searcher gives way to Xapian's own operators.
/// Cost: one read of the small stub file. Never throws (false if `path` is no stub).
bool HasRemoteShards(const std::string& path);

/// The spelling database the stub at `path` names on a comment line "# coop:spelling P" (P
/// relative to the stub's directory, or absolute), or "" if none. Xapian skips comment lines of
/// a stub; a remote shard serves no spelling table, and one merged table gives the suggestions of
/// one index (docs/SCALING.md). Cost: one read of the stub. Never throws.
std::string SpellingDatabasePath(const std::string& path);

/// For a stub of local shards, each shard database's UUID and revision as on disk now,
/// "uuid@revision" joined by spaces in stub order; "" for an unsharded index, a stub with a
/// remote shard, or if a shard cannot be opened. A multi-database has no revision of its own
/// (Xapian 1.4 throws): read before and after reopening a handle, an unchanged answer names
/// exactly the revisions that handle reads (revisions only grow), which lets the searchers of
/// all threads share one state per revision (docs/SCALING.md). Cost: one read of the stub and
/// one open of each shard. Never throws.
std::string ShardRevisions(const std::string& path);

/// Directory holding the generations of `path`: "P.d".
std::string GenerationsDir(const std::string& path);

/// Directory of the current generation of `path` (the database, or for a sharded index the
/// directory holding its shard databases), or `path` itself for a database directory, or for a
/// replica directory of xapian-replicate (docs/SCALING.md) the live copy its XAPIANDB stub
/// names. Throws std::runtime_error if the stub cannot be read.
std::string CurrentDatabaseDir(const std::string& path);

/// Tells cheaply whether an index may have changed since the last look: two stat(2) calls, on
/// the stub (a `build` replaces it: new inode) and on the current database's version file
/// (glass rewrites "iamglass" on every commit; this is the one place that knows the backend's
/// file names). Reading the stub and reopening on every request instead cost about 3% of a
/// query (docs/bench/profile.md). A stub naming remote shards has no local file that a commit
/// on a shard's machine touches: it may have changed once `remote_poll` has passed since the
/// last Seen() (Elasticsearch's refresh interval, 1 s by default), and the caller's reopen asks
/// the shards. Not thread-safe: one per reader.
class IndexWatcher {
 public:
  /// How an IndexWatcher looks.
  struct Options {
    /// Remote shards: time after a Seen() from which MayHaveChanged() is true again.
    std::chrono::milliseconds remote_poll{1000};
  };

  explicit IndexWatcher(std::string index_path) : IndexWatcher(std::move(index_path), Options{}) {}
  IndexWatcher(std::string index_path, Options options)
      : path_(std::move(index_path)), options_(options) {}

  /// True if the index may have changed since the last Seen() (always true before the first).
  /// When true, bring the database up to date (RefreshIndex) and then call Seen(). Never throws.
  bool MayHaveChanged();

  /// Records that the caller's database is now up to date with what MayHaveChanged() looked at.
  /// If a commit landed meanwhile, the next MayHaveChanged() is true. Never throws.
  void Seen();

 private:
  using Stamp = std::array<long long, 4>;  // inode, size, mtime (s, ns); -1s if absent
  static Stamp StampOf(const std::string& file);
  std::string path_;
  Options options_;
  bool remote_ = false;                              // the stub names remote shards, as of Seen()
  std::chrono::steady_clock::time_point seen_at_{};  // of the last Seen()
  std::string version_file_;                // the current generation's version file, as of Seen()
  Stamp stub_{-1, -1, -1, -1}, version_{};  // as of Seen()
  Stamp looked_stub_{}, looked_version_{};  // as of MayHaveChanged()
  bool seen_ = false;
};

}  // namespace coop

#endif  // COOP_INDEX_READER_H_
