#include "coop/record_set.h"

#include <algorithm>
#include <iterator>

namespace coop {
namespace {

using Docids = std::vector<Xapian::docid>;

void ReadPostings(const Xapian::Database& db, const std::string& term, Xapian::docid limit,
                  Docids& out) {
  out.clear();
  for (Xapian::PostingIterator it = db.postlist_begin(term), end = db.postlist_end(term);
       it != end && *it < limit; ++it) {
    out.push_back(*it);
  }
}

// Intersection of `a` and `b` into `a` (both ascending).
void IntersectInto(Docids& a, const Docids& b) {
  Docids r;
  r.reserve(std::min(a.size(), b.size()));
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(r));
  a.swap(r);
}

bool Eval(const Xapian::Database& db, const Xapian::Query& q, Xapian::docid limit, Docids& out) {
  using Q = Xapian::Query;
  const std::size_t n = q.get_num_subqueries();
  switch (q.get_type()) {
    case Q::LEAF_TERM:
      ReadPostings(db, *q.get_terms_begin(), limit, out);
      return true;
    case Q::LEAF_MATCH_ALL:
      ReadPostings(db, std::string(), limit, out);  // "" lists every document
      return true;
    case Q::LEAF_MATCH_NOTHING:
      out.clear();
      return true;
    case Q::OP_SCALE_WEIGHT:
      return Eval(db, q.get_subquery(0), limit, out);
    case Q::OP_AND_MAYBE:  // matches are those of the left side
      return Eval(db, q.get_subquery(0), limit, out);
    case Q::OP_AND:
    case Q::OP_FILTER: {
      if (!Eval(db, q.get_subquery(0), limit, out)) return false;
      Docids sub;
      for (std::size_t i = 1; i < n && !out.empty(); ++i) {
        if (!Eval(db, q.get_subquery(i), limit, sub)) return false;
        IntersectInto(out, sub);
      }
      return true;
    }
    case Q::OP_OR:
    case Q::OP_SYNONYM:
    case Q::OP_MAX: {
      out.clear();
      Docids sub, merged;
      for (std::size_t i = 0; i < n; ++i) {
        if (!Eval(db, q.get_subquery(i), limit, sub)) return false;
        merged.clear();
        std::set_union(out.begin(), out.end(), sub.begin(), sub.end(), std::back_inserter(merged));
        out.swap(merged);
      }
      return true;
    }
    case Q::OP_AND_NOT: {
      if (!Eval(db, q.get_subquery(0), limit, out)) return false;
      Docids sub, kept;
      for (std::size_t i = 1; i < n && !out.empty(); ++i) {
        if (!Eval(db, q.get_subquery(i), limit, sub)) return false;
        kept.clear();
        std::set_difference(out.begin(), out.end(), sub.begin(), sub.end(),
                            std::back_inserter(kept));
        out.swap(kept);
      }
      return true;
    }
    default:  // phrases, NEAR, wildcards, value ranges, ELITE_SET, XOR, posting sources
      return false;
  }
}

}  // namespace

bool MatchingDocids(const Xapian::Database& db, const Xapian::Query& query, Xapian::docid limit,
                    std::vector<Xapian::docid>& out) {
  return Eval(db, query, limit, out);
}

}  // namespace coop
