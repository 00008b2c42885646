#include "lists_after_avec.h"

#include <cctype>

namespace coop {

std::vector<std::pair<std::size_t, std::size_t>> ListsAfterAvec(std::string_view line) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  constexpr std::string_view kAvec = "avec ";
  for (std::size_t at = line.find(kAvec); at != std::string_view::npos;
       at = line.find(kAvec, at + 1)) {
    if (at > 0 && std::isalpha(static_cast<unsigned char>(line[at - 1]))) continue;
    const std::size_t start = at + kAvec.size();
    std::size_t i = start, end = start;
    int joiners = 0;
    while (i < line.size()) {
      std::size_t j = i;
      while (j < line.size() && line[j] != ' ' && line[j] != ',') ++j;
      const std::string_view word = line.substr(i, j - i);
      if (word.empty()) break;
      const unsigned char c = static_cast<unsigned char>(word[0]);
      const bool capital = (c >= 'A' && c <= 'Z') || c >= 0xC3;  // ASCII or accented capital
      const bool joiner = word == "et";
      const bool inner = word == "de" || word == "d'" || word == "la" || word == "el" ||
                         word == "les" || word == "du";
      if (!capital && !joiner && !inner) break;
      if (joiner) ++joiners;
      if (capital) end = j;
      i = j;
      if (i < line.size() && line[i] == ',') {
        ++joiners;
        ++i;
      }
      while (i < line.size() && line[i] == ' ') ++i;
    }
    if (joiners > 0 && end > start) spans.emplace_back(start, end);
  }
  return spans;
}

}  // namespace coop
