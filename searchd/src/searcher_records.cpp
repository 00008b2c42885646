// Searcher: record pages, actor pages, autocomplete and spelling suggestions.
#include <Poco/JSON/Array.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <set>

#include "coop/index_reader.h"
#include "coop/query_parser.h"
#include "coop/record_value.h"
#include "coop/schema.h"
#include "coop/searcher.h"
#include "coop/utf8.h"
#include "passages.h"

namespace coop {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr NewObject() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

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
                       Xapian::Query(schema::Term(schema::kKind, kind)));
}

Array::Ptr Strings(const std::vector<std::string>& values) {
  Array::Ptr a = new Array;
  for (const std::string& v : values) a->add(v);
  return a;
}

Array::Ptr Partners(const std::vector<StoredPartner>& partners) {
  Array::Ptr a = new Array;
  for (const StoredPartner& p : partners) {
    Object::Ptr o = NewObject();
    o->set("name", p.name);
    o->set("country", p.country);
    if (!p.actor_id.empty()) o->set("actor_id", p.actor_id);
    if (!p.actor_name.empty()) o->set("actor", p.actor_name);
    if (!p.actor_type.empty()) o->set("type", p.actor_type);
    a->add(o);
  }
  return a;
}

Array::Ptr Years(const std::vector<int>& years) {
  Array::Ptr a = new Array;
  for (int y : years) a->add(y);
  return a;
}

// Every stored field of a record, in the order of coop-index inspect.
Object::Ptr RecordObject(const StoredRecord& r) {
  Object::Ptr o = NewObject();
  o->set("id", r.id);
  o->set("kind", r.kind);
  o->set("title", r.title);
  o->set("source", r.source);
  o->set("publisher", r.publisher);
  o->set("date", r.date);
  o->set("partners", Partners(r.partners));
  o->set("mentions", Partners(r.mentions));
  o->set("countries", Strings(r.countries));
  o->set("cities", Strings(r.cities));
  o->set("provinces", Strings(r.provinces));
  o->set("regions", Strings(r.regions));
  o->set("regions_pre2015", Strings(r.regions_pre2015));
  o->set("foreign_regions", Strings(r.foreign_regions));
  o->set("domains", Strings(r.domains));
  o->set("domains_text", r.domains_text);
  o->set("annex_domains", Strings(r.annex_domains));
  o->set("legal_framework", r.legal_framework);
  o->set("years", Years(r.years));
  Array::Ptr budgets = new Array;
  for (const StoredBudget& b : r.budgets) {
    Object::Ptr x = NewObject();
    x->set("amount", b.amount);
    x->set("currency", b.currency);
    x->set("funds", b.funds);
    budgets->add(x);
  }
  o->set("budgets", budgets);
  o->set("begin", static_cast<Poco::UInt64>(r.begin));
  o->set("end", static_cast<Poco::UInt64>(r.end));
  o->set("passages", static_cast<Poco::UInt64>(r.passages));
  return o;
}

Array::Ptr ToArray(const std::set<std::string>& values) {
  Array::Ptr a = new Array;
  for (const auto& v : values) a->add(v);
  return a;
}

}  // namespace

void Searcher::Refresh() {
  if (table_ && !watcher_.MayHaveChanged()) return;
  // Commits, or a new build's stub (index_reader.h); the record table follows the revision.
  if (RefreshIndex(index_path_, db_) || !table_) {
    last_reopen_ =
        std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    ReadRevision();
  }
  watcher_.Seen();
}

void Searcher::ReadRevision() {
  CheckFormat(db_, index_path_);
  table_ = RecordTable::Of(db_);
  regions_ = DecodePlaceNames(db_.get_metadata(std::string(kRegionNamesKey)));
}

