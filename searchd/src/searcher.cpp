#include "coop/searcher.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>

#include "coop/highlighter.h"
#include "coop/query_parser.h"
#include "coop/schema.h"
#include "exec/index_revision.h"
#include "exec/record_matcher.h"
#include "facet_fields.h"
#include "passages.h"
#include "typo_terms.h"

namespace coop {
namespace {

// Index words a misspelt query word may match at most: the most frequent at the fewest edits.
constexpr std::size_t kTypoAlternatives = 8;

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

// The typo alternatives a parse already found (ParsedQuery::typos), for the other parses of the
// same text (partial hits, best passages): the words match as they did in the set. Empty if none.
TypoExpander Recorded(const std::vector<TypoMatch>& typos) {
  if (typos.empty()) return {};
  return [&typos](const Token& word) {
    std::vector<TypoTerm> out;
    for (const TypoMatch& m : typos) {
      if (m.word != word.term) continue;
      for (const std::string& t : m.terms) out.push_back({t});
    }
    return out;
  };
}

// The year terms of `chosen` (all the index's years if nullopt) within the request's inclusive
// range [year_from, year_to] (0 = open end). Years are four digits, so they compare as strings.
// Their OR is the year selection; none (an empty query) selects no record (exec::FacetSelection).
std::vector<Xapian::Query> YearsInRange(const Xapian::Database& db,
                                        std::optional<std::vector<Xapian::Query>> chosen,
                                        const SearchRequest& request) {
  const std::string from = schema::Term(schema::kYear, std::to_string(request.year_from));
  const std::string to = schema::Term(schema::kYear, std::to_string(request.year_to));
  auto in_range = [&](const std::string& term) {
    return term.size() == schema::kYear.size() + 4 && (request.year_from == 0 || term >= from) &&
           (request.year_to == 0 || term <= to);
  };
  std::vector<Xapian::Query> kept;
  if (chosen) {
    for (Xapian::Query& q : *chosen) {
      if (q.get_type() == Xapian::Query::LEAF_TERM && in_range(*q.get_terms_begin())) {
        kept.push_back(std::move(q));
      }
    }
    return kept;
  }
  const std::string prefix(schema::kYear);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    if (in_range(*it)) kept.emplace_back(*it);
  }
  return kept;  // none in range: an empty selection, which selects no record
}

}  // namespace

std::shared_ptr<exec::RevisionCache> MakeRevisionCache() {
  return std::make_shared<exec::RevisionCache>();
}

Searcher::Searcher(std::string index_path, SearcherOptions options)
    : index_path_(std::move(index_path)),
      db_(OpenIndex(index_path_)),
      remote_(HasRemoteShards(index_path_)),
      watcher_(index_path_),
      revisions_(options.revisions ? std::move(options.revisions) : MakeRevisionCache()),
      match_time_limit_(options.match_time_limit) {
  OpenSpelling();
}

void Searcher::OpenSpelling() {
  const std::string path = SpellingDatabasePath(index_path_);
  spelling_ = path.empty() ? db_ : Xapian::Database(path);
}

Searcher::~Searcher() = default;

Xapian::Document Searcher::RecordDocument(const std::string& record_id) const {
  const std::string term = schema::Term(schema::kId, record_id);
  Xapian::PostingIterator it = db_.postlist_begin(term);
  if (it == db_.postlist_end(term)) throw Xapian::DocNotFoundError("no record " + record_id);
  return db_.get_document(*it);
}

SearchResult Searcher::Search(const SearchRequest& request, const SearchExtras& extras) {
  try {
    return SearchOnce(request, extras);
  } catch (const Xapian::DatabaseModifiedError&) {
    // Two commits landed while this search read the index: read the newest revision and retry.
    const std::string shards_before = ShardRevisions(index_path_);
    db_.reopen();
    ReadRevision(shards_before);
    return SearchOnce(request, extras);
  }
}

