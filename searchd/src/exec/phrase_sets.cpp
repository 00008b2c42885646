#include "exec/phrase_sets.h"

#include <utility>

#include "coop/schema.h"
#include "exec/docid_filter.h"

namespace coop::exec {
namespace {

// A posting source over the records where a phrase of `sets` matches (see PhraseSets::ForMatch),
// chosen when a match starts.
class PhraseSource : public DocidFilter {
 public:
  PhraseSource(PhraseSets& sets, std::size_t index, const Xapian::Database& db)
      : DocidFilter(db), sets_(sets), index_(index) {}
  void init(const Xapian::Database& db) override {
    Use(sets_.ForMatch(index_).docids());
    DocidFilter::init(db);
  }
  std::string name() const override { return "coop::PhraseSource"; }
  // Each place of the query tree gets its own cursor (see DocidFilter).
  PhraseSource* clone() const override { return new PhraseSource(sets_, index_, database()); }
  // Only PhraseSets::Find reads this (to tell its phrases apart); never unserialised.
  std::string serialise() const override { return std::to_string(index_); }

 private:
  PhraseSets& sets_;
  std::size_t index_;
};

}  // namespace

PhraseSets::PhraseSets(const Xapian::Database& db, PhraseSetsOptions options)
    : db_(db), options_(std::move(options)) {
  if (options_.postings && options_.postings->Limit() != options_.limit)
    options_.postings = nullptr;
}

PhraseSets::~PhraseSets() = default;

Xapian::Query PhraseSets::Phrase(const std::vector<std::string>& terms) {
  if (terms.size() == 1) return Xapian::Query(terms[0]);
  std::string key;
  for (const std::string& t : terms) key.append(t).push_back('\0');
  auto [it, added] = by_terms_.emplace(key, entries_.size());
  if (added) {
    Entry e{terms};
    e.key = key;
    if (options_.phrase_cache) {
      const PhraseCache::Lookup kept = options_.phrase_cache->Get(key);
      e.admit = kept.admit;
      if (kept.kept) {
        e.matched = *kept.kept;
        e.complete = true;
      }
    }
    for (std::size_t i = 0; options_.shingles && i + 1 < terms.size(); ++i) {
      e.shingles.push_back(schema::Shingle(terms[i], terms[i + 1]));
      if (e.shingles.back().empty()) {  // too long to be indexed: check positions
        e.shingles.clear();
        break;
      }
    }
    entries_.push_back(std::move(e));
  }
  // A source per leaf: Xapian iterates each leaf on its own, even for a repeated phrase.
  Xapian::Query leaf((new PhraseSource(*this, it->second, db_))->release());
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

const RecordSet& PhraseSets::CheckIn(std::size_t index, const RecordSet* domain) {
  Entry& e = entries_.at(index);
  e.in_query = true;
  if (e.complete) return e.matched;
  if (e.admit) domain = nullptr;  // searched again: checked in full once, then kept
  RecordSet todo;
  if (domain) {
    todo = *domain;
    todo.Subtract(e.checked);
    if (todo.empty()) return e.matched;
  }
  const RecordSet* where = domain ? &todo : nullptr;
  // Only documents with all the phrase's shingles can match it, and for two words they all do.
  RecordSet narrowed;
  if (!e.shingles.empty()) {
    narrowed = Candidates(e);
    if (where) narrowed.IntersectWith(todo);
    where = &narrowed;
  }
  RecordSet found = e.terms.size() == 2 && !e.shingles.empty() ? *where : MatchPositions(e, where);
  if (!domain) {
    e.matched = std::move(found);
    e.checked.Clear();
    e.complete = true;
    if (e.admit) options_.phrase_cache->Put(e.key, e.matched);
  } else {
    e.matched.UniteWith(found);
    e.checked.UniteWith(todo);
  }
  return e.matched;
}

const RecordSet& PhraseSets::Candidates(Entry& e) {
  if (e.have_candidates) return e.candidates;
  RecordSet list;
  for (std::size_t i = 0; i < e.shingles.size(); ++i) {
    RecordSet& into = i == 0 ? e.candidates : list;
    if (!options_.postings || !options_.postings->Read(e.shingles[i], into))
      ReadPostings(db_, e.shingles[i], options_.limit, into);
    if (i > 0) e.candidates.IntersectWith(list);
  }
  e.have_candidates = true;
  return e.candidates;
}

RecordSet PhraseSets::MatchPositions(const Entry& e, const RecordSet* todo) const {
  RecordSet found;
  if (todo && todo->empty()) return found;
  static const std::vector<Xapian::docid> kNone;
  DocidFilter filter(todo ? todo->docids() : kNone, db_);  // used only with `todo`
  // Xapian's own phrase match: it keeps a cursor per term on the position table. Reading
  // the positions through the public API (Database or PostingIterator::positionlist_begin)
  // opens a fresh cursor per list, which re-reads a B-tree block from the file for each one:
  // 10,582 preads against Xapian's 57 for "développement rural" at x100, 5x slower.
  Xapian::Enquire enquire(db_);
  enquire.set_query(
      Xapian::Query(Xapian::Query::OP_FILTER,
                    Xapian::Query(Xapian::Query::OP_PHRASE, e.terms.begin(), e.terms.end(),
                                  static_cast<Xapian::termcount>(e.terms.size())),
                    todo ? Xapian::Query(&filter) : options_.scope));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  const Xapian::MSet mset = enquire.get_mset(0, db_.get_doccount());
  found.Reserve(mset.size());
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end() && *it < options_.limit; ++it) {
    found.Append(*it);
  }
  return found;
}

const RecordSet& PhraseSets::ForMatch(std::size_t index) {
  Entry& e = entries_.at(index);
  return e.in_query ? e.matched : CheckAll(index);
}

void PhraseSets::StartQuery() {
  for (Entry& e : entries_) e.in_query = false;
}

}  // namespace coop::exec
