// Repertoire style, continued: the line index, headings inside a record, record fields.
#include <algorithm>
#include <sstream>

#include "coop/segmenter.h"
#include "segment_internal.h"

namespace coop::seg {
namespace {

// Words ignored when comparing actor names: articles and prepositions of French names.
bool IsNameStopword(std::string_view w) {
  static const std::set<std::string_view> kWords = {"de",  "d",  "du", "des", "la", "le", "l",
                                                    "les", "et", "en", "a",   "au", "aux"};
  return kWords.count(w) > 0;
}

std::set<std::string> NameWords(std::string_view folded) {
  const std::vector<std::string> words = NameWordList(folded);
  return {words.begin(), words.end()};
}

double Share(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty()) return 0;
  std::size_t common = 0;
  for (const std::string& w : a) common += b.count(w);
  return static_cast<double>(common) / static_cast<double>(a.size());
}

std::string Join(const std::vector<std::string>& values, std::string_view sep) {
  std::string out;
  for (const std::string& v : values) {
    if (v.empty()) continue;
    if (!out.empty()) out += sep;
    out += v;
  }
  return out;
}

// "Domaines d'activités : A ; B" values; an empty value continues on the following lines up
// to the next upper-case heading (a list of axes, as in the Champagne-Ardenne entry).
std::vector<std::string> DomainValues(std::string_view rt) {
  std::vector<std::string> out;
  const std::vector<Line> lines = Lines(rt);
  // Only the entry's header counts (up to its first upper-case section heading; a new
  // "Cadre juridique" starts a sub-partnership's header): a project's own "Domaine
  // d'activité : Eclairage public." (La Rochelle) is not the partnership's.
  bool in_header = true;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = Trim(rt.substr(lines[i].begin, lines[i].end - lines[i].begin));
    if (IsUpperCaseLine(line)) in_header = false;
    if (Fold(line.substr(0, 16), kKeyFold).rfind("cadre juridique", 0) == 0) in_header = true;
    if (!in_header) continue;
    const std::size_t colon = line.find(':');
    // "Domaines d'activités", "Domaines d'activité", "Domaine d'activités" (Clermont-Ferrand).
    const std::string label =
        colon == std::string_view::npos ? "" : Fold(line.substr(0, colon), kKeyFold);
    if (colon > 40 || label.rfind("domaine", 0) != 0 ||
        label.find("activit") == std::string::npos) {
      continue;
    }
    std::string value = CleanTitle(line.substr(colon + 1));
    for (std::size_t j = i + 1, taken = 0; value.empty() && j < lines.size() && taken < 12; ++j) {
      const std::string_view next = rt.substr(lines[j].begin, lines[j].end - lines[j].begin);
      if (IsBlank(next)) continue;
      if (IsUpperCaseLine(next)) break;
      std::string collected;
      for (; j < lines.size() && taken < 12; ++j, ++taken) {
        const std::string_view l = rt.substr(lines[j].begin, lines[j].end - lines[j].begin);
        if (IsUpperCaseLine(l)) break;
        if (IsBlank(l)) continue;
        if (!collected.empty()) collected += ' ';
        collected += CleanTitle(l);
      }
      value = collected;
    }
    // A value whose line ends in a separator is wrapped: "Tourisme ;" then "Culture." on the
    // next line, which is no field of its own ("Label : ...") and no heading.
    for (std::size_t j = i + 1;
         j < lines.size() && !value.empty() && (value.back() == ';' || value.back() == ','); ++j) {
      const std::string_view next = Trim(rt.substr(lines[j].begin, lines[j].end - lines[j].begin));
      const std::size_t field = next.find(':');
      if (IsBlank(next) || IsUpperCaseLine(next) || (field != std::string_view::npos && field < 40))
        break;
      value += ' ';
      value += CleanTitle(next);
    }
    out.push_back(value);
  }
  return out;
}

}  // namespace

std::vector<std::string> NameWordList(std::string_view folded) {
  std::vector<std::string> out;
  std::istringstream in{std::string(folded)};
  for (std::string w; in >> w;) {
    if (!IsNameStopword(w)) out.push_back(std::move(w));
  }
  return out;
}

LineIndex::LineIndex(std::string_view text, const std::vector<Line>& lines)
    : text_(text), lines_(lines) {
  folded.reserve(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) folded.push_back(Fold(Text(i), kKeyFold));
  heading.assign(lines.size(), 0);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    heading[i] = LooksLikeHeading(i) ? 1 : 0;
    if (heading[i]) ++heading_count[folded[i]];
  }
  // Containers: upper-case headings directly followed by another upper-case heading
  // ("PROJETS EN COURS" then "DEVELOPPEMENT URBAIN"), and recurring ones never found right
  // under another upper-case heading ("CONTACTS").
  std::set<std::string> children;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!heading[i] || !IsUpperCaseLine(Text(i))) continue;
    const std::size_t j = NextNonBlank(i);
    if (j < lines.size() && heading[j] && IsUpperCaseLine(Text(j))) {
      containers.insert(folded[i]);
      children.insert(folded[j]);
    }
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (heading[i] && IsUpperCaseLine(Text(i)) && heading_count[folded[i]] >= 3 &&
        !children.count(folded[i])) {
      containers.insert(folded[i]);
    }
  }
}

std::string_view LineIndex::Text(std::size_t i) const {
  return text_.substr(lines_[i].begin, lines_[i].end - lines_[i].begin);
}

std::size_t LineIndex::NextNonBlank(std::size_t i) const {
  for (std::size_t j = i + 1; j < lines_.size(); ++j) {
    if (!IsBlank(Text(j))) return j;
  }
  return lines_.size();
}

std::size_t LineIndex::PrevNonBlank(std::size_t i) const {
  for (std::size_t j = i; j-- > 0;) {
    if (!IsBlank(Text(j))) return j;
  }
  return i;
}