SearchResult Searcher::SearchOnce(const SearchRequest& request, const SearchExtras& extras) {
  const auto start = std::chrono::steady_clock::now();
  const Deadline deadline = Deadline::After(match_time_limit_);  // parsing counts too
  ValidateSearchRequest(request);
  Refresh();
  exec::RecordMatcher matcher(db_, revision_);
  const PhraseBuilder phrase = matcher.Phrases();
  const PlaceNames& regions = revision_->region_names();
  const ParseOptions all_words{
      .fields = &FacetFields(), .phrase = phrase, .places = &regions, .indexed = Indexed()};
  ParsedQuery parsed = ParseQuery(analyzer_, request.q, all_words);
  exec::MatchOptions options{
      .order = request.sort == "date" ? exec::RecordOrder::kDate : exec::RecordOrder::kRelevance,
      .first = static_cast<Xapian::doccount>((request.page - 1) * request.size),
      .size = static_cast<Xapian::doccount>(request.size),
      .facet_limit = extras.facet_limit,
      .keep_records = extras.records,
      .deadline = deadline};
  for (const auto& [name, values] : request.filters) {
    if (values.empty()) continue;
    std::vector<Xapian::Query> alternatives;
    const std::size_t f = schema::FacetIndex(name);
    for (const std::string& v : values) {
      std::string term = schema::Term(schema::kFacets[f].prefix, analyzer_.Fold(v));
      if (revision_->TermFreq(db_, term) == 0) {
        throw QueryError("unknown " + name + " '" + v + "': no record has it");
      }
      alternatives.emplace_back(std::move(term));
    }
    if (name == "actor" && request.filters.count("role")) alternatives = ActorsInRoles(request);
    if (name == "year") alternatives = YearsInRange(db_, std::move(alternatives), request);
    options.selections.push_back(
        {f, Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end())});
  }
  if ((request.year_from != 0 || request.year_to != 0) && !request.filters.count("year")) {
    const std::vector<Xapian::Query> years = YearsInRange(db_, std::nullopt, request);
    options.selections.push_back({schema::FacetIndex("year"),
                                  Xapian::Query(Xapian::Query::OP_OR, years.begin(), years.end())});
  }

  // The set is that of the first of these forms with a record in the whole index, facet
  // selections aside (so that a tick never changes which words are required): all the words as
  // typed; all the words of the spelling suggestion; all but one of 3 or more words; any word.
  // An empty set of a form is known from its count alone (rank_from 1: no ranking, no facets).
  const bool searching = !parsed.match_all;
  MatchMode mode = MatchMode::kAll;
  std::string text = request.q;  // the query that runs
  std::optional<std::string> corrected;
  std::vector<TypoMatch> typos;
  // The spelling suggestion of the query as typed, asked for at most once per search (the
  // correction and the link below both want it; Xapian's look-up reads the spelling table).
  std::optional<std::string> spelling;
  auto suggestion_of_q = [&]() -> const std::string& {
    if (!spelling) spelling = SpellingSuggestion(request.q);
    return *spelling;
  };
  options.rank_from = searching ? 1 : 0;
  exec::MatchResult match = matcher.Match(parsed, options);
  // Whether `form` has records when the selections are left aside; if so `match` is its result.
  auto found_anywhere = [&](const ParsedQuery& form, bool counted) {
    if (options.selections.empty()) {
      if (!counted) match = matcher.Match(form, options);
      return match.total > 0;
    }
    if (counted && match.total > 0) return true;
    exec::MatchOptions count_only{.rank_from = static_cast<std::size_t>(-1), .deadline = deadline};
    if (matcher.Match(form, count_only).total == 0) return false;
    options.rank_from = 0;
    match = matcher.Match(form, options);
    return true;
  };
  if (searching && !found_anywhere(parsed, true)) {
    bool found = false;
    if (request.correct) {
      std::string spelt = suggestion_of_q();
      if (!spelt.empty()) {
        ParseOptions respelt = all_words;
        respelt.runs_in_either_number = true;
        ParsedQuery better = ParseQuery(analyzer_, spelt, respelt);
        if (!better.match_all && found_anywhere(better, false)) {
          found = true;
          parsed = std::move(better);
          text = spelt;
          corrected = std::move(spelt);
        }
      }
    }
    std::vector<TypoMatch> known_typos;  // the typo form's, also for the most and any forms
    if (!found && request.correct) {
      // Typo tolerance: the words the index does not know match the words within their typo
      // budget, all words still required (after the correction, which names one spelling).
      ParseOptions tolerant = all_words;
      tolerant.runs_in_either_number = true;
      tolerant.typos = [this](const Token& word) {
        std::vector<TypoTerm> out;
        if (MatchesByStem(word)) return out;  // "apiculture": its family is in the index
        const std::vector<TypoAlternative> alternatives =
            TypoAlternatives(revision_->TermFreq(db_, word.term),
                             revision_->typo_dictionary(spelling_), word.term, kTypoAlternatives);
        for (const TypoAlternative& a : alternatives) {
          // The fewest edits found weigh fully, more edits half (Meilisearch ranks by typos).
          out.push_back({a.term, a.edits == alternatives[0].edits ? 1.0 : 0.5});
        }
        return out;
      };
      std::optional<ParsedQuery> typo_form;
      try {
        typo_form = ParseQuery(analyzer_, request.q, tolerant);
      } catch (const QueryError&) {  // over the term cap: skipped, as the most form below
      }
      if (typo_form) known_typos = typo_form->typos;
      if (!known_typos.empty() && found_anywhere(*typo_form, false)) {
        found = true;
        typos = known_typos;
        parsed = std::move(*typo_form);
      }
    }
    // The most and any forms match the misspelt words as the typo form did ("tanerie zzzqqq").
    if (!found && parsed.positive_clauses >= 3) {
      ParseOptions most_words = all_words;
      most_words.may_miss = 1;
      most_words.typos = Recorded(known_typos);
      // The all-but-one form holds about n times the terms of the query: over the term cap it
      // is skipped (the query itself parsed, so a QueryError here is only that cap).
      std::optional<ParsedQuery> most_form;
      try {
        most_form = ParseQuery(analyzer_, request.q, most_words);
      } catch (const QueryError&) {
      }
      ParsedQuery most = most_form ? std::move(*most_form) : ParsedQuery{};
      if (most_form && found_anywhere(most, false)) {
        found = true;
        mode = MatchMode::kMost;
        typos = most.typos;
        parsed = std::move(most);
      }
    }
    if (!found && parsed.positive_clauses >= 2) {
      ParseOptions any_word = all_words;
      any_word.default_op = Xapian::Query::OP_OR;
      any_word.typos = Recorded(known_typos);
      ParsedQuery any = ParseQuery(analyzer_, request.q, any_word);
      any.query = StemsOnly(any.query);  // half the posting lists: it often matches most records
      if (found_anywhere(any, false)) {
        found = true;
        mode = MatchMode::kAny;
        typos = any.typos;
        parsed = std::move(any);
      }
    }
    if (!found) {
      // No form has a record anywhere: the all-words result stands, with its facets (a selected
      // facet's counts lift its own selection, so they may still list values).
      options.rank_from = 0;
      match = matcher.Match(parsed, options);
    }
  }

  const exec::RecordTable& table = revision_->records();
  SearchResult result;
  result.query = request.q;
  result.corrected = std::move(corrected);
  result.typos = std::move(typos);
  result.total = match.total;
  result.page = request.page;
  result.size = request.size;
  result.browse = parsed.match_all;
  result.match = mode;
  result.revision = revision_;
  result.records.reserve(match.records.size());
  for (const std::uint32_t r : match.records) result.records.push_back(&table.Fields(r));
  for (std::size_t f = 0; f < std::size(schema::kFacets); ++f) {
    FacetResult facet{schema::kFacets[f].name, {}};
    for (const exec::FacetCount& c : match.facets[f]) {
      facet.values.push_back({table.ValueName(f, c.value), c.count, c.value});
    }
    result.facets.push_back(std::move(facet));
  }
  // A short set of all (or most) of the words is followed, apart, by the records with most (or
  // any) of them.
  if (searching && mode != MatchMode::kAny && request.page == 1 && request.sort == "relevance" &&
      match.total < static_cast<std::size_t>(request.size) && parsed.positive_clauses >= 2) {
    ParseOptions partial_words = all_words;
    partial_words.typos = Recorded(parsed.typos);
    PartialHits partial;
    if (mode == MatchMode::kAll && parsed.positive_clauses >= 3) {
      partial_words.may_miss = 1;
    } else {
      partial_words.default_op = Xapian::Query::OP_OR;
      partial.match = MatchMode::kAny;
    }
    std::optional<ParsedQuery> rest_form;  // skipped over the term cap, as the most form above
    try {
      rest_form = ParseQuery(analyzer_, text, partial_words);
    } catch (const QueryError&) {
    }
    ParsedQuery rest = rest_form ? std::move(*rest_form) : ParsedQuery{};
    exec::MatchResult more;
    if (rest_form) {
      // The whole all-words set is on this page (total < size), so the partial records are the
      // first of the wider form once the page's records are left out: the first `size` of it
      // hold them all. Left out here rather than by an AND_NOT of the all-words query, which
      // let all-words records through under ASan (Xapian 1.4.22 reads an uninitialised array
      // in that match: valgrind; docs/RELIABILITY.md).
      exec::MatchOptions rest_options{.selections = options.selections,
                                      .size = static_cast<Xapian::doccount>(request.size),
                                      .rank_from = 1,
                                      .facet_limit = 0,
                                      .deadline = deadline};
      more = matcher.Match(rest, rest_options);
    }
    std::vector<exec::RankedRecord> apart;
    for (const exec::RankedRecord& r : more.page) {
      const bool listed =
          std::any_of(match.page.begin(), match.page.end(),
                      [&](const exec::RankedRecord& m) { return m.record == r.record; });
      if (!listed && apart.size() + match.total < static_cast<std::size_t>(request.size)) {
        apart.push_back(r);
      }
    }
    if (!apart.empty()) {
      // PassageWords depends on the text and on these three only: equal, it is not parsed again.
      const Xapian::Query words = PassageWords(parsed, text);
      const bool same_words = rest.match_all == parsed.match_all && rest.typos == parsed.typos &&
                              rest.highlight.empty() == parsed.highlight.empty();
      const Xapian::Query rest_words = same_words ? words : PassageWords(rest, text);
      if (same_words ||
          (rest.match_all == parsed.match_all && rest_words.serialise() == words.serialise())) {
        // The same passage words (the usual case): one passage match for both sets of hits.
        const auto best = BestOf({&match.page, &apart}, words);
        result.hits = Hits(match.page, parsed, best);
        partial.hits = Hits(apart, rest, best);
      } else {
        partial.hits = Hits(apart, rest, BestOf({&apart}, rest_words));
      }
      result.partial = std::move(partial);
    }
  }
  if (result.hits.empty() && !match.page.empty()) {  // no partial hits shared the match
    result.hits = Hits(match.page, parsed,
                       parsed.match_all ? std::map<std::string, PassageInfo>{}
                                        : BestOf({&match.page}, PassageWords(parsed, text)));
  }
  // After typo tolerance the suggestion is known to find nothing (or there is none).
  if (searching && !result.corrected && result.typos.empty() &&
      (result.total < 3 || mode != MatchMode::kAll)) {
    std::string suggestion = suggestion_of_q();
    if (!suggestion.empty()) {
      // Both numbers, the query's (`total`) and the suggestion's, in the same facets: the page
      // can tell whether following the link is worth it.
      try {
        const ParsedQuery spelt = ParseQuery(analyzer_, suggestion, all_words);
        exec::MatchOptions count_only{.selections = options.selections,
                                      .rank_from = static_cast<std::size_t>(-1),
                                      .deadline = deadline};
        result.suggestion_total = matcher.Match(spelt, count_only).total;
      } catch (const QueryError&) {  // over the term cap: offered without its count
      }
      result.suggestion = std::move(suggestion);
    }
  }
  result.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return result;
}

