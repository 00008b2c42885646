#!/usr/bin/python3
"""What one Xapian match costs before it weighs anything (issue 16, docs/bench/profile_tail.md).

Runs Enquire::get_mset(0, 10) with BM25 (coop-searchd's parameters) on a coopsearch index for
OR queries of 1 to 8 rare terms (at most 10 documents each: almost no posting is weighed),
filtered to the record documents as coop-searchd's ranking is, and prints the microseconds per
match. The slope is Xapian's fixed cost per query term: its B-tree look-ups for the term
statistics and the posting list, the read-ahead hint, the weight objects. Needs the Debian
package python3-xapian (the same libxapian30 coop-searchd links).

  /usr/bin/python3 bench/xapian_match_floor.py INDEX [ROUNDS=3000]   (Debian's python3, which
  has python3-xapian)

INDEX is what `coop-index build --index INDEX` wrote.
"""
import sys
import time

import xapian


def per_match_us(db, query, rounds):
    def once():
        enquire = xapian.Enquire(db)
        enquire.set_weighting_scheme(xapian.BM25Weight(1.0, 0.0, 1.0, 0.4, 0.5))
        enquire.set_query(query)
        enquire.get_mset(0, 10)
    for _ in range(200):
        once()
    start = time.perf_counter()
    for _ in range(rounds):
        once()
    return (time.perf_counter() - start) / rounds * 1e6


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    db = xapian.Database(sys.argv[1])  # the stub file coop-index writes is a Xapian stub
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    records = xapian.Query("XKrecord")
    # Eight terms of 1 to 10 documents, spread over the term list as a query's words are
    # (terms side by side in the list share B-tree blocks, which a real query's rarely do).
    rare = [item.term for item in db.allterms()
            if 1 <= item.termfreq <= 10 and item.term[:1].islower()]
    rare = [rare[i * len(rare) // 8] for i in range(8)]
    Q = xapian.Query
    print("terms  us/match  (x%d, %d documents)" % (rounds, db.get_doccount()))
    print("    0  %8.1f" % per_match_us(db, Q(Q.OP_FILTER, Q(""), records), rounds))
    for k in (1, 2, 4, 8):
        query = Q(Q.OP_FILTER, Q(Q.OP_OR, [Q(t) for t in rare[:k]]), records)
        print("%5d  %8.1f" % (k, per_match_us(db, query, rounds)))


if __name__ == "__main__":
    main()
