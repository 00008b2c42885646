// Searcher: record pages, actor pages, autocomplete and spelling suggestions.
#include <algorithm>
#include <chrono>
#include <optional>
#include <set>

#include "coop/index_metadata.h"
#include "coop/index_reader.h"
#include "coop/query_parser.h"
#include "coop/record_value.h"
#include "coop/schema.h"
#include "coop/searcher.h"
#include "coop/utf8.h"
#include "exec/index_revision.h"
#include "passages.h"

namespace coop {
namespace {

// All documents matching `query`, in docid (= indexing) order or by `sort_slot` ascending.
Xapian::MSet AllMatches(const Xapian::Database& db, const Xapian::Query& query,
                        Xapian::valueno sort_slot = Xapian::BAD_VALUENO) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  if (sort_slot == Xapian::BAD_VALUENO) {
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  } else {
    enquire.set_sort_by_value(sort_slot, false);
  }
  return enquire.get_mset(0, db.get_doccount());
}

Xapian::Query KindAnd(std::string_view kind, const std::string& term) {
  return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(term),
                       Xapian::Query(schema::Term(schema::kDocType, kind)));
}

std::vector<std::string> Sorted(const std::set<std::string>& values) {
  return {values.begin(), values.end()};
}

}  // namespace

std::vector<Xapian::Query> Searcher::ActorsInRoles(const SearchRequest& request) {
  // actor=A&role=R: A in role R (schema::kActorRole), any actor x role pair selected.
  std::vector<Xapian::Query> pairs;
  for (const std::string& actor : request.filters.at("actor")) {
    for (const std::string& role : request.filters.at("role")) {
      pairs.emplace_back(schema::ActorRoleTerm(role, analyzer_.Fold(actor)));
    }
  }
  return pairs;
}

void Searcher::Refresh() {
  // Looked at first, even before the first read, so that Seen() below stamps what was read.
  const bool may_have_changed = watcher_.MayHaveChanged();
  if (revision_ && !may_have_changed) return;
  // Commits, or a new build's stub (index_reader.h); the revision's state follows.
  const std::string shards_before = ShardRevisions(index_path_);
  if (RefreshIndex(index_path_, db_) || !revision_) {
    last_reopen_ =
        std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    CheckFormat(db_, index_path_);
    remote_ = HasRemoteShards(index_path_);
    OpenSpelling();
    ReadRevision(shards_before);
  }
  watcher_.Seen();
}

void Searcher::ReadRevision(const std::string& shards_before) {
  // Local shards: the revisions read before and after db_ was reopened; equal, they are the
  // ones db_ reads (revisions only grow), and every thread's searcher shares that state.
  std::string shards = shards_before.empty() ? std::string() : ShardRevisions(index_path_);
  if (shards != shards_before) shards.clear();
  revision_ = revisions_->Get(db_, {.remote = remote_, .shard_revisions = shards});
}

RecordPage Searcher::Record(const std::string& id, const RecordOptions& options) {
  Refresh();
  RecordPage page;
  page.record = DecodeRecord(RecordDocument(id).get_data());
  // The words to mark: a query that does not parse marks nothing rather than fail the page.
  HighlightSpec spec;
  if (!options.q.empty()) {
    try {
      spec = ParseQuery(analyzer_, options.q).highlight;
    } catch (const QueryError&) {
    }
  }
  Xapian::MSet ps =
      AllMatches(db_, KindAnd(schema::kDocTypePassage, schema::Term(schema::kRecord, id)));
  for (auto it = ps.begin(); it != ps.end(); ++it) {
    PassageInfo p = ReadPassage(it.get_document());
    // The stored highlight table first (no analysis), as the document view marks passages.
    std::optional<std::vector<MarkSpan>> spans = MatchSpansFromTable(p.text, p.table, spec);
    if (!spans) spans = MatchSpans(analyzer_, p.text, spec);
    std::vector<std::pair<std::size_t, std::size_t>> marks;
    for (const MarkSpan& m : *spans) marks.emplace_back(m.begin, m.end);
    page.passages.push_back(
        {std::move(p.id), std::move(p.heading), std::move(p.text), p.page, std::move(marks)});
  }
  // Neighbours: the records before and after this one in the same source.
  Xapian::MSet rs = AllMatches(
      db_, KindAnd(schema::kDocTypeRecord, schema::Term(schema::kSource, page.record.source)),
      schema::kSlotOrder);
  std::vector<Xapian::Document> docs;
  for (auto it = rs.begin(); it != rs.end(); ++it) docs.push_back(it.get_document());
  const auto brief = [](const Xapian::Document& d) {
    StoredRecord r = DecodeRecord(d.get_data());
    return RecordBrief{std::move(r.id), std::move(r.title)};
  };
  for (std::size_t i = 0; i < docs.size(); ++i) {
    if (docs[i].get_value(schema::kSlotRecordId) != id) continue;
    if (i > 0) page.previous = brief(docs[i - 1]);
    if (i + 1 < docs.size()) page.next = brief(docs[i + 1]);
  }
  return page;
}