std::function<bool(const std::string&)> Searcher::Indexed() const {
  // The revision's term frequencies: one Xapian look-up per term and revision.
  return [this](const std::string& term) { return revision_->TermFreq(db_, term) > 0; };
}

Xapian::Query Searcher::PassageWords(const ParsedQuery& parsed, const std::string& text) {
  // Hits show their best passage: the one matching most of the query's words. Passages have no
  // positions (schema.h), so a phrase counts there as its words, weighed as Xapian weighs the
  // phrase (the AND of its terms).
  if (parsed.match_all || parsed.highlight.empty()) return {};
  const PhraseBuilder as_words = [](const std::vector<std::string>& terms) {
    return Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end());
  };
  return ParseQuery(analyzer_, text,
                    {.default_op = Xapian::Query::OP_OR,
                     .fields = &FacetFields(),
                     .phrase = as_words,
                     .typos = Recorded(parsed.typos),
                     .indexed = Indexed()})
      .query;
}

std::map<std::string, PassageInfo> Searcher::BestOf(
    const std::vector<const std::vector<exec::RankedRecord>*>& pages, const Xapian::Query& words) {
  const exec::RecordTable& table = revision_->records();
  std::vector<std::string> ids;
  std::vector<const std::vector<Xapian::docid>*> passages;  // kept per revision (local only)
  for (const std::vector<exec::RankedRecord>* page : pages) {
    for (const exec::RankedRecord& r : *page) {
      ids.push_back(table.Id(r.record));
      if (!remote_) {
        passages.push_back(&revision_->passage_docids().Get(
            r.record, [&] { return PassageDocids(db_, table.Id(r.record)); }));
      }
    }
  }
  BestPassageOptions options{.remote = remote_, .passages = remote_ ? nullptr : &passages};
  if (!remote_) {
    options.passage_value = [this](Xapian::docid did) { return revision_->PassageValue(db_, did); };
  }
  return BestPassages(db_, ids, words, options);
}

std::vector<SearchHit> Searcher::Hits(const std::vector<exec::RankedRecord>& page,
                                      const ParsedQuery& parsed,
                                      const std::map<std::string, PassageInfo>& best) {
  const exec::RecordTable& table = revision_->records();
  std::vector<SearchHit> hits;
  for (const exec::RankedRecord& r : page) {
    SearchHit hit;
    hit.record = &table.Fields(r.record);
    if (parsed.match_all) {
      AppendEscapedHtml(hit.snippet, hit.record->summary);
    } else {
      PassageInfo p;
      if (auto b = best.find(table.Id(r.record)); b != best.end()) p = b->second;
      hit.snippet = PassageSnippet(analyzer_, p, parsed.highlight);
      hit.passage = HitPassage{std::move(p.id), std::move(p.heading), p.page};
      hit.score = r.percent / 100.0;
    }
    hits.push_back(std::move(hit));
  }
  return hits;
}

std::string_view MatchModeName(MatchMode mode) {
  switch (mode) {
    case MatchMode::kMost:
      return "most";
    case MatchMode::kAny:
      return "any";
    case MatchMode::kAll:
      break;
  }
  return "all";
}

}  // namespace coop
