#include "query_lexer.h"

#include "coop/utf8.h"

namespace coop::query {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsFieldChar(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

// Reads `"..."` at q[i]; returns its content and moves i past the closing quote.
std::string Quoted(std::string_view q, std::size_t& i) {
  const std::size_t close = q.find('"', i + 1);
  if (close == std::string_view::npos) throw QueryError("unbalanced quote in query");
  std::string content(q.substr(i + 1, close - i - 1));
  i = close + 1;
  return content;
}

// The prefix of a known filter field "name:" at q[i], or nullptr (then it is an ordinary word).
const std::string* FieldAt(std::string_view q, std::size_t i, const FieldPrefixes& fields) {
  std::size_t k = i;
  while (k < q.size() && IsFieldChar(q[k])) ++k;
  if (k == i || k + 1 >= q.size() || q[k] != ':' || IsSpace(q[k + 1])) return nullptr;
  std::string name(q.substr(i, k - i));
  for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  const auto it = fields.find(name);
  return it == fields.end() ? nullptr : &it->second;
}

}  // namespace

void CheckUtf8(std::string_view text) {
  if (!IsValidUtf8(text)) throw QueryError("query is not valid UTF-8");
}

std::vector<Lexeme> Lex(std::string_view q, const FieldPrefixes& fields) {
  std::vector<Lexeme> out;
  std::size_t i = 0;
  while (i < q.size()) {
    if (IsSpace(q[i])) {
      ++i;
      continue;
    }
    if (q[i] == '(' || q[i] == ')') {
      out.push_back(
          {q[i] == '(' ? LexemeType::kOpen : LexemeType::kClose, "", false, i, i + 1, ""});
      ++i;
      continue;
    }
    bool negated = false;
    if (q[i] == '-' && i + 1 < q.size() && !IsSpace(q[i + 1])) {
      negated = true;
      ++i;
    }
    if (q[i] == '"') {
      const std::size_t begin = i;
      std::string content = Quoted(q, i);
      out.push_back({LexemeType::kPhrase, std::move(content), negated, begin, i, ""});
      continue;
    }
    if (const std::string* prefix = FieldAt(q, i, fields)) {
      i = q.find(':', i) + 1;
      const std::size_t begin = i;
      std::string value;
      if (q[i] == '"') {
        value = Quoted(q, i);
      } else {
        while (i < q.size() && !IsSpace(q[i]) && q[i] != '(' && q[i] != ')') ++i;
        value = std::string(q.substr(begin, i - begin));
      }
      out.push_back({LexemeType::kField, std::move(value), negated, begin, i, *prefix});
      continue;
    }
    const std::size_t begin = i;
    while (i < q.size() && !IsSpace(q[i]) && q[i] != '(' && q[i] != ')' && q[i] != '"') ++i;
    std::string word(q.substr(begin, i - begin));
    if (word.empty()) continue;  // a lone '-' before '(' or a quote
    out.push_back({!negated && word == "OR" ? LexemeType::kOr : LexemeType::kWord, word, negated,
                   begin, i, ""});
  }
  return out;
}

}  // namespace coop::query
