#include "corpus_folder.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "coop/utf8.h"

namespace coop::http {
namespace fs = std::filesystem;

std::map<std::string, ManifestFacts> ReadManifest(const std::string& corpus_dir) {
  std::map<std::string, ManifestFacts> out;
  if (corpus_dir.empty()) return out;
  std::ifstream in(fs::path(corpus_dir) / "manifest.json", std::ios::binary);
  if (!in) return out;
  std::ostringstream text;
  text << in.rdbuf();
  try {
    const auto root = Poco::JSON::Parser().parse(text.str()).extract<Poco::JSON::Object::Ptr>();
    const Poco::JSON::Array::Ptr docs = root ? root->getArray("documents") : nullptr;
    for (std::size_t i = 0; docs && i < docs->size(); ++i) {
      const Poco::JSON::Object::Ptr d = docs->getObject(static_cast<unsigned>(i));
      if (!d) continue;
      ManifestFacts f;
      f.title = d->optValue<std::string>("title", "");
      f.publisher = d->optValue<std::string>("publisher", "");
      f.date = d->optValue<std::string>("date", "");
      f.date_note = d->optValue<std::string>("date_note", "");
      if (const Poco::JSON::Array::Ptr c = d->getArray("countries")) {
        for (std::size_t k = 0; k < c->size(); ++k)
          f.countries.push_back(c->getElement<std::string>(k));
      }
      out[d->optValue<std::string>("file", "")] = std::move(f);
    }
  } catch (const Poco::Exception&) {
    out.clear();  // a manifest being rewritten or broken: the index's own fields are shown
  } catch (const std::exception&) {
    out.clear();
  }
  return out;
}

std::optional<std::string> OriginalFile(const std::string& corpus_dir, const std::string& source) {
  if (corpus_dir.empty() || source.empty() || source.front() == '.' ||
      source.find_first_of(std::string("/\\\0", 3)) != std::string::npos) {
    return std::nullopt;
  }
  std::error_code ec;
  const fs::path root = fs::canonical(corpus_dir, ec);
  if (ec) return std::nullopt;
  const fs::path file = fs::canonical(root / source, ec);
  if (ec || file.parent_path() != root || !fs::is_regular_file(file, ec)) return std::nullopt;
  return file.string();
}

std::string OriginalContentType(const std::string& source, const std::string& head) {
  std::string ext = fs::path(source).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".pdf") return "application/pdf";
  if (ext == ".docx") {
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  }
  if (ext == ".odt") return "application/vnd.oasis.opendocument.text";
  std::string type;
  if (ext == ".html" || ext == ".htm") {
    type = "text/html";
  } else if (ext == ".md" || ext == ".markdown") {
    type = "text/markdown";
  } else if (ext == ".txt" || ext == ".text" || ext.empty()) {
    type = "text/plain";
  } else {
    return "application/octet-stream";
  }
  // `head` may end inside a character (the first bytes of a longer file): a trailing
  // incomplete sequence is not judged.
  std::string_view judged(head);
  std::size_t k = 0;
  while (k < 3 && k < judged.size() &&
         (static_cast<unsigned char>(judged[judged.size() - 1 - k]) & 0xC0) == 0x80) {
    ++k;
  }
  if (k < judged.size() &&
      (static_cast<unsigned char>(judged[judged.size() - 1 - k]) & 0xC0) == 0xC0) {
    judged.remove_suffix(k + 1);
  }
  return type + (IsValidUtf8(judged) ? "; charset=utf-8" : "; charset=windows-1252");
}

}  // namespace coop::http
