// Programme style (Belgian CIC programme, 004): upper-case partnership heads "EVERE/OUED ESSAFA"
// followed by "Nom complet et abréviation" forms (first form: the foreign commune, then the
// Moroccan ones), inside a numbered outline ("4.2.1 VISION ET MISSION") whose top-level sections
// are document records; a top-level section with no text before its first subsection ("7. OS 1")
// gives one record per subsection.
#include <algorithm>
#include <sstream>

#include "coop/segmenter.h"
#include "segment_internal.h"

namespace coop::seg {
namespace {

struct OutlineHeading {
  std::size_t line = 0;
  std::vector<int> number;  // {4, 2, 1} for "4.2.1"
  std::string text;
};

// "4.2.1 VISION" -> {4,2,1}; top level needs its dot ("7. OS 1"); the title must start with an
// upper-case letter. Empty if the line is not numbered so.
std::vector<int> OutlineNumber(std::string_view t) {
  std::vector<int> n;
  std::size_t i = 0;
  bool trailing_dot = false;
  while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
    int v = 0;
    std::size_t digits = 0;
    for (; i < t.size() && t[i] >= '0' && t[i] <= '9' && digits < 3; ++i, ++digits) {
      v = v * 10 + (t[i] - '0');
    }
    if (i < t.size() && t[i] >= '0' && t[i] <= '9') return {};
    n.push_back(v);
    trailing_dot = i < t.size() && t[i] == '.';
    if (trailing_dot) ++i;
  }
  if (n.empty() || i >= t.size() || t[i] != ' ' || (n.size() == 1 && !trailing_dot)) return {};
  if (!StartsWithUpper(t.substr(i))) return {};
  return n;
}

bool IsOutlineSuccessor(const std::vector<int>& cur, const std::vector<int>& c) {
  if (cur.empty()) return c.size() == 1;
  if (c.size() == cur.size() + 1) {  // first child
    return c.back() == 1 && std::equal(cur.begin(), cur.end(), c.begin());
  }
  if (c.size() > cur.size()) return false;
  // Next sibling at c's depth.
  return std::equal(c.begin(), c.end() - 1, cur.begin()) && c.back() == cur[c.size() - 1] + 1;
}

// A heading cut over lines: "... dans le cadre du" continues on the next line.
bool EndsWithLinkWord(std::string_view t) {
  std::string f = Fold(t, kKeyFold);
  const std::size_t sp = f.rfind(' ');
  const std::string last = sp == std::string::npos ? f : f.substr(sp + 1);
  for (std::string_view w : {"du", "de", "des", "la", "le", "les", "et", "a", "au", "aux", "en",
                             "pour", "avec", "d", "l"}) {
    if (last == w) return true;
  }
  return false;
}

std::string JoinedHeading(const LineIndex& index, std::size_t i) {
  std::string text = CleanTitle(index.Text(i));
  for (int extra = 0; extra < 3 && EndsWithLinkWord(text) && i + 1 < index.size(); ++extra) {
    text += ' ';
    text += CleanTitle(index.Text(++i));
  }
  if (const std::size_t colon = text.find(':'); colon != std::string::npos) {
    text = CleanTitle(text.substr(0, colon));
  }
  return text;
}

std::vector<OutlineHeading> Outline(const LineIndex& index) {
  std::vector<OutlineHeading> out;
  std::vector<int> cur;
  int list_next = 0;
  std::size_t list_line = 0;
  for (std::size_t i = 0; i < index.size(); ++i) {
    const std::string_view t = Trim(index.Text(i));
    const std::vector<int> n = OutlineNumber(t);
    if (n.empty() || t.size() > 160) continue;
    // "2." of a list that "1." started a few non-blank lines above (a map legend, steps).
    std::size_t gap = 0;
    for (std::size_t j = list_line + 1; j < i && gap <= 4; ++j) gap += !IsBlank(index.Text(j));
    if (n.size() == 1 && n[0] == list_next && gap <= 4) {
      ++list_next;
      list_line = i;
      continue;
    }
    if (IsOutlineSuccessor(cur, n)) {
      cur = n;
      out.push_back({i, n, JoinedHeading(index, i)});
    } else if (n.size() == 1 && n[0] == 1) {  // a numbered list starts
      list_next = 2;
      list_line = i;
    }
  }
  return out;
}

bool FoldedStarts(const LineIndex& index, std::size_t i, std::string_view prefix) {
  return index.folded[i].rfind(prefix, 0) == 0;
}

// Partnership heads: upper-case "A/B" lines with a "Nom complet et abréviation" form below.
std::vector<std::size_t> PartnershipHeads(const LineIndex& index) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < index.size(); ++i) {
    const std::string_view t = Trim(index.Text(i));
    const std::size_t slash = t.find('/');
    if (t.size() > 100 || slash == std::string_view::npos || slash == 0 || slash + 1 >= t.size() ||
        !IsUpperCaseLine(t)) {
      continue;
    }
    for (std::size_t j = index.NextNonBlank(i), k = 0; j < index.size() && k < 3;
         j = index.NextNonBlank(j), ++k) {
      if (FoldedStarts(index, j, "nom complet et abreviation")) {
        out.push_back(i);
        break;
      }
    }
  }
  return out;
}

