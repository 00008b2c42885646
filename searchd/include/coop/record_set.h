// The exact set of record documents a query matches, read from posting lists (used by the
// Searcher; public so that tests can check it against Xapian's matcher). Xapian's matcher can
// count every match only through a MatchSpy, which gets a Document object per match: at x100 that
// was about 40% of a query (1 ms of 2.4 ms for "jumelages", 4,654 records). Reading the posting
// lists of the query's terms up to the end of the record docid range (schema::kPassageDocidBase)
// costs a few nanoseconds per posting.
#ifndef COOP_RECORD_SET_H_
#define COOP_RECORD_SET_H_

#include <xapian.h>

#include <vector>

namespace coop {

/// Fills `out` with the docids below `limit` that match `query`, ascending, and returns true;
/// returns false (with `out` unspecified) if `query` uses an operator whose matches cannot be
/// read from posting lists alone (phrases, NEAR, wildcards, value ranges, ELITE_SET, XOR): the
/// caller then counts with a MatchSpy. Handles terms, match-all, AND, FILTER, OR, SYNONYM, MAX,
/// AND_MAYBE (its left side), AND_NOT and SCALE_WEIGHT, with Xapian's match semantics.
/// Throws Xapian::Error on index failure. Thread-safe if `db` is not shared.
bool MatchingDocids(const Xapian::Database& db, const Xapian::Query& query, Xapian::docid limit,
                    std::vector<Xapian::docid>& out);

}  // namespace coop

#endif  // COOP_RECORD_SET_H_
