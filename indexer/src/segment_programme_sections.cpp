// Programme style, second structure (issue 15, "the same style, a new file"): a programme or
// programme excerpt whose partnerships are headed sections ("### Hasselt – Missour et Outat El
// Haj", or an upper-case heading of its own paragraph) each holding side fields that name the
// collectivity of each country ("- Commune belge : Ville de Hasselt", "Communes marocaines :
// communes urbaines de Missour et d'Outat Oulad El Haj, province de Boulemane"). The way Belgian
// federal and Flemish programme reports describe their partnerships (VVSG, AVCB/UVCW
// programmes). Recognised by that structure only: at least two such sections.
#include <algorithm>
#include <array>
#include <utility>

#include "coop/segmenter.h"
#include "segment_internal.h"

namespace coop::seg {
namespace {

// The first word of a side label: a collectivity (folded).
constexpr std::array<std::string_view, 10> kSideHeads = {
    "commune",       "communes",     "ville",         "villes",     "collectivite",
    "collectivites", "municipalite", "municipalites", "partenaire", "partenaires"};

// Country adjectives of a side label (folded prefixes) and the country each gives.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kSideCountries = {{
    {"belge", "Belgique"},
    {"francais", "France"},
    {"marocain", "Maroc"},
    {"espagnol", "Espagne"},
    {"allemand", "Allemagne"},
}};

struct SectionHeading {
  std::size_t line = 0;
  int level = 0;  // Markdown '#' count; 7 for an upper-case heading paragraph
  std::string title;
};

// "## Title" -> level 2; an upper-case line alone in its paragraph -> 7; else 0.
int HeadingLevel(const LineIndex& index, std::size_t i, std::string_view t) {
  std::size_t hashes = 0;
  while (hashes < t.size() && t[hashes] == '#') ++hashes;
  if (hashes >= 1 && hashes <= 6 && hashes < t.size() && t[hashes] == ' ') {
    return static_cast<int>(hashes);
  }
  if (t.size() <= 120 && IsUpperCaseLine(t) && index.IsOwnParagraph(i)) return 7;
  return 0;
}

// A thematic break of Markdown ("---", "***", "___"): the footer after it is no section's.
bool IsRule(std::string_view t) {
  if (t.size() < 3) return false;
  return std::all_of(t.begin(), t.end(), [&](char c) { return c == t[0]; }) &&
         (t[0] == '-' || t[0] == '*' || t[0] == '_');
}

// The side field of line `t` ("- Commune belge : Ville de Hasselt (province de Limbourg)"): its
// country and value, or an empty country when the line is no side field.
std::pair<std::string, std::string_view> SideField(std::string_view t) {
  for (std::string_view bullet : {"- ", "* ", "\xE2\x80\xA2 ", "\xE2\x80\x93 "}) {
    if (t.substr(0, bullet.size()) == bullet) t = Trim(t.substr(bullet.size()));
  }
  const std::size_t colon = t.find(':');
  if (colon == std::string_view::npos || colon > 40) return {};
  const std::string label = Fold(t.substr(0, colon), kKeyFold);
  const std::size_t sp = label.find(' ');
  const std::string first = label.substr(0, sp);
  if (std::find(kSideHeads.begin(), kSideHeads.end(), first) == kSideHeads.end() ||
      sp == std::string::npos) {
    return {};
  }
  for (const auto& [adjective, country] : kSideCountries) {
    if (label.find(" " + std::string(adjective), sp) != std::string::npos) {
      return {std::string(country), Trim(t.substr(colon + 1))};
    }
  }
  return {};
}

// The collectivities of a side value: up to its first parenthesis, its comma parts while they
// name collectivities of the first part's type ("…, province de Boulemane" locates them), each
// plural part split ("communes urbaines de Missour et d'Outat" -> two names).
std::vector<std::string> SideNames(std::string_view value) {
  if (const std::size_t paren = value.find(" ("); paren != std::string_view::npos) {
    value = value.substr(0, paren);
  }
  std::vector<std::string> out;
  std::string first_type;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t comma = value.find(", ", start);
    if (comma == std::string_view::npos) comma = value.size();
    const std::string_view part = Trim(value.substr(start, comma - start));
    const std::string type = ActorTypeOf(part);
    if (out.empty()) {
      first_type = type;
    } else if (type.empty() || type != first_type) {
      break;
    }
    for (const std::string& name : SplitActorNames(part)) out.push_back(name);
    start = comma + 2;
  }
  return out;
}

// Both ends of the programme period its title gives ("2008-2012", "2017–2021"), or none.
std::vector<int> Period(std::string_view title) {
  const std::vector<int> years = ExtractYears(title);
  if (years.size() != 2) return {};
  return years;
}

}  // namespace

