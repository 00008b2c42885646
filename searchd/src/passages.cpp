#include "passages.h"

#include <algorithm>
#include <utility>

#include "coop/passage_value.h"
#include "coop/schema.h"
#include "exec/docid_filter.h"

namespace coop {

namespace {

PassageInfo DecodedPassage(const std::string& value) {
  PassageInfo p;
  PassageValue v;
  if (DecodePassageValue(value, v)) {
    p.id = v.id;
    p.heading = v.heading;
    p.page = v.page;
    p.text = v.text;
    p.table = v.table;
  }
  return p;  // unreadable: the hit is still shown, without a snippet
}

// BestPassages on a database with remote shards, in two matches per shard whatever the page
// size, instead of one posting list per hit record and one document read per hit (each a round
// trip: Xapian 1.4.22's MSet::fetch does not batch remote document reads, strace shows one
// request and one reply per document). The same match, filtered by the records' XR terms,
// collapsed on the record id (slot kSlotRecordId) so that each shard sends the best passage of
// each record, ties by the passage value (slot kSlotPassage), which the MSet then carries as the
// sort key: no document is read. A passage value begins with the passage id, "<record>-p<N>"
// with its length first (coop/passage_value.h), so the passages of one record sort by N, the
// order of their docids: ties go to the first passage, as on the local path. The records none of
// whose passages match get their first passage the same way, from a match sorted by the value.
std::map<std::string, PassageInfo> BestRemotePassages(const Xapian::Database& db,
                                                      const std::vector<std::string>& records,
                                                      const Xapian::Query& words) {
  std::map<std::string, PassageInfo> best;
  const auto collect = [&](const Xapian::Query& query, bool ranked,
                           const std::vector<std::string>& ids) {
    std::vector<Xapian::Query> terms;
    for (const std::string& r : ids) terms.emplace_back(schema::Term(schema::kRecord, r));
    Xapian::Enquire enquire(db);
    enquire.set_query(
        Xapian::Query(Xapian::Query::OP_FILTER, query,
                      Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end())));
    if (ranked) {
      enquire.set_sort_by_relevance_then_value(schema::kSlotPassage, false);
    } else {
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      enquire.set_sort_by_value(schema::kSlotPassage, false);
    }
    enquire.set_collapse_key(schema::kSlotRecordId);
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(ids.size()));
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      best.emplace(it.get_collapse_key(), DecodedPassage(it.get_sort_key()));
    }
  };
  if (!words.empty()) collect(words, true, records);
  std::vector<std::string> missing;
  for (const std::string& r : records) {
    if (!best.count(r)) missing.push_back(r);
  }
  if (!missing.empty()) collect(Xapian::Query(std::string()), false, missing);
  return best;
}

}  // namespace

std::vector<Xapian::docid> PassageDocids(const Xapian::Database& db, const std::string& record_id) {
  const std::string term = schema::Term(schema::kRecord, record_id);
  std::vector<Xapian::docid> out;
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) out.push_back(*it);
  return out;
}

PassageInfo ReadPassage(const Xapian::Document& doc) {
  return DecodedPassage(doc.get_value(schema::kSlotPassage));
}

std::map<std::string, PassageInfo> BestPassages(const Xapian::Database& db,
                                                const std::vector<std::string>& records,
                                                const Xapian::Query& words,
                                                const BestPassageOptions& options) {
  if (options.remote) return BestRemotePassages(db, records, words);
  std::map<std::string, PassageInfo> best;
  // The passages of each record (its XR term's postings), as (docid, record) sorted by docid.
  std::vector<std::pair<Xapian::docid, std::size_t>> owner;
  for (std::size_t r = 0; r < records.size(); ++r) {
    if (options.passages) {
      for (Xapian::docid did : *(*options.passages)[r]) owner.emplace_back(did, r);
      continue;
    }
    for (Xapian::docid did : PassageDocids(db, records[r])) owner.emplace_back(did, r);
  }
  std::sort(owner.begin(), owner.end());
  std::vector<bool> found(records.size());
  const auto take = [&](Xapian::docid did) {
    const auto o =
        std::lower_bound(owner.begin(), owner.end(), std::make_pair(did, std::size_t{0}));
    if (o == owner.end() || o->first != did || found[o->second]) return;
    found[o->second] = true;
    best.emplace(records[o->second],
                 options.passage_value
                     ? DecodedPassage(options.passage_value(did))
                     : ReadPassage(db.get_document(did, Xapian::DOC_ASSUME_VALID)));
  };
  if (!words.empty() && !owner.empty()) {
    // Every matching passage, best first (ties: lowest docid); the first seen of each record is
    // its best. Reading the collapse key of each candidate instead cost half of this function.
    std::vector<Xapian::docid> ids;
    ids.reserve(owner.size());
    for (const auto& o : owner) ids.push_back(o.first);
    exec::DocidFilter filter(ids, db);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, words, Xapian::Query(&filter)));
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(ids.size()));
    for (auto it = mset.begin(); it != mset.end(); ++it) take(*it);
  }
  // A record none of whose passages matches shows its first passage.
  for (const auto& o : owner) take(o.first);
  return best;
}

std::string PassageSnippet(Analyzer& analyzer, const PassageInfo& p, const HighlightSpec& spec) {
  if (std::optional<std::string> s = SnippetFromTable(p.text, p.table, spec)) return *std::move(s);
  return Snippet(analyzer, p.text, spec);
}

}  // namespace coop
