// The query language of /api/search, parsed with the same Analyzer as the index.
//
//   words           all required (AND), matched on stems ("equipement" finds "Équipements")
//   "a phrase"      exact word sequence (folded, unstemmed)
//   -word -"phrase" exclusion
//   a OR b          either; binds tighter than the implicit AND
//   ( ... )         grouping
//   prefix*         words starting with the folded prefix
//   field:value     boolean filter (no weight) on a facet, e.g. city:Agadir, region:"Souss Massa",
//                   for the fields passed in FieldPrefixes; other "x:y" are ordinary words
// Stopwords, and French question words ("quelles", "comment"), are dropped from free words when
// the query has other words. Two adjacent free words also weigh where a record has them side
// by side (ParsedQuery::boost: ranking only).
// Consecutive free words are analysed together, like indexed text, so numbers written with
// spaces ("2 032 800") and split words ("Es pagne") give the indexed term. Hyphenated words match
// the whole compound term or its parts as a phrase ("Aix-en-Provence", "2017-2021"). Words or
// phrases equal to one alternative of a synonym group (analyzers/data/variants.txt: "GIZ",
// "Junta Andalucia") match any alternative, each as a phrase. A free word of a word family
// ("family:" lines there: "apiculture" finds "apiculteurs" and "apicoles") matches any word of
// the family, counted as one term.
#ifndef COOP_QUERY_PARSER_H_
#define COOP_QUERY_PARSER_H_

#include <xapian.h>

#include <cstddef>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "coop/analyzer.h"
#include "coop/highlighter.h"
#include "coop/index_metadata.h"  // PlaceName
#include "coop/search_result.h"   // TypoMatch

namespace coop {

/// A user error in a query; what() is a message fit to show the user (English).
class QueryError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// Longest accepted query, in bytes of UTF-8.
inline constexpr std::size_t kMaxQueryBytes = 1000;
/// Terms a `prefix*` expands to at most: its most frequent ones (Xapian's
/// WILDCARD_LIMIT_MOST_FREQUENT), so a common prefix still answers, with its frequent words.
inline constexpr Xapian::termcount kMaxWildcardExpansion = 100;
/// Most terms a parsed query may hold, each `prefix*` counted as kMaxWildcardExpansion: bounds
/// the posting lists one search reads (333 x "a*" held 66,600 terms, took 4.4 s and 50 MB of
/// RSS each; issue 21, docs/RELIABILITY.md).
inline constexpr std::size_t kMaxQueryTerms = 400;

/// A parsed query. `match_all` is true for an empty (or all-punctuation) query: browse mode.
struct ParsedQuery {
  Xapian::Query query;
  HighlightSpec highlight;
  bool match_all = false;
  std::size_t positive_clauses = 0;  ///< Top-level required word clauses (for the "most" and
                                     ///< "any" fallbacks); filters are not counted.
  std::vector<TypoMatch> typos;      ///< Words matched by their typo alternatives.
  /// Weight added to the matches of `query` that it matches (OP_AND_MAYBE), never a condition:
  /// two query words side by side in a record (proximity). Empty if none.
  Xapian::Query boost;
  /// With ParseOptions::may_miss: `query`'s weight without its condition, the OR of the word
  /// clauses (`query` = that OR filtered by the OR of the n ANDs that each leave one clause out,
  /// and by any filter fields and negated clauses, none of which adds weight). A matcher that
  /// already knows `query`'s matches may rank `scoring` filtered by them: the same weights,
  /// without Xapian evaluating the n ANDs again. Empty otherwise.
  Xapian::Query scoring;
};

/// Filter fields of the query language: field name (ASCII, matched case-insensitively) -> boolean
/// term prefix of the index schema, e.g. {{"city", "XCI"}, {"region", "XRG"}, {"year", "XYE"}}.
using FieldPrefixes = std::map<std::string, std::string, std::less<>>;

/// Builds the query of an exact phrase from its terms (2 or more, in order); see PhraseSets.
using PhraseBuilder = std::function<Xapian::Query(const std::vector<std::string>& terms)>;

/// An index word a query word may be a misspelling of, and the weight factor of its match.
struct TypoTerm {
  std::string term;   ///< Folded word as indexed.
  double weight = 1;  ///< Multiplies the word's weight: fewer edits weigh more.
};

/// The typo alternatives of a query word (its token: folded term and stem; empty: the word
/// stands as typed).
using TypoExpander = std::function<std::vector<TypoTerm>(const Token& word)>;

/// Place names a query may spell out (ParseOptions::places), with the names listed by their
/// first word: a query word is compared with the names it may begin, not with every name (the
/// scan of every region name per query word was 5% of a question's instructions at x1,
/// docs/bench/profile.md, session 16). Immutable after construction: thread-safe.
class PlaceNames {
 public:
  PlaceNames() = default;
  /// Takes `names` (searchd: the region names the index stores, coop/index_metadata.h).
  explicit PlaceNames(std::vector<PlaceName> names) : names_(std::move(names)) {
    for (std::size_t i = 0; i < names_.size(); ++i) {
      if (!names_[i].terms.empty()) by_first_[names_[i].terms[0]].push_back(i);
    }
  }
  /// Every name, in the order given.
  const std::vector<PlaceName>& all() const { return names_; }
  /// The positions in all() of the names whose first word is `word`, ascending; null if none.
  const std::vector<std::size_t>* Starting(const std::string& word) const {
    const auto it = by_first_.find(word);
    return it == by_first_.end() ? nullptr : &it->second;
  }

