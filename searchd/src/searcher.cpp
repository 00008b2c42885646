#include "coop/searcher.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>

#include <chrono>
#include <cstdio>
#include <map>

#include "coop/facets.h"
#include "coop/highlighter.h"
#include "coop/index_reader.h"
#include "coop/query_parser.h"
#include "coop/record_set.h"
#include "coop/schema.h"
#include "json_text.h"
#include "passages.h"
#include "record_match.h"
#include "searcher_internal.h"

namespace coop {
namespace {

constexpr std::size_t kFacetLimit = 100;  // values listed per facet
constexpr std::size_t kMaxFilterBytes = 200;
// Fewer records than this with all the words: show the any-word ranking instead (it ranks the
// all-word records first anyway), flagged "relaxed". Natural-language questions rarely have all
// their words in one record (bench/queries, question kind: nDCG@10 0.67 with 1, 0.78 with 3).
constexpr std::size_t kRelaxBelow = 3;

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

// `any` (the any-word query) with each word clause reduced to its stem part: a word is
// `stem AND_MAYBE exact form`, and the exact forms' posting lists double what the matcher
// reads when a question's any-word form matches most records.
Xapian::Query StemsOnly(const Xapian::Query& any) {
  using Q = Xapian::Query;
  const std::size_t n = any.get_num_subqueries();
  switch (any.get_type()) {
    case Q::OP_FILTER:
    case Q::OP_AND_NOT: {
      std::vector<Q> subs{StemsOnly(any.get_subquery(0))};
      for (std::size_t i = 1; i < n; ++i) subs.push_back(any.get_subquery(i));
      return Q(any.get_type(), subs.begin(), subs.end());
    }
    case Q::OP_OR: {
      std::vector<Q> subs;
      for (std::size_t i = 0; i < n; ++i) subs.push_back(StemsOnly(any.get_subquery(i)));
      return Q(Q::OP_OR, subs.begin(), subs.end());
    }
    case Q::OP_AND_MAYBE:
      return any.get_subquery(0);
    default:
      return any;
  }
}

// Appends the JSON objects of the hits of `mset`, comma-separated: each record's stored hit
// object with its best passage (the one matching most of `words`), snippet and score; in browse
// mode (match-all) its summary instead.
void AppendHits(std::string& out, const Xapian::Database& db, Analyzer& analyzer,
                const RecordTable& table, const Xapian::MSet& mset, const ParsedQuery& parsed,
                const Xapian::Query& words) {
  std::vector<std::string> ids;
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end() && !parsed.match_all; ++it) {
    const std::uint32_t rec = table.RecordOf(*it);
    if (rec != RecordTable::kNone) ids.push_back(table.Id(rec));
  }
  const std::map<std::string, Xapian::Document> best = BestPassages(db, ids, words);
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
    const std::uint32_t rec = table.RecordOf(*it);
    if (rec == RecordTable::kNone) continue;  // cannot happen for a consistent index
    if (it != mset.begin()) out.push_back(',');
    const std::string& hit = table.HitJson(rec);
    out.append(hit, 0, hit.size() - 1);  // the stored object, reopened to add fields
    out += ",\"passage\":";
    if (parsed.match_all) {
      out += "null,\"snippet\":";
      AppendJsonString(out, table.Summary(rec));
      out += ",\"score\":1";
    } else {
      PassageInfo p;
      if (auto b = best.find(table.Id(rec)); b != best.end()) p = ReadPassage(b->second);
      out += "{\"id\":";
      AppendJsonString(out, p.id);
      out += ",\"heading\":";
      AppendJsonString(out, p.heading);
      out += ",\"page\":" + (p.page > 0 ? std::to_string(p.page) : std::string("null"));
      out += "},\"snippet\":";
      AppendJsonString(out, PassageSnippet(analyzer, p, parsed.highlight));
      char score[16];
      std::snprintf(score, sizeof score, ",\"score\":%.2f", it.get_percent() / 100.0);
      out += score;
    }
    out.push_back('}');
  }
}

}  // namespace

Searcher::Searcher(std::string index_path)
    : index_path_(std::move(index_path)), db_(OpenIndex(index_path_)), watcher_(index_path_) {}

Xapian::Document Searcher::RecordDocument(const std::string& record_id) const {
  const std::string term = schema::Term(schema::kId, record_id);
  Xapian::PostingIterator it = db_.postlist_begin(term);
  if (it == db_.postlist_end(term)) throw Xapian::DocNotFoundError("no record " + record_id);
  return db_.get_document(*it);
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
  return ParseData(SearchJson(request));
}

