// Text extraction from source files: format detection from content (magic bytes), charset
// detection and conversion (ICU), PDF (poppler-cpp, per page), DOCX and ODT (Poco Zip + Poco XML),
// HTML (libxml2's HTML parser, visible text only). Every failure is an ExtractError whose message
// is the reason a user reads next to the file name ("encrypted PDF (password required)").
#ifndef COOP_EXTRACT_H_
#define COOP_EXTRACT_H_

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "coop/corpus.h"

namespace coop {

/// A source file that cannot be indexed; what() is the reason, without the file name.
class ExtractError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Formats the indexer reads. Detected from content; the extension only separates Markdown from
/// plain text (both are text).
enum class Format { kText, kMarkdown, kHtml, kPdf, kDocx, kOdt };

/// Lower-case name of a format: "text", "markdown", "html", "pdf", "docx", "odt".
std::string_view FormatName(Format format);

/// Resource limits for one file. Both in bytes.
struct ExtractLimits {
  std::uint64_t max_file_bytes = 100ull << 20;  ///< Size of the file on disk (default 100 MB).
  /// Total uncompressed bytes read out of a DOCX/ODT archive (zip bomb guard; default 100 MB).
  std::uint64_t max_unpacked_bytes = 100ull << 20;
};

/// The text of one source file.
struct Extracted {
  Format format = Format::kText;
  std::string text;      ///< UTF-8. Paragraphs separated by blank lines; pages likewise.
  std::string title;     ///< From the document itself (HTML <title>, PDF/DOCX/ODT metadata);
                         ///< empty when it has none.
  std::string encoding;  ///< Charset the bytes were read in, e.g. "UTF-8", "windows-1252";
                         ///< empty for PDF/DOCX/ODT (their own encodings).
  /// PDF only: byte offset in `text` where page i+1 starts (page_starts[0] == 0). Empty otherwise.
  std::vector<std::size_t> page_starts;
};

/// Detects the format of `bytes` from magic numbers and markup ("%PDF-", "PK\3\4" with an ODT
/// mimetype or a word/document.xml entry, "<!DOCTYPE html"/"<html"...). `name` (a file name)
/// is consulted only to tell Markdown from plain text. Throws ExtractError for empty input,
/// known binary formats (images, archives, executables...) and zip archives that are neither
/// DOCX nor ODT.
Format DetectFormat(std::string_view bytes, std::string_view name);

/// Extracts the text of `bytes` (the content of the file `name`). Throws ExtractError naming the
/// reason: empty, binary, truncated or encrypted PDF, zip bomb, invalid text in its (declared or
/// detected) encoding, no text at all. Thread-safe.
Extracted ExtractBytes(std::string_view bytes, std::string_view name, const ExtractLimits& limits);

/// Reads the whole file at `path`, refusing it before reading if it is not a regular file, is
/// empty or is larger than `max_bytes`. Throws ExtractError with the reason (also for I/O errors).
std::string ReadFileBytes(const std::string& path, std::uint64_t max_bytes);

/// ReadFileBytes(path, limits.max_file_bytes) then ExtractBytes. Throws ExtractError.
/// Thread-safe.
Extracted ExtractFile(const std::string& path, const ExtractLimits& limits);

/// Converts text bytes to UTF-8: UTF-8 (with or without BOM) is checked and kept; otherwise ICU's
/// charset detector (ucsdet) must recognise ISO-8859-1 or windows-1252 and ICU converts it as
/// windows-1252 (its superset, as browsers do). `declared` is a charset the file claims (HTML
/// <meta charset>), or empty. Sets `encoding` to the charset used. Throws ExtractError for
/// bytes invalid in the declared or detected charset, or text in another charset.
std::string ToUtf8(std::string_view bytes, std::string_view declared, std::string& encoding);

/// Page (1-based) of the byte offset `offset` given page start offsets; 0 if `page_starts` is
/// empty (the format has no pages).
int PageAt(const std::vector<std::size_t>& page_starts, std::size_t offset);

/// Gives every passage of `records` the page it is on, splitting a passage that crosses a page
/// start into one passage per page (text cut from `text`, the string the offsets refer to, with
/// surrounding whitespace trimmed). Passages of a split record are renumbered "<record id>-p<n>"
/// in order. No-op when `page_starts` is empty.
void AssignPages(std::vector<Record>& records, std::string_view text,
                 const std::vector<std::size_t>& page_starts);

// Per-format extractors (one file each), called by ExtractBytes after DetectFormat.
Extracted ExtractPdf(std::string_view bytes);
Extracted ExtractOfficeZip(std::string_view bytes, Format format, const ExtractLimits& limits);
Extracted ExtractHtml(std::string_view bytes);

}  // namespace coop

#endif  // COOP_EXTRACT_H_
