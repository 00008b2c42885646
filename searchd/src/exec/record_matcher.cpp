#include "exec/record_matcher.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "coop/schema.h"
#include "exec/docid_filter.h"

namespace coop::exec {
namespace {

// `q` within `filter`: `q` itself without a selection, nothing when a selection selects nothing.
Xapian::Query Filtered(const Xapian::Query& q, const SelectionFilter& filter) {
  if (!filter) return q;
  if (filter->empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_FILTER, q, *filter);
}

Xapian::Query Counting(const ParsedQuery& query, const SelectionFilter& selection) {
  // Never Xapian::Query::MatchAll: it is one static object whose reference count is not
  // atomic, and copying it from several worker threads frees it (ASan: heap-use-after-free).
  return Filtered(query.match_all ? Xapian::Query(std::string()) : query.query, selection);
}

// The AND of the selections, but for facet `except` (npos: all of them). Not an AND of the
// terms as given: Xapian folds an AND with an empty subquery into an empty query, which would
// read as "no selection" where it means "no record".
SelectionFilter SelectionQuery(const MatchOptions& options, std::size_t except) {
  std::vector<Xapian::Query> per_facet;
  for (const FacetSelection& s : options.selections) {
    if (s.facet == except) continue;
    if (s.terms.empty()) return Xapian::Query();
    per_facet.push_back(s.terms);
  }
  if (per_facet.empty()) return std::nullopt;
  return Xapian::Query(Xapian::Query::OP_AND, per_facet.begin(), per_facet.end());
}

constexpr std::size_t kAll = static_cast<std::size_t>(-1);

// Counted records from which their ranking match gets Xapian's time limit. Ranking reads the
// postings of the counted records only: at x100 (8,487 records) the costliest bench query,
// "coopération décentralisée" (5,857 of them), takes 4.7 ms for its whole search, so a ranking
// of fewer records stays far below the default limit of 2 s. Below it the deadline is still
// checked right after the match (deadline_.Check()).
constexpr std::size_t kTimedRanking = 10'000;

// How the records of one match are ordered (an internal SetOrder argument).
struct OrderSpec {
  RecordOrder order = RecordOrder::kRelevance;
  bool match_all = false;  // no query words: every weight is equal
  bool sharded = false;    // more than one (sub-)database: docids interleave
  // The records' docids rise with their corpus order (RecordTable::DocidsInCorpusOrder).
  bool docid_order = false;
};

// The order of ranked records. Ties (equal weight) are broken by the record's corpus order
// (kSlotOrder), not by docid: on one freshly built index the two agree, but the docids of
// shards interleave (issue 19: a sharded index answers as one). On one index ties stay in
// docid order: reading the slot of every candidate costs 3.3% of the instructions of the 88
// bench paths at x100 (callgrind, 546 -> 565 M), and only an `update` (a replaced source gets
// new docids at the end) makes the orders differ there. Without a query every weight is
// equal, so the date order is the key of (date descending, corpus order) the indexer wrote
// (kSlotDateOrder), one value slot that remote shards can sort by as well as local ones.
void SetOrder(const OrderSpec& spec, Xapian::Enquire& enquire) {
  if (spec.order == RecordOrder::kDate && spec.match_all) {
    enquire.set_sort_by_value(schema::kSlotDateOrder, false);
  } else if (spec.order == RecordOrder::kDate) {
    enquire.set_sort_by_value_then_relevance(schema::kSlotDate, true);
  } else if (spec.match_all && !spec.docid_order) {
    // Where docids are in corpus order, a browse keeps Xapian's docid order instead: equal
    // weights in docid order let it stop at the end of the page, where sorting by the slot
    // reads every record's (x100: 9.3M instructions for one browse page, 7.1M of them the
    // sort; docs/bench/profile.md, session 16).
    enquire.set_sort_by_value(schema::kSlotOrder, false);
  } else if (spec.sharded) {
    enquire.set_sort_by_relevance_then_value(schema::kSlotOrder, false);
  }
}

// BM25 of the record match: Xapian's defaults (k1 1, k3 1, min_normlen 0.5) but for b, the
// weight of a record's length, 0.4 instead of 0.5: a long document record that names the
// query's words is buried less under short records that mention them once. On the 88 queries
// of bench/queries (index format 6), nDCG@10 all: 0.930 at 0.5, 0.931 at 0.45 and 0.4, 0.932
// at 0.35 (questions 0.897 at 0.4, 0.891 at 0.35).
constexpr double kBm25K1 = 1.0;
constexpr double kBm25K3 = 1.0;
constexpr double kBm25B = 0.4;
constexpr double kBm25MinNormLen = 0.5;

// Whether `q` has an OP_AND_MAYBE under an OP_OR (a word's exact-form or own-stem bonus in the
// most and any forms, in "a OR b", in typo alternatives). On a multi-database of local shards,
// Xapian 1.4.22's matcher loses such an AND_MAYBE's whole weight for documents of the second
// and later sub-databases once the MSet is full and the OR decays: "quels projets aident les
// femmes ?" (most form), 004-r14 weighs 5.75 instead of 6.68 on 2 shards with 10 hits asked,
// 6.68 with 1,000, and OR(Zprojet AND_MAYBE projets, femmes clause) alone shows it too, while
// OR(Zprojet, projets, ...) does not (docs/SCALING.md). Filters (the right side of OP_FILTER and
// OP_AND_NOT) carry no weight and are not looked at.
bool HasMaybeUnderOr(const Xapian::Query& q, bool under_or) {
  const Xapian::Query::op type = q.get_type();
  if (type == Xapian::Query::OP_AND_MAYBE && under_or) return true;
  const bool filter = type == Xapian::Query::OP_FILTER || type == Xapian::Query::OP_AND_NOT;
  const std::size_t n =
      filter ? std::min<std::size_t>(q.get_num_subqueries(), 1) : q.get_num_subqueries();
  for (std::size_t i = 0; i < n; ++i) {
    if (HasMaybeUnderOr(q.get_subquery(i), under_or || type == Xapian::Query::OP_OR)) return true;
  }
  return false;
}

}  // namespace

RecordMatcher::RecordMatcher(const Xapian::Database& db,
                             std::shared_ptr<const IndexRevision> revision)
    : db_(db),
      revision_(std::move(revision)),
      phrases_(db, {.limit = schema::kPassageDocidBase,
                    .scope = Xapian::Query(schema::Term(schema::kDocType, schema::kDocTypeRecord)),
                    .shingles = true,
                    .postings = &revision_->postings(),
                    .phrase_cache = &revision_->phrases()}),
      records_(schema::Term(schema::kDocType, schema::kDocTypeRecord)) {}

PhraseBuilder RecordMatcher::Phrases() {
  if (revision_->remote()) {
    // A remote shard runs only Xapian's own operators: OP_PHRASE, weighed as the AND of its
    // terms as our phrase source is (docs/SCALING.md). It goes in an OP_MAX of two copies (the
    // same weight): Xapian 1.4.22's OrPostList::check() takes a branch whose check() failed to
    // be at did + 1, and the filter of a phrase (SelectPostList) stays where it failed, so an
    // OR of a phrase and other branches, checked by the AND with XKrecord, adds the phrase's
    // stale weight to records without the phrase. OP_MAX has no check() of its own (Xapian's
    // default: skip_to, exact), so the OR never meets the phrase's. Measured on the corpus:
    // docs/SCALING.md, "A Xapian bug the remote phrases avoid".
    return [](const std::vector<std::string>& terms) {
      if (terms.size() == 1) return Xapian::Query(terms[0]);
      const Xapian::Query phrase(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                                 static_cast<Xapian::termcount>(terms.size()));
      return Xapian::Query(Xapian::Query::OP_MAX, phrase, phrase);
    };
  }
  return [this](const std::vector<std::string>& terms) { return phrases_.Phrase(terms); };
}

void RecordMatcher::CountAll(const Xapian::Query& query, FacetCounter& counter) const {
  // Our FacetCounter is no match spy a remote shard knows: the matches come back as an MSet of
  // every match (weights skipped) and are counted here, as the spy would have been shown them.
  Xapian::Enquire enquire(db_);
  if (!deadline_.Unlimited()) enquire.set_time_limit(deadline_.SecondsLeft());
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  const Xapian::doccount all = db_.get_doccount();
  const Xapian::MSet mset = enquire.get_mset(0, all, all);
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) counter.Add(*it);
  deadline_.Check();
}

