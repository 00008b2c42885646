// The lexer of the query language (coop/query_parser.h): words, "phrases", field:value
// filters, OR and parentheses, each possibly under "-".
#ifndef COOP_SEARCHD_QUERY_LEXER_H_
#define COOP_SEARCHD_QUERY_LEXER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "coop/query_parser.h"  // FieldPrefixes, QueryError

namespace coop::query {

/// What a lexeme is.
enum class LexemeType { kWord, kPhrase, kField, kOr, kOpen, kClose };

/// One lexeme of a query.
struct Lexeme {
  LexemeType type;
  std::string text;       ///< Word, phrase content or field value, as typed.
  bool negated = false;   ///< Under "-".
  std::size_t begin = 0;  ///< Byte span of the lexeme in the query.
  std::size_t end = 0;
  std::string prefix;  ///< kField: the term prefix of the field.
};

/// The lexemes of `q`, in order. A "name:" of `fields` (case-insensitive) starts a field
/// lexeme; other "x:y" are words. "OR" (upper case, not negated) is kOr. Throws QueryError on
/// an unbalanced quote. Thread-safe.
std::vector<Lexeme> Lex(std::string_view q, const FieldPrefixes& fields);

/// Throws QueryError("query is not valid UTF-8") unless `text` is valid UTF-8.
void CheckUtf8(std::string_view text);

}  // namespace coop::query

#endif  // COOP_SEARCHD_QUERY_LEXER_H_
