#include "coop/highlighter.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <span>
#include <vector>

#include "coop/fold.h"
#include "coop/packed.h"

namespace coop {
namespace {

// HighlightTable(), format 1 (its first byte):
//   varint token count, then per token: varint entry number (entries are numbered in order of
//   first occurrence, so a new one is the next number) and varint length << 3 | code, where
//   code 0..4 means "starts `code` bytes after the previous token's end", kSameBeginCode "starts
//   where the previous token starts" (a compound's first part), kExplicitCode "a varint follows:
//   start minus the previous token's start";
//   then per entry: varint term size, 0 if the term is FoldLatin1() of the entry's first token's
//   text (most words: only the flag is stored), else the term's bytes; varint stem code, 0 for no
//   stem, else (shared << 1 | has_suffix) + 1 with shared the bytes the stem shares with the start
//   of the term, followed by the rest of the stem (varint size, bytes) if has_suffix.
// FoldLatin1() (coop/fold.h) is part of the format: changing it needs a new format byte. An entry
// is derived only when FoldLatin1 gives exactly the analyzer's term (merged and canonical terms,
// "espagne" for "Es pagne", are not folds of their surface).
constexpr char kTableVersion = 1;
constexpr std::size_t kMaxGapCode = 4, kSameBeginCode = 5, kExplicitCode = 6;

// A token as the snippet cutter needs it: its byte span in the text.
struct Span {
  std::size_t begin, end;
};

// Bit n (63 for 63 and more) of a byte length n.
std::uint64_t LengthBit(std::size_t n) { return std::uint64_t{1} << std::min<std::size_t>(n, 63); }

// What a table entry must have to possibly match a spec, tested before its term is built: a
// first byte that some spec term, stem or prefix starts with, and a byte length that some spec
// term (or stem) has, as bit masks. Most entries fail the first test.
struct SpecFilter {
  std::array<bool, 256> first{};
  std::uint64_t terms = 0, stems = 0;
  explicit SpecFilter(const HighlightSpec& spec) {
    const auto starts = [this](const std::string& t) {
      if (t.empty()) {
        first.fill(true);  // an empty prefix matches every term
      } else {
        first[static_cast<unsigned char>(t[0])] = true;
      }
    };
    for (const std::string& t : spec.terms) terms |= LengthBit(t.size()), starts(t);
    for (const std::string& t : spec.stems) stems |= LengthBit(t.size()), starts(t);
    for (const std::string& t : spec.prefixes) starts(t);
  }
};

// Bytes AppendEscapedHtml copies as they are, in runs: printable ASCII except what it escapes
// (& < > " ') or reads as Markdown (* ^ }).
constexpr std::array<bool, 256> kPlainBytes = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x21; c < 0x7F; ++c) plain[static_cast<std::size_t>(c)] = true;
  for (unsigned char c : std::string_view("&<>\"'*^}")) plain[c] = false;
  return plain;
}();

// The end of the run of bytes from s[i] that AppendEscapedHtml copies unchanged: plain ASCII,
// two-byte UTF-8 letters (lead byte C3..DF: é, è, à, ç; C2 holds the no-break space) and single
// spaces between them (a run of whitespace collapses to one space, so one space stays one).
// Returns i if s[i] starts no such run.
std::int32_t PlainRun(const std::uint8_t* s, std::int32_t i, std::int32_t length) {
  std::int32_t end = i;
  while (end < length) {
    const std::uint8_t b = s[end];
    if (kPlainBytes[b]) {
      ++end;
    } else if (b >= 0xC3 && b <= 0xDF && end + 1 < length && (s[end + 1] & 0xC0) == 0x80) {
      end += 2;
    } else if (b == ' ' && end > i && end + 1 < length && kPlainBytes[s[end + 1]]) {
      end += 2;
    } else {
      break;
    }
  }
  return end;
}

bool Matches(const std::string& term, const std::string& stem, const HighlightSpec& spec) {
  if (spec.terms.count(term)) return true;
  if (!stem.empty() && spec.stems.count(stem)) return true;
  for (const std::string& p : spec.prefixes) {
    if (term.compare(0, p.size(), p) == 0) return true;
  }
  return false;
}