Xapian::Query RecordMatcher::Ranking(const ParsedQuery& query,
                                     const SelectionFilter& selection) const {
  // Records have the lowest docids (schema::kPassageDocidBase), so the AND with the record
  // kind ends before any passage posting is read.
  const Xapian::Query ranked = Filtered(Counting(query, selection), records_);
  if (query.boost.empty() || query.match_all) return ranked;
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, ranked, query.boost);
}

bool RecordMatcher::Count(const ParsedQuery& query, const SelectionFilter& selection,
                          FacetCounter& counter, MatchUse use) {
  const PostingCache& postings = revision_->postings();
  counted_ = nullptr;
  if (selection && selection->empty()) return true;  // selects no record: nothing to count
  if (revision_->remote()) {
    // A remote shard sends a posting list whole, passages included (most of its postings), so
    // reading the query's lists costs more than letting each shard match and send its record
    // hits (docs/SCALING.md measures both).
    CountAll(Filtered(Counting(query, selection), records_), counter);
    return true;
  }
  if (have_unfiltered_) {
    // The records of `unfiltered_` that match `selection` (facet terms only: always readable).
    if (!selection) {
      counter.AddAll(unfiltered_);
      counted_ = &unfiltered_;
      return true;
    }
    MatchingDocids(db_, *selection, schema::kPassageDocidBase, selected_,
                   {.use = MatchUse::kCount,
                    .postings = &postings,
                    .revision = revision_.get(),
                    .deadline = deadline_});
    scratch_ = unfiltered_;
    scratch_.IntersectWith(selected_);
    counter.AddAll(scratch_);
    counted_ = &scratch_;
    return true;
  }
  if (!MatchingDocids(db_, Counting(query, selection), schema::kPassageDocidBase, scratch_,
                      {.phrases = &phrases_,
                       .use = use,
                       .postings = &postings,
                       .revision = revision_.get(),
                       .deadline = deadline_})) {
    return false;
  }
  counter.AddAll(scratch_);
  counted_ = &scratch_;
  return true;
}

