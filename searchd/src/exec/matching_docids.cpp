#include "exec/matching_docids.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "exec/index_revision.h"

namespace coop::exec {
namespace {

bool HasPhrase(const Xapian::Query& q) {
  if (q.get_type() == Xapian::Query::LEAF_POSTING_SOURCE) return true;
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
    if (HasPhrase(q.get_subquery(i))) return true;
  }
  return false;
}

// Evaluates `q` into `out` (ascending), exactly on the documents of `domain` (every document
// if null); documents outside it may be kept or dropped. A phrase is checked only on its domain:
// an AND evaluates its phrase-free operands first and gives the phrases their intersection, as
// Xapian's matcher does by checking positions last.
class Evaluator {
 public:
  Evaluator(const Xapian::Database& db, const Xapian::Query& query, Xapian::docid limit,
            const MatchingOptions& options)
      : db_(db),
        any_phrase_(HasPhrase(query)),
        limit_(limit),
        phrases_(options.phrases),
        use_(options.use),
        cache_(options.postings && options.postings->Limit() == limit ? options.postings : nullptr),
        revision_(options.revision),
        deadline_(options.deadline) {}

  bool Eval(const Xapian::Query& q, const RecordSet* domain, RecordSet& out) {
    using Q = Xapian::Query;
    const std::size_t n = q.get_num_subqueries();
    deadline_.Check();  // per node: a term's postings are read in microseconds
    if (domain && domain->empty() && PhraseIn(q)) return Skip(q, out);
    switch (q.get_type()) {
      case Q::LEAF_TERM: {
        const std::string term = *q.get_terms_begin();
        if (cache_ && (domain ? cache_->ReadIn(term, *domain, out) : cache_->Read(term, out))) {
          return true;
        }
        if (domain && domain->size() * kSkipRatio < TermFreq(term)) {
          ReadPostingsIn(db_, term, *domain, out);
        } else {
          ReadPostings(db_, term, limit_, out);
        }
        return true;
      }
      case Q::LEAF_MATCH_ALL:
        ReadPostings(db_, std::string(), limit_, out);  // "" lists every document
        return true;
      case Q::LEAF_MATCH_NOTHING:
        out.Clear();
        return true;
      case Q::LEAF_POSTING_SOURCE:
        return Phrase(q, domain, out);
      case Q::OP_SCALE_WEIGHT:
        return Eval(q.get_subquery(0), domain, out);
      case Q::OP_AND_MAYBE:  // matches are those of the left side; phrases on the right weigh
        if (!Eval(q.get_subquery(0), domain, out)) return false;
        return use_ == MatchUse::kCount || Weighing(q, out);
      case Q::OP_AND:
      case Q::OP_FILTER:
        return And(q, domain, out);
      case Q::OP_OR:
      case Q::OP_SYNONYM:
      case Q::OP_MAX:
        return Or(q, domain, out);
      case Q::OP_AND_NOT: {
        if (!Eval(q.get_subquery(0), domain, out)) return false;
        RecordSet sub;
        for (std::size_t i = 1; i < n; ++i) {
          const RecordSet left = out;  // the exclusions only matter there
          if (!Eval(q.get_subquery(i), &left, sub)) return false;
          out.Subtract(sub);
        }
        return true;
      }
      default:  // OP_PHRASE, OP_NEAR, wildcards, value ranges, ELITE_SET, XOR
        return false;
    }
  }

 private:
  // HasPhrase(q) for a subquery `q` of the evaluated query. Most queries have no phrase (only
  // quotes and place names make them): their subtrees are then not walked again at every level
  // (x1, the 88 bench paths: HasPhrase was 2.5% of a search's instructions).
  bool PhraseIn(const Xapian::Query& q) const { return any_phrase_ && HasPhrase(q); }

  // Skipping through a posting list pays when the domain has at most 1/kSkipRatio of its
  // documents (a skip costs a few postings' decoding).
  static constexpr std::size_t kSkipRatio = 8;

  Xapian::doccount TermFreq(const std::string& term) const {
    return revision_ ? revision_->TermFreq(db_, term) : db_.get_termfreq(term);
  }

  // Upper bound of the documents `q` matches, from term frequencies (cheap: no postings read).
  Xapian::doccount Estimate(const Xapian::Query& q) const {
    using Q = Xapian::Query;
    const std::size_t n = q.get_num_subqueries();
    switch (q.get_type()) {
      case Q::LEAF_TERM:
        return TermFreq(*q.get_terms_begin());
      case Q::LEAF_MATCH_NOTHING:
        return 0;
      case Q::OP_AND:
      case Q::OP_FILTER: {
        Xapian::doccount least = db_.get_doccount();
        for (std::size_t i = 0; i < n; ++i) least = std::min(least, Estimate(q.get_subquery(i)));
        return least;
      }
      case Q::OP_OR:
      case Q::OP_SYNONYM:
      case Q::OP_MAX: {
        Xapian::doccount sum = 0;
        for (std::size_t i = 0; i < n; ++i) sum += Estimate(q.get_subquery(i));
        return std::min(sum, db_.get_doccount());
      }
      case Q::OP_SCALE_WEIGHT:
      case Q::OP_AND_MAYBE:
      case Q::OP_AND_NOT:
        return Estimate(q.get_subquery(0));
      default:
        return db_.get_doccount();
    }
  }

