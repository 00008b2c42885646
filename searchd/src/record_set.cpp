#include "coop/record_set.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include "coop/schema.h"
#include "docid_filter.h"

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

// The documents of `domain` (ascending) that have `term`, found by skipping through its posting
// list: cheaper than reading it whole when the domain is much smaller (the AND of a rare word
// with a common one), as Xapian's AND does.
void ReadPostingsIn(const Xapian::Database& db, const std::string& term, const Docids& domain,
                    Docids& out) {
  out.clear();
  Xapian::PostingIterator it = db.postlist_begin(term);
  const Xapian::PostingIterator end = db.postlist_end(term);
  for (Xapian::docid did : domain) {
    it.skip_to(did);
    if (it == end) break;
    if (*it == did) out.push_back(did);
  }
}

// Intersection of `a` and `b` into `a` (both ascending).
void IntersectInto(Docids& a, const Docids& b) {
  Docids r;
  r.reserve(std::min(a.size(), b.size()));
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(r));
  a.swap(r);
}

// Union of `a` and `b` into `a` (both ascending).
void UniteInto(Docids& a, const Docids& b) {
  Docids r;
  r.reserve(a.size() + b.size());
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(r));
  a.swap(r);
}

// A posting source over the records where a phrase of `sets` matches (see PhraseSets::ForMatch),
// chosen when a match starts.
class PhraseSource : public DocidFilter {
 public:
  PhraseSource(PhraseSets& sets, std::size_t index) : sets_(sets), index_(index) {}
  void init(const Xapian::Database& db) override {
    Use(sets_.ForMatch(index_));
    DocidFilter::init(db);
  }
  std::string name() const override { return "coop::PhraseSource"; }
  // Only PhraseSets::Find reads this (to tell its phrases apart); never unserialised.
  std::string serialise() const override { return std::to_string(index_); }

 private:
  PhraseSets& sets_;
  std::size_t index_;
};