Poco::JSON::Object::Ptr Searcher::Record(const std::string& id) {
  Refresh();
  Xapian::Document doc = RecordDocument(id);
  Object::Ptr out = RecordObject(DecodeRecord(doc.get_data()));
  Array::Ptr passages = new Array;
  Xapian::MSet ps =
      AllMatches(db_, KindAnd(schema::kKindPassage, schema::Term(schema::kRecord, id)));
  for (auto it = ps.begin(); it != ps.end(); ++it) {
    const PassageInfo p = ReadPassage(it.get_document());  // the passage value, or old JSON
    Object::Ptr o = NewObject();
    o->set("id", p.id);
    o->set("heading", p.heading);
    o->set("page", p.page);
    o->set("text", p.text);
    passages->add(o);
  }
  out->set("passages", passages);
  // Neighbours: the records before and after this one in the same source.
  const std::string source = out->getValue<std::string>("source");
  Xapian::MSet rs = AllMatches(
      db_, KindAnd(schema::kKindRecord, schema::Term(schema::kSource, source)), schema::kSlotOrder);
  Object::Ptr neighbours = NewObject();
  neighbours->set("previous", Poco::Dynamic::Var());
  neighbours->set("next", Poco::Dynamic::Var());
  std::vector<Xapian::Document> docs;
  for (auto it = rs.begin(); it != rs.end(); ++it) docs.push_back(it.get_document());
  for (std::size_t i = 0; i < docs.size(); ++i) {
    if (docs[i].get_value(schema::kSlotRecordId) != id) continue;
    const auto brief = [&](const Xapian::Document& d) {
      const StoredRecord r = DecodeRecord(d.get_data());
      Object::Ptr b = NewObject();
      b->set("id", r.id);
      b->set("title", r.title);
      return b;
    };
    if (i > 0) neighbours->set("previous", brief(docs[i - 1]));
    if (i + 1 < docs.size()) neighbours->set("next", brief(docs[i + 1]));
  }
  out->set("neighbours", neighbours);
  return out;
}

Poco::JSON::Object::Ptr Searcher::Actor(const std::string& id) {
  Refresh();
  Xapian::MSet rs = AllMatches(
      db_, KindAnd(schema::kKindRecord, schema::Term(schema::kActorId, id)), schema::kSlotOrder);
  if (rs.empty()) throw Xapian::DocNotFoundError("no actor " + id);
  Object::Ptr out = NewObject();
  out->set("id", id);
  std::set<std::string> names, cities, regions, domains;
  Array::Ptr partnerships = new Array;
  for (auto it = rs.begin(); it != rs.end(); ++it) {
    const StoredRecord r = DecodeRecord(it.get_document().get_data());
    for (const StoredPartner& p : r.partners) {
      if (p.actor_id != id) continue;
      names.insert(p.name);
      if (!out->has("name")) {
        out->set("name", p.actor_name.empty() ? p.name : p.actor_name);
        out->set("type", p.actor_type);
        out->set("country", p.country);
      }
    }
    cities.insert(r.cities.begin(), r.cities.end());
    for (const auto* list : {&r.regions, &r.regions_pre2015, &r.foreign_regions})
      regions.insert(list->begin(), list->end());
    domains.insert(r.domains.begin(), r.domains.end());
    Object::Ptr brief = NewObject();
    brief->set("id", r.id);
    brief->set("title", r.title);
    brief->set("partners", Partners(r.partners));
    brief->set("domains", Strings(r.domains));
    brief->set("years", Years(r.years));
    partnerships->add(brief);
  }
  out->set("names", ToArray(names));
  out->set("cities", ToArray(cities));
  out->set("regions", ToArray(regions));
  out->set("domains", ToArray(domains));
  out->set("partnerships", partnerships);
  return out;
}

Poco::JSON::Array::Ptr Searcher::Suggest(const std::string& prefix, std::size_t limit) {
  if (prefix.size() > 100) throw QueryError("prefix must be at most 100 bytes");
  if (!IsValidUtf8(prefix)) throw QueryError("prefix is not valid UTF-8");
  Refresh();
  const RecordTable& table = *table_;
  const std::string folded = analyzer_.Fold(prefix);
  struct Candidate {
    int rank;  // 0: the value starts with the prefix; 1: a later word does
    std::uint32_t count;
    std::size_t facet;
    std::uint32_t id;
  };
  std::vector<Candidate> found;
  for (std::size_t f = 0; f < RecordTable::kFacetCount && !folded.empty(); ++f) {
    const std::string_view name = schema::kFacets[f].name;
    if (name == "country" || name == "year") continue;  // actors, places and domains only
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
  Array::Ptr out = new Array;
  for (std::size_t i = 0; i < found.size() && i < limit; ++i) {
    Object::Ptr o = NewObject();
    o->set("value", table.ValueName(found[i].facet, found[i].id));
    o->set("facet", std::string(schema::kFacets[found[i].facet].name));
    o->set("count", static_cast<Poco::UInt64>(found[i].count));
    out->add(o);
  }
  return out;
}

std::string Searcher::SpellingSuggestion(const std::string& q) {
  // Replace each word the spelling table knows a better spelling for, keeping the rest of the
  // query (operators, quotes) as typed.
  std::string out;
  std::size_t cursor = 0;
  bool changed = false;
  for (const Token& t : analyzer_.Analyze(q)) {
    if (t.stopword || t.number || t.term.size() < 4) continue;
    if (db_.get_termfreq(t.term) > 0) continue;
    const std::string better = db_.get_spelling_suggestion(t.term, 2);
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
