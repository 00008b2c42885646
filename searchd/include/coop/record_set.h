// The exact set of record documents a query matches, read from posting lists (used by the
// Searcher; public so that tests can check it against Xapian's matcher). Xapian's matcher can
// count every match only through a MatchSpy, which gets a Document object per match: at x100 that
// was about 40% of a query (1 ms of 2.4 ms for "jumelages", 4,654 records). Reading the posting
// lists of the query's terms up to the end of the record docid range (schema::kPassageDocidBase)
// costs a few nanoseconds per posting.
//
// Phrases are the expensive part of a query: a phrase check reads the positions of each of its
// words in every record that has them all. PhraseSets checks each phrase of a search once, and
// gives the ranking match a query that Xapian weighs exactly as the phrase (the AND of its
// words) but matches from the checked set, so neither counting nor ranking, nor the counts of
// disjunctive facets, checks positions again; and as Xapian's matcher does, an AND checks its
// phrases only on the records its other operands allow.
#ifndef COOP_RECORD_SET_H_
#define COOP_RECORD_SET_H_

#include <xapian.h>

#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "coop/posting_cache.h"

namespace coop {

/// The phrases of one search and the records each matches, checked on demand and shared by
/// counting and ranking. Not thread-safe: one instance per search, on one Database; it must
/// outlive every query it built (they point into it).
class PhraseSets {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  /// Phrases are checked on the documents of `db` that match `scope` (a boolean query, e.g. the
  /// record kind term) and lie below `limit`. `db` is not copied and must outlive this object.
  /// With `shingles` (the index sets schema::kShinglesKey, and its shingle terms are on exactly
  /// the documents in scope), a two-word phrase is read from its shingle's posting list, and a
  /// longer one has its positions checked only where all its shingles are. `cache` (if not
  /// null, built with the same limit) gives the postings of common shingles. `phrase_cache` (if
  /// not null: only for the records' scope and limit, see PhraseCache) gives the phrases kept
  /// by earlier searches and takes those used again. Both must outlive this object.
  PhraseSets(const Xapian::Database& db, Xapian::docid limit, Xapian::Query scope,
             bool shingles = false, const PostingCache* cache = nullptr,
             PhraseCache* phrase_cache = nullptr);
  ~PhraseSets();
  PhraseSets(const PhraseSets&) = delete;
  PhraseSets& operator=(const PhraseSets&) = delete;

  /// A query equivalent to Xapian's OP_PHRASE over `terms` with a window of terms.size() (the
  /// terms at consecutive positions, in order) for documents in scope: it matches the same
  /// documents and Xapian weighs it the same (the AND of the terms), but its positions are
  /// checked by Check() (or in full by a Xapian match that MatchingDocids did not prepare).
  /// A single term gives the term. Never throws except std::bad_alloc.
  Xapian::Query Phrase(const std::vector<std::string>& terms);

  /// True if Phrase() has built no phrase yet.
  bool empty() const { return entries_.empty(); }

  /// The phrase number of `leaf` (a posting-source leaf that Phrase() built), or npos.
  std::size_t Find(const Xapian::Query& leaf) const;

  /// True if phrase `index` is found through its shingles (then every document it matches has
  /// all its terms, and Check() reads no posting list of theirs). Throws std::out_of_range for
  /// an unknown index.
  bool HasShingles(std::size_t index) const;

  /// True if phrase `index` is known on every document in scope (checked in full, or from the
  /// phrase cache). Throws std::out_of_range for an unknown index.
  bool Complete(std::size_t index) const;

  /// Checks phrase `index` on the documents of `domain` (ascending; nullptr: every document in
  /// scope) not checked yet, and returns its matches among all documents checked so far
  /// (ascending). Throws Xapian::Error on index failure.
  const std::vector<Xapian::docid>& Check(std::size_t index,
                                          const std::vector<Xapian::docid>* domain);

  /// The matches a Xapian match of phrase `index` uses: those checked by the last
  /// MatchingDocids call, which are exact wherever its query can match, or else all matches
  /// (checked in full now). Throws Xapian::Error on index failure.
  const std::vector<Xapian::docid>& ForMatch(std::size_t index);

  /// Called by MatchingDocids: forgets which phrases the previous query checked.
  void ForgetContext();

 private:
  struct Entry {
    std::vector<std::string> terms;
    bool complete = false;    // checked on every document in scope
    bool in_context = false;  // checked for the last MatchingDocids query
    std::vector<Xapian::docid> checked, matched;
    std::vector<std::string> shingles;      // its shingle terms; empty: check positions everywhere
    std::vector<Xapian::docid> candidates;  // the documents with all of them, once read
    bool have_candidates = false;
    std::string key;     // its terms, each followed by '\0'
    bool admit = false;  // to be checked in full and kept in the phrase cache
  };
  // Runs Xapian's phrase match of `e` on `todo` (ascending; nullptr: everywhere in scope) and
  // returns its matches below the limit.
  std::vector<Xapian::docid> MatchPositions(const Entry& e,
                                            const std::vector<Xapian::docid>* todo) const;
  const std::vector<Xapian::docid>& Candidates(Entry& e);
  const Xapian::Database& db_;
  Xapian::docid limit_;
  Xapian::Query scope_;
  bool shingles_;
  const PostingCache* cache_;
  PhraseCache* phrase_cache_;
  std::deque<Entry> entries_;                    // stable addresses
  std::map<std::string, std::size_t> by_terms_;  // terms joined by '\0' -> entry
  std::map<std::string, std::size_t> by_leaf_;   // serialised source leaf -> entry
};

/// What MatchingDocids prepares its PhraseSets for.
enum class MatchUse {
  kRanking,  ///< A Xapian match of the same query follows: phrases are checked wherever they
             ///< can weigh (PhraseSets::ForMatch then uses those checks).
  kCount,    ///< Only the set is needed: a phrase in an OR is checked only where the OR's
             ///< other operands do not match, and nothing is prepared for ranking.
};

/// Fills `out` with the docids below `limit` that match `query`, ascending, and returns true;
/// returns false (with `out` unspecified) if `query` uses an operator whose matches cannot be
/// read from posting lists alone (OP_PHRASE and OP_NEAR nodes, wildcards, value ranges,
/// ELITE_SET, XOR, posting sources other than `phrases`' own): the caller then counts with a
/// MatchSpy. Handles terms, match-all, AND, FILTER, OR, SYNONYM, MAX, AND_MAYBE (its left side),
/// AND_NOT, SCALE_WEIGHT and the phrases built by `phrases` (if not null; its limit must be at
/// least `limit`), with Xapian's match semantics. Each phrase is checked only on the documents
/// the rest of the query allows (an AND gives its phrases the matches of its other operands),
/// which prepares `phrases` for a Xapian match of the same query (PhraseSets::ForMatch) if
/// `use` is kRanking. Throws Xapian::Error on index failure. Thread-safe if `db` and `phrases`
/// are not shared. `cache` (if not null) gives the postings of the terms it keeps when it was
/// built with the same `limit`.
bool MatchingDocids(const Xapian::Database& db, const Xapian::Query& query, Xapian::docid limit,
                    std::vector<Xapian::docid>& out, PhraseSets* phrases = nullptr,
                    MatchUse use = MatchUse::kRanking, const PostingCache* cache = nullptr);

}  // namespace coop

#endif  // COOP_RECORD_SET_H_
