// Typo tolerance of the all-words query (issue 16): the words of the index's spelling
// dictionary within a few edits of a query word that the index does not know.
#ifndef COOP_SEARCHD_TYPO_TERMS_H_
#define COOP_SEARCHD_TYPO_TERMS_H_

#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace coop {

/// Edits a word of `letters` code points may carry: 0 below 5, 1 from 5, 2 from 9
/// (Meilisearch's defaults, `typoTolerance.minWordSizeForTypos`).
std::size_t TyposAllowed(std::size_t letters);

/// Optimal-string-alignment distance between `a` and `b` (insertions, deletions, substitutions
/// and transpositions of adjacent code points, each one edit; Damerau's definition, which
/// Meilisearch's Levenshtein automata follow), or `bound + 1` as soon as it must exceed `bound`.
/// Both are UTF-32 code point strings. Thread-safe.
std::size_t BoundedEditDistance(std::u32string_view a, std::u32string_view b, std::size_t bound);

/// A word of the index within the typo budget of a query word.
struct TypoAlternative {
  std::string term;   ///< Folded word as indexed, e.g. "tannerie".
  std::size_t edits;  ///< Its BoundedEditDistance from the query word (1 or 2).
};

/// The words of `db`'s spelling dictionary (record words, indexer/src/index_writer.cpp
/// AddSpelling) within TyposAllowed edits of the folded `term`: fewest edits first, then most
/// frequent, at most `limit`. Empty if `term` is too short for a typo, has a digit,
/// or is itself a word of the index. Reads every dictionary entry (a length filter first, then
/// the bounded distance): 1 to 2 ms per word at x1 ("docteur perre" 2.7 ms against 0.55 ms for
/// "docteur pierre"). Xapian 1.4 has no OP_EDIT_DISTANCE (1.5 does), and
/// get_spelling_suggestion names one word per word, which may not be the one the other words
/// go with ("perre" -> "terre", never with "docteur"; "pierre" is). The dictionary is read from
/// `spelling` (the index itself, or the merged spelling database of a sharded index: see
/// coop/index_reader.h SpellingDatabasePath); `term_frequency` is the index's (documents with
/// `term`: above 0, `term` is a word of the index). Not thread-safe with `spelling`.
std::vector<TypoAlternative> TypoAlternatives(Xapian::doccount term_frequency,
                                              const Xapian::Database& spelling,
                                              const std::string& term, std::size_t limit);

}  // namespace coop

#endif  // COOP_SEARCHD_TYPO_TERMS_H_
