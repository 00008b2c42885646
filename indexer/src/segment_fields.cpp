// Field extraction from a record's text: amounts and budgets, labelled field lines.
#include <cstdlib>
#include <utility>

#include "coop/segmenter.h"

namespace coop::seg {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Currency unit written at the start of `s` (after spaces): its ISO code, the bytes it takes
// and a multiplier ("millions de dirhams" = 1e6 MAD). Empty currency if there is none.
struct Unit {
  std::string currency;
  std::size_t length = 0;
  double factor = 1;
};

Unit UnitAt(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  if (s.substr(i, 2) == "\xC2\xA0") i += 2;
  Unit u;
  const std::string_view rest = s.substr(i);
  if (rest.substr(0, 3) == "\xE2\x82\xAC") {  // "€", doubled by the extraction in "136 542€€"
    u.currency = "EUR";
    u.length = i + 3;
    while (s.substr(u.length, 3) == "\xE2\x82\xAC") u.length += 3;
    return u;
  }
  // Words: compare on the folded form of the next few words, then map back to bytes by words.
  const std::string folded = Fold(rest.substr(0, 40), kKeyFold);
  std::size_t words = 0;
  double factor = 1;
  std::string_view tail = folded;
  for (std::string_view million : {"millions de ", "millions d ", "million de ", "million d "}) {
    if (tail.substr(0, million.size()) == million) {
      factor = 1e6;
      words = 2;  // "millions" and "de"/"d'"
      tail.remove_prefix(million.size());
      break;
    }
  }
  static const std::pair<std::string_view, std::string_view> kWords[] = {
      {"euros", "EUR"},  {"euro", "EUR"}, {"eur", "EUR"}, {"dirhams", "MAD"},
      {"dirham", "MAD"}, {"dhs", "MAD"},  {"dh", "MAD"},  {"mad", "MAD"}};
  for (const auto& [word, currency] : kWords) {
    if (tail.substr(0, word.size()) == word &&
        (tail.size() == word.size() || tail[word.size()] == ' ')) {
      u.currency = std::string(currency);
      u.factor = factor;
      // Byte length: skip `words` + 1 alphabetic runs of the original text.
      std::size_t j = i, runs = 0;
      while (j < s.size() && runs <= words) {
        while (j < s.size() && (s[j] == ' ' || s[j] == '\'')) ++j;
        while (j < s.size() && s[j] != ' ' && s[j] != '\'' && s[j] != '.' && s[j] != ',' &&
               s[j] != ')' && s[j] != ';') {
          ++j;
        }
        ++runs;
      }
      u.length = j;
      return u;
    }
  }
  return u;
}

// The label of an amount at `pos` in `line`: text back to the previous ':' / ';', sentence
// start, previous amount (`floor`, npos if none) or line start; if that is empty, the text
// before that ':' back to the one before.
std::string LabelBefore(std::string_view line, std::size_t pos, std::size_t floor) {
  std::string_view before = line.substr(0, pos);
  if (floor != std::string_view::npos && floor <= pos) before = before.substr(floor);
  // In a sentence, the label starts with the sentence: "... du projet. Cofinancement PAD de".
  if (const std::size_t stop = before.rfind(". "); stop != std::string_view::npos) {
    before = before.substr(stop + 2);
  }
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::size_t cut = before.find_last_of(":;");
    std::string_view label = cut == std::string_view::npos ? before : before.substr(cut + 1);
    std::string clean = CleanTitle(label);
    while (!clean.empty() &&
           (clean.front() == '-' || clean.front() == ' ' || clean.front() == '(')) {
      clean.erase(0, 1);
    }
    if (!clean.empty() || cut == std::string_view::npos) return clean;
    before = before.substr(0, cut);
  }
  return {};
}

}  // namespace

bool ParseAmount(std::string_view s, double& out) {
  std::string digits;
  bool seen_decimal = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (IsDigit(c)) {
      digits.push_back(c);
    } else if (c == ',' && !seen_decimal) {
      digits.push_back('.');
      seen_decimal = true;
    } else if (c == '.') {
      std::size_t n = 0;
      while (i + 1 + n < s.size() && IsDigit(s[i + 1 + n])) ++n;
      if (n == 3 && !seen_decimal) continue;  // thousands separator: "816.560"
      if (seen_decimal) return false;
      digits.push_back('.');
      seen_decimal = true;
    } else if (c != ' ' && c != '\xC2' && c != '\xA0') {
      return false;
    }
  }
  if (digits.empty() || digits.front() == '.') return false;
  out = std::strtod(digits.c_str(), nullptr);
  return true;
}

std::vector<Budget> ExtractBudgets(std::string_view text) {
  std::vector<Budget> out;
  for (const Line& l : Lines(text)) {
    const std::string_view line = text.substr(l.begin, l.end - l.begin);
    std::size_t last_amount_end = std::string_view::npos;
    std::size_t i = 0;
    while (i < line.size()) {
      if (!IsDigit(line[i]) ||
          (i > 0 && (IsDigit(line[i - 1]) || line[i - 1] == '.' || line[i - 1] == ','))) {
        ++i;
        continue;
      }
      // Number: 1-3 digits then groups " 123" / ".123", or plain digits; then ",dd" decimals.
      std::size_t j = i;
      while (j < line.size() && IsDigit(line[j])) ++j;
      while (j + 3 < line.size() && (line[j] == ' ' || line[j] == '.') && IsDigit(line[j + 1]) &&
             IsDigit(line[j + 2]) && IsDigit(line[j + 3]) &&
             (j + 4 == line.size() || !IsDigit(line[j + 4]))) {
        j += 4;
      }
      if (j + 1 < line.size() && line[j] == ',' && IsDigit(line[j + 1])) {
        ++j;
        while (j < line.size() && IsDigit(line[j])) ++j;
      }
      const Unit unit = UnitAt(line.substr(j));
      double amount = 0;
      if (!unit.currency.empty() && ParseAmount(line.substr(i, j - i), amount)) {
        // "(140 000€)" or "= 440 000€" right after an amount: its conversion, not a new sum.
        const std::string_view between =
            last_amount_end == std::string_view::npos
                ? std::string_view()
                : Trim(line.substr(last_amount_end, i - last_amount_end));
        const bool conversion =
            last_amount_end != std::string_view::npos && (between == "(" || between == "=");
        if (!conversion) {
          out.push_back(
              {amount * unit.factor, unit.currency, LabelBefore(line, i, last_amount_end)});
        }
        last_amount_end = j + unit.length;
        i = last_amount_end;
        continue;
      }
      i = j;
    }
  }
  return out;
}

std::vector<std::string> FieldValues(std::string_view text, std::string_view label) {
  std::vector<std::string> out;
  const std::string want = Fold(label, kKeyFold);
  for (const Line& l : Lines(text)) {
    const std::string_view line = Trim(text.substr(l.begin, l.end - l.begin));
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon > 60) continue;
    const std::string head = Fold(line.substr(0, colon), kKeyFold);
    if (head.rfind(want, 0) != 0) continue;
    out.push_back(CleanTitle(line.substr(colon + 1)));
  }
  return out;
}

}  // namespace coop::seg
