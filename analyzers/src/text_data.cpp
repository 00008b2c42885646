#include "coop/text_data.h"

namespace coop {

std::vector<std::string> DataLines(std::string_view data) {
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos <= data.size()) {
    std::size_t eol = data.find('\n', pos);
    if (eol == std::string_view::npos) eol = data.size();
    std::string_view line = data.substr(pos, eol - pos);
    if (std::size_t hash = line.find('#'); hash != std::string_view::npos)
      line = line.substr(0, hash);
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
    while (!line.empty() && is_space(line.front())) line.remove_prefix(1);
    while (!line.empty() && is_space(line.back())) line.remove_suffix(1);
    if (!line.empty()) lines.emplace_back(line);
    pos = eol + 1;
  }
  return lines;
}

}  // namespace coop