// Names of a "Nom complet et abréviation" form at line i: the value, and numbered names
// ("1. Commune rurale d'Amerzgane" / "2. Commune rurale d'Aït Zineb") on the next lines.
std::vector<std::string> FormNames(const LineIndex& index, std::size_t i) {
  std::vector<std::string> out;
  std::string_view v = Trim(index.Text(i));
  const std::size_t colon = v.find(':');
  if (colon != std::string_view::npos && colon < 40) {
    v = v.substr(colon + 1);
  } else if (const std::size_t label = v.find("viation"); label != std::string_view::npos) {
    v = v.substr(label + 7);  // "Nom complet et abréviation Commune de Gourrama"
  }
  const auto add = [&](std::string_view s) {
    s = Trim(s);
    while (!s.empty() &&
           ((s.front() >= '0' && s.front() <= '9') || s.front() == '.' || s.front() == ' ')) {
      s.remove_prefix(1);
    }
    if (!s.empty()) out.push_back(CleanTitle(s));
  };
  add(v);
  for (std::size_t j = i + 1; j < index.size(); ++j) {
    const std::string_view t = Trim(index.Text(j));
    if (t.size() < 3 || !(t[0] >= '1' && t[0] <= '9') || t[1] != '.') break;
    add(t);
  }
  return out;
}

Record PartnershipRecord(std::string_view text, const LineIndex& index, const SourceInfo& info,
                         std::size_t n, std::size_t b, std::size_t e, std::size_t head) {
  Record r = MakeRecord(info, n, b, e);
  r.kind = "partnership";
  r.countries.clear();
  std::vector<Heading> headings;
  std::vector<std::string> sides;
  std::string dated;
  const std::size_t first = index.LineAt(b), last = index.LineAt(e);
  for (std::size_t i = first; i < std::min(last, index.size()); ++i) {
    const std::size_t at = index.lines()[i].begin;
    if (FoldedStarts(index, i, "nom complet et abreviation")) {
      const std::string country = sides.empty() ? ForeignCountry(info) : "Maroc";
      std::string side;
      for (const std::string& name : FormNames(index, i)) {
        r.partners.push_back({name, country, "", "", ActorTypeOf(name)});
        if (!side.empty()) side += ", ";
        side += name;
      }
      sides.push_back(side);
      if (std::find(r.countries.begin(), r.countries.end(), country) == r.countries.end()) {
        r.countries.push_back(country);
      }
      headings.push_back({at, 0, side});
    } else if (FoldedStarts(index, i, "coordonnees")) {
      headings.push_back({at, 1, "Coordonnées"});
    } else if (i > head && (FoldedStarts(index, i, "outcome") ||
                            FoldedStarts(index, i, "description synthetique") ||
                            FoldedStarts(index, i, "budget par outcome") ||
                            FoldedStarts(index, i, "date de debut"))) {
      headings.push_back({at, 0, JoinedHeading(index, i)});
      if (FoldedStarts(index, i, "date de debut")) {
        dated += std::string(index.Text(i)) + " " + std::string(index.Text(i + 1));
      }
    }
  }
  r.title = sides.size() >= 2 ? sides[0] + " / " + sides[1] : CleanTitle(index.Text(head));
  for (std::size_t s = 2; s < sides.size(); ++s) r.title += ", " + sides[s];
  r.years = ExtractYears(dated);
  r.budgets = ExtractBudgets(text.substr(b, e - b));
  r.passages = BuildPassages(text, b, e, headings, r.id);
  return r;
}

Record DocumentRecord(std::string_view text, const SourceInfo& info, std::size_t n, std::size_t b,
                      std::size_t e, const std::string& title, const std::vector<Heading>& all) {
  Record r = MakeRecord(info, n, b, e);
  r.title = title;
  r.partners = info.actors;
  r.budgets = ExtractBudgets(text.substr(b, e - b));
  std::vector<Heading> headings;
  for (const Heading& h : all) {
    if (h.begin >= b && h.begin < e) headings.push_back(h);
  }
  r.passages = BuildPassages(text, b, e, headings, r.id);
  return r;
}

}  // namespace