 private:
  std::vector<PlaceName> names_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_first_;
};

/// How ParseQuery builds its query. Pointers must outlive the call.
struct ParseOptions {
  /// Joins juxtaposed clauses: OP_AND normally, OP_OR for the "any word" fallback (filters
  /// stay required either way).
  Xapian::Query::op default_op = Xapian::Query::OP_AND;
  /// With OP_AND: how many of the top-level word clauses a record may lack when there are at
  /// least three (Elasticsearch's minimum_should_match "-1" for 1): the "most words" fallback
  /// matches OR(clauses) filtered by the OR of every AND that leaves `may_miss` of them out.
  /// 0: all are required. Only 0 and 1 are supported (QueryError otherwise).
  std::size_t may_miss = 0;
  /// Filter fields: `city:Agadir` becomes the term prefix + analyzer.Fold("Agadir"), a boolean
  /// filter (OP_FILTER semantics: no weight) combined with AND/OR/-/() like any clause. None if
  /// null: "x:y" is then a phrase of ordinary words.
  const FieldPrefixes* fields = nullptr;
  /// Builds the phrases of two or more terms (exec::RecordMatcher::Phrases); if empty, they are
  /// OP_PHRASE with a window of their length.
  PhraseBuilder phrase;
  /// Place names whose spelling in the free words (not under "-") also matches the records
  /// tagged with the place, without weight: "région de l'Oriental" finds the partnerships of
  /// Oujda or Figuig that never write "Oriental", after those that do. searchd passes the region
  /// names the index stores (coop/index_metadata.h). None if null.
  const PlaceNames* places = nullptr;
  /// Typo tolerance: a free word (not a stopword, number, compound, prefix or phrase word, not
  /// under "-") for which this returns alternatives matches any of them, each as a word (stem
  /// and exact form) scaled by its weight, instead of itself; ParsedQuery::typos lists them.
  /// None if empty.
  TypoExpander typos;
  /// The proximity boosts (ParsedQuery::boost) match a run of content words in either number
  /// (query::NumberForms): for a query respelt by the spelling suggestion or typo tolerance,
  /// whose words' number the speller chose ("equipemens publiks" -> "equipement publics",
  /// where the records write "équipements publics"). A query as typed keeps the number typed:
  /// in either number, "société civile" lifted records about "sociétés civiles" above those
  /// judged relevant.
  bool runs_in_either_number = false;
  /// Whether some document of the index has `term`, if set: the terms it says no document has
  /// are left out where they could only add weight (a word's exact forms in either number, the
  /// members of its stem family, the proximity boosts' shingles and exact runs), so Xapian does
  /// not look them up at every match. The matches and their weights are the same; Xapian's
  /// percentages, which count the query's terms, may rise. None if empty (every term is kept).
  std::function<bool(const std::string& term)> indexed;
};

/// Parses `text` as `options` say. Throws QueryError on invalid UTF-8, a query over
/// kMaxQueryBytes or kMaxQueryTerms, unbalanced quotes or parentheses, or a dangling OR. Not
/// thread-safe with `analyzer`.
ParsedQuery ParseQuery(Analyzer& analyzer, std::string_view text, const ParseOptions& options = {});

}  // namespace coop

#endif  // COOP_QUERY_PARSER_H_