// The snippet of `text` whose tokens are `tokens` (in text order) and whose matches are
// `tokens[hits[i]]` (increasing): the window of `max_bytes` holding most matches, snapped to
// token boundaries, escaped, with matches marked.
std::string Render(std::string_view text, std::span<const Span> tokens,
                   const std::vector<std::size_t>& hits, std::size_t max_bytes) {
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
  // Snap the window to token boundaries so no word is cut. Tokens are in order of their begin
  // (not of their end: a compound's parts end inside it), so the first token at or after `from`
  // is found by binary search, and the last token inside the window is among those from there
  // that begin no later than `to`.
  const std::size_t first =
      static_cast<std::size_t>(std::partition_point(tokens.begin(), tokens.end(),
                                                    [&](const Span& t) { return t.begin < from; }) -
                               tokens.begin());
  if (first < tokens.size() && from > 0) from = tokens[first].begin;
  if (to < text.size()) {
    std::size_t last_end = from;
    for (std::size_t k = first; k < tokens.size() && tokens[k].begin <= to; ++k) {
      if (tokens[k].end <= to) last_end = tokens[k].end;
    }
    to = last_end;
  }
  std::string out;
  out.reserve(max_bytes + 64);
  if (from > 0) out += "… ";
  std::size_t cursor = from;
  for (std::size_t h : hits) {
    const Span& t = tokens[h];
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

// Common prefix length of a and b.
std::size_t Shared(std::string_view a, std::string_view b) {
  std::size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return n;
}

// The entity of one of the five markup characters (& < > " '), or nullptr for any other.
const char* MarkupEntity(UChar32 c) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    case '\'':
      return "&#39;";
    default:
      return nullptr;
  }
}

}  // namespace

void AppendEscapedMarkup(std::string& out, std::string_view text) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < length;) {
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (const char* entity = MarkupEntity(c)) {
      out += entity;
    } else if (c < 0) {
      out += "\xEF\xBF\xBD";
    } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      out += ' ';
    } else {
      out.append(text.data() + start, static_cast<std::size_t>(i - start));
    }
  }
}

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
    if (const std::int32_t end = PlainRun(s, i, length); end > i) {  // kept as is: one append
      if (space_pending && !out.empty() && out.back() != ' ') out.push_back(' ');
      space_pending = false;
      out.append(text.data() + i, static_cast<std::size_t>(end - i));
      i = end;
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
    if (const char* entity = MarkupEntity(c)) {
      out += entity;
    } else {
      out.append(text.data() + start, static_cast<std::size_t>(i - start));
    }
  }
  if (space_pending && !out.empty() && out.back() != ' ') out.push_back(' ');
}

std::string Snippet(Analyzer& analyzer, std::string_view text, const HighlightSpec& spec,
                    std::size_t max_bytes) {
  const std::vector<Token> tokens = analyzer.Analyze(text);
  std::vector<Span> spans;
  spans.reserve(tokens.size());
  std::vector<std::size_t> hits;  // indices into tokens
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    spans.push_back({tokens[i].begin, tokens[i].end});
    if (!spec.empty() && Matches(tokens[i].term, tokens[i].stem, spec)) hits.push_back(i);
  }
  return Render(text, spans, hits, max_bytes);
}

std::string HighlightTable(std::string_view text, const std::vector<Token>& tokens) {
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].end > text.size() || tokens[i].begin > tokens[i].end ||
        (i > 0 && tokens[i].begin < tokens[i - 1].begin)) {
      return std::string();  // not tokens of `text` in text order
    }
  }
  // Entry (distinct term and stem) of each token, numbered in order of first occurrence.
  std::vector<std::size_t> order(tokens.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const auto same = [&](std::size_t a, std::size_t b) {
    return tokens[a].term == tokens[b].term && tokens[a].stem == tokens[b].stem;
  };
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const Token &x = tokens[a], &y = tokens[b];
    if (x.term != y.term) return x.term < y.term;
    return x.stem != y.stem ? x.stem < y.stem : a < b;
  });
  std::vector<std::size_t> first(tokens.size());  // first occurrence of each token's entry
  for (std::size_t k = 0; k < order.size(); ++k) {
    first[order[k]] = k > 0 && same(order[k - 1], order[k]) ? first[order[k - 1]] : order[k];
  }
  std::vector<std::uint32_t> number(tokens.size());
  std::vector<const Token*> entries;
  std::string out(1, kTableVersion);
  packed::AppendVarint(out, tokens.size());
  std::size_t last_begin = 0, last_end = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (first[i] == i) {
      number[i] = static_cast<std::uint32_t>(entries.size());
      entries.push_back(&tokens[i]);
    }
    packed::AppendVarint(out, number[first[i]]);
    const Token& t = tokens[i];
    const std::size_t length = t.end - t.begin;
    if (t.begin >= last_end && t.begin - last_end <= kMaxGapCode) {
      packed::AppendVarint(out, length << 3 | (t.begin - last_end));
    } else if (t.begin == last_begin) {
      packed::AppendVarint(out, length << 3 | kSameBeginCode);
    } else {
      packed::AppendVarint(out, length << 3 | kExplicitCode);
      packed::AppendVarint(out, t.begin - last_begin);
    }
    last_begin = t.begin;
    last_end = t.end;
  }
  std::string folded;
  for (const Token* e : entries) {
    const bool derived = FoldLatin1(text.substr(e->begin, e->end - e->begin), folded) &&
                         folded == e->term && !e->term.empty();
    packed::AppendVarint(out, derived ? 0 : e->term.size());
    if (!derived) out += e->term;
    if (e->stem.empty()) {
      packed::AppendVarint(out, 0);
      continue;
    }
    const std::size_t shared = Shared(e->term, e->stem);
    const bool suffix = shared < e->stem.size();
    packed::AppendVarint(out, (shared << 1 | (suffix ? 1 : 0)) + 1);
    if (suffix) packed::AppendString(out, std::string_view(e->stem).substr(shared));
  }
  return out;
}