ActorPage Searcher::Actor(const std::string& id) {
  Refresh();
  Xapian::MSet rs = AllMatches(
      db_, KindAnd(schema::kDocTypeRecord, schema::Term(schema::kActorId, id)), schema::kSlotOrder);
  if (rs.empty()) throw Xapian::DocNotFoundError("no actor " + id);
  ActorPage page;
  page.id = id;
  // Named as its first partner entry writes it (a partnership's parties are extracted with care);
  // an actor only ever mentioned, as its first mention.
  int named = 0;  // 0: not yet, 1: from a mention, 2: from a partner entry
  std::set<std::string> names, cities, regions, domains;
  static constexpr std::string_view kRoles[] = {"partner", "funder", "operator", "network"};
  std::vector<ActorRoleRecords> by_role;
  for (std::string_view role : kRoles) by_role.push_back({std::string(role), {}});
  for (auto it = rs.begin(); it != rs.end(); ++it) {
    StoredRecord r = DecodeRecord(it.get_document().get_data());
    for (const auto* list : {&r.partners, &r.mentions}) {
      const int rank = list == &r.partners ? 2 : 1;
      for (const StoredPartner& p : *list) {
        if (p.actor_id != id) continue;
        names.insert(p.name);
        if (named < rank) {
          named = rank;
          page.name = p.actor_name.empty() ? p.name : p.actor_name;
          page.type = p.actor_type;
          page.country = p.country;
        }
        for (ActorRoleRecords& group : by_role) {
          if (group.role != p.role) continue;
          if (group.records.empty() || group.records.back() != page.partnerships.size()) {
            group.records.push_back(page.partnerships.size());
          }
        }
      }
    }
    cities.insert(r.cities.begin(), r.cities.end());
    for (const auto* list : {&r.regions, &r.regions_pre2015, &r.foreign_regions})
      regions.insert(list->begin(), list->end());
    domains.insert(r.domains.begin(), r.domains.end());
    page.partnerships.push_back(std::move(r));
  }
  for (ActorRoleRecords& group : by_role) {
    if (!group.records.empty()) page.roles.push_back(std::move(group));
  }
  page.names = Sorted(names);
  page.cities = Sorted(cities);
  page.regions = Sorted(regions);
  page.domains = Sorted(domains);
  return page;
}

std::vector<Suggestion> Searcher::Suggest(const std::string& prefix, std::size_t limit) {
  if (prefix.size() > 100) throw QueryError("prefix must be at most 100 bytes");
  if (!IsValidUtf8(prefix)) throw QueryError("prefix is not valid UTF-8");
  Refresh();
  const exec::RecordTable& table = revision_->records();
  const std::string folded = analyzer_.Fold(prefix);
  struct Candidate {
    int rank;  // 0: the value starts with the prefix; 1: a later word does
    std::uint32_t count;
    std::size_t facet;
    std::uint32_t id;
  };
  std::vector<Candidate> found;
  for (std::size_t f = 0; f < exec::RecordTable::kFacetCount && !folded.empty(); ++f) {
    const std::string_view name = schema::kFacets[f].name;
    // Actors, places and domains only; a region under its division (region_2015, region_1997,
    // foreign_region), not again under "region", which holds all three.
    if (name == "country" || name == "year" || name == "role" || name == "region") continue;
    for (std::uint32_t id = 0; id < table.ValueCount(f); ++id) {
      const std::string& key = table.FoldedName(f, id);
      int rank = -1;
      for (std::size_t pos = 0; pos != std::string::npos && rank < 0;) {
        if (key.compare(pos, folded.size(), folded) == 0) rank = pos == 0 ? 0 : 1;
        pos = key.find_first_of(" -'/", pos);
        if (pos != std::string::npos) ++pos;
      }
      if (rank >= 0) found.push_back({rank, table.RecordsWith(f, id), f, id});
    }
  }
  std::sort(found.begin(), found.end(), [&](const Candidate& a, const Candidate& b) {
    if (a.rank != b.rank) return a.rank < b.rank;
    if (a.count != b.count) return a.count > b.count;
    return table.ValueName(a.facet, a.id) < table.ValueName(b.facet, b.id);
  });
  std::vector<Suggestion> out;
  for (std::size_t i = 0; i < found.size() && i < limit; ++i) {
    out.push_back({table.ValueName(found[i].facet, found[i].id),
                   schema::kFacets[found[i].facet].name, found[i].count});
  }
  return out;
}

bool Searcher::MatchesByStem(const Token& t) const {
  if (t.stem.empty()) return false;
  const std::vector<std::string>* family = analyzer_.StemFamily(t.stem);
  const std::vector<std::string> own{t.stem};
  const std::vector<std::string>& stems = family ? *family : own;
  return std::any_of(stems.begin(), stems.end(), [&](const std::string& stem) {
    return revision_->TermFreq(db_, schema::Term(schema::kStem, stem)) > 0;
  });
}

std::string Searcher::SpellingSuggestion(const std::string& q) {
  // Replace each word the spelling table knows a better spelling for, keeping the rest of the
  // query (operators, quotes) as typed.
  std::string out;
  std::size_t cursor = 0;
  bool changed = false;
  for (const Token& t : analyzer_.Analyze(q)) {
    if (t.stopword || t.number) continue;
    // Typos allowed by the length of the word, Meilisearch's defaults: none below 5 letters,
    // one from 5, two from 9 (the folded term: letters are ASCII but for a few ligatures).
    const std::size_t letters = t.term.size();
    if (letters < 5) continue;
    if (revision_->TermFreq(db_, t.term) > 0) continue;
    // A word the index matches by its stem or word family is no misspelling: "apiculture",
    // never written, finds the "apiculteurs" (and was "corrected" to "agriculture").
    if (MatchesByStem(t)) continue;
    const std::string better =
        revision_->SpellingSuggestion(spelling_, t.term, letters >= 9 ? 2 : 1);
    if (better.empty() || better == t.term) continue;
    out.append(q, cursor, t.begin - cursor).append(better);
    cursor = t.end;
    changed = true;
  }
  if (!changed) return "";
  out.append(q, cursor, std::string::npos);
  return out;
}

}  // namespace coop
