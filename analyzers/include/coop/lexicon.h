// The word lexicon used to repair extraction damage ("Es pagne" -> "Espagne", "po rtant" ->
// "portant"): folded French words plus the corpus vocabulary with how often each word occurs.
//
// Sources, merged at BUILD time by tools/lexicon_gen.cpp (see analyzers/CMakeLists.txt):
//   - the French word list of Debian's `wfrench` package (/usr/share/dict/french, 346 205 words,
//     GPL; installed by scripts/install-deps.sh; override with -DCOOP_FRENCH_WORDS=<file>);
//   - the vocabulary of the corpus in corpus/*.txt (terms as Analyzer produces them with repair
//   off),
//     which brings the proper nouns a dictionary lacks ("espagne", "taroudant").
// The result is compiled into the binaries as one front-coded, sorted string (about 1.4 MB,
// cost measured in BENCHMARKS.md), so lookups need no file at run time and no start-up work.
#ifndef COOP_LEXICON_H_
#define COOP_LEXICON_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coop {

/// What the lexicon knows about one folded word.
struct LexiconEntry {
  bool dictionary = false;  ///< In the French word list.
  std::uint8_t corpus_count =
      0;  ///< Occurrences in the corpus as a term: 0, 1, or 2 meaning ">= 2".
};

/// Immutable sorted word set. Thread-safe (const). Words are stored folded (Analyzer::Fold).
///
/// Encoding of `blob` (the generator writes it, Find reads it): entries in byte order of the word,
/// each "<p><f><suffix>\n" where p = '0' + length of the prefix shared with the previous word
/// (0 at the start of every block), f = 'A' + (dictionary ? 1 : 0) + 2 * corpus_count; `blocks`
/// holds the byte offset of every block's first entry.
class Lexicon {
 public:
  /// The empty lexicon: Find() always returns nullopt.
  Lexicon() = default;
  /// Reads a blob in the format above. The memory must outlive the Lexicon. No validation beyond
  /// bounds: feed it only what tools/lexicon_gen.cpp wrote.
  Lexicon(std::string_view blob, const std::uint32_t* blocks, std::size_t block_count,
          std::size_t word_count);

  /// Looks up a folded word; nullopt if absent. O(log(blocks) + block size) string compares.
  std::optional<LexiconEntry> Find(std::string_view folded_word) const;

  /// Number of words.
  std::size_t size() const { return word_count_; }

 private:
  std::string_view blob_;
  const std::uint32_t* blocks_ = nullptr;
  std::size_t block_count_ = 0;
  std::size_t word_count_ = 0;
};

/// Encodes sorted, unique (word, entry) pairs into `blob` and `blocks` in the format above, with
/// `block_size` entries per block. Throws std::invalid_argument if words are unsorted, duplicated,
/// empty, or contain '\n'. Used by the build-time generator and by tests.
void EncodeLexicon(const std::vector<std::pair<std::string, LexiconEntry>>& words,
                   std::size_t block_size, std::string& blob, std::vector<std::uint32_t>& blocks);

/// The lexicon compiled into this binary (French word list + corpus vocabulary). Thread-safe.
/// The build-time generator itself links a stub returning the empty lexicon.
const Lexicon& DefaultLexicon();

}  // namespace coop

#endif  // COOP_LEXICON_H_
