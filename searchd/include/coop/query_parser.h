// The query language of /api/search, parsed with the same Analyzer as the index.
//
//   words           all required (AND), matched on stems ("equipement" finds "Équipements")
//   "a phrase"      exact word sequence (folded, unstemmed)
//   -word -"phrase" exclusion
//   a OR b          either; binds tighter than the implicit AND
//   ( ... )         grouping
//   prefix*         words starting with the folded prefix
// Stopwords are dropped from free words when the query has other words.
#ifndef COOP_QUERY_PARSER_H_
#define COOP_QUERY_PARSER_H_

#include <xapian.h>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

#include "coop/analyzer.h"
#include "coop/highlighter.h"

namespace coop {

/// A user error in a query; what() is a message fit to show the user (English).
class QueryError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// Longest accepted query, in bytes of UTF-8.
inline constexpr std::size_t kMaxQueryBytes = 1000;

/// A parsed query. `match_all` is true for an empty (or all-punctuation) query: browse mode.
struct ParsedQuery {
  Xapian::Query query;
  HighlightSpec highlight;
  bool match_all = false;
  std::size_t positive_clauses = 0;  ///< Top-level required clauses (for the relaxed retry).
};

/// Parses `text`. `default_op` joins juxtaposed clauses: Xapian::Query::OP_AND normally,
/// OP_OR for the relaxed "any word" retry. Throws QueryError on invalid UTF-8, a query over
/// kMaxQueryBytes, unbalanced quotes or parentheses, or a dangling OR. Not thread-safe with
/// `analyzer`.
ParsedQuery ParseQuery(Analyzer& analyzer, std::string_view text,
                       Xapian::Query::op default_op = Xapian::Query::OP_AND);

}  // namespace coop

#endif  // COOP_QUERY_PARSER_H_