MatchResult RecordMatcher::Match(const ParsedQuery& query, const MatchOptions& options) {
  const RecordTable& table = revision_->records();
  const SelectionFilter selection = SelectionQuery(options, kAll);
  std::vector<std::size_t> counted;  // facets without a selection: counted on the main match
  for (std::size_t f = 0; f < RecordTable::kFacetCount; ++f) {
    if (std::none_of(options.selections.begin(), options.selections.end(),
                     [f](const FacetSelection& s) { return s.facet == f; })) {
      counted.push_back(f);
    }
  }
  deadline_ = options.deadline;
  FacetCounter main(table, counted);
  main.SetDeadline(deadline_);
  Xapian::Enquire enquire(db_);
  // Xapian's own limit only stops it looking for more matches than the page needs; our checks
  // (deadline_.Check(), the spy's) are what end a costly match. Its timer costs three system
  // calls per match (timer_create, timer_settime, timer_delete), so a ranking of records
  // counted already is timed only when they are many (kTimedRanking).
  const auto time_limit = [&] {
    if (!deadline_.Unlimited()) enquire.set_time_limit(deadline_.SecondsLeft());
  };
  enquire.set_query(Ranking(query, selection));
  enquire.set_weighting_scheme(Xapian::BM25Weight(kBm25K1, 0, kBm25K3, kBm25B, kBm25MinNormLen));
  SetOrder({.order = options.order,
            .match_all = query.match_all,
            .sharded = db_.size() > 1,
            .docid_order = !revision_->remote() && table.DocidsInCorpusOrder()},
           enquire);
  have_unfiltered_ =
      !revision_->remote() && selection && !selection->empty() && phrases_.empty() &&
      MatchingDocids(db_, Counting(query, std::nullopt), schema::kPassageDocidBase, unfiltered_,
                     {.use = MatchUse::kRanking,
                      .postings = &revision_->postings(),
                      .revision = revision_.get(),
                      .deadline = deadline_});
  Xapian::MSet mset;
  Xapian::doccount page_from = 0;  // the page's first hit in `mset`
  if (revision_->remote() && !(selection && selection->empty()) && options.rank_from != kAll) {
    // Remote shards: one ranked MSet of every match, counted and paged from, instead of a count
    // MSet and a ranking MSet (one match per shard, two round trips fewer; the same items: both
    // are every record match, and a full match prunes nothing).
    const Xapian::doccount all = db_.get_doccount();
    time_limit();
    mset = enquire.get_mset(0, all, all);
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) main.Add(*it);
    page_from = options.first;
  } else if (Count(query, selection, main, MatchUse::kRanking)) {
    // Counted already: the match only ranks, so Xapian may stop once the top is settled.
    if (main.records() >= options.rank_from) {
      std::optional<DocidFilter> counted_filter;
      if (!query.scoring.empty() && counted_ != nullptr) {
        // An all-but-one form is ranked as its weight (the OR of its clauses) within the
        // records just counted: Xapian no longer evaluates its n ANDs of n - 1 clauses each
        // (a question of 8 content words: 56 clause matches per record). Same weights.
        counted_filter.emplace(counted_->docids(), db_);
        Xapian::Query within(
            Xapian::Query::OP_FILTER, query.scoring,
            Xapian::Query(Xapian::Query::OP_AND, records_, Xapian::Query(&*counted_filter)));
        if (!query.boost.empty()) {
          within = Xapian::Query(Xapian::Query::OP_AND_MAYBE, within, query.boost);
        }
        enquire.set_query(within);
      }
      // On local shards a query Xapian would weigh wrongly once it prunes (HasMaybeUnderOr) is
      // ranked without pruning: check_at_least every match, whose count is known.
      const bool exhaustive =
          db_.size() > 1 && !revision_->remote() && HasMaybeUnderOr(enquire.get_query(), false);
      if (main.records() >= kTimedRanking) time_limit();
      mset = enquire.get_mset(
          options.first, options.size,
          exhaustive ? static_cast<Xapian::doccount>(main.records()) : Xapian::doccount{0});
    }
  } else {
    // Wildcards: Xapian's matcher tells the matches; the counter counts them all (exact totals).
    enquire.add_matchspy(&main);
    time_limit();
    mset = enquire.get_mset(options.first, options.size, db_.get_doccount());
  }
  deadline_.Check();
  MatchResult result;
  result.total = main.records();
  if (result.total < options.rank_from) {
    have_unfiltered_ = false;
    return result;  // to be relaxed: ranking and facets would be thrown away
  }
  const Xapian::doccount page_end = std::min(mset.size(), page_from + options.size);
  for (Xapian::doccount i = page_from; i < page_end; ++i) {
    const Xapian::MSetIterator it = mset[i];
    const std::uint32_t rec = table.RecordOf(*it);
    if (rec != RecordTable::kNone) result.page.push_back({rec, it.get_percent()});
  }
  for (std::size_t f : counted) result.facets[f] = main.TopValues(f, options.facet_limit);
  if (options.keep_records) result.records = main.MatchedRecords();
  for (const FacetSelection& s : options.selections) {
    result.facets[s.facet] = LiftedCounts(query, options, s.facet);
  }
  have_unfiltered_ = false;
  return result;
}

std::vector<FacetCount> RecordMatcher::LiftedCounts(const ParsedQuery& query,
                                                    const MatchOptions& options,
                                                    std::size_t selected) {
  const SelectionFilter lifted = SelectionQuery(options, selected);
  deadline_.Check();
  FacetCounter counter(revision_->records(), {selected});
  counter.SetDeadline(deadline_);
  if (!Count(query, lifted, counter, MatchUse::kCount)) {  // never on remote shards
    Xapian::Enquire enquire(db_);
    enquire.set_query(Ranking(query, lifted));
    enquire.set_weighting_scheme(Xapian::BoolWeight());  // counted, not ranked
    enquire.add_matchspy(&counter);
    enquire.get_mset(0, 0, db_.get_doccount());
  }
  return counter.TopValues(selected, options.facet_limit);
}

}  // namespace coop::exec
