// Writing the corpus into a Xapian index following coop/schema.h.
#ifndef COOP_INDEX_BUILDER_H_
#define COOP_INDEX_BUILDER_H_

#include <xapian.h>

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "coop/analyzer.h"
#include "coop/corpus.h"
#include "coop/index_writer.h"

namespace coop {

/// What an indexing run did. `errors` has one line per failed file: "<file>: <reason>".
struct IndexReport {
  std::size_t files = 0;     ///< Files indexed successfully.
  std::size_t records = 0;
  std::size_t passages = 0;
  std::uint64_t bytes = 0;   ///< Bytes of source text indexed.
  double seconds = 0;        ///< Wall-clock time of the whole run.
  std::vector<std::string> errors;
};

/// Reads `path`, checks it is non-empty text under `max_bytes`, and returns its bytes.
/// Throws std::runtime_error with the reason ("empty file", "binary file", "too large", I/O).
std::string ReadSourceFile(const std::string& path, std::uint64_t max_bytes = 100ull << 20);

/// Lists the source files of a corpus folder, sorted by name: regular files other than the
/// manifest (manifest.json), README files and hidden files.
std::vector<std::string> ListSourceFiles(const std::string& corpus_dir);

/// Full build: indexes every source file of `corpus_dir` (described by its manifest.json when
/// present) into a fresh database next to `index_dir`, then switches it in by renaming, so that
/// readers see either the old or the new index, never a partial one. A file that cannot be read
/// is reported in IndexReport::errors and the rest is indexed. Progress lines go to `log` if not
/// null. Throws std::runtime_error if the manifest is malformed or the index cannot be written.
IndexReport BuildIndex(const std::string& corpus_dir, const std::string& index_dir,
                       std::ostream* log);

}  // namespace coop

#endif  // COOP_INDEX_BUILDER_H_
