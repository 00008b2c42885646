// Repertoire style: a table of contents ("Ville d'Aix-en-Provence/Commune urbaine d'Oujda  p.9")
// whose "A/B" entries are partnerships, each found in the body as a two-line head (A then B,
// possibly spelled differently) followed by its fields ("Cadre juridique :", "Date :",
// "Domaines d'activités :") and sections (PROJETS EN COURS, CONTACTS, ...). Other contents
// entries ("Éditorial", "Synthèse ...") are document parts found by their heading line.
// Record rules beyond the contents (all structural, no titles in code):
//  - a multi-actor head ("Communes urbaines de Rabat, Meknès, Marrakech et Fès", Marseille's
//    four partnerships) is ONE record with one partner per actor: the repertoire gives them one
//    contents entry, one contacts block and one shared information block, and the record keeps
//    each sub-partnership ("Partenariat avec la Commune urbaine de Rabat") as a heading of its
//    passages, so a search on Meknès still finds the Meknès passages;
//  - inside a document part, a one-line "A / B" entry followed by "→" detail lines (the
//    "Autres partenariats répertoriés" list) is a partnership record of its own;
//  - inside a document part, an upper-case one-line heading (not in the contents, e.g.
//    "ANNEXES :") starts a new document record;
//  - a contents entry whose heading is missing from the body (a letter whose title the
//    extraction lost) is given to the part that starts with a salutation ("Madame, Monsieur,")
//    inside the preceding part;
//  - a document part that lists partnerships under domain headings (the synthesis by domain,
//    segment_synthesis.cpp) stays a document record and gives each partnership record it names
//    the heading paths it is listed under (Record::annex_domains).
#include <algorithm>
#include <map>
#include <set>

#include "coop/segmenter.h"
#include "segment_internal.h"

