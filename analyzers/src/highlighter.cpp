#include "coop/highlighter.h"

#include <unicode/utf8.h>

#include <vector>

namespace coop {
namespace {

bool Matches(const Token& t, const HighlightSpec& spec) {
  if (spec.terms.count(t.term)) return true;
  if (!t.stem.empty() && spec.stems.count(t.stem)) return true;
  for (const std::string& p : spec.prefixes) {
    if (t.term.compare(0, p.size(), p) == 0) return true;
  }
  return false;
}

}  // namespace

void AppendEscapedHtml(std::string& out, std::string_view text) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  bool space_pending = false;
  std::int32_t superscript_close = -1;  // the '}' of a "^{er}" being shown as "er"
  for (std::int32_t i = 0; i < length;) {
    // Markdown leftovers of the extraction: "**bold**" and "1^{er}" show as "bold" and "1er".
    if (s[i] == '*' && i + 1 < length && s[i + 1] == '*') {
      i += 2;
      continue;
    }
    if (s[i] == '^' && i + 1 < length && s[i + 1] == '{') {
      const std::size_t close = text.find('}', static_cast<std::size_t>(i));
      if (close != std::string_view::npos && close - static_cast<std::size_t>(i) <= 14) {
        superscript_close = static_cast<std::int32_t>(close);
        i += 2;
        continue;
      }
    }
    if (i == superscript_close) {
      ++i;
      continue;
    }
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    const bool blank = c < 0 || c == 0xFFFD || c == ' ' || c == '\n' || c == '\r' || c == '\t' ||
                       c == 0xA0 || c == 0x202F;
    if (blank) {
      space_pending = true;
      continue;
    }
    if (space_pending && !out.empty() && out.back() != ' ') out.push_back(' ');
    space_pending = false;
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.append(
            text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    }
  }
  if (space_pending && !out.empty() && out.back() != ' ') out.push_back(' ');
}

std::string Snippet(Analyzer& analyzer, std::string_view text, const HighlightSpec& spec,
                    std::size_t max_bytes) {
  const std::vector<Token> tokens = analyzer.Analyze(text);
  std::vector<std::size_t> hits;  // indices into tokens
  if (!spec.empty()) {
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      if (Matches(tokens[i], spec)) hits.push_back(i);
    }
  }
  // Window [from, to) in bytes: the start that covers the most hits, with some left context.
  std::size_t from = 0;
  std::size_t best = 0;
  for (std::size_t h = 0; h < hits.size(); ++h) {
    const std::size_t lead = max_bytes / 4;
    const std::size_t begin = tokens[hits[h]].begin > lead ? tokens[hits[h]].begin - lead : 0;
    std::size_t count = 0;
    for (std::size_t k = h; k < hits.size() && tokens[hits[k]].end <= begin + max_bytes; ++k)
      ++count;
    if (count > best) best = count, from = begin;
  }
  std::size_t to = std::min(text.size(), from + max_bytes);
  // Snap the window to token boundaries so no word is cut.
  std::size_t first = 0;
  while (first < tokens.size() && tokens[first].begin < from) ++first;
  if (first < tokens.size() && from > 0) from = tokens[first].begin;
  if (to < text.size()) {
    std::size_t last_end = from;
    for (const Token& t : tokens) {
      if (t.begin >= from && t.end <= to) last_end = t.end;
    }
    to = last_end;
  }
  std::string out;
  if (from > 0) out += "… ";
  std::size_t cursor = from;
  for (std::size_t h : hits) {
    const Token& t = tokens[h];
    // A compound token ("Aix-en-Provence") and its parts overlap: the first (widest) mark wins.
    if (t.begin < from || t.end > to || t.begin < cursor) continue;
    AppendEscapedHtml(out, text.substr(cursor, t.begin - cursor));
    out += "<mark>";
    AppendEscapedHtml(out, text.substr(t.begin, t.end - t.begin));
    out += "</mark>";
    cursor = t.end;
  }
  AppendEscapedHtml(out, text.substr(cursor, to - cursor));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (to < text.size()) out += " …";
  return out;
}

}  // namespace coop
