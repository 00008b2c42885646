#include "coop/searcher.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>

#include <chrono>
#include <cmath>

#include "coop/highlighter.h"
#include "coop/query_parser.h"
#include "coop/schema.h"

namespace coop {
namespace {

Poco::JSON::Object::Ptr ParseData(const std::string& data) {
  Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(/*preserveObjectOrder=*/true));
  return parser.parse(data).extract<Poco::JSON::Object::Ptr>();
}

Xapian::Query KindFilter(Xapian::Query q, std::string_view kind) {
  return Xapian::Query(Xapian::Query::OP_FILTER, q,
                       Xapian::Query(schema::Term(schema::kKind, kind)));
}

}  // namespace

Searcher::Searcher(std::string index_path)
    : index_path_(std::move(index_path)), db_(index_path_) {}

Xapian::Document Searcher::RecordDocument(const std::string& record_id) const {
  const std::string term = schema::Term(schema::kId, record_id);
  Xapian::PostingIterator it = db_.postlist_begin(term);
  if (it == db_.postlist_end(term)) throw Xapian::DocNotFoundError("no record " + record_id);
  return db_.get_document(*it);
}

Poco::JSON::Object::Ptr Searcher::RecordHit(const Xapian::Document& record_doc) const {
  Poco::JSON::Object::Ptr data = ParseData(record_doc.get_data());
  Poco::JSON::Object::Ptr hit = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  for (const char* key : {"id", "title", "source", "partners"}) hit->set(key, data->get(key));
  hit->set("publisher", data->get("publisher"));
  hit->set("date", data->get("date"));
  hit->set("summary", data->get("summary"));  // removed by the caller; used for browse snippets
  return hit;
}

Poco::JSON::Object::Ptr Searcher::Search(const SearchRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  if (request.page < 1 || request.page > kMaxPage) {
    throw QueryError("page must be between 1 and " + std::to_string(kMaxPage));
  }
  if (request.size < 1 || request.size > kMaxPageSize) {
    throw QueryError("size must be between 1 and " + std::to_string(kMaxPageSize));
  }
  ParsedQuery parsed = ParseQuery(analyzer_, request.q);
  db_.reopen();  // pick up committed changes; cheap when nothing changed

  const Xapian::doccount first = static_cast<Xapian::doccount>((request.page - 1) * request.size);
  const Xapian::doccount all = db_.get_doccount();  // check every match: exact totals
  auto run = [&](const ParsedQuery& pq) {
    Xapian::Enquire enquire(db_);
    if (pq.match_all) {
      enquire.set_query(KindFilter(Xapian::Query::MatchAll, schema::kKindRecord));
      enquire.set_sort_by_value(schema::kSlotOrder, false);
    } else {
      enquire.set_query(KindFilter(pq.query, schema::kKindPassage));
      enquire.set_collapse_key(schema::kSlotRecordId);
    }
    return enquire.get_mset(first, static_cast<Xapian::doccount>(request.size), all);
  };
  Xapian::MSet mset = run(parsed);
  bool relaxed = false;
  if (!parsed.match_all && mset.get_matches_estimated() == 0 && parsed.positive_clauses > 1) {
    ParsedQuery any = ParseQuery(analyzer_, request.q, Xapian::Query::OP_OR);
    mset = run(any);
    relaxed = mset.get_matches_estimated() > 0;
    if (relaxed) parsed = std::move(any);
  }

  Poco::JSON::Array::Ptr hits = new Poco::JSON::Array;
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
    Xapian::Document doc = it.get_document();
    Poco::JSON::Object::Ptr hit;
    std::string snippet;
    if (parsed.match_all) {
      hit = RecordHit(doc);
      AppendEscapedHtml(snippet, hit->getValue<std::string>("summary").substr(0, 240));
    } else {
      Poco::JSON::Object::Ptr passage = ParseData(doc.get_data());
      hit = RecordHit(RecordDocument(passage->getValue<std::string>("record")));
      snippet = Snippet(analyzer_, passage->getValue<std::string>("text"), parsed.highlight);
      hit->set("passage", passage->getValue<std::string>("heading"));
    }
    hit->remove("summary");
    hit->set("snippet", snippet);
    hit->set("score", parsed.match_all ? 1.0 : it.get_percent() / 100.0);
    hits->add(hit);
  }

  Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  out->set("query", request.q);
  out->set("total", static_cast<Poco::UInt64>(mset.get_matches_estimated()));
  out->set("page", request.page);
  out->set("size", request.size);
  out->set("hits", hits);
  out->set("facets", Poco::JSON::Object::Ptr(new Poco::JSON::Object));
  out->set("suggestion", Poco::Dynamic::Var());
  out->set("relaxed", relaxed);
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  out->set("took_ms", std::round(ms * 1000) / 1000);
  return out;
}

}  // namespace coop