std::vector<Record> SegmentProgrammeSections(const SourceInfo& info, std::string_view text) {
  const std::vector<Line> lines = Lines(text);
  const LineIndex index(text, lines);
  std::vector<SectionHeading> headings;
  std::size_t rule = lines.size();  // first thematic break after the last section heading
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view t = Trim(index.Text(i));
    if (IsRule(t)) {
      rule = i;
      continue;
    }
    if (const int level = HeadingLevel(index, i, t); level > 0) {
      std::string title(Trim(level < 7 ? t.substr(static_cast<std::size_t>(level)) : t));
      headings.push_back({i, level, CleanTitle(title)});
      rule = lines.size();
    }
  }
  // Partnership sections: a heading whose lines (to the next heading) hold side fields of a
  // foreign country and of Morocco.
  struct Section {
    std::size_t heading = 0;  // index into headings
    std::vector<Partner> partners;
    std::vector<std::string> countries;
  };
  std::vector<Section> sections;
  for (std::size_t h = 0; h < headings.size(); ++h) {
    const std::size_t end = h + 1 < headings.size() ? headings[h + 1].line : lines.size();
    Section s{.heading = h};
    std::vector<Partner> moroccan;
    for (std::size_t i = headings[h].line + 1; i < end; ++i) {
      const auto [country, value] = SideField(Trim(index.Text(i)));
      if (country.empty()) continue;
      for (const std::string& name : SideNames(value)) {
        Partner p{.name = name, .country = country, .actor_type = ActorTypeOf(name)};
        (country == "Maroc" ? moroccan : s.partners).push_back(std::move(p));
      }
      if (std::find(s.countries.begin(), s.countries.end(), country) == s.countries.end())
        s.countries.push_back(country);
    }
    if (moroccan.empty() || s.partners.empty()) continue;
    for (Partner& p : moroccan) s.partners.push_back(std::move(p));
    sections.push_back(std::move(s));
  }
  if (sections.size() < 2) return {};

  const std::vector<int> period = headings.empty() ? std::vector<int>{} : Period(headings[0].title);
  // Passage headings of [b, e): the headings inside, levels counted from the shallowest.
  const auto passages = [&](Record& r) {
    std::vector<Heading> inside;
    int top = 99;
    for (const SectionHeading& h : headings) {
      if (lines[h.line].begin >= r.begin && lines[h.line].begin < r.end)
        top = std::min(top, h.level);
    }
    for (const SectionHeading& h : headings) {
      if (lines[h.line].begin >= r.begin && lines[h.line].begin < r.end)
        inside.push_back({lines[h.line].begin, h.level - top, h.title});
    }
    r.passages = BuildPassages(text, r.begin, r.end, inside, r.id);
  };
  std::vector<Record> out;
  const auto document = [&](std::size_t b, std::size_t e, const std::string& title) {
    if (b >= e) return;
    Record r = MakeRecord(info, out.size(), b, e);
    r.title = title;
    r.partners = info.actors;
    r.years = period;
    r.budgets = ExtractBudgets(text.substr(b, e - b));
    passages(r);
    if (!r.passages.empty()) out.push_back(std::move(r));
  };
  const auto line_begin = [&](std::size_t line) {
    return line < lines.size() ? lines[line].begin : text.size();
  };
  std::size_t cursor = 0;  // first byte no record holds yet
  std::string title = headings.empty() ? std::string() : headings[0].title;
  for (const Section& s : sections) {
    const SectionHeading& head = headings[s.heading];
    document(cursor, line_begin(head.line), title);
    // The section runs to the next heading of its level or above, or to a closing rule.
    std::size_t end_line = std::min(rule, lines.size());
    for (std::size_t h = s.heading + 1; h < headings.size(); ++h) {
      if (headings[h].level <= head.level) {
        end_line = std::min(end_line, headings[h].line);
        break;
      }
    }
    Record r = MakeRecord(info, out.size(), line_begin(head.line), line_begin(end_line));
    r.kind = "partnership";
    r.title = head.title;
    r.partners = s.partners;
    r.countries = s.countries;
    r.years = period;
    r.budgets = ExtractBudgets(text.substr(r.begin, r.end - r.begin));
    passages(r);
    if (!r.passages.empty()) out.push_back(std::move(r));
    cursor = line_begin(end_line);
    title.clear();
    for (const SectionHeading& h : headings) {
      if (h.line == end_line) title = h.title;
    }
  }
  if (title.empty()) {  // a footer after a rule: its first line
    std::size_t first = index.LineAt(cursor);
    while (first < lines.size() && (IsBlank(index.Text(first)) || IsRule(Trim(index.Text(first)))))
      ++first;
    if (first < lines.size()) title = CleanTitle(index.Text(first));
    for (char& c : title) c = c == '*' ? ' ' : c;
    title = CleanTitle(title);
  }
  document(cursor, text.size(), title);
  return out;
}

}  // namespace coop::seg
