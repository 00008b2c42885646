#include "numbers.h"

#include <vector>

namespace coop::internal {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Integer part with grouping separators: first group 1-3 digits, then groups of exactly 3.
std::optional<std::string> Ungroup(const std::vector<std::string_view>& groups) {
  std::string out;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const std::size_t n = groups[i].size();
    if (!AllDigits(groups[i]) || (i == 0 ? (n > 3) : (n != 3))) return std::nullopt;
    out.append(groups[i]);
  }
  return out;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t pos = 0;
  for (std::size_t next; (next = s.find(sep, pos)) != std::string_view::npos; pos = next + 1) {
    parts.push_back(s.substr(pos, next - pos));
  }
  parts.push_back(s.substr(pos));
  return parts;
}

std::string WithFraction(std::string integer, std::string_view fraction) {
  while (!fraction.empty() && fraction.back() == '0') fraction.remove_suffix(1);
  if (!fraction.empty()) integer.append(",").append(fraction);
  return integer;
}

}  // namespace

std::optional<std::string> NormalizeNumber(std::string_view s) {
  const std::size_t last_dot = s.rfind('.');
  const std::size_t last_comma = s.rfind(',');
  if (last_dot == std::string_view::npos && last_comma == std::string_view::npos) {
    return AllDigits(s) ? std::optional<std::string>(s) : std::nullopt;
  }
  std::size_t decimal = std::string_view::npos;  // index of the decimal mark, if any
  char group_sep = '.';
  if (last_dot != std::string_view::npos && last_comma != std::string_view::npos) {
    decimal = std::max(last_dot, last_comma);
    group_sep = decimal == last_dot ? ',' : '.';
  } else if (last_comma != std::string_view::npos) {
    if (s.find(',') == last_comma) {
      decimal = last_comma;  // "749,55": French decimal comma
    } else {
      group_sep = ',';  // "1,000,000"
    }
  } else {
    // Only dots: thousands if all later groups have 3 digits ("2.500", "1.409.749"); otherwise
    // the last dot is decimal ("3.5", "1.249.710.00").
    const std::vector<std::string_view> groups = Split(s, '.');
    bool grouped = true;
    for (std::size_t i = 1; i < groups.size(); ++i) grouped &= groups[i].size() == 3;
    if (!grouped) decimal = last_dot;
  }
  const std::string_view integer = s.substr(0, decimal);
  const std::string_view fraction =
      decimal == std::string_view::npos ? std::string_view() : s.substr(decimal + 1);
  if (decimal != std::string_view::npos && !AllDigits(fraction)) return std::nullopt;
  std::optional<std::string> digits;
  if (integer.find(group_sep) == std::string_view::npos) {
    if (AllDigits(integer)) digits = std::string(integer);
  } else {
    digits = Ungroup(Split(integer, group_sep));
  }
  if (!digits) return std::nullopt;
  return WithFraction(std::move(*digits), fraction);
}

}  // namespace coop::internal
