// Format detection, charset handling (ICU) and the extraction entry points. Per-format extractors
// live in extract_pdf.cpp, extract_zip.cpp and extract_html.cpp.
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>

#include "coop/extract.h"

namespace coop {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Formats we recognise only to refuse them with a precise reason. Magic numbers from the
// formats' specifications (PNG, JPEG/JFIF, GIF, gzip RFC 1952, bzip2, 7z, RAR, ELF, OLE2/CFB).
struct Magic {
  std::string_view bytes;
  std::string_view what;
};
constexpr std::array<Magic, 11> kBinaryMagic = {{
    {"\x89PNG", "PNG image"},
    {"\xFF\xD8\xFF", "JPEG image"},
    {"GIF8", "GIF image"},
    {"\x1F\x8B", "gzip archive"},
    {"BZh", "bzip2 archive"},
    {"7z\xBC\xAF\x27\x1C", "7-Zip archive"},
    {"Rar!", "RAR archive"},
    {"\x7F"
     "ELF",
     "executable"},
    {"\xD0\xCF\x11\xE0", "legacy MS Office (OLE2) document; save it as DOCX or PDF"},
    {"%!PS", "PostScript; convert it to PDF"},
    {"{\\rtf", "RTF; save it as DOCX or PDF"},
}};

// Returns the byte offset of the first invalid UTF-8 sequence (RFC 3629: no overlongs, no
// surrogates, nothing above U+10FFFF), or npos if `s` is valid.
std::size_t FirstInvalidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + len > s.size()) return i;
    for (std::size_t k = 1; k < len; ++k) {
      const unsigned char b = static_cast<unsigned char>(s[i + k]);
      if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

// Converts `bytes` from `charset` to UTF-8 with ICU, failing on any unmapped or illegal byte
// (UCNV_TO_U_CALLBACK_STOP) instead of substituting U+FFFD.
std::string ConvertStrict(std::string_view bytes, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open(charset, &status), &ucnv_close);
  if (U_FAILURE(status)) throw ExtractError(std::string("unknown charset ") + charset);
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), conv.get(), status);
  if (U_FAILURE(status)) {
    throw ExtractError(std::string("invalid text: bytes not valid in ") + charset);
  }
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Charsets read as windows-1252, the superset browsers use for all of them (WHATWG Encoding).
bool IsLatin1Family(const std::string& lower_name) {
  return lower_name == "iso-8859-1" || lower_name == "latin1" || lower_name == "latin-1" ||
         lower_name == "windows-1252" || lower_name == "cp1252" || lower_name == "us-ascii" ||
         lower_name == "ascii" || lower_name == "iso-8859-15";
}

// `bytes` must be valid UTF-8; `skipped` bytes (a BOM) precede it in the file, for the message.
std::string CheckedUtf8(std::string_view bytes, std::string_view why, std::size_t skipped = 0) {
  const std::size_t bad = FirstInvalidUtf8(bytes);
  if (bad != std::string_view::npos) {
    throw ExtractError("invalid UTF-8 at byte " + std::to_string(bad + skipped) + " (" +
                       std::string(why) + ")");
  }
  return std::string(bytes);
}

// ICU's best guesses for `bytes`, most confident first: "name" values such as "ISO-8859-1".
std::string DetectLatin1(std::string_view bytes, std::string& best_other) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> det(ucsdet_open(&status),
                                                                 &ucsdet_close);
  const auto len = static_cast<int32_t>(std::min<std::size_t>(bytes.size(), 1 << 20));
  ucsdet_setText(det.get(), bytes.data(), len, &status);
  int32_t count = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(det.get(), &count, &status);
  if (U_FAILURE(status)) return {};
  for (int32_t i = 0; i < count; ++i) {
    const char* name = ucsdet_getName(matches[i], &status);
    if (U_FAILURE(status) || name == nullptr) return {};
    if (IsLatin1Family(Lower(name))) return name;
    if (best_other.empty()) best_other = name;
  }
  return {};
}

