#include "coop/query_parser.h"

#include <unicode/utf8.h>

#include <vector>

#include "coop/schema.h"

namespace coop {
namespace {

enum class Kind { kWord, kPhrase, kOr, kOpen, kClose };

struct Lexeme {
  Kind kind;
  std::string text;
  bool negated = false;
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

void CheckUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) throw QueryError("query is not valid UTF-8");
  }
}

std::vector<Lexeme> Lex(std::string_view q) {
  std::vector<Lexeme> out;
  std::size_t i = 0;
  while (i < q.size()) {
    if (IsSpace(q[i])) {
      ++i;
      continue;
    }
    if (q[i] == '(' || q[i] == ')') {
      out.push_back({q[i] == '(' ? Kind::kOpen : Kind::kClose, "", false});
      ++i;
      continue;
    }
    bool negated = false;
    if (q[i] == '-' && i + 1 < q.size() && !IsSpace(q[i + 1])) {
      negated = true;
      ++i;
    }
    if (q[i] == '"') {
      const std::size_t close = q.find('"', i + 1);
      if (close == std::string_view::npos) throw QueryError("unbalanced quote in query");
      out.push_back({Kind::kPhrase, std::string(q.substr(i + 1, close - i - 1)), negated});
      i = close + 1;
      continue;
    }
    std::size_t end = i;
    while (end < q.size() && !IsSpace(q[end]) && q[end] != '(' && q[end] != ')' && q[end] != '"') {
      ++end;
    }
    std::string word(q.substr(i, end - i));
    i = end;
    if (word.empty()) continue;  // a lone '-' before '(' or a quote
    out.push_back({!negated && word == "OR" ? Kind::kOr : Kind::kWord, word, negated});
  }
  return out;
}

struct Clause {
  Xapian::Query query;
  bool stopword = false;  // a free word that is a stopword: dropped if other clauses exist
  bool empty = true;
};

class Parser {
 public:
  Parser(Analyzer& analyzer, std::vector<Lexeme> lexemes, Xapian::Query::op op,
         HighlightSpec& highlight)
      : analyzer_(analyzer), lex_(std::move(lexemes)), op_(op), highlight_(highlight) {}

  Clause ParseAll(std::size_t& positive_clauses) {
    Clause c = ParseAnd(positive_clauses);
    if (pos_ < lex_.size()) throw QueryError("unbalanced parenthesis in query");
    return c;
  }

 private:
  // and_expr := or_expr+ ; exclusions are collected and subtracted.
  Clause ParseAnd(std::size_t& positive_clauses) {
    std::vector<Clause> positives, negatives;
    while (pos_ < lex_.size() && lex_[pos_].kind != Kind::kClose) {
      const bool negated = lex_[pos_].negated;
      Clause c = ParseOr(negated);
      if (c.empty) continue;
      (negated ? negatives : positives).push_back(std::move(c));
    }
    bool has_content = false;
    for (const Clause& c : positives) has_content |= !c.stopword;
    std::vector<Xapian::Query> kept;
    for (const Clause& c : positives) {
      if (!has_content || !c.stopword) kept.push_back(c.query);
    }
    positive_clauses = kept.size();
    Clause out;
    if (kept.empty() && negatives.empty()) return out;
    out.empty = false;
    out.query = kept.empty() ? Xapian::Query::MatchAll : Xapian::Query(op_, kept.begin(), kept.end());
    if (!negatives.empty()) {
      std::vector<Xapian::Query> neg;
      for (const Clause& c : negatives) neg.push_back(c.query);
      out.query = Xapian::Query(Xapian::Query::OP_AND_NOT, out.query,
                                Xapian::Query(Xapian::Query::OP_OR, neg.begin(), neg.end()));
    }
    return out;
  }

