// Internal to coop_analyzers: normalisation of numbers and amounts as printed in French text.
#ifndef COOP_ANALYZERS_NUMBERS_H_
#define COOP_ANALYZERS_NUMBERS_H_

#include <optional>
#include <string>
#include <string_view>

namespace coop::internal {

// Normalises a number written with French (or English) digit grouping and decimal separator, given
// as its digits and separators only ('.' and ','; grouping spaces already removed):
//   "1.409.749,55" -> "1409749,55"   "385.767,95" -> "385767,95"   "9.460.000,00" -> "9460000"
//   "2.500" -> "2500"   "3,5" -> "3,5"   "3.5" -> "3,5"   "2032800" -> "2032800"
// The decimal separator of the result is ',' and trailing zeros of the fraction are dropped.
// Returns nullopt when the separators do not form a number (dates "01.06.2006", versions), so the
// caller keeps the word as written. Rules (French usage, the corpus's budget tables): with both '.'
// and ',' the last one is the decimal mark; a lone ',' is decimal; '.' groups thousands when every
// group after the first has 3 digits; a lone '.' before a group of other length is decimal.
std::optional<std::string> NormalizeNumber(std::string_view digits_and_separators);

}  // namespace coop::internal

#endif  // COOP_ANALYZERS_NUMBERS_H_