// Normalises line ends to "\n" so that blank-line paragraph detection sees CRLF files too.
std::string UnixNewlines(std::string s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out.push_back('\n');
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// Plain text that is mostly control characters is a binary file read as text.
void CheckNotBinary(std::string_view text) {
  std::size_t controls = 0;
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c == 0) throw ExtractError("binary file (NUL bytes)");
    if ((c < 0x20 && c != '\n' && c != '\t' && c != '\f' && c != '\v') || c == 0x7F) ++controls;
  }
  if (controls > 8 && controls * 100 > text.size()) {
    throw ExtractError("binary file (" + std::to_string(controls) + " control characters)");
  }
}

bool HasText(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return !std::isspace(static_cast<unsigned char>(c)); });
}

// The first ATX heading ("# Title", CommonMark §4.2) of a Markdown text, without its markers.
std::string MarkdownTitle(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(at, end - at);
    if (!line.empty() && line[0] == '#') {
      line.remove_prefix(std::min(line.find_first_not_of('#'), line.size()));
      while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
      while (!line.empty() && (line.back() == ' ' || line.back() == '#')) line.remove_suffix(1);
      if (!line.empty()) return std::string(line);
    }
    at = end + 1;
  }
  return {};
}

bool LooksLikeHtml(std::string_view bytes) {
  std::string head = Lower(bytes.substr(0, 1024));
  const std::size_t start = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (start == std::string::npos) return false;
  head.erase(0, start);
  return StartsWith(head, "<!doctype html") || StartsWith(head, "<html") ||
         ((StartsWith(head, "<!--") || StartsWith(head, "<?xml")) &&
          head.find("<html") != std::string::npos) ||
         (head[0] == '<' &&
          (head.find("<head") != std::string::npos || head.find("<body") != std::string::npos));
}

}  // namespace

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kText:
      return "text";
    case Format::kMarkdown:
      return "markdown";
    case Format::kHtml:
      return "html";
    case Format::kPdf:
      return "pdf";
    case Format::kDocx:
      return "docx";
    case Format::kOdt:
      return "odt";
  }
  return "text";
}

Format DetectFormat(std::string_view bytes, std::string_view name) {
  if (bytes.empty()) throw ExtractError("empty file");
  for (const Magic& m : kBinaryMagic) {
    if (StartsWith(bytes, m.bytes)) throw ExtractError("binary file (" + std::string(m.what) + ")");
  }
  // PDF readers accept the header anywhere in the first 1024 bytes (PDF 1.7 Annex H.3).
  if (bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos) return Format::kPdf;
  if (StartsWith(bytes, "PK\x03\x04")) {
    // ODF 1.2 part 3 §3.3: an uncompressed first entry "mimetype" naming the document type.
    if (bytes.substr(30, 8) == "mimetype" &&
        bytes.substr(38, 64).find("application/vnd.oasis.opendocument.text") !=
            std::string_view::npos) {
      return Format::kOdt;
    }
    if (bytes.find("word/document.xml") != std::string_view::npos) return Format::kDocx;
    if (bytes.find("mimetypeapplication/vnd.oasis.opendocument") != std::string_view::npos) {
      throw ExtractError("unsupported format: OpenDocument other than text (ODT)");
    }
    throw ExtractError("unsupported format: zip archive that is neither DOCX nor ODT");
  }
  if (LooksLikeHtml(bytes)) return Format::kHtml;
  const std::string lower_name = Lower(name);
  for (std::string_view ext : {".md", ".markdown"}) {
    if (lower_name.size() > ext.size() &&
        lower_name.compare(lower_name.size() - ext.size(), ext.size(), ext) == 0) {
      return Format::kMarkdown;
    }
  }
  return Format::kText;
}