namespace {

// A highlight table decoded; one per thread, reused so that decoding allocates nothing once the
// vectors have grown to a passage's size. The vectors only grow: the table's counts are `tokens`
// and `entries`, not their sizes (shrinking and regrowing a vector would zero it again).
struct DecodedTable {
  std::vector<Span> spans;              // of each token
  std::vector<std::uint32_t> entry_of;  // entry number of each token
  std::vector<std::uint32_t> first;     // first token of each entry
  std::vector<std::uint8_t> match;      // whether each entry matches the spec
  std::vector<std::size_t> hits;        // matching tokens
  std::size_t tokens = 0, entries = 0;
  std::string term, stem;
};

// The loops below read the table through a byte cursor and write through the vectors' data
// pointers, with the counts in locals: through a string_view& and the vectors' members, every
// store reloaded them (both loops took twice the instructions).

// Reads the token part of the table at `p` (advanced past it) into d.spans, d.entry_of and
// d.first.
bool DecodeTokens(std::string_view text, const std::uint8_t*& p, const std::uint8_t* end,
                  DecodedTable& d) {
  std::uint64_t count = 0;
  if (!packed::ReadVarint(p, end, count) || count > static_cast<std::uint64_t>(end - p)) {
    return false;
  }
  const auto tokens = static_cast<std::size_t>(count);
  if (d.spans.size() < tokens) {
    d.spans.resize(tokens);
    d.entry_of.resize(tokens);
    d.first.resize(tokens);  // at most one entry per token
  }
  Span* const spans = d.spans.data();
  std::uint32_t* const entry_of = d.entry_of.data();
  std::uint32_t* const first = d.first.data();
  std::uint32_t entries = 0;
  const std::uint64_t size = text.size();
  std::uint64_t begin = 0, last_end = 0;
  for (std::size_t i = 0; i < tokens; ++i) {
    std::uint64_t entry = 0, word = 0, delta = 0;
    if (!packed::ReadVarint(p, end, entry) || entry > entries ||
        !packed::ReadVarint(p, end, word)) {
      return false;
    }
    const std::uint64_t code = word & 7, length = word >> 3;
    if (code <= kMaxGapCode) {
      begin = last_end + code;
    } else if (code == kExplicitCode) {
      if (!packed::ReadVarint(p, end, delta) || delta > size) return false;
      begin += delta;
    } else if (code != kSameBeginCode) {
      return false;
    }
    if (begin > size || length > size - begin) return false;
    last_end = begin + length;
    spans[i] = {static_cast<std::size_t>(begin), static_cast<std::size_t>(last_end)};
    if (entry == entries) first[entries++] = static_cast<std::uint32_t>(i);
    entry_of[i] = static_cast<std::uint32_t>(entry);
  }
  d.tokens = tokens;
  d.entries = entries;
  return true;
}

// Reads `size` bytes at `p` (advanced past them) into `s`; false if fewer are left before `end`.
bool ReadBytes(const std::uint8_t*& p, const std::uint8_t* end, std::uint64_t size,
               std::string_view& s) {
  if (size > static_cast<std::uint64_t>(end - p)) return false;
  s = std::string_view(reinterpret_cast<const char*>(p), static_cast<std::size_t>(size));
  p += size;
  return true;
}

// Reads the entry part of the table at `p` (advanced past it) and sets d.match for `spec`.
bool MatchEntries(std::string_view text, const std::uint8_t*& p, const std::uint8_t* end,
                  const HighlightSpec& spec, DecodedTable& d) {
  // Which entries match: the same test as Matches(), in the cheapest order, building the term
  // (folding the word's text for most entries) only if its first byte can match.
  const std::size_t entries = d.entries;
  if (d.match.size() < entries) d.match.resize(entries);
  std::uint8_t* const match = d.match.data();
  const Span* const spans = d.spans.data();
  const std::uint32_t* const first = d.first.data();
  const SpecFilter filter(spec);
  std::string& term = d.term;
  std::string& stem = d.stem;
  for (std::size_t e = 0; e < entries; ++e) {
    match[e] = 0;
    std::uint64_t size = 0, stem_code = 0, suffix_size = 0;
    std::string_view stored, suffix;  // stored empty: derived
    if (!packed::ReadVarint(p, end, size) || !ReadBytes(p, end, size, stored) ||
        !packed::ReadVarint(p, end, stem_code)) {
      return false;
    }
    const auto shared = static_cast<std::size_t>(stem_code > 0 ? (stem_code - 1) >> 1 : 0);
    if (stem_code > 0 && ((stem_code - 1) & 1) &&
        (!packed::ReadVarint(p, end, suffix_size) || !ReadBytes(p, end, suffix_size, suffix))) {
      return false;
    }
    const Span& at = spans[first[e]];
    const std::string_view surface = text.substr(at.begin, at.end - at.begin);
    const unsigned char first_byte =
        stored.empty() ? FoldLatin1FirstByte(surface) : static_cast<unsigned char>(stored[0]);
    const bool stem_own_start = stem_code > 0 && shared == 0 && !suffix.empty();
    if (!filter.first[first_byte] &&
        !(stem_own_start && filter.first[static_cast<unsigned char>(suffix[0])])) {
      continue;  // neither the term nor the stem starts as anything of the spec
    }
    if (stored.empty()) {
      if (!FoldLatin1(surface, term)) return false;
    } else {
      term.assign(stored);
    }
    bool matched = (filter.terms & LengthBit(term.size())) && spec.terms.count(term);
    if (!matched && stem_code > 0 && (filter.stems & LengthBit(shared + suffix.size()))) {
      if (shared > term.size()) return false;
      stem.assign(term, 0, shared);
      stem.append(suffix);
      matched = spec.stems.count(stem) > 0;
    }
    for (std::size_t k = 0; k < spec.prefixes.size() && !matched; ++k) {
      matched = term.compare(0, spec.prefixes[k].size(), spec.prefixes[k]) == 0;
    }
    match[e] = matched;
  }
  return true;
}

// Decodes `table` into d, with d.hits the tokens matching `spec` (in text order). False if
// `table` is empty, of another format or malformed, or does not fit `text`.
bool DecodeMatches(std::string_view text, std::string_view table, const HighlightSpec& spec,
                   DecodedTable& d) {
  if (table.empty() || table.front() != kTableVersion) return false;
  const auto* p = reinterpret_cast<const std::uint8_t*>(table.data()) + 1;
  const auto* const end = reinterpret_cast<const std::uint8_t*>(table.data()) + table.size();
  if (!DecodeTokens(text, p, end, d) || !MatchEntries(text, p, end, spec, d) || p != end) {
    return false;
  }
  d.hits.clear();
  const std::uint8_t* const match = d.match.data();
  const std::uint32_t* const entry_of = d.entry_of.data();
  for (std::size_t i = 0, n = d.tokens; i < n; ++i) {
    if (match[entry_of[i]]) d.hits.push_back(i);
  }
  return true;
}

}  // namespace