namespace coop::seg {
namespace {

struct TocEntry {
  std::string title;
  int page = 0;             // the contents line's "p.N": the printed page the entry starts on
  std::string left, right;  // sides of a partnership entry; empty for a document part
  bool partnership = false;
};

struct Toc {
  std::vector<TocEntry> entries;
  std::set<std::string> groups;  // folded group headings ("villes", "conseils generaux")
  std::size_t end_line = 0;      // first line after the contents
};

// "Title<TAB or spaces>p.N" -> Title; empty if the line is not a contents line.
std::string ContentsTitle(std::string_view line) {
  line = Trim(line);
  const std::size_t p = line.rfind("p.");
  if (p == std::string_view::npos || p == 0 || p + 2 >= line.size()) return {};
  if (!std::all_of(line.begin() + static_cast<long>(p) + 2, line.end(),
                   [](char c) { return c >= '0' && c <= '9'; })) {
    return {};
  }
  if (line[p - 1] != '\t' && line[p - 1] != ' ') return {};
  return CleanTitle(line.substr(0, p));
}

// A group heading of the contents: "I. Villes" -> "villes".
std::string GroupName(std::string_view line) {
  std::string folded = Fold(line, kKeyFold);
  const std::size_t sp = folded.find(' ');
  if (sp != std::string::npos && folded.find_first_not_of("ivxlc") >= sp) {  // roman numeral prefix
    folded.erase(0, sp + 1);
  }
  return folded;
}

Toc FindToc(std::string_view text, const std::vector<Line>& lines) {
  Toc toc;
  std::size_t gap = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = text.substr(lines[i].begin, lines[i].end - lines[i].begin);
    if (IsBlank(line)) continue;
    std::string title = ContentsTitle(line);
    if (title.empty()) {
      if (!toc.entries.empty() && ++gap > 3) break;
      if (!toc.entries.empty()) toc.groups.insert(GroupName(line));
      continue;
    }
    gap = 0;
    TocEntry e;
    e.title = title;
    e.page = std::atoi(std::string(Trim(line).substr(Trim(line).rfind("p.") + 2)).c_str());
    const std::size_t slash = title.find('/');
    if (slash != std::string::npos) {
      e.left = CleanTitle(title.substr(0, slash));
      e.right = CleanTitle(title.substr(slash + 1));
      e.partnership = !ActorTypeOf(e.left).empty() && !ActorTypeOf(e.right).empty();
    }
    toc.entries.push_back(std::move(e));
    toc.end_line = i + 1;
  }
  // Groups seen after the last entry are body text, not contents.
  return toc;
}

// A record start found in the body: its line, contents entry (-1 if found inside a document
// part), what its head says, and the byte offset where its headings may start.
struct Start {
  std::size_t line = 0;
  int entry = -1;
  RecordHead head;
  std::size_t head_end = 0;
};

std::vector<Partner> Partners(std::string_view names, const std::string& country) {
  std::vector<Partner> out;
  for (const std::string& n : SplitActorNames(names)) {
    Partner p;
    p.name = n;
    p.country = country;
    p.actor_type = ActorTypeOf(n);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

std::vector<Record> SegmentRepertoire(const SourceInfo& info, std::string_view text) {
  const std::vector<Line> lines = Lines(text);
  const Toc toc = FindToc(text, lines);
  const auto partnership_entries = std::count_if(toc.entries.begin(), toc.entries.end(),
                                                 [](const TocEntry& e) { return e.partnership; });
  if (toc.entries.size() < 3 || partnership_entries < 2) return {};
  const LineIndex index(text, lines);
  const std::string foreign = ForeignCountry(info);

  // 1. Contents entries in the body, in order.
  std::vector<Start> starts;
  std::vector<bool> found(toc.entries.size(), false);
  std::size_t cursor = toc.end_line;
  for (std::size_t k = 0; k < toc.entries.size(); ++k) {
    const TocEntry& e = toc.entries[k];
    for (std::size_t i = cursor; i < lines.size(); ++i) {
      if (!index.IsShort(i)) continue;
      if (!e.partnership) {
        if (index.folded[i] != Fold(e.title, kKeyFold)) continue;
        starts.push_back({.line = i,
                          .entry = static_cast<int>(k),
                          .head = {.title = CleanTitle(index.Text(i)),
                                   .partners = info.actors,
                                   .partnership = false},
                          .head_end = lines[i].begin});
      } else {
        const std::size_t j = index.NextNonBlank(i);
        if (j >= lines.size() || !index.IsShort(j) || !index.Similar(e.left, i, 0.75) ||
            !index.Similar(e.right, j, 0.6)) {
          continue;
        }
        Start s{.line = i,
                .entry = static_cast<int>(k),
                .head = {.title = CleanTitle(index.Text(i)) + " / " + CleanTitle(index.Text(j)),
                         .partners = Partners(index.Text(i), foreign),
                         .partnership = true},
                .head_end = lines[j].end};
        for (Partner& p : Partners(index.Text(j), "Maroc")) s.head.partners.push_back(std::move(p));
        starts.push_back(std::move(s));
        i = j;
      }
      found[k] = true;
      cursor = i + 1;
      break;
    }
  }
  if (std::count_if(starts.begin(), starts.end(),
                    [](const Start& s) { return s.head.partnership; }) < 2) {
    return {};
  }

  // 2. Records inside document parts: "A / B" + "→" entries, upper-case headings, letters.
  std::vector<Start> extra;
  for (std::size_t n = 0; n < starts.size(); ++n) {
    if (starts[n].head.partnership) continue;
    const std::size_t last = n + 1 < starts.size() ? starts[n + 1].line : lines.size();
    std::vector<std::string> missing;  // contents entries between this one and the next found
    for (int k = starts[n].entry + 1;
         k < static_cast<int>(toc.entries.size()) && !found[static_cast<std::size_t>(k)]; ++k) {
      missing.push_back(toc.entries[static_cast<std::size_t>(k)].title);
    }
    for (std::size_t i = starts[n].line + 1; i < last; ++i) {
      if (!index.IsOwnParagraph(i)) continue;
      const std::string_view line = Trim(index.Text(i));
      const std::size_t slash = line.find(" / ");
      const std::size_t next = index.NextNonBlank(i);
      if (slash != std::string_view::npos && next < last &&
          Trim(index.Text(next)).substr(0, 3) == "\xE2\x86\x92" &&
          !ActorTypeOf(line.substr(0, slash)).empty() &&
          !ActorTypeOf(line.substr(slash + 3)).empty()) {
        Start s{.line = i,
                .entry = -1,
                .head = {.title = CleanTitle(line.substr(0, slash)) + " / " +
                                  CleanTitle(line.substr(slash + 3)),
                         .partners = Partners(line.substr(0, slash), foreign),
                         .partnership = true},
                .head_end = lines[i].end};
        for (Partner& p : Partners(line.substr(slash + 3), "Maroc")) {
          s.head.partners.push_back(std::move(p));
        }
        extra.push_back(std::move(s));
      } else if (IsUpperCaseLine(line) && StartsWithUpper(line) &&
                 line.find(':') + 1 >= line.size()) {
        extra.push_back(
            {.line = i,
             .entry = -1,
             .head = {.title = CleanTitle(line), .partners = info.actors, .partnership = false},
             .head_end = lines[i].begin});
      } else if (!missing.empty() && index.IsSalutation(i)) {
        extra.push_back(
            {.line = i,
             .entry = -1,
             .head = {.title = missing.front(), .partners = info.actors, .partnership = false},
             .head_end = lines[i].begin});
        missing.erase(missing.begin());
      }
    }
  }
  starts.insert(starts.end(), extra.begin(), extra.end());
  std::sort(starts.begin(), starts.end(),
            [](const Start& a, const Start& b) { return a.line < b.line; });
  // A document part that is only a heading over partnership entries ("AUTRES PARTENARIATS
  // RÉPERTORIÉS") is no record: its heading goes to the first entry.
  for (std::size_t n = 0; n + 1 < starts.size(); ++n) {
    if (!starts[n].head.partnership && starts[n + 1].entry < 0 && starts[n + 1].head.partnership &&
        index.NextNonBlank(starts[n].line) == starts[n + 1].line) {
      starts.erase(starts.begin() + static_cast<long>(n));
    }
  }

  // 3. Ranges: a start takes the headings right before it (contents groups such as "Villes",
  // and for an entry found inside a document part, the part's upper-case heading).
  std::vector<std::size_t> begins;
  for (std::size_t n = 0; n < starts.size(); ++n) {
    std::size_t line = starts[n].line;
    const std::size_t floor = n == 0 ? toc.end_line : starts[n - 1].line + 1;
    while (true) {
      const std::size_t p = index.PrevNonBlank(line);
      if (p >= line || p < floor || !index.IsOwnParagraph(p)) break;
      const bool group = toc.groups.count(index.folded[p]) > 0;
      const bool section =
          starts[n].entry < 0 && starts[n].head.partnership && IsUpperCaseLine(index.Text(p));
      if (!group && !section) break;
      line = p;
    }
    begins.push_back(lines[line].begin);
  }
  std::vector<Record> out;
  // Keeps `r` if it has passages: those of [r.begin, r.end), with headings from byte `head_end`
  // on (the front matter, whose head is all of it, has none).
  const auto keep = [&](Record r, std::size_t head_end) {
    r.passages = BuildPassages(text, r.begin, r.end,
                               RepertoireHeadings(index, r.begin, r.end, head_end), r.id);
    if (!r.passages.empty()) out.push_back(std::move(r));
  };
  Record front = MakeRecord(info, out.size(), 0, begins.front());  // title line and contents
  front.title = CleanTitle(index.Text(index.NextNonBlank(0)));
  front.partners = info.actors;
  keep(std::move(front), begins.front());
  for (std::size_t n = 0; n < starts.size(); ++n) {
    Record r = MakeRecord(info, out.size(), begins[n],
                          n + 1 < starts.size() ? begins[n + 1] : text.size());
    FillRepertoireRecord(text, starts[n].head, r);
    const std::size_t kept = out.size();
    keep(std::move(r), starts[n].head_end);
    // The text has no page breaks; the contents says on which page an entry starts, so its
    // first passage (its heading) cites that page, the others none (issue 17).
    if (out.size() > kept && starts[n].entry >= 0) {
      out.back().passages.front().page =
          toc.entries[static_cast<std::size_t>(starts[n].entry)].page;
    }
  }

  // 4. A document part that lists the partnerships by domain gives them annex domains.
  std::vector<SynthesisLine> synthesis;
  for (const Record& r : out) {
    if (r.kind != "document") continue;
    for (SynthesisLine& l : DomainSynthesis(text, r.begin, r.end))
      synthesis.push_back(std::move(l));
  }
  ApplyDomainSynthesis(synthesis, out);
  return out;
}

}  // namespace coop::seg