  // or_expr := primary ("OR" primary)*
  Clause ParseOr(bool negated) {
    Clause left = ParsePrimary(negated);
    while (pos_ < lex_.size() && lex_[pos_].kind == Kind::kOr) {
      ++pos_;
      if (pos_ >= lex_.size() || lex_[pos_].kind == Kind::kClose || lex_[pos_].kind == Kind::kOr) {
        throw QueryError("OR needs a term on each side");
      }
      Clause right = ParsePrimary(negated);
      if (left.empty) {
        left = std::move(right);
      } else if (!right.empty) {
        left.query = Xapian::Query(Xapian::Query::OP_OR, left.query, right.query);
        left.stopword = left.stopword && right.stopword;
      }
    }
    return left;
  }

  Clause ParsePrimary(bool negated) {
    const Lexeme& lx = lex_[pos_++];
    switch (lx.kind) {
      case Kind::kOpen: {
        std::size_t unused = 0;
        Clause inner = ParseAnd(unused);
        if (pos_ >= lex_.size() || lex_[pos_].kind != Kind::kClose) {
          throw QueryError("unbalanced parenthesis in query");
        }
        ++pos_;
        return inner;
      }
      case Kind::kClose: throw QueryError("unbalanced parenthesis in query");
      case Kind::kOr: throw QueryError("OR needs a term on each side");
      case Kind::kPhrase: return Phrase(lx.text, negated);
      case Kind::kWord: break;
    }
    return Word(lx.text, negated);
  }

  Clause Phrase(const std::string& text, bool negated) {
    Clause c;
    std::vector<Xapian::Query> terms;
    for (const Token& t : analyzer_.Analyze(text)) {
      terms.emplace_back(t.term);
      // Marking every "et"/"de" of a snippet helps nobody; the phrase's content words suffice.
      if (!negated && !t.stopword) highlight_.terms.insert(t.term);
    }
    if (terms.empty()) return c;
    c.empty = false;
    c.query = terms.size() == 1 ? terms[0]
                                : Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                                                static_cast<Xapian::termcount>(terms.size()));
    return c;
  }

  Clause Word(std::string text, bool negated) {
    const bool prefix = text.size() > 1 && text.back() == '*';
    if (prefix) text.pop_back();
    std::vector<Token> tokens = analyzer_.Analyze(text);
    Clause c;
    if (tokens.empty()) return c;
    c.empty = false;
    if (tokens.size() > 1) {  // "Aix-en-Provence", "2017-2021": the parts as a phrase
      std::string joined;
      for (const Token& t : tokens) joined += (joined.empty() ? "" : " ") + t.term;
      return Phrase(joined, negated);
    }
    const Token& t = tokens[0];
    if (prefix) {
      c.query = Xapian::Query(Xapian::Query::OP_WILDCARD, t.term, 200,
                              Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
      if (!negated) highlight_.prefixes.push_back(t.term);
      return c;
    }
    c.stopword = t.stopword;
    if (t.stem.empty()) {
      c.query = Xapian::Query(t.term);
    } else {
      c.query = Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(t.term),
                              Xapian::Query(schema::Term(schema::kStem, t.stem)));
      if (!negated) highlight_.stems.insert(t.stem);
    }
    if (!negated && !t.stopword) highlight_.terms.insert(t.term);
    return c;
  }

  Analyzer& analyzer_;
  std::vector<Lexeme> lex_;
  std::size_t pos_ = 0;
  Xapian::Query::op op_;
  HighlightSpec& highlight_;
};

}  // namespace

ParsedQuery ParseQuery(Analyzer& analyzer, std::string_view text, Xapian::Query::op default_op) {
  if (text.size() > kMaxQueryBytes) {
    throw QueryError("query too long: " + std::to_string(text.size()) + " bytes, at most " +
                     std::to_string(kMaxQueryBytes) + " allowed");
  }
  CheckUtf8(text);
  ParsedQuery out;
  Parser parser(analyzer, Lex(text), default_op, out.highlight);
  Clause c = parser.ParseAll(out.positive_clauses);
  out.match_all = c.empty;
  if (!c.empty) out.query = c.query;
  return out;
}

}  // namespace coop
