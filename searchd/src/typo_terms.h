// Typo tolerance of the all-words query (issue 16): the words of the index's spelling
// dictionary within a few edits of a query word that the index does not know.
#ifndef COOP_SEARCHD_TYPO_TERMS_H_
#define COOP_SEARCHD_TYPO_TERMS_H_

#include <xapian.h>

#include <cstddef>
#include <cstdint>
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

/// Bit (c % 64) set for each code point c of `text`. A code point of one word whose bit the
/// other word's mask lacks is in no position of that word, so every one of them costs an edit
/// (a deletion or substitution: a transposition only moves code points): more such bits in
/// either direction than `bound` means BoundedEditDistance > `bound`, without computing it.
/// Thread-safe.
std::uint64_t LetterMask(std::u32string_view text);

/// A word of the index within the typo budget of a query word.
struct TypoAlternative {
  std::string term;   ///< Folded word as indexed, e.g. "tannerie".
  std::size_t edits;  ///< Its BoundedEditDistance from the query word (1 or 2).
};

/// The words of a spelling dictionary (record words, indexer/src/index_writer.cpp AddSpelling)
/// as code points, grouped by length, with their spelling frequencies: read from Xapian once per
/// index revision (exec::IndexRevision keeps it), then scanned by TypoAlternatives with no Xapian
/// read and no UTF-8 decoding per word. Immutable after construction: thread-safe.
class TypoDictionary {
 public:
  /// Reads every entry of `spelling`'s spelling table (the index itself, or the merged spelling
  /// database of a sharded index: coop/index_reader.h SpellingDatabasePath), O(words). Throws
  /// Xapian::Error as the spelling iterator does.
  explicit TypoDictionary(const Xapian::Database& spelling);

  /// One word of the dictionary.
  struct Word {
    std::string term;            ///< Folded word as indexed (UTF-8).
    std::u32string text;         ///< The same word as code points.
    Xapian::doccount frequency;  ///< Its spelling frequency.
    std::uint64_t letters = 0;   ///< LetterMask(text).
  };
  /// The words of `length` code points, in the dictionary's (byte) order; empty past the longest.
  const std::vector<Word>& OfLength(std::size_t length) const;
  /// Number of words.
  std::size_t size() const { return size_; }

 private:
  std::vector<std::vector<Word>> by_length_;
  std::size_t size_ = 0;
};

/// The words of `dictionary` within TyposAllowed edits of the folded `term`: fewest edits
/// first, then most frequent, then in byte order, at most `limit`. Empty if `term` is too short
/// for a typo, has a digit, or is itself a word of the index (`term_frequency`, the index's count
/// of documents with `term`, above 0). Scans the words
/// whose length is within the budget of `term`'s (the bounded distance of each). With the
/// dictionary read once per revision, "docteur perre" at x1 takes 0.92 ms over HTTP instead of
/// 1.65 ms (fastest of 21), when reading and decoding every Xapian spelling entry per word cost
/// 1 to 2 ms per word.
/// Xapian 1.4 has no OP_EDIT_DISTANCE (1.5 does), and get_spelling_suggestion names one word per
/// word, which may not be the one the other words go with ("perre" -> "terre", never with
/// "docteur"; "pierre" is). Thread-safe.
std::vector<TypoAlternative> TypoAlternatives(Xapian::doccount term_frequency,
                                              const TypoDictionary& dictionary,
                                              const std::string& term, std::size_t limit);

}  // namespace coop

#endif  // COOP_SEARCHD_TYPO_TERMS_H_
