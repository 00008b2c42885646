#include "coop/csv.h"

#include <algorithm>
#include <stdexcept>

namespace coop {
namespace {

std::string Trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace

void ThrowCsvError(std::string_view name, std::size_t line, const std::string& what) {
  throw std::runtime_error(std::string(name) + ":" + std::to_string(line) + ": " + what);
}

std::vector<std::string> SplitCsvList(std::string_view field) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= field.size()) {
    std::size_t bar = field.find('|', start);
    if (bar == std::string_view::npos) bar = field.size();
    std::string v = Trim(field.substr(start, bar - start));
    if (!v.empty()) out.push_back(std::move(v));
    start = bar + 1;
  }
  return out;
}

CsvColumns::CsvColumns(const CsvTable& table, std::string_view name,
                       const std::vector<std::string>& required)
    : table_(table) {
  for (const std::string& col : required) {
    auto it = std::find(table.header.begin(), table.header.end(), col);
    if (it == table.header.end()) ThrowCsvError(name, 1, "missing column '" + col + "'");
    index_[col] = static_cast<std::size_t>(it - table.header.begin());
  }
}

std::string CsvColumns::Get(std::size_t row, const std::string& column) const {
  return Trim(table_.rows[row][index_.at(column)]);
}

CsvTable ParseCsv(std::string_view text, std::string_view name) {
  CsvTable table;
  std::vector<std::string> row;
  std::string field;
  std::size_t line = 1, row_line = 1;
  bool at_record_start = true;
  const auto end_row = [&] {
    row.push_back(std::move(field));
    field.clear();
    const bool blank = row.size() == 1 && Trim(row[0]).empty();
    if (!blank) {
      if (table.header.empty()) {
        table.header = std::move(row);
        for (auto& h : table.header) h = Trim(h);
      } else if (row.size() != table.header.size()) {
        ThrowCsvError(name, row_line,
                      "expected " + std::to_string(table.header.size()) + " fields, found " +
                          std::to_string(row.size()));
      } else {
        table.rows.push_back(std::move(row));
        table.lines.push_back(row_line);
      }
    }
    row.clear();
    at_record_start = true;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (at_record_start) {
      row_line = line;
      at_record_start = false;
      if (c == '#') {  // comment line
        const std::size_t nl = text.find('\n', i);
        i = nl == std::string_view::npos ? text.size() : nl + 1;
        ++line;
        at_record_start = true;
        continue;
      }
    }
    if (c == '"' && field.empty()) {  // quoted field
      ++i;
      for (;;) {
        if (i >= text.size()) ThrowCsvError(name, row_line, "unterminated quoted field");
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (text[i] == '\n') ++line;
        field.push_back(text[i++]);
      }
      if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
        ThrowCsvError(name, line, "text after a closing quote");
      }
      continue;
    }
    if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      end_row();
      ++line;
    } else if (c != '\r') {
      field.push_back(c);
    }
    ++i;
  }
  if (!at_record_start || !field.empty() || !row.empty()) end_row();
  if (table.header.empty()) ThrowCsvError(name, 1, "no header row");
  return table;
}

}  // namespace coop
