// The parameters of a search and their validation: the one place that decides whether a search
// request is well-formed (the HTTP handler parses URL parameters with it, and the Searcher
// validates every request it is given with it). Whether a facet value exists is the index's
// to say, so the Searcher checks that.
#ifndef COOP_SEARCH_REQUEST_H_
#define COOP_SEARCH_REQUEST_H_

#include <map>
#include <set>
#include <string>
#include <vector>

namespace coop {

/// Parameters of one search. `page` is 1-based; `size` is hits per page.
struct SearchRequest {
  std::string q;
  int page = 1;
  int size = 10;
  /// Facet selections by facet name (schema::kFacets): OR within a facet, AND across facets;
  /// "role" with "actor" selects the actors in those roles (schema::kActorRole terms).
  std::map<std::string, std::vector<std::string>> filters;
  std::string sort = "relevance";  ///< "relevance" or "date" (latest year first).
  /// Whether a query that finds no record may run as its spelling suggestion, or else with typo
  /// tolerance, instead (URL `correct=0` turns both off: the page's "rechercher plutôt" link).
  bool correct = true;
  /// Inclusive range of years (URL `year_from`, `year_to`; 0 = open end): a record is kept if
  /// one of its years is in the range, within any `year` selection (the timeline of issue 18).
  int year_from = 0;
  int year_to = 0;
};

/// Largest accepted `size` and `page` (deep paging beyond this is refused).
inline constexpr int kMaxPageSize = 100;
inline constexpr int kMaxPage = 1000;
/// Longest accepted facet value, in bytes.
inline constexpr std::size_t kMaxFilterBytes = 200;
/// Accepted bounds of `year_from` and `year_to`.
inline constexpr int kMinYear = 1900;
inline constexpr int kMaxYear = 2100;

/// Throws QueryError (coop/query_parser.h) with a message fit for the user if `request` has a
/// page or size out of range, another sort, an unknown facet name, an empty or overlong facet
/// value, a role other than partner, funder, operator, network, or a year bound outside
/// kMinYear..kMaxYear or year_from after year_to. The query text itself is checked
/// by ParseQuery. Thread-safe.
void ValidateSearchRequest(const SearchRequest& request);

/// The URL parameter names of /api/search: q, page, size, sort, correct, year_from, year_to and
/// the facet names.
const std::set<std::string>& SearchParameterNames();

/// The request of decoded URL parameters (name -> values in order), validated. Throws
/// QueryError for an unknown parameter, a non-repeatable one given twice, a non-integer page or
/// size, and whatever ValidateSearchRequest refuses. Thread-safe.
SearchRequest ParseSearchParameters(const std::map<std::string, std::vector<std::string>>& params);

}  // namespace coop

#endif  // COOP_SEARCH_REQUEST_H_