std::vector<Record> SegmentProgramme(const SourceInfo& info, std::string_view text) {
  const std::vector<Line> lines = Lines(text);
  const LineIndex index(text, lines);
  const std::vector<std::size_t> heads = PartnershipHeads(index);
  if (heads.size() < 2) return SegmentProgrammeSections(info, text);
  const std::vector<OutlineHeading> outline = Outline(index);
  // Passage headings of document parts: the outline, and "A. Comment ...?" questions under it.
  std::vector<Heading> doc_headings;
  int depth = 0;
  for (std::size_t i = 0, o = 0; i < lines.size(); ++i) {
    if (o < outline.size() && outline[o].line == i) {
      depth = static_cast<int>(outline[o].number.size());
      doc_headings.push_back({lines[i].begin, depth - 1, outline[o++].text});
      continue;
    }
    const std::string_view t = Trim(index.Text(i));
    if (depth > 0 && t.size() > 3 && t.size() < 120 && t[0] >= 'A' && t[0] <= 'H' && t[1] == '.' &&
        t[2] == ' ' && StartsWithUpper(t.substr(3))) {
      doc_headings.push_back({lines[i].begin, depth, CleanTitle(t)});
    }
  }
  // Record starts: partnership heads and top-level sections (or their subsections).
  struct Cut {
    std::size_t line;
    std::size_t head;  // partnership head line, or lines.size() for a document part
    std::string title;
  };
  std::vector<Cut> cuts;
  for (std::size_t o = 0; o < outline.size(); ++o) {
    if (outline[o].number.size() != 1) continue;
    const bool split = o + 1 < outline.size() && outline[o + 1].number.size() == 2 &&
                       index.NextNonBlank(outline[o].line) == outline[o + 1].line;
    const bool before_head = std::any_of(heads.begin(), heads.end(), [&](std::size_t h) {
      return index.NextNonBlank(outline[o].line) == h;
    });
    if (before_head) continue;  // "2. Liste des partenaires": goes with the first partnership
    if (!split) {
      cuts.push_back({outline[o].line, lines.size(), outline[o].text});
      continue;
    }
    cuts.push_back({outline[o].line, lines.size(), outline[o + 1].text});
    for (std::size_t s = o + 2; s < outline.size() && outline[s].number.size() >= 2; ++s) {
      if (outline[s].number.size() == 2)
        cuts.push_back({outline[s].line, lines.size(), outline[s].text});
    }
  }
  for (std::size_t h : heads) {
    std::size_t line = h;
    const std::size_t prev = index.PrevNonBlank(h);
    for (const OutlineHeading& oh : outline) {
      if (oh.line == prev && oh.number.size() == 1) line = prev;
    }
    cuts.push_back({line, h, {}});
  }
  std::sort(cuts.begin(), cuts.end(), [](const Cut& a, const Cut& b) { return a.line < b.line; });
  // The programme's period: a line of the opening (before the first partnership) that names the
  // programme with a range of years, as a form's header does ("Programme de Coopération
  // Internationale Communale 2009-2012 – AVCB / UVCW"); its two ends are years of every record,
  // as the period of a programme title is (SegmentProgrammeSections). A sentence that mentions
  // the programme in passing ("... le Programme fédéral ... 2017-2021 au Maroc se") is no header.
  std::vector<int> period;
  for (std::size_t i = 0; i < heads.front() && period.empty(); ++i) {
    if (!FoldedStarts(index, i, "programme")) continue;
    const std::vector<int> years = ExtractYears(index.Text(i));
    if (years.size() == 2 && years[0] < years[1]) period = years;
  }

  std::vector<Record> out;
  for (std::size_t c = 0; c < cuts.size(); ++c) {
    const std::size_t b = c == 0 ? 0 : lines[cuts[c].line].begin;
    const std::size_t e = c + 1 < cuts.size() ? lines[cuts[c + 1].line].begin : text.size();
    Record r = cuts[c].head < lines.size()
                   ? PartnershipRecord(text, index, info, out.size(), b, e, cuts[c].head)
                   : DocumentRecord(text, info, out.size(), b, e, cuts[c].title, doc_headings);
    for (int y : period) {
      if (std::find(r.years.begin(), r.years.end(), y) == r.years.end()) r.years.push_back(y);
    }
    std::sort(r.years.begin(), r.years.end());
    if (!r.passages.empty()) out.push_back(std::move(r));
  }
  return out;
}

}  // namespace coop::seg