  bool And(const Xapian::Query& q, const RecordSet* domain, RecordSet& out) {
    // A phrase that PhraseSets::Phrase built, FILTER(AND(terms), source): where the index has
    // shingles its source reads its candidates from them (or the phrase is known already), and
    // the documents it matches all have the terms, so the terms' posting lists need not be read.
    if (q.get_type() == Xapian::Query::OP_FILTER && q.get_num_subqueries() == 2 && phrases_) {
      const Xapian::Query source = q.get_subquery(1);
      const std::size_t index = source.get_type() == Xapian::Query::LEAF_POSTING_SOURCE
                                    ? phrases_->Find(source)
                                    : PhraseSets::npos;
      if (index != PhraseSets::npos &&
          (phrases_->HasShingles(index) || phrases_->Complete(index))) {
        return Phrase(source, domain, out);
      }
    }
    // The rarest operand first, each next one read only on the matches so far; phrases last.
    std::vector<std::pair<Xapian::doccount, Xapian::Query>> order;
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
      const Xapian::Query sub = q.get_subquery(i);
      order.emplace_back(PhraseIn(sub) ? db_.get_doccount() + 1 : Estimate(sub), sub);
    }
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    if (!Eval(order[0].second, domain, out)) return false;
    RecordSet sub;
    if (domain) out.IntersectWith(*domain);  // the phrases' domain as small as it can be
    for (std::size_t i = 1; i < order.size(); ++i) {
      const RecordSet so_far = out;
      if (!Eval(order[i].second, &so_far, sub)) return false;
      out.IntersectWith(sub);
    }
    return true;
  }

  bool Or(const Xapian::Query& q, const RecordSet* domain, RecordSet& out) {
    // Operands without phrases first. Counting needs a phrase checked only where they do not
    // match already: "Al Hoceïma" is (al AND hoceima) OR "el hoceima" OR "al hoceima", and the
    // last phrase needs no check at all. Ranking weighs phrases, so it needs them everywhere.
    out.Clear();
    RecordSet sub;
    for (int pass = 0; pass < 2; ++pass) {
      for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
        const Xapian::Query operand = q.get_subquery(i);
        if (PhraseIn(operand) != (pass == 1)) continue;
        // Results are exact outside `exclude_` (see Phrase): this OR's union absorbs the rest.
        const RecordSet* outer = exclude_;
        if (pass == 1 && use_ == MatchUse::kCount) exclude_ = &out;
        const bool done = Eval(operand, domain, sub);
        exclude_ = outer;
        if (!done) return false;
        out.UniteWith(sub);
      }
    }
    return true;
  }

  // The right operands of AND_MAYBE add weight to the left's matches: their phrases must be
  // known there for the ranking match.
  bool Weighing(const Xapian::Query& q, const RecordSet& left) {
    RecordSet ignored;
    for (std::size_t i = 1; i < q.get_num_subqueries(); ++i) {
      if (PhraseIn(q.get_subquery(i)) && !Eval(q.get_subquery(i), &left, ignored)) return false;
    }
    return true;
  }

  bool Phrase(const Xapian::Query& q, const RecordSet* domain, RecordSet& out) {
    const std::size_t index = phrases_ ? phrases_->Find(q) : PhraseSets::npos;
    if (index == PhraseSets::npos) return false;
    RecordSet outside;  // the domain less what an enclosing OR matches already
    if (exclude_ && domain) {
      outside = *domain;
      outside.Subtract(*exclude_);
      domain = &outside;
    }
    out = domain ? phrases_->Check(index, *domain) : phrases_->CheckAll(index);
    out.TruncateAt(limit_);
    return true;
  }

  // `q` (with phrases) over an empty domain: matches nothing there; its phrases are marked
  // known for the ranking match, which will not test them.
  bool Skip(const Xapian::Query& q, RecordSet& out) {
    out.Clear();
    static const RecordSet kNone;
    if (q.get_type() == Xapian::Query::LEAF_POSTING_SOURCE) return Phrase(q, &kNone, out);
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
      RecordSet none;
      if (!Skip(q.get_subquery(i), none)) return false;
    }
    return true;
  }

  const Xapian::Database& db_;
  bool any_phrase_;  // HasPhrase(the evaluated query)
  Xapian::docid limit_;
  PhraseSets* phrases_;
  MatchUse use_;
  const PostingCache* cache_;      // null unless built with limit_
  const IndexRevision* revision_;  // term frequencies, or null: the database's
  Deadline deadline_;
  const RecordSet* exclude_ = nullptr;  // counting: where the nearest enclosing OR matches anyway
};

}  // namespace

bool MatchingDocids(const Xapian::Database& db, const Xapian::Query& query, Xapian::docid limit,
                    RecordSet& out, const MatchingOptions& options) {
  if (options.phrases) options.phrases->StartQuery();
  const bool done = Evaluator(db, query, limit, options).Eval(query, nullptr, out);
  // A Xapian match after a failure, or after counting (which checks phrases only where it
  // needs to), checks them in full.
  if ((!done || options.use == MatchUse::kCount) && options.phrases) {
    options.phrases->StartQuery();
  }
  return done;
}

}  // namespace coop::exec