std::string Searcher::SearchJson(const SearchRequest& request) {
  try {
    return SearchOnce(request);
  } catch (const Xapian::DatabaseModifiedError&) {
    // Two commits landed while this search read the index: read the newest revision and retry.
    db_.reopen();
    ReadRevision();
    return SearchOnce(request);
  }
}

std::string Searcher::SearchOnce(const SearchRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  CheckRequest(request);
  Refresh();
  // Each phrase of the query is checked once, on the records, and then serves counting, the
  // counts of disjunctive facets and ranking (record_set.h).
  PhraseSets phrases(db_, schema::kPassageDocidBase,
                     Xapian::Query(schema::Term(schema::kKind, schema::kKindRecord)), true,
                     &table_->Postings(), &table_->Phrases());
  const PhraseBuilder phrase = [&](const std::vector<std::string>& terms) {
    return phrases.Phrase(terms);
  };
  const std::vector<PlaceName>& regions = regions_;
  ParsedQuery parsed =
      ParseQuery(analyzer_, request.q, Xapian::Query::OP_AND, FacetFields(), phrase, &regions);
  const RecordTable& table = *table_;
  // Facets without a selection are counted on the main match; each facet with a selection is
  // counted on a match without its own selection (disjunctive facets).
  std::vector<std::size_t> main_facets;
  for (std::size_t f = 0; f < RecordTable::kFacetCount; ++f) {
    if (!request.filters.count(std::string(schema::kFacets[f].name))) main_facets.push_back(f);
  }
  RecordMatch match(db_, table, phrases, FacetFilter(request, ""), main_facets,
                    static_cast<Xapian::doccount>((request.page - 1) * request.size),
                    static_cast<Xapian::doccount>(request.size));
  const bool by_date = request.sort == "date";
  // A query that may be relaxed is ranked only if it will not be: with 1 or 2 records, the
  // any-word query (a superset) has some and replaces it; with none, both pages are empty.
  const bool may_relax = !parsed.match_all && parsed.positive_clauses > 1;
  Xapian::MSet mset = match.Run(parsed, by_date, may_relax ? kRelaxBelow : 0);
  bool relaxed = false;
  if (may_relax && match.records() < kRelaxBelow) {
    ParsedQuery any =
        ParseQuery(analyzer_, request.q, Xapian::Query::OP_OR, FacetFields(), phrase, &regions);
    any.query = StemsOnly(any.query);
    Xapian::MSet relaxed_mset = match.Run(any, by_date);
    if (match.records() > 0) {
      relaxed = true;
      parsed = std::move(any);
      mset = relaxed_mset;
    } else {
      match.ForgetRun();  // `parsed` is not the last run's query
    }
  }
  const std::size_t total = match.records();
  // Hits show their best passage: the one matching most of the query's words. Passages have no
  // positions (schema.h), so a phrase counts there as its words, weighed as Xapian weighs the
  // phrase (the AND of its terms).
  Xapian::Query words;
  if (!parsed.match_all && !parsed.highlight.empty()) {
    const PhraseBuilder as_words = [](const std::vector<std::string>& terms) {
      return Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end());
    };
    words = ParseQuery(analyzer_, request.q, Xapian::Query::OP_OR, FacetFields(), as_words).query;
  }

  std::string out;
  out.reserve(8192);
  out += "{\"query\":";
  AppendJsonString(out, request.q);
  out += ",\"total\":" + std::to_string(total) + ",\"page\":" + std::to_string(request.page) +
         ",\"size\":" + std::to_string(request.size) + ",\"hits\":[";
  AppendHits(out, db_, analyzer_, table, mset, parsed, words);
  out += "],\"facets\":{";
  for (std::size_t f = 0; f < RecordTable::kFacetCount; ++f) {
    const schema::Facet& facet = schema::kFacets[f];
    if (f) out.push_back(',');
    AppendJsonKey(out, facet.name);
    if (request.filters.count(std::string(facet.name))) {
      match.AppendLiftedCounts(out, f, kFacetLimit, parsed, FacetFilter(request, facet.name));
    } else {
      match.AppendCounts(out, f, kFacetLimit);
    }
  }
  out += "},\"suggestion\":";
  std::string suggestion;
  if (!parsed.match_all && (total < 3 || relaxed)) suggestion = SpellingSuggestion(request.q);
  if (suggestion.empty()) {
    out += "null";
  } else {
    AppendJsonString(out, suggestion);
  }
  out += relaxed ? ",\"relaxed\":true" : ",\"relaxed\":false";
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  char took[32];
  std::snprintf(took, sizeof took, ",\"took_ms\":%.3f}", ms);
  out += took;
  return out;
}

}  // namespace coop