bool LineIndex::IsShort(std::size_t i) const {
  const std::string_view t = Trim(Text(i));
  return !t.empty() && t.size() <= 150;
}

bool LineIndex::IsOwnParagraph(std::size_t i) const {
  return !IsBlank(Text(i)) && (i == 0 || IsBlank(Text(i - 1))) &&
         (i + 1 >= lines_.size() || IsBlank(Text(i + 1)));
}

bool LineIndex::IsSalutation(std::size_t i) const {
  const std::string_view t = Trim(Text(i));
  if (!IsOwnParagraph(i) || t.empty() || t.back() != ',' || t.size() > 40) return false;
  for (std::string_view w : {"madame", "monsieur", "mesdames", "messieurs", "cher"}) {
    if (folded[i].rfind(w, 0) == 0) return true;
  }
  return false;
}

bool LineIndex::Similar(std::string_view name, std::size_t i, double threshold) const {
  const std::set<std::string> a = NameWords(Fold(name, kKeyFold));
  const std::set<std::string> b = NameWords(folded[i]);
  return Share(a, b) >= threshold && Share(b, a) >= threshold;
}

std::size_t LineIndex::LineAt(std::size_t begin) const {
  auto it = std::lower_bound(lines_.begin(), lines_.end(), begin,
                             [](const Line& l, std::size_t b) { return l.begin < b; });
  return it != lines_.end() && it->begin == begin ? static_cast<std::size_t>(it - lines_.begin())
                                                  : lines_.size();
}

bool LineIndex::LooksLikeHeading(std::size_t i) const {
  const std::string_view t = Trim(Text(i));
  // Project titles run long: "Assistance à maîtrise d'ouvrage ... (débuté le 9 juillet 2007)".
  if (!IsOwnParagraph(i) || t.size() < 3 || t.size() > 250 || !StartsWithUpper(t)) return false;
  const char last = t.back();
  if (last == '.' || last == ';' || last == ',') return false;
  const bool upper = IsUpperCaseLine(t);
  const std::size_t colon = t.find(':');
  if (colon != std::string_view::npos && !(upper && colon + 1 == t.size())) return false;
  if (t.find('@') != std::string_view::npos || t.find('\t') != std::string_view::npos ||
      folded[i].find("www") != std::string::npos) {
    return false;
  }
  if (!upper && t.find('/') != std::string_view::npos) return false;  // "A/B" name lists
  for (std::string_view civility : {"m ", "mme ", "mlle ", "mm "}) {
    if (folded[i].rfind(civility, 0) == 0) return false;  // people's names
  }
  return std::count(folded[i].begin(), folded[i].end(), ' ') < 40;
}

std::vector<Heading> RepertoireHeadings(const LineIndex& index, std::size_t begin, std::size_t end,
                                        std::size_t head_end) {
  std::vector<Heading> out;
  const std::vector<Line>& lines = index.lines();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].begin < begin || lines[i].begin < head_end || !index.heading[i]) continue;
    if (lines[i].begin >= end) break;
    const std::string& f = index.folded[i];
    int level = 3;
    if (f.rfind("partenariat avec ", 0) == 0) {
      level = 0;
    } else if (IsUpperCaseLine(index.Text(i))) {
      level = index.containers.count(f) ? 1 : 2;
    } else if (index.heading_count.at(f) >= 3) {
      level = 4;
    }
    out.push_back({lines[i].begin, level, CleanTitle(index.Text(i))});
  }
  return out;
}

bool HasWordsBesidesDate(std::string_view value) {
  static const std::set<std::string_view> kDateWords = {
      "janvier", "fevrier",  "mars",     "avril", "mai", "juin", "juillet", "aout", "septembre",
      "octobre", "novembre", "decembre", "le",    "en",  "er",   "du",      "au"};
  std::istringstream in{Fold(value, kKeyFold)};
  for (std::string w; in >> w;) {
    if (!std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
        !kDateWords.count(w)) {
      return true;
    }
  }
  return false;
}

void FillRepertoireRecord(std::string_view text, const RecordHead& head, Record& r) {
  r.kind = head.partnership ? "partnership" : "document";
  r.title = head.title;
  r.partners = head.partners;
  if (!head.partnership) return;
  r.countries.clear();
  for (const Partner& p : r.partners) {
    if (!p.country.empty() &&
        std::find(r.countries.begin(), r.countries.end(), p.country) == r.countries.end()) {
      r.countries.push_back(p.country);
    }
  }
  const std::string_view rt = text.substr(r.begin, r.end - r.begin);
  const std::vector<std::string> legal = FieldValues(rt, "cadre juridique");
  r.legal_framework = Join(legal, "; ");
  r.domains_text = Join(DomainValues(rt), " ; ");
  std::vector<std::string> dated = legal;
  for (std::string_view label : {"date", "historique", "origine"}) {
    for (std::string& v : FieldValues(rt, label)) dated.push_back(std::move(v));
  }
  if (dated.empty()) {
    // A short entry ("Autres partenariats répertoriés"): "→ Convention ..., 2003" lines.
    for (const Line& l : Lines(rt)) {
      const std::string_view line = Trim(rt.substr(l.begin, l.end - l.begin));
      if (line.substr(0, 3) != "\xE2\x86\x92") continue;
      const std::string value = CleanTitle(line.substr(3));
      if (Fold(value, kKeyFold).rfind("contact", 0) == 0) continue;
      dated.push_back(value);
      if (r.legal_framework.empty() && HasWordsBesidesDate(value)) r.legal_framework = value;
    }
  }
  r.years = ExtractYears(Join(dated, " ; "));
  r.budgets = ExtractBudgets(rt);
}

}  // namespace coop::seg