std::string ToUtf8(std::string_view bytes, std::string_view declared, std::string& encoding) {
  if (StartsWith(bytes, "\xEF\xBB\xBF")) {
    encoding = "UTF-8";
    return CheckedUtf8(bytes.substr(3), "the file starts with a UTF-8 byte order mark", 3);
  }
  if (StartsWith(bytes, "\xFF\xFE") || StartsWith(bytes, "\xFE\xFF")) {
    encoding = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    return ConvertStrict(bytes.substr(2), encoding.c_str());
  }
  if (!declared.empty()) {
    const std::string lower = Lower(declared);
    if (lower == "utf-8" || lower == "utf8") {
      encoding = "UTF-8";
      return CheckedUtf8(bytes, "declared charset " + std::string(declared));
    }
    encoding = IsLatin1Family(lower) ? "windows-1252" : std::string(declared);
    return ConvertStrict(bytes, encoding.c_str());
  }
  const std::size_t bad = FirstInvalidUtf8(bytes);
  if (bad == std::string_view::npos) {
    encoding = "UTF-8";
    return std::string(bytes);
  }
  std::string other;
  if (DetectLatin1(bytes, other).empty()) {
    throw ExtractError("invalid text: not UTF-8 (invalid byte at " + std::to_string(bad) +
                       ") and not Windows-1252/Latin-1" +
                       (other.empty() ? std::string() : " (ICU detects " + other + ")"));
  }
  encoding = "windows-1252";
  return ConvertStrict(bytes, "windows-1252");
}

Extracted ExtractBytes(std::string_view bytes, std::string_view name, const ExtractLimits& limits) {
  const Format format = DetectFormat(bytes, name);
  Extracted out;
  switch (format) {
    case Format::kPdf:
      out = ExtractPdf(bytes);
      break;
    case Format::kDocx:
    case Format::kOdt:
      out = ExtractOfficeZip(bytes, format, limits);
      break;
    case Format::kHtml:
      out = ExtractHtml(bytes);
      break;
    case Format::kText:
    case Format::kMarkdown:
      if (bytes.find('\0') != std::string_view::npos && !StartsWith(bytes, "\xFF\xFE") &&
          !StartsWith(bytes, "\xFE\xFF")) {
        throw ExtractError("binary file (NUL bytes)");
      }
      out.text = UnixNewlines(ToUtf8(bytes, "", out.encoding));
      CheckNotBinary(out.text);
      if (format == Format::kMarkdown) out.title = MarkdownTitle(out.text);
      break;
  }
  out.format = format;
  if (!HasText(out.text)) {
    throw ExtractError(format == Format::kPdf
                           ? "no text in PDF (scanned pages without a text layer?)"
                           : "no text (only whitespace or markup)");
  }
  return out;
}

std::string ReadFileBytes(const std::string& path, std::uint64_t max_bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    throw ExtractError(fs::exists(path, ec) ? "not a regular file" : "no such file");
  }
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) throw ExtractError("cannot stat: " + ec.message());
  if (size == 0) throw ExtractError("empty file");
  if (size > max_bytes) {
    throw ExtractError("too large (" + std::to_string(size) + " bytes, limit " +
                       std::to_string(max_bytes) + ")");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ExtractError("cannot open for reading");
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uintmax_t>(in.gcount()) != size) throw ExtractError("short read");
  return bytes;
}

Extracted ExtractFile(const std::string& path, const ExtractLimits& limits) {
  return ExtractBytes(ReadFileBytes(path, limits.max_file_bytes),
                      std::filesystem::path(path).filename().string(), limits);
}

int PageAt(const std::vector<std::size_t>& page_starts, std::size_t offset) {
  if (page_starts.empty()) return 0;
  const auto it = std::upper_bound(page_starts.begin(), page_starts.end(), offset);
  return static_cast<int>(std::max<std::ptrdiff_t>(1, it - page_starts.begin()));
}

}  // namespace coop
