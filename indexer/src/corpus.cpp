#include "coop/corpus.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "coop/utf8.h"

namespace coop {
namespace {

using Range = std::pair<std::size_t, std::size_t>;  // [begin, end) byte offsets

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\f') return false;
  }
  return true;
}

std::vector<std::string> StringArray(const Poco::JSON::Object::Ptr& obj, const std::string& key) {
  std::vector<std::string> out;
  if (auto arr = obj->getArray(key)) {
    for (std::size_t i = 0; i < arr->size(); ++i) out.push_back(arr->getElement<std::string>(i));
  }
  return out;
}

// Paragraphs: maximal runs of non-blank lines.
std::vector<Range> Paragraphs(std::string_view text) {
  std::vector<Range> out;
  std::size_t pos = 0;
  std::size_t para_begin = std::string_view::npos;
  std::size_t para_end = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    if (IsBlank(text.substr(pos, eol - pos))) {
      if (para_begin != std::string_view::npos) out.emplace_back(para_begin, para_end);
      para_begin = std::string_view::npos;
    } else {
      if (para_begin == std::string_view::npos) para_begin = pos;
      para_end = eol;
    }
    pos = eol + 1;
  }
  if (para_begin != std::string_view::npos) out.emplace_back(para_begin, para_end);
  return out;
}

// Cuts a long range into pieces of about `target` bytes, preferring line ends, then sentence
// ends, then spaces, so that no word is split.
void CutLong(std::string_view text, Range r, std::size_t target, std::vector<Range>& out) {
  while (r.second - r.first > 2 * target) {
    std::string_view window = text.substr(r.first + target, target);
    std::size_t cut = std::string_view::npos;
    for (std::string_view sep : {"\n", ". ", " "}) {
      cut = window.find(sep);
      if (cut != std::string_view::npos) {
        cut += r.first + target + sep.size();
        break;
      }
    }
    if (cut == std::string_view::npos) cut = r.first + 2 * target;
    while (cut < r.second && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) ++cut;
    out.emplace_back(r.first, cut);
    r.first = cut;
  }
  out.emplace_back(r);
}

}  // namespace

const SourceInfo* Manifest::Find(std::string_view file) const {
  for (const SourceInfo& s : documents) {
    if (s.file == file) return &s;
  }
  return nullptr;
}

Manifest ParseManifest(std::string_view json) {
  Manifest m;
  try {
    Poco::JSON::Parser parser;
    auto root = parser.parse(std::string(json)).extract<Poco::JSON::Object::Ptr>();
    auto docs = root->getArray("documents");
    if (!docs) throw std::runtime_error("manifest has no \"documents\" array");
    for (std::size_t i = 0; i < docs->size(); ++i) {
      auto d = docs->getObject(static_cast<unsigned>(i));
      if (!d || !d->has("file")) throw std::runtime_error("manifest document without \"file\"");
      SourceInfo s;
      s.file = d->getValue<std::string>("file");
      s.title = d->optValue<std::string>("title", s.file);
      s.publisher = d->optValue<std::string>("publisher", "");
      s.date = d->optValue<std::string>("date", "");
      s.language = d->optValue<std::string>("language", "fr");
      s.format = d->optValue<std::string>("format", "");
      s.countries = StringArray(d, "countries");
      if (auto actors = d->getArray("actors")) {
        for (std::size_t k = 0; k < actors->size(); ++k) {
          auto a = actors->getObject(static_cast<unsigned>(k));
          Partner partner;
          partner.name = a->optValue<std::string>("name", "");
          partner.country = a->optValue<std::string>("country", "");
          s.actors.push_back(std::move(partner));
        }
      }
      m.documents.push_back(std::move(s));
    }
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("malformed manifest: " + e.displayText());
  }
  return m;
}

Manifest LoadManifest(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read manifest " + path);
  std::stringstream buf;
  buf << in.rdbuf();
  try {
    return ParseManifest(buf.str());
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

SourceInfo DefaultSourceInfo(const std::string& file, std::string_view text) {
  SourceInfo s;
  s.file = file;
  s.title = file;
  s.language = "fr";
  for (Range p : Paragraphs(text)) {
    std::string_view first = text.substr(p.first, p.second - p.first);
    first = first.substr(0, first.find('\n'));
    while (!first.empty() && (first.front() == ' ' || first.front() == '\t'))
      first.remove_prefix(1);
    while (!first.empty() && (first.back() == ' ' || first.back() == '\r')) first.remove_suffix(1);
    if (!first.empty()) {
      // A byte cut inside "’" once made the stored record JSON unreadable.
      s.title = std::string(Utf8Prefix(first, 200));
      break;
    }
  }
  return s;
}

std::vector<Passage> SplitPassages(std::string_view text, const std::string& record_id,
                                   std::size_t target_bytes) {
  std::vector<Range> units;
  for (Range p : Paragraphs(text)) CutLong(text, p, target_bytes, units);
  std::vector<Passage> out;
  std::size_t i = 0;
  while (i < units.size()) {
    Range chunk = units[i++];
    while (i < units.size() && chunk.second - chunk.first < target_bytes &&
           units[i].second - chunk.first <= 2 * target_bytes) {
      chunk.second = units[i++].second;
    }
    Passage p;
    p.id = record_id + "-p" + std::to_string(out.size());
    p.begin = chunk.first;
    p.end = chunk.second;
    p.text = std::string(text.substr(chunk.first, chunk.second - chunk.first));
    out.push_back(std::move(p));
  }
  return out;
}

std::string SourceStem(const std::string& file) {
  const std::size_t dot = file.rfind('.');
  return dot == std::string::npos || dot == 0 ? file : file.substr(0, dot);
}

}  // namespace coop
