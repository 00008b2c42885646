// Spelling variants and synonyms as data (analyzers/data/variants.txt), read by the Analyzer.
//
// One entry per line, with a mandatory source note after '#':
//   variant: Taroudant = Taroudannt        # why these are the same word, where they occur
//   synonym: GIZ = Deutsche Gesellschaft für Internationale Zusammenarbeit   # source
// "variant" alternatives are single words: the Analyzer maps every one to the FIRST, at index and
// query time alike (so "Taroudant" finds "Taroudannt" and highlighting marks either spelling).
// "synonym" alternatives are phrases (names, acronyms): the query parser expands a query that
// matches one of them into an OR of all of them, each as a phrase.
//   family: apiculture = apiculteur = apicole   # source
// "family" alternatives are single words of one derivational family (or a term and its
// narrower terms) that the Snowball stemmer keeps apart: a query word of the family matches any
// of them, counted as one term (Xapian OP_SYNONYM over their stems). Indexing is unchanged.
#ifndef COOP_VARIANTS_H_
#define COOP_VARIANTS_H_

#include <string>
#include <string_view>
#include <vector>

namespace coop {

/// One line of the variants file.
struct VariantEntry {
  enum class Kind { kVariant, kSynonym, kFamily };
  Kind kind = Kind::kVariant;
  std::vector<std::string> alternatives;  ///< As written (UTF-8), first = canonical; at least 2.
  std::string source;                     ///< The source note (text after '#').
  int line = 0;                           ///< 1-based line number in the file.
};

/// Parses the variants file `data`; `name` prefixes error messages ("variants.txt:12: ...").
/// Throws std::runtime_error on a line without "variant:"/"synonym:"/"family:", with fewer than two
/// alternatives, with an empty alternative, or without a source note. Blank lines and lines that
/// are only a comment are skipped. Pure function, thread-safe. Multi-word "variant" alternatives
/// and "family" alternatives are rejected by the Analyzer (not here), which sees the words after
/// segmentation.
std::vector<VariantEntry> ParseVariants(std::string_view data, std::string_view name);

}  // namespace coop

#endif  // COOP_VARIANTS_H_
