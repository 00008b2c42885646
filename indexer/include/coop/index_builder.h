// Index management: full builds, adding, updating and removing sources, stats. Every command is
// one Xapian transaction under the index's WriterLock (coop/generations.h), so a crash or
// SIGKILL at any moment leaves the index as it was before the command. Layout, metadata keys and
// limits: docs/INDEXING.md.
//
// Per file: ExtractFile (coop/extract.h) -> SegmentDocument -> Enricher::Enrich -> AssignPages
// -> DocumentWriter::Write, after deleting the source's previous documents by their source id term
// (schema::kSource + file name). The folded words of the records go to Xapian's spelling table.
#ifndef COOP_INDEX_BUILDER_H_
#define COOP_INDEX_BUILDER_H_

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "coop/analyzer.h"
#include "coop/corpus.h"
#include "coop/extract.h"
#include "coop/index_writer.h"

namespace coop {

/// Metadata key prefix of per-source facts: "coop:source:<file name>" -> JSON
/// {"sha256","info","bytes","format","records","passages","rank"} (see docs/INDEXING.md).
inline constexpr const char* kSourceKeyPrefix = "coop:source:";

/// One step of a run, for progress display. `status` is "indexed", "unchanged", "removed" or
/// "failed"; `detail` says why a file failed, or its format and passage count.
struct ProgressEvent {
  std::size_t done = 0;   ///< Steps finished, this one included.
  std::size_t total = 0;  ///< Steps planned (files, plus removals for update).
  std::string source;     ///< Source id (file name).
  std::string status;
  std::string detail;
};

/// Options of every writing command.
struct IndexOptions {
  ExtractLimits limits;  ///< File size and zip unpack limits (bytes; default 100 MB each).
  /// Called after each step; may be empty. A sharded build calls it from its worker threads, one
  /// call at a time.
  std::function<void(const ProgressEvent&)> progress;
  /// `build` only: 0 writes one database (the default); N > 0 writes N shards, source file f going
  /// to shard ShardOf(f, N) (coop/generations.h), listed in the stub (docs/SCALING.md).
  std::size_t shards = 0;
  /// `build --shards` only: shards built at once, one thread each; 0 means
  /// std::thread::hardware_concurrency().
  std::size_t jobs = 0;
};

/// What an indexing run did. `errors` has one line per failed file: "<file>: <reason>".
struct IndexReport {
  std::size_t files = 0;      ///< Files (re)indexed successfully.
  std::size_t unchanged = 0;  ///< Files skipped by update because their content hash matched.
  std::size_t removed = 0;    ///< Sources removed.
  std::size_t records = 0;    ///< Records written by this run.
  std::size_t passages = 0;   ///< Passages written by this run.
  std::uint64_t bytes = 0;    ///< Bytes of source files read and indexed.
  std::uint64_t terms = 0;    ///< Distinct terms in the index after the run.
  double seconds = 0;         ///< Wall-clock time of the whole run.
  std::vector<std::string> errors;
};

/// Index-wide counts, from `coop-index stats`.
struct IndexStats {
  std::size_t files = 0;  ///< Sources with a kSourceKeyPrefix entry.
  std::size_t records = 0;
  std::size_t passages = 0;
  std::uint64_t terms = 0;       ///< Distinct terms (all prefixes).
  std::uint64_t postings = 0;    ///< Sum of document lengths (word occurrences).
  std::uint64_t disk_bytes = 0;  ///< Size of the current database directory.
  std::string generation;        ///< Current generation ("g000003"); empty for a plain directory.
};

/// Reads `path`, checks it is non-empty text under `max_bytes`, and returns its bytes.
/// Throws std::runtime_error with the reason ("empty file", "binary file", "too large", I/O).
std::string ReadSourceFile(const std::string& path, std::uint64_t max_bytes = 100ull << 20);

/// Lists the source files of a corpus folder, sorted by name: regular files other than the
/// manifest (manifest.json), README files and hidden files.
std::vector<std::string> ListSourceFiles(const std::string& corpus_dir);

/// Extracts, segments and enriches the file at `path` without touching any index (what
/// `coop-index inspect` prints). Manifest facts apply when `manifest` lists the file. Throws
/// ExtractError with the reason if the file cannot be read.
std::vector<Record> ReadRecords(const std::string& path, const Manifest& manifest,
                                const ExtractLimits& limits = {});

/// Full build: indexes every source file of `corpus_dir` (described by its manifest.json when
/// present) into a new database generation and switches the index stub to it with one rename,
/// so that readers see either the old or the new index, never a partial one. A file that fails
/// is reported in IndexReport::errors, the rest is indexed, and the previous version of that
/// source (if the old index had one) is carried over. Throws IndexLockedError if another writer
/// holds the index, std::runtime_error if the manifest is malformed, Xapian::Error on I/O errors.
IndexReport BuildIndex(const std::string& corpus_dir, const std::string& index_path,
                       const IndexOptions& options);

/// Adds or replaces the sources `paths` (source id = file name; facts from a manifest.json in the
/// file's folder if it lists the file). Creates the index if missing. A failed file keeps its
/// previous version. Throws as BuildIndex.
IndexReport AddFiles(const std::vector<std::string>& paths, const std::string& index_path,
                     const IndexOptions& options);

/// Incremental update from `corpus_dir`: files whose content hash (SHA-256) and manifest facts
/// are unchanged are skipped, changed and new files are reindexed, sources whose file is gone
/// are removed. Creates the index if missing. Throws as BuildIndex.
IndexReport UpdateIndex(const std::string& corpus_dir, const std::string& index_path,
                        const IndexOptions& options);

/// Removes every document of each source id (file name). An unknown id is an error line in the
/// report; the others are removed. Throws as BuildIndex.
IndexReport RemoveSources(const std::vector<std::string>& source_ids, const std::string& index_path,
                          const IndexOptions& options);

/// Counts of the index at `index_path`. Throws Xapian::DatabaseOpeningError if there is none.
IndexStats ReadIndexStats(const std::string& index_path);

}  // namespace coop

#endif  // COOP_INDEX_BUILDER_H_
