// Searcher: record pages, actor pages, autocomplete and spelling suggestions.
#include <Poco/JSON/Array.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <set>

#include "coop/index_handle.h"
#include "coop/query_parser.h"
#include "coop/schema.h"
#include "coop/searcher.h"
#include "coop/utf8.h"
#include "passages.h"
#include "searcher_internal.h"

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

void AddAll(std::set<std::string>& out, const Object::Ptr& data, const char* key) {
  if (auto a = data->getArray(key)) {
    for (std::size_t i = 0; i < a->size(); ++i)
      out.insert(a->getElement<std::string>(static_cast<unsigned>(i)));
  }
}

Array::Ptr ToArray(const std::set<std::string>& values) {
  Array::Ptr a = new Array;
  for (const auto& v : values) a->add(v);
  return a;
}

// What changes when a file is replaced (rename: inode) or rewritten (size, mtime).
std::array<long long, 4> StampOf(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {-1, -1, -1, -1};
  return {static_cast<long long>(st.st_ino), static_cast<long long>(st.st_size),
          static_cast<long long>(st.st_mtim.tv_sec), static_cast<long long>(st.st_mtim.tv_nsec)};
}

}  // namespace

void Searcher::Refresh() {
  // Two stat() calls decide whether anything can have changed: the stub names the generation
  // (a new build switches it) and glass rewrites its version file on every commit. Reading the
  // stub and reopening on every request cost about 3% of a query (docs/bench/profile.md).
  std::array<long long, 4> stub = StampOf(index_path_);
  std::array<long long, 4> version = StampOf(version_file_);
  if (table_ && stub == stub_stamp_ && version == version_stamp_ && stub[0] != -1) return;
  // Commits, or a new build's stub (index_handle.h); the record table follows the revision.
  if (RefreshIndex(index_path_, db_) || !table_) {
    last_reopen_ =
        std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    ReadRevision();
  }
  try {
    version_file_ = CurrentDatabaseDir(index_path_) + "/iamglass";
  } catch (const std::exception&) {
    version_file_.clear();  // not an index any more: check again next time
  }
  stub_stamp_ = stub;
  version_stamp_ = StampOf(version_file_);
  if (version_stamp_ != version) stub_stamp_[0] = -1;  // changed while we looked: recheck
}

void Searcher::ReadRevision() {
  table_ = RecordTable::Of(db_);
  shingles_ = db_.get_metadata(std::string(schema::kShinglesKey)) == "1";
}

Poco::JSON::Object::Ptr Searcher::Record(const std::string& id) {
  Refresh();
  Xapian::Document doc = RecordDocument(id);
  Object::Ptr out = ParseData(doc.get_data());
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
      Object::Ptr b = NewObject();
      Object::Ptr data = ParseData(d.get_data());
      b->set("id", data->get("id"));
      b->set("title", data->get("title"));
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
    Object::Ptr data = ParseData(it.get_document().get_data());
    Array::Ptr partners = data->getArray("partners");
    for (std::size_t i = 0; partners && i < partners->size(); ++i) {
      Object::Ptr p = partners->getObject(static_cast<unsigned>(i));
      if (p->optValue<std::string>("actor_id", "") != id) continue;
      names.insert(p->optValue<std::string>("name", ""));
      if (!out->has("name")) {
        out->set("name", p->optValue<std::string>("actor", p->optValue<std::string>("name", "")));
        out->set("type", p->optValue<std::string>("type", ""));
        out->set("country", p->optValue<std::string>("country", ""));
      }
    }
    AddAll(cities, data, "cities");
    for (const char* key : {"regions", "regions_pre2015", "foreign_regions"})
      AddAll(regions, data, key);
    AddAll(domains, data, "domains");
    Object::Ptr brief = NewObject();
    for (const char* key : {"id", "title", "partners", "domains", "years"})
      brief->set(key, data->get(key));
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
