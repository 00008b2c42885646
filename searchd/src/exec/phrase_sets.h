// The phrases of one search and the records each matches, checked on demand and shared by
// counting and ranking. Phrases are the expensive part of a query: a phrase check reads the
// positions of each of its words in every record that has them all. PhraseSets checks each
// phrase of a search once, and gives the ranking match a query that Xapian weighs exactly as the
// phrase (the AND of its words) but matches from the checked set, so neither counting nor
// ranking, nor the counts of disjunctive facets, checks positions again; and as Xapian's matcher
// does, an AND checks its phrases only on the records its other operands allow
// (matching_docids.h).
#ifndef COOP_SEARCHD_EXEC_PHRASE_SETS_H_
#define COOP_SEARCHD_EXEC_PHRASE_SETS_H_

#include <xapian.h>

#include <cstddef>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "exec/phrase_cache.h"
#include "exec/posting_cache.h"
#include "exec/record_set.h"

namespace coop::exec {

struct MatchingOptions;  // matching_docids.h

/// Where and how a PhraseSets checks its phrases.
struct PhraseSetsOptions {
  /// Phrases are checked on the documents below `limit` that match `scope` (a boolean query,
  /// e.g. the record kind term).
  Xapian::docid limit = 0;
  Xapian::Query scope;
  /// The documents in scope have their shingle terms (schema::kShingle; every record of an
  /// index of the current format does): a two-word phrase is read from its shingle's posting
  /// list, and a longer one has its positions checked only where all its shingles are.
  bool shingles = true;
  /// If not null (built with the same limit): the postings of common shingles.
  const PostingCache* postings = nullptr;
  /// If not null (only for the records' scope and limit): the phrases kept by earlier searches,
  /// which takes those used again.
  PhraseCache* phrase_cache = nullptr;
};

/// Not thread-safe: one instance per search, on one Database; it must outlive every query it
/// built (they point into it), and the database, postings and phrase cache must outlive it.
class PhraseSets {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  PhraseSets(const Xapian::Database& db, PhraseSetsOptions options);
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

  /// Checks phrase `index` on the documents of `domain` not checked yet, and returns its
  /// matches among all documents checked so far. Marks the phrase as checked for the current
  /// query (the one MatchingDocids last evaluated). Throws Xapian::Error on index failure.
  const RecordSet& Check(std::size_t index, const RecordSet& domain) {
    return CheckIn(index, &domain);
  }

  /// Check() on every document in scope: returns all the matches of phrase `index`.
  const RecordSet& CheckAll(std::size_t index) { return CheckIn(index, nullptr); }

  /// The matches a Xapian match of phrase `index` uses: if the current query checked the phrase
  /// (MatchingDocids with MatchUse::kRanking checks it wherever the query lets it weigh), those;
  /// otherwise all its matches, checked in full now. Throws Xapian::Error on index failure.
  const RecordSet& ForMatch(std::size_t index);

 private:
  // Only MatchingDocids says which query the checks are for: it starts a new one (no phrase
  // counts as checked for it) before evaluating a query and, when the query's checks cannot
  // serve a ranking match, after. Callers of the public methods see no such protocol.
  friend bool MatchingDocids(const Xapian::Database& db, const Xapian::Query& query,
                             Xapian::docid limit, RecordSet& out, const MatchingOptions& options);
  void StartQuery();

  struct Entry {
    std::vector<std::string> terms;
    bool complete = false;  // checked on every document in scope
    bool in_query = false;  // checked for the current query
    RecordSet checked, matched;
    std::vector<std::string> shingles;  // its shingle terms; empty: check positions everywhere
    RecordSet candidates;               // the documents with all of them, once read
    bool have_candidates = false;
    std::string key;     // its terms, each followed by '\0'
    bool admit = false;  // to be checked in full and kept in the phrase cache
  };
  // Check() on `domain`, or on every document in scope if it is null.
  const RecordSet& CheckIn(std::size_t index, const RecordSet* domain);
  // Runs Xapian's phrase match of `e` on `todo` (nullptr: everywhere in scope) and returns its
  // matches below the limit.
  RecordSet MatchPositions(const Entry& e, const RecordSet* todo) const;
  const RecordSet& Candidates(Entry& e);
  const Xapian::Database& db_;
  PhraseSetsOptions options_;
  std::deque<Entry> entries_;                    // stable addresses
  std::map<std::string, std::size_t> by_terms_;  // terms joined by '\0' -> entry
  std::map<std::string, std::size_t> by_leaf_;   // serialised source leaf -> entry
};

}  // namespace coop::exec

#endif  // COOP_SEARCHD_EXEC_PHRASE_SETS_H_