// `cache` if it answers for postings below `limit` (built with that limit), else null.
const PostingCache* UsableFor(const PostingCache* cache, Xapian::docid limit) {
  return cache && cache->Limit() == limit ? cache : nullptr;
}

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
  Evaluator(const Xapian::Database& db, Xapian::docid limit, PhraseSets* phrases, MatchUse use,
            const PostingCache* cache)
      : db_(db), limit_(limit), phrases_(phrases), use_(use), cache_(UsableFor(cache, limit)) {}

  bool Eval(const Xapian::Query& q, const Docids* domain, Docids& out) {
    using Q = Xapian::Query;
    const std::size_t n = q.get_num_subqueries();
    if (domain && domain->empty() && HasPhrase(q)) return Skip(q, out);
    switch (q.get_type()) {
      case Q::LEAF_TERM: {
        const std::string term = *q.get_terms_begin();
        if (cache_ && (domain ? cache_->ReadIn(term, *domain, out) : cache_->Read(term, out))) {
          return true;
        }
        if (domain && domain->size() * kSkipRatio < db_.get_termfreq(term)) {
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
        out.clear();
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
        Docids sub, kept;
        for (std::size_t i = 1; i < n; ++i) {
          const Docids left = out;  // the exclusions only matter there
          if (!Eval(q.get_subquery(i), &left, sub)) return false;
          kept.clear();
          std::set_difference(out.begin(), out.end(), sub.begin(), sub.end(),
                              std::back_inserter(kept));
          out.swap(kept);
        }
        return true;
      }
      default:  // OP_PHRASE, OP_NEAR, wildcards, value ranges, ELITE_SET, XOR
        return false;
    }
  }

 private:
  // Skipping through a posting list pays when the domain has at most 1/kSkipRatio of its
  // documents (a skip costs a few postings' decoding).
  static constexpr std::size_t kSkipRatio = 8;

  // Upper bound of the documents `q` matches, from term frequencies (cheap: no postings read).
  Xapian::doccount Estimate(const Xapian::Query& q) const {
    using Q = Xapian::Query;
    const std::size_t n = q.get_num_subqueries();
    switch (q.get_type()) {
      case Q::LEAF_TERM:
        return db_.get_termfreq(*q.get_terms_begin());
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

  bool And(const Xapian::Query& q, const Docids* domain, Docids& out) {
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
      order.emplace_back(HasPhrase(sub) ? db_.get_doccount() + 1 : Estimate(sub), sub);
    }
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    if (!Eval(order[0].second, domain, out)) return false;
    Docids sub;
    if (domain) IntersectInto(out, *domain);  // the phrases' domain as small as it can be
    for (std::size_t i = 1; i < order.size(); ++i) {
      const Docids so_far = out;
      if (!Eval(order[i].second, &so_far, sub)) return false;
      IntersectInto(out, sub);
    }
    return true;
  }

  bool Or(const Xapian::Query& q, const Docids* domain, Docids& out) {
    // Operands without phrases first. Counting needs a phrase checked only where they do not
    // match already: "Al Hoceïma" is (al AND hoceima) OR "el hoceima" OR "al hoceima", and the
    // last phrase needs no check at all. Ranking weighs phrases, so it needs them everywhere.
    out.clear();
    Docids sub;
    for (int pass = 0; pass < 2; ++pass) {
      for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
        const Xapian::Query operand = q.get_subquery(i);
        if (HasPhrase(operand) != (pass == 1)) continue;
        // Results are exact outside `exclude_` (see Phrase): this OR's union absorbs the rest.
        const Docids* outer = exclude_;
        if (pass == 1 && use_ == MatchUse::kCount) exclude_ = &out;
        const bool done = Eval(operand, domain, sub);
        exclude_ = outer;
        if (!done) return false;
        UniteInto(out, sub);
      }
    }
    return true;
  }

  // The right operands of AND_MAYBE add weight to the left's matches: their phrases must be
  // known there for the ranking match.
  bool Weighing(const Xapian::Query& q, const Docids& left) {
    Docids ignored;
    for (std::size_t i = 1; i < q.get_num_subqueries(); ++i) {
      if (HasPhrase(q.get_subquery(i)) && !Eval(q.get_subquery(i), &left, ignored)) return false;
    }
    return true;
  }

  bool Phrase(const Xapian::Query& q, const Docids* domain, Docids& out) {
    const std::size_t index = phrases_ ? phrases_->Find(q) : PhraseSets::npos;
    if (index == PhraseSets::npos) return false;
    Docids outside;  // the domain less what an enclosing OR matches already
    if (exclude_ && domain) {
      std::set_difference(domain->begin(), domain->end(), exclude_->begin(), exclude_->end(),
                          std::back_inserter(outside));
      domain = &outside;
    }
    const Docids& ids = phrases_->Check(index, domain);
    out.assign(ids.begin(), std::lower_bound(ids.begin(), ids.end(), limit_));
    return true;
  }

  // `q` (with phrases) over an empty domain: matches nothing there; its phrases are marked
  // known for the ranking match, which will not test them.
  bool Skip(const Xapian::Query& q, Docids& out) {
    out.clear();
    static const Docids kNone;
    if (q.get_type() == Xapian::Query::LEAF_POSTING_SOURCE) return Phrase(q, &kNone, out);
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
      Docids none;
      if (!Skip(q.get_subquery(i), none)) return false;
    }
    return true;
  }

  const Xapian::Database& db_;
  Xapian::docid limit_;
  PhraseSets* phrases_;
  MatchUse use_;
  const PostingCache* cache_;        // null unless built with limit_
  const Docids* exclude_ = nullptr;  // counting: where the nearest enclosing OR matches anyway
};

}  // namespace

PhraseSets::PhraseSets(const Xapian::Database& db, Xapian::docid limit, Xapian::Query scope,
                       bool shingles, const PostingCache* cache, PhraseCache* phrase_cache)
    : db_(db),
      limit_(limit),
      scope_(std::move(scope)),
      shingles_(shingles),
      cache_(UsableFor(cache, limit)),
      phrase_cache_(phrase_cache) {}

PhraseSets::~PhraseSets() = default;

Xapian::Query PhraseSets::Phrase(const std::vector<std::string>& terms) {
  if (terms.size() == 1) return Xapian::Query(terms[0]);
  std::string key;
  for (const std::string& t : terms) key.append(t).push_back('\0');
  auto [it, added] = by_terms_.emplace(key, entries_.size());
  if (added) {
    Entry e{terms};
    e.key = key;
    if (phrase_cache_) {
      if (auto kept = phrase_cache_->Get(key, e.admit)) {
        e.matched = *kept;
        e.complete = true;
      }
    }
    for (std::size_t i = 0; shingles_ && i + 1 < terms.size(); ++i) {
      e.shingles.push_back(schema::Shingle(terms[i], terms[i + 1]));
      if (e.shingles.back().empty()) {  // too long to be indexed: check positions
        e.shingles.clear();
        break;
      }
    }
    entries_.push_back(std::move(e));
  }
  // A source per leaf: Xapian iterates each leaf on its own, even for a repeated phrase.
  Xapian::Query leaf((new PhraseSource(*this, it->second))->release());
  by_leaf_.emplace(leaf.serialise(), it->second);
  // Weighted as OP_PHRASE is (the AND of its terms), matched by the checked set.
  return Xapian::Query(Xapian::Query::OP_FILTER,
                       Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end()), leaf);
}

