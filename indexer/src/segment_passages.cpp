// Passages of a record from its headings: sections with heading paths, cut or merged to size.
#include <algorithm>

#include "coop/segmenter.h"
#include "coop/utf8.h"

namespace coop::seg {
namespace {

constexpr std::string_view kPathSeparator = " \xE2\x80\xBA ";  // " › "
constexpr std::size_t kMaxHeadingBytes = 60;

// A heading as shown in a path: long project titles are cut at a word end with "…".
std::string ShortHeading(const std::string& h) {
  if (h.size() <= kMaxHeadingBytes) return h;
  std::size_t cut = h.rfind(' ', kMaxHeadingBytes);
  if (cut == std::string::npos || cut < kMaxHeadingBytes / 2) {
    cut = Utf8Prefix(h, kMaxHeadingBytes).size();
  }
  std::string out = h.substr(0, cut);
  while (!out.empty() && (out.back() == ' ' || out.back() == ',' || out.back() == '-')) {
    out.pop_back();
  }
  return out + "\xE2\x80\xA6";
}

std::string JoinPath(const std::vector<std::string>& path, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n && i < path.size(); ++i) {
    if (!out.empty()) out += kPathSeparator;
    out += ShortHeading(path[i]);
  }
  return out;
}

struct Section {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::vector<std::string> path;
  bool has_body = false;
};

// Sections of [begin, end): a run of headings plus the body lines up to the next heading.
std::vector<Section> Sections(std::string_view text, std::size_t begin, std::size_t end,
                              const std::vector<Heading>& headings) {
  std::vector<Section> out;
  std::vector<std::pair<int, std::string>> stack;  // (level, text)
  auto next_heading = headings.begin();
  std::size_t pos = begin;
  while (pos < end) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos || eol > end) eol = end;
    const std::string_view line = text.substr(pos, eol - pos);
    while (next_heading != headings.end() && next_heading->begin < pos) ++next_heading;
    const bool is_heading = next_heading != headings.end() && next_heading->begin == pos;
    if (is_heading) {
      if (out.empty() || out.back().has_body) out.push_back({.begin = pos, .end = eol});
      while (!stack.empty() && stack.back().first >= next_heading->level) stack.pop_back();
      stack.emplace_back(next_heading->level, next_heading->text);
      Section& s = out.back();
      s.end = eol;
      s.path.clear();
      for (const auto& [level, heading] : stack) s.path.push_back(heading);
    } else if (!IsBlank(line)) {
      if (out.empty()) out.push_back({.begin = pos, .end = eol});
      out.back().has_body = true;
      out.back().end = eol;
    }
    pos = eol + 1;
  }
  return out;
}

}  // namespace

std::vector<Passage> BuildPassages(std::string_view text, std::size_t begin, std::size_t end,
                                   const std::vector<Heading>& headings,
                                   const std::string& record_id, std::size_t target) {
  struct Piece {
    std::size_t begin, end;
    std::vector<std::string> path;
    std::size_t path_len;  // how much of `path` the heading shows
    bool whole;            // an entire (not cut) section, so it may be merged
  };
  std::vector<Piece> pieces;
  for (const Section& s : Sections(text, begin, end, headings)) {
    if (s.end - s.begin <= 2 * target) {
      pieces.push_back({.begin = s.begin,
                        .end = s.end,
                        .path = s.path,
                        .path_len = s.path.size(),
                        .whole = true});
      continue;
    }
    for (const Passage& p : SplitPassages(text.substr(s.begin, s.end - s.begin), "", target)) {
      pieces.push_back({.begin = s.begin + p.begin,
                        .end = s.begin + p.end,
                        .path = s.path,
                        .path_len = s.path.size(),
                        .whole = false});
    }
  }
  // Merge short sibling sections (same parent heading) into one passage under the parent.
  std::vector<Piece> merged;
  for (Piece& p : pieces) {
    if (!merged.empty()) {
      Piece& last = merged.back();
      const bool siblings = last.whole && p.whole && !p.path.empty() &&
                            last.path.size() >= p.path.size() - 1 &&
                            std::equal(p.path.begin(), p.path.end() - 1, last.path.begin());
      const std::size_t parent = p.path.size() - (p.path.empty() ? 0 : 1);
      if (siblings && parent > 0 && last.path_len >= parent && p.end - last.begin <= target) {
        last.end = p.end;
        last.path_len = parent;
        continue;
      }
    }
    merged.push_back(std::move(p));
  }
  std::vector<Passage> out;
  for (const Piece& p : merged) {
    Passage passage;
    passage.id = record_id + "-p" + std::to_string(out.size());
    passage.heading = JoinPath(p.path, p.path_len);
    passage.begin = p.begin;
    passage.end = p.end;
    passage.text = std::string(text.substr(p.begin, p.end - p.begin));
    out.push_back(std::move(passage));
  }
  return out;
}

}  // namespace coop::seg
