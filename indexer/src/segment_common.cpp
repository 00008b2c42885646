// Text helpers and field extraction shared by the segmentation styles (see coop/segmenter.h).
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <utility>

#include "coop/actors.h"
#include "coop/segmenter.h"

namespace coop::seg {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// (folded prefix, type) pairs of corpus/data/actor_types.csv, longest first.
const std::vector<std::pair<std::string, std::string>>& ActorTypes() {
  static const auto* table = [] {
    auto* t = new std::vector<std::pair<std::string, std::string>>;
    for (const ActorType& type : EmbeddedActorTypes()) {
      for (const std::string& prefix : type.prefixes)
        t->emplace_back(Fold(prefix, kKeyFold), type.type);
    }
    std::stable_sort(t->begin(), t->end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    return t;
  }();
  return *table;
}

}  // namespace

std::vector<Line> Lines(std::string_view text) {
  std::vector<Line> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    out.push_back({pos, eol});
    pos = eol + 1;
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool IsBlank(std::string_view s) { return Trim(s).empty(); }

bool IsUpperCaseLine(std::string_view s) {
  int letters = 0;
  int32_t i = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0 || !u_isalpha(c)) continue;
    if (u_islower(c)) return false;
    ++letters;
  }
  return letters >= 4;
}

bool StartsWithUpper(std::string_view s) {
  s = Trim(s);
  if (s.empty()) return false;
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
  return c >= 0 && u_isupper(c);
}

std::string CleanTitle(std::string_view s) {
  std::string out;
  for (char c : Trim(s)) {
    if (IsSpace(c)) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  // Trailing page reference of a contents line: "... p.38".
  if (std::size_t p = out.rfind(" p.");
      p != std::string::npos && p + 3 < out.size() &&
      std::all_of(out.begin() + static_cast<long>(p) + 3, out.end(), IsDigit)) {
    out.erase(p);
  }
  // Footnote markers glued to a word: "partenaires1 connus" -> "partenaires connus".
  std::string clean;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (IsDigit(out[i]) && i > 0 && out[i - 1] >= 'a' && out[i - 1] <= 'z') {
      std::size_t j = i;
      while (j < out.size() && IsDigit(out[j])) ++j;
      if (j == out.size() || out[j] == ' ') {
        i = j - 1;
        continue;
      }
    }
    clean.push_back(out[i]);
  }
  while (!clean.empty() && (clean.back() == ' ' || clean.back() == ':')) clean.pop_back();
  return clean;
}

std::string ActorTypeOf(std::string_view name) {
  const std::string folded = Fold(name, kKeyFold) + " ";
  for (const auto& [words, type] : ActorTypes()) {
    if (folded.rfind(words + " ", 0) == 0) return type;
  }
  return {};
}

std::vector<std::string> SplitActorNames(std::string_view heading) {
  const std::string name = CleanTitle(heading);
  const std::string folded = Fold(name, kKeyFold);
  // Plural type words: "Communes urbaines de A, B et C".
  const std::size_t de = name.find(" de ");
  if (de == std::string::npos || folded.find(' ') == std::string::npos) return {name};
  const std::string head = name.substr(0, de);
  const std::string first_word = Fold(head.substr(0, head.find(' ')), kKeyFold);
  if (first_word.size() < 2 || first_word.back() != 's') return {name};
  // Singular: drop the plural 's' of each word of the type ("Communes urbaines").
  std::string singular;
  std::size_t start = 0;
  while (start <= head.size()) {
    std::size_t sp = head.find(' ', start);
    if (sp == std::string::npos) sp = head.size();
    std::string word = head.substr(start, sp - start);
    if (word.size() > 1 && word.back() == 's') word.pop_back();
    if (!singular.empty()) singular += ' ';
    singular += word;
    start = sp + 1;
  }
  std::vector<std::string> out;
  std::string rest = name.substr(de + 4);
  // Separators ", " and " et "; each item may repeat "de ".
  std::vector<std::string> items;
  std::size_t pos = 0;
  while (pos <= rest.size()) {
    std::size_t comma = rest.find(", ", pos);
    std::size_t et = rest.find(" et ", pos);
    std::size_t cut = std::min(comma, et);
    if (cut == std::string::npos) cut = rest.size();
    items.push_back(rest.substr(pos, cut - pos));
    pos = cut + (cut == comma ? 2 : 4);
  }
  for (std::string item : items) {
    item = std::string(Trim(item));
    if (item.rfind("de ", 0) == 0) item.erase(0, 3);
    if (item.empty()) continue;
    const bool elide = item.rfind("l'", 0) == 0 || item.rfind("d'", 0) == 0;
    out.push_back(singular + (elide ? " " : " de ") + item);
  }
  return out.empty() ? std::vector<std::string>{name} : out;
}

std::vector<int> ExtractYears(std::string_view text) {
  std::vector<int> years;
  for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
    if ((i > 0 && IsDigit(text[i - 1])) || !IsDigit(text[i])) continue;
    if (!IsDigit(text[i + 1]) || !IsDigit(text[i + 2]) || !IsDigit(text[i + 3])) continue;
    if (i + 4 < text.size() && IsDigit(text[i + 4])) continue;
    const int y = std::atoi(std::string(text.substr(i, 4)).c_str());
    if (y >= 1950 && y <= 2030) years.push_back(y);
  }
  std::sort(years.begin(), years.end());
  years.erase(std::unique(years.begin(), years.end()), years.end());
  return years;
}

Record MakeRecord(const SourceInfo& info, std::size_t n, std::size_t begin, std::size_t end) {
  Record r;
  r.id = SourceStem(info.file) + "-r" + std::to_string(n);
  r.title = info.title;
  r.source = info.file;
  r.publisher = info.publisher;
  r.date = info.date;
  r.countries = info.countries;
  r.begin = begin;
  r.end = end;
  return r;
}

std::string ForeignCountry(const SourceInfo& info) {
  for (const std::string& c : info.countries) {
    if (c != "Maroc") return c;
  }
  return {};
}

}  // namespace coop::seg