bool PhraseSets::HasShingles(std::size_t index) const {
  return !entries_.at(index).shingles.empty();
}

bool PhraseSets::Complete(std::size_t index) const { return entries_.at(index).complete; }

std::size_t PhraseSets::Find(const Xapian::Query& leaf) const {
  const auto it = by_leaf_.find(leaf.serialise());
  return it == by_leaf_.end() ? npos : it->second;
}

const std::vector<Xapian::docid>& PhraseSets::Check(std::size_t index,
                                                    const std::vector<Xapian::docid>* domain) {
  Entry& e = entries_.at(index);
  e.in_context = true;
  if (e.complete) return e.matched;
  if (e.admit) domain = nullptr;  // searched again: checked in full once, then kept
  Docids todo;
  if (domain) {
    std::set_difference(domain->begin(), domain->end(), e.checked.begin(), e.checked.end(),
                        std::back_inserter(todo));
    if (todo.empty()) return e.matched;
  }
  const Docids* where = domain ? &todo : nullptr;
  // Only documents with all the phrase's shingles can match it, and for two words they all do.
  Docids narrowed;
  if (!e.shingles.empty()) {
    const Docids& candidates = Candidates(e);
    if (where) {
      std::set_intersection(todo.begin(), todo.end(), candidates.begin(), candidates.end(),
                            std::back_inserter(narrowed));
    } else {
      narrowed = candidates;
    }
    where = &narrowed;
  }
  Docids found = e.terms.size() == 2 && !e.shingles.empty() ? *where : MatchPositions(e, where);
  if (!domain) {
    e.matched.swap(found);
    e.checked.clear();
    e.complete = true;
    if (e.admit) phrase_cache_->Put(e.key, e.matched);
  } else {
    UniteInto(e.matched, found);
    UniteInto(e.checked, todo);
  }
  return e.matched;
}

const std::vector<Xapian::docid>& PhraseSets::Candidates(Entry& e) {
  if (e.have_candidates) return e.candidates;
  Docids list;
  for (std::size_t i = 0; i < e.shingles.size(); ++i) {
    Docids& into = i == 0 ? e.candidates : list;
    if (!cache_ || !cache_->Read(e.shingles[i], into))
      ReadPostings(db_, e.shingles[i], limit_, into);
    if (i > 0) IntersectInto(e.candidates, list);
  }
  e.have_candidates = true;
  return e.candidates;
}

Docids PhraseSets::MatchPositions(const Entry& e, const Docids* todo) const {
  Docids found;
  if (todo && todo->empty()) return found;
  static const Docids kNone;
  DocidFilter filter(todo ? *todo : kNone);  // used only with `todo`
  // Xapian's own phrase match: it keeps a cursor per term on the position table. Reading
  // the positions through the public API (Database or PostingIterator::positionlist_begin)
  // opens a fresh cursor per list, which re-reads a B-tree block from the file for each one:
  // 10,582 preads against Xapian's 57 for "développement rural" at x100, 5x slower.
  Xapian::Enquire enquire(db_);
  enquire.set_query(
      Xapian::Query(Xapian::Query::OP_FILTER,
                    Xapian::Query(Xapian::Query::OP_PHRASE, e.terms.begin(), e.terms.end(),
                                  static_cast<Xapian::termcount>(e.terms.size())),
                    todo ? Xapian::Query(&filter) : scope_));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  const Xapian::MSet mset = enquire.get_mset(0, db_.get_doccount());
  found.reserve(mset.size());
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end() && *it < limit_; ++it) {
    found.push_back(*it);
  }
  return found;
}

const std::vector<Xapian::docid>& PhraseSets::ForMatch(std::size_t index) {
  Entry& e = entries_.at(index);
  return e.in_context ? e.matched : Check(index, nullptr);
}

void PhraseSets::ForgetContext() {
  for (Entry& e : entries_) e.in_context = false;
}

bool MatchingDocids(const Xapian::Database& db, const Xapian::Query& query, Xapian::docid limit,
                    std::vector<Xapian::docid>& out, PhraseSets* phrases, MatchUse use,
                    const PostingCache* cache) {
  if (phrases) phrases->ForgetContext();
  const bool done = Evaluator(db, limit, phrases, use, cache).Eval(query, nullptr, out);
  // A Xapian match after a failure, or after counting (which checks phrases only where it
  // needs to), checks them in full.
  if ((!done || use == MatchUse::kCount) && phrases) phrases->ForgetContext();
  return done;
}

}  // namespace coop
