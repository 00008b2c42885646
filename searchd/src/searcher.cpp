#include "coop/searcher.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>

#include <chrono>
#include <cmath>

#include "coop/facets.h"
#include "coop/highlighter.h"
#include "coop/index_handle.h"
#include "coop/query_parser.h"
#include "coop/schema.h"
#include "searcher_internal.h"

namespace coop {
namespace {

constexpr std::size_t kFacetLimit = 100;  // values listed per facet
constexpr std::size_t kMaxFilterBytes = 200;

Xapian::Query Filtered(const Xapian::Query& q, const Xapian::Query& filter) {
  return filter.empty() ? q : Xapian::Query(Xapian::Query::OP_FILTER, q, filter);
}

// `field:value` in a query filters like the facet parameter of the same name.
const FieldPrefixes& FacetFields() {
  static const FieldPrefixes fields = [] {
    FieldPrefixes f;
    for (const schema::Facet& facet : schema::kFacets) f.emplace(facet.name, facet.prefix);
    return f;
  }();
  return fields;
}

const schema::Facet* FindFacet(std::string_view name) {
  for (const schema::Facet& f : schema::kFacets) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

// Regions (Moroccan 2015, pre-2015 and foreign) are one facet in the API.
Poco::Dynamic::Var Regions(const Poco::JSON::Object::Ptr& data) {
  Poco::JSON::Array::Ptr all = new Poco::JSON::Array;
  for (const char* key : {"regions", "regions_pre2015", "foreign_regions"}) {
    if (auto a = data->getArray(key)) {
      for (std::size_t i = 0; i < a->size(); ++i) all->add(a->get(static_cast<unsigned>(i)));
    }
  }
  return all;
}

}  // namespace

Searcher::Searcher(std::string index_path)
    : index_path_(std::move(index_path)), db_(OpenIndex(index_path_)) {}

Xapian::Document Searcher::RecordDocument(const std::string& record_id) const {
  const std::string term = schema::Term(schema::kId, record_id);
  Xapian::PostingIterator it = db_.postlist_begin(term);
  if (it == db_.postlist_end(term)) throw Xapian::DocNotFoundError("no record " + record_id);
  return db_.get_document(*it);
}

Poco::JSON::Object::Ptr Searcher::RecordHit(const Xapian::Document& record_doc) const {
  Poco::JSON::Object::Ptr data = ParseData(record_doc.get_data());
  Poco::JSON::Object::Ptr hit = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  for (const char* key : {"id", "kind", "title", "source", "publisher", "date", "partners",
                          "cities", "domains", "years", "summary"}) {
    if (data->has(key)) hit->set(key, data->get(key));
  }
  hit->set("regions", Regions(data));
  return hit;
}

void Searcher::CheckRequest(const SearchRequest& request) const {
  if (request.page < 1 || request.page > kMaxPage) {
    throw QueryError("page must be between 1 and " + std::to_string(kMaxPage));
  }
  if (request.size < 1 || request.size > kMaxPageSize) {
    throw QueryError("size must be between 1 and " + std::to_string(kMaxPageSize));
  }
  if (request.sort != "relevance" && request.sort != "date") {
    throw QueryError("sort must be 'relevance' or 'date'");
  }
  for (const auto& [name, values] : request.filters) {
    const schema::Facet* facet = FindFacet(name);
    if (!facet) throw QueryError("unknown facet '" + name + "'");
    for (const std::string& v : values) {
      if (v.empty() || v.size() > kMaxFilterBytes) {
        throw QueryError(name + " value must be 1 to " + std::to_string(kMaxFilterBytes) +
                         " bytes long");
      }
    }
  }
}

Xapian::Query Searcher::FacetFilter(const SearchRequest& request, std::string_view except) const {
  std::vector<Xapian::Query> per_facet;
  for (const auto& [name, values] : request.filters) {
    if (name == except || values.empty()) continue;
    const schema::Facet* facet = FindFacet(name);
    std::vector<Xapian::Query> alternatives;
    for (const std::string& v : values) {
      std::string term = schema::Term(facet->prefix, analyzer_.Fold(v));
      if (db_.get_termfreq(term) == 0) {
        throw QueryError("unknown " + name + " '" + v + "': no record has it");
      }
      alternatives.emplace_back(std::move(term));
    }
    per_facet.emplace_back(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
  }
  if (per_facet.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, per_facet.begin(), per_facet.end());
}

Poco::JSON::Object::Ptr Searcher::Search(const SearchRequest& request) {
  try {
    return SearchOnce(request);
  } catch (const Xapian::DatabaseModifiedError&) {
    // Two commits landed while this search read the index: read the newest revision and retry.
    db_.reopen();
    return SearchOnce(request);
  }
}

Poco::JSON::Object::Ptr Searcher::SearchOnce(const SearchRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  CheckRequest(request);
  ParsedQuery parsed = ParseQuery(analyzer_, request.q, Xapian::Query::OP_AND, FacetFields());
  Refresh();

  const Xapian::doccount first = static_cast<Xapian::doccount>((request.page - 1) * request.size);
  const Xapian::doccount all = db_.get_doccount();  // check every match: exact totals
  const auto base = [&](const ParsedQuery& pq, const Xapian::Query& filter) {
    const std::string_view kind = pq.match_all ? schema::kKindRecord : schema::kKindPassage;
    Xapian::Query q = Filtered(pq.match_all ? Xapian::Query::MatchAll : pq.query,
                               Xapian::Query(schema::Term(schema::kKind, kind)));
    return Filtered(q, filter);
  };
  // Facets without a selection are counted on the main match; each facet with a selection is
  // counted on a match without its own selection (disjunctive facets).
  std::vector<Xapian::valueno> main_slots;
  for (const schema::Facet& f : schema::kFacets) {
    if (!request.filters.count(std::string(f.name))) main_slots.push_back(f.slot);
  }
  RecordFacetSpy spy(main_slots);
  const Xapian::Query filter = FacetFilter(request, "");
  const auto run = [&](const ParsedQuery& pq) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(base(pq, filter));
    if (!pq.match_all) enquire.set_collapse_key(schema::kSlotRecordId);
    if (request.sort == "date") {
      enquire.set_sort_by_value_then_relevance(schema::kSlotDate, true);
    } else if (pq.match_all) {
      enquire.set_sort_by_value(schema::kSlotOrder, false);
    }
    spy.Reset();
    enquire.add_matchspy(&spy);
    return enquire.get_mset(first, static_cast<Xapian::doccount>(request.size), all);
  };
  // Totals come from the spy, which counts distinct records over every matching document:
  // Xapian's collapsed match count is only an estimate, even when every document is checked.
  Xapian::MSet mset = run(parsed);
  bool relaxed = false;
  if (!parsed.match_all && spy.records() == 0 && parsed.positive_clauses > 1) {
    ParsedQuery any = ParseQuery(analyzer_, request.q, Xapian::Query::OP_OR, FacetFields());
    Xapian::MSet relaxed_mset = run(any);
    if (spy.records() > 0) {
      relaxed = true;
      parsed = std::move(any);
      mset = relaxed_mset;
    }
  }

  Poco::JSON::Object::Ptr facets = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  for (const schema::Facet& f : schema::kFacets) {
    if (!request.filters.count(std::string(f.name))) {
      facets->set(std::string(f.name), spy.Counts(f.slot, kFacetLimit));
      continue;
    }
    RecordFacetSpy lifted({f.slot});
    Xapian::Enquire enquire(db_);
    enquire.set_query(base(parsed, FacetFilter(request, f.name)));
    enquire.add_matchspy(&lifted);
    enquire.get_mset(0, 0, all);
    facets->set(std::string(f.name), lifted.Counts(f.slot, kFacetLimit));
  }

  Poco::JSON::Array::Ptr hits = new Poco::JSON::Array;
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
    Xapian::Document doc = it.get_document();
    Poco::JSON::Object::Ptr hit;
    std::string snippet;
    if (parsed.match_all) {
      hit = RecordHit(doc);
      AppendEscapedHtml(snippet, hit->optValue<std::string>("summary", "").substr(0, 240));
      hit->set("passage", Poco::Dynamic::Var());
    } else {
      Poco::JSON::Object::Ptr passage = ParseData(doc.get_data());
      hit = RecordHit(RecordDocument(passage->getValue<std::string>("record")));
      snippet = Snippet(analyzer_, passage->getValue<std::string>("text"), parsed.highlight);
      Poco::JSON::Object::Ptr where = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
      where->set("id", passage->optValue<std::string>("id", ""));
      where->set("heading", passage->optValue<std::string>("heading", ""));
      const int page = passage->optValue<int>("page", 0);
      where->set("page", page > 0 ? Poco::Dynamic::Var(page) : Poco::Dynamic::Var());
      hit->set("passage", where);
    }
    hit->remove("summary");
    hit->set("snippet", snippet);
    hit->set("score", parsed.match_all ? 1.0 : it.get_percent() / 100.0);
    hits->add(hit);
  }

  Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  out->set("query", request.q);
  const std::size_t total = spy.records();
  out->set("total", static_cast<Poco::UInt64>(total));
  out->set("page", request.page);
  out->set("size", request.size);
  out->set("hits", hits);
  out->set("facets", facets);
  std::string suggestion;
  if (!parsed.match_all && (total < 3 || relaxed)) suggestion = SpellingSuggestion(request.q);
  out->set("suggestion",
           suggestion.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(suggestion));
  out->set("relaxed", relaxed);
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  out->set("took_ms", std::round(ms * 1000) / 1000);
  return out;
}

}  // namespace coop
