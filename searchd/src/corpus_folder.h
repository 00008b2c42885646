// What searchd reads from the corpus folder (--corpus): the manifest's facts about each source,
// and the original files, located only through the index's own source names.
#ifndef COOP_SEARCHD_CORPUS_FOLDER_H_
#define COOP_SEARCHD_CORPUS_FOLDER_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace coop::http {

/// A source's entry of CORPUS/manifest.json (corpus/README.md, written by coop-index's users and
/// by POST /api/reports): the facts read off the document itself.
struct ManifestFacts {
  std::string title, publisher, date, date_note;
  std::vector<std::string> countries;
};

/// The entries of `corpus_dir`/manifest.json by file name. Empty if `corpus_dir` is empty or
/// has no manifest, or if the manifest cannot be parsed (the view then uses the index's own
/// fields). Reads the file at each call (it is small, and uploads rewrite it). Thread-safe.
std::map<std::string, ManifestFacts> ReadManifest(const std::string& corpus_dir);

/// The path of the original file of `source` inside `corpus_dir`, or std::nullopt unless it is
/// a regular file whose canonical path (symbolic links resolved) lies directly in the canonical
/// `corpus_dir`, and `source` is a plain file name (no '/', '\\', NUL, no leading '.'). The
/// caller must also have checked that the index lists `source`. Thread-safe.
std::optional<std::string> OriginalFile(const std::string& corpus_dir, const std::string& source);

/// The media type of an original file, from its name's extension (the indexer detects formats
/// from content, but serves nothing: this is what the browser is told): application/pdf,
/// DOCX, ODT, text/html, text/markdown, text/plain; text types carry `charset` (utf-8 when the
/// bytes `head` (the file's first bytes, possibly cut inside a character) are valid UTF-8,
/// else windows-1252, the indexer's other 8-bit encoding);
/// application/octet-stream for anything else. Thread-safe.
std::string OriginalContentType(const std::string& source, const std::string& head);

}  // namespace coop::http

#endif  // COOP_SEARCHD_CORPUS_FOLDER_H_
