#include "coop/searcher.h"

#include <chrono>
#include <map>

#include "coop/highlighter.h"
#include "coop/query_parser.h"
#include "coop/schema.h"
#include "exec/index_revision.h"
#include "exec/record_matcher.h"
#include "passages.h"

namespace coop {
namespace {

constexpr std::size_t kFacetLimit = 100;  // values listed per facet
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

std::size_t FacetIndex(std::string_view name) {
  for (std::size_t f = 0; f < std::size(schema::kFacets); ++f) {
    if (schema::kFacets[f].name == name) return f;
  }
  return std::size(schema::kFacets);
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

}  // namespace

std::shared_ptr<exec::RevisionCache> MakeRevisionCache() {
  return std::make_shared<exec::RevisionCache>();
}

Searcher::Searcher(std::string index_path, SearcherOptions options)
    : index_path_(std::move(index_path)),
      db_(OpenIndex(index_path_)),
      watcher_(index_path_),
      revisions_(options.revisions ? std::move(options.revisions) : MakeRevisionCache()),
      match_time_limit_(options.match_time_limit) {}

Searcher::~Searcher() = default;

Xapian::Document Searcher::RecordDocument(const std::string& record_id) const {
  const std::string term = schema::Term(schema::kId, record_id);
  Xapian::PostingIterator it = db_.postlist_begin(term);
  if (it == db_.postlist_end(term)) throw Xapian::DocNotFoundError("no record " + record_id);
  return db_.get_document(*it);
}

SearchResult Searcher::Search(const SearchRequest& request) {
  try {
    return SearchOnce(request);
  } catch (const Xapian::DatabaseModifiedError&) {
    // Two commits landed while this search read the index: read the newest revision and retry.
    db_.reopen();
    revision_ = revisions_->Get(db_);
    return SearchOnce(request);
  }
}

SearchResult Searcher::SearchOnce(const SearchRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  const Deadline deadline = Deadline::After(match_time_limit_);  // parsing counts too
  ValidateSearchRequest(request);
  Refresh();
  exec::RecordMatcher matcher(db_, revision_);
  const PhraseBuilder phrase = matcher.Phrases();
  const std::vector<PlaceName>& regions = revision_->region_names();
  const ParseOptions all_words{.fields = &FacetFields(), .phrase = phrase, .places = &regions};
  ParsedQuery parsed = ParseQuery(analyzer_, request.q, all_words);
  exec::MatchOptions options{
      .order = request.sort == "date" ? exec::RecordOrder::kDate : exec::RecordOrder::kRelevance,
      .first = static_cast<Xapian::doccount>((request.page - 1) * request.size),
      .size = static_cast<Xapian::doccount>(request.size),
      .facet_limit = kFacetLimit,
      .deadline = deadline};
  for (const auto& [name, values] : request.filters) {
    if (values.empty()) continue;
    std::vector<Xapian::Query> alternatives;
    const std::size_t f = FacetIndex(name);
    for (const std::string& v : values) {
      std::string term = schema::Term(schema::kFacets[f].prefix, analyzer_.Fold(v));
      if (db_.get_termfreq(term) == 0) {
        throw QueryError("unknown " + name + " '" + v + "': no record has it");
      }
      alternatives.emplace_back(std::move(term));
    }
    if (name == "actor" && request.filters.count("role")) alternatives = ActorsInRoles(request);
    options.selections.push_back(
        {f, Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end())});
  }
  // A search that may be relaxed is ranked only if it will not be: with 1 or 2 records, the
  // any-word query (a superset) has some and replaces it; with none, both pages are empty.
  const bool may_relax = !parsed.match_all && parsed.positive_clauses > 1;
  options.rank_from = may_relax ? kRelaxBelow : 0;
  exec::MatchResult match = matcher.Match(parsed, options);
  MatchMode mode = MatchMode::kAll;
  if (may_relax && match.total < kRelaxBelow) {
    ParseOptions any_word = all_words;
    any_word.default_op = Xapian::Query::OP_OR;
    ParsedQuery any = ParseQuery(analyzer_, request.q, any_word);
    any.query = StemsOnly(any.query);
    options.rank_from = 0;
    exec::MatchResult relaxed = matcher.Match(any, options);
    if (relaxed.total > 0) {
      mode = MatchMode::kAny;
      parsed = std::move(any);
      match = std::move(relaxed);
    } else {
      // Neither has a record: the all-words result stands, with its facets (a selected
      // facet's counts lift its own selection, so they may still list values).
      match = matcher.Match(parsed, options);
    }
  }

  const exec::RecordTable& table = revision_->records();
  SearchResult result;
  result.query = request.q;
  result.total = match.total;
  result.page = request.page;
  result.size = request.size;
  result.browse = parsed.match_all;
  result.match = mode;
  result.revision = revision_;
  // Hits show their best passage: the one matching most of the query's words. Passages have no
  // positions (schema.h), so a phrase counts there as its words, weighed as Xapian weighs the
  // phrase (the AND of its terms).
  std::map<std::string, Xapian::Document> best;
  if (!parsed.match_all) {
    Xapian::Query words;
    if (!parsed.highlight.empty()) {
      const PhraseBuilder as_words = [](const std::vector<std::string>& terms) {
        return Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end());
      };
      words =
          ParseQuery(
              analyzer_, request.q,
              {.default_op = Xapian::Query::OP_OR, .fields = &FacetFields(), .phrase = as_words})
              .query;
    }
    std::vector<std::string> ids;
    for (const exec::RankedRecord& r : match.page) ids.push_back(table.Id(r.record));
    best = BestPassages(db_, ids, words);
  }
  for (const exec::RankedRecord& r : match.page) {
    SearchHit hit;
    hit.record = &table.Fields(r.record);
    if (parsed.match_all) {
      AppendEscapedHtml(hit.snippet, hit.record->summary);
    } else {
      PassageInfo p;
      if (auto b = best.find(table.Id(r.record)); b != best.end()) p = ReadPassage(b->second);
      hit.snippet = PassageSnippet(analyzer_, p, parsed.highlight);
      hit.passage = HitPassage{std::move(p.id), std::move(p.heading), p.page};
      hit.score = r.percent / 100.0;
    }
    result.hits.push_back(std::move(hit));
  }
  for (std::size_t f = 0; f < std::size(schema::kFacets); ++f) {
    FacetResult facet{schema::kFacets[f].name, {}};
    for (const exec::FacetCount& c : match.facets[f]) {
      facet.values.push_back({table.ValueName(f, c.value), c.count});
    }
    result.facets.push_back(std::move(facet));
  }
  if (!parsed.match_all && (result.total < 3 || mode == MatchMode::kAny)) {
    std::string suggestion = SpellingSuggestion(request.q);
    if (!suggestion.empty()) result.suggestion = std::move(suggestion);
  }
  result.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace coop
