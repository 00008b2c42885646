#include "coop/variants.h"

#include <stdexcept>

namespace coop {
namespace {

std::string_view Trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

std::vector<VariantEntry> ParseVariants(std::string_view data, std::string_view name) {
  std::vector<VariantEntry> entries;
  int line_no = 0;
  for (std::size_t pos = 0; pos <= data.size();) {
    std::size_t eol = data.find('\n', pos);
    if (eol == std::string_view::npos) eol = data.size();
    std::string_view line = data.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_no;
    const auto fail = [&](const std::string& why) {
      throw std::runtime_error(std::string(name) + ":" + std::to_string(line_no) + ": " + why);
    };
    const std::size_t hash = line.find('#');
    std::string_view body = Trim(line.substr(0, hash));
    if (body.empty()) continue;
    const std::string_view source =
        hash == std::string_view::npos ? std::string_view() : Trim(line.substr(hash + 1));
    if (source.empty()) fail("entry without a source note (\"# source\")");
    VariantEntry e;
    e.line = line_no;
    e.source = std::string(source);
    static constexpr struct {
      std::string_view keyword;
      VariantEntry::Kind kind;
    } kKinds[] = {{"variant:", VariantEntry::Kind::kVariant},
                  {"synonym:", VariantEntry::Kind::kSynonym},
                  {"family:", VariantEntry::Kind::kFamily}};
    std::size_t keyword = 0;
    for (const auto& k : kKinds) {
      if (body.rfind(k.keyword, 0) == 0) e.kind = k.kind, keyword = k.keyword.size();
    }
    if (keyword == 0) fail("entry must start with \"variant:\", \"synonym:\" or \"family:\"");
    body.remove_prefix(keyword);
    for (std::size_t p = 0; p <= body.size();) {
      std::size_t eq = body.find('=', p);
      if (eq == std::string_view::npos) eq = body.size();
      const std::string_view alt = Trim(body.substr(p, eq - p));
      if (alt.empty()) fail("empty alternative");
      e.alternatives.emplace_back(alt);
      p = eq + 1;
    }
    if (e.alternatives.size() < 2) fail("an entry needs at least two alternatives");
    entries.push_back(std::move(e));
  }
  return entries;
}

}  // namespace coop
