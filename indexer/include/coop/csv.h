// The CSV dialect of the reference data files (corpus/data/*.csv, corpus/data/README.md): RFC 4180
// plus '#' comment lines, columns found by header name, multi-valued fields separated by '|'.
#ifndef COOP_CSV_H_
#define COOP_CSV_H_

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace coop {

/// One CSV table: the header's column names and the data rows, each as many fields as the header.
struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::size_t> lines;  ///< 1-based source line of each row (for error messages).
};

/// Parses RFC 4180 CSV (UTF-8; ',' separator; '"' quoting with '""' for a quote; CRLF or LF),
/// plus one extension: a line starting with '#' outside quotes is a comment. The first record is
/// the header. Throws std::runtime_error "<name>:<line>: <problem>" on an unterminated quote,
/// text after a closing quote, or a row whose field count differs from the header's.
/// Pure function; thread-safe.
CsvTable ParseCsv(std::string_view text, std::string_view name);

/// Throws std::runtime_error "<name>:<line>: <what>", the form of every reference data error.
[[noreturn]] void ThrowCsvError(std::string_view name, std::size_t line, const std::string& what);

/// Splits a multi-valued field on '|', trimming each value and dropping empty ones:
/// " a | b ||" -> {"a", "b"}. Pure function; thread-safe.
std::vector<std::string> SplitCsvList(std::string_view field);

/// The fields of a CsvTable by column name, so that files may reorder or add columns.
/// Keeps a reference to the table, which must outlive it. Thread-safe to read.
class CsvColumns {
 public:
  /// Columns `required` of `table` (file `name`, for errors). Throws std::runtime_error
  /// "<name>:1: missing column '<column>'" if one is not in the header.
  CsvColumns(const CsvTable& table, std::string_view name,
             const std::vector<std::string>& required);
  /// Field `column` (one of the required ones; else std::out_of_range) of row `row` (0-based
  /// data row), without leading and trailing white space.
  std::string Get(std::size_t row, const std::string& column) const;

 private:
  const CsvTable& table_;
  std::map<std::string, std::size_t> index_;
};

}  // namespace coop

#endif  // COOP_CSV_H_
