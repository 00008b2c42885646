// The exact set of record documents a query matches, read from posting lists. Xapian's matcher
// can count every match only through a MatchSpy, which gets a Document object per match: at
// x100 that was about 40% of a query (1 ms of 2.4 ms for "jumelages", 4,654 records). Reading
// the posting lists of the query's terms up to the end of the record docid range
// (schema::kPassageDocidBase) costs a few nanoseconds per posting. Tested against Xapian's own
// matcher on the real corpus (tests/record_set_test.cpp).
#ifndef COOP_SEARCHD_EXEC_MATCHING_DOCIDS_H_
#define COOP_SEARCHD_EXEC_MATCHING_DOCIDS_H_

#include <xapian.h>

#include "coop/deadline.h"
#include "exec/phrase_sets.h"
#include "exec/posting_cache.h"
#include "exec/record_set.h"

namespace coop::exec {

class IndexRevision;

/// What MatchingDocids prepares its PhraseSets for.
enum class MatchUse {
  kRanking,  ///< A Xapian match of the same query follows: phrases are checked wherever they
             ///< can weigh (PhraseSets::ForMatch then uses those checks).
  kCount,    ///< Only the set is needed: a phrase in an OR is checked only where the OR's
             ///< other operands do not match, and nothing is prepared for ranking.
};

/// How MatchingDocids reads a query's postings and phrases.
struct MatchingOptions {
  /// The phrases `query` was built with (its limit must be at least the call's), or null.
  PhraseSets* phrases = nullptr;
  MatchUse use = MatchUse::kRanking;
  /// If not null and built with the call's limit: the postings of the terms it keeps.
  const PostingCache* postings = nullptr;
  /// If not null, the revision of `db` whose remembered term frequencies (IndexRevision::
  /// TermFreq) order and size the reads; else db.get_termfreq.
  const IndexRevision* revision = nullptr;
  /// Checked at each query node: past it, MatchingDocids throws QueryTimeout.
  Deadline deadline;
};

/// Fills `out` with the docids below `limit` that match `query` and returns true; returns false
/// (with `out` unspecified) if `query` uses an operator whose matches cannot be read from posting
/// lists alone (OP_PHRASE and OP_NEAR nodes, wildcards, value ranges, ELITE_SET, XOR, posting
/// sources other than the phrases' own): the caller then counts with a MatchSpy. Handles terms,
/// match-all, AND, FILTER, OR, SYNONYM, MAX, AND_MAYBE (its left side), AND_NOT, SCALE_WEIGHT and
/// the phrases built by `options.phrases`, with Xapian's match semantics. Each phrase is checked
/// only on the documents the rest of the query allows (an AND gives its phrases the matches of
/// its other operands), which prepares the phrases for a Xapian match of the same query
/// (PhraseSets::ForMatch) if the use is kRanking and the call returned true. Throws Xapian::Error
/// on index failure, QueryTimeout past `options.deadline`. Thread-safe if `db` and the phrases are
/// not shared.
bool MatchingDocids(const Xapian::Database& db, const Xapian::Query& query, Xapian::docid limit,
                    RecordSet& out, const MatchingOptions& options = {});

}  // namespace coop::exec

#endif  // COOP_SEARCHD_EXEC_MATCHING_DOCIDS_H_