std::optional<std::string> SnippetFromTable(std::string_view text, std::string_view table,
                                            const HighlightSpec& spec, std::size_t max_bytes) {
  static thread_local DecodedTable d;
  if (!DecodeMatches(text, table, spec, d)) return std::nullopt;
  return Render(text, std::span<const Span>(d.spans.data(), d.tokens), d.hits, max_bytes);
}

namespace {

// The spans of tokens[hits[i]], overlaps dropped as Render drops them (the first mark wins).
std::vector<MarkSpan> KeptSpans(std::span<const Span> tokens,
                                const std::vector<std::size_t>& hits) {
  std::vector<MarkSpan> out;
  std::size_t cursor = 0;
  for (std::size_t h : hits) {
    if (tokens[h].begin < cursor) continue;
    out.push_back({tokens[h].begin, tokens[h].end});
    cursor = tokens[h].end;
  }
  return out;
}

}  // namespace

std::optional<std::vector<MarkSpan>> MatchSpansFromTable(std::string_view text,
                                                         std::string_view table,
                                                         const HighlightSpec& spec) {
  static thread_local DecodedTable d;
  if (!DecodeMatches(text, table, spec, d)) return std::nullopt;
  return KeptSpans(std::span<const Span>(d.spans.data(), d.tokens), d.hits);
}

std::vector<MarkSpan> MatchSpans(Analyzer& analyzer, std::string_view text,
                                 const HighlightSpec& spec) {
  const std::vector<Token> tokens = analyzer.Analyze(text);
  std::vector<Span> spans;
  std::vector<std::size_t> hits;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    spans.push_back({tokens[i].begin, tokens[i].end});
    if (!spec.empty() && Matches(tokens[i].term, tokens[i].stem, spec)) hits.push_back(i);
  }
  return KeptSpans(spans, hits);
}

}  // namespace coop
