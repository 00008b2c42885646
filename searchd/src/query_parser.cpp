#include "coop/query_parser.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "coop/schema.h"
#include "query_lexer.h"
#include "query_words.h"

namespace coop {
namespace {

using query::AdjacencyBoosts;
using query::CheckUtf8;
using query::GroupOf;
using query::IsQuestionWord;
using query::Lex;
using query::Lexeme;
using query::LexemeType;
using query::MatchPlace;
using query::MatchSynonym;
using query::NumberForms;
using query::Segment;
using query::Segments;

// Weight of a word's exact form (either number) on top of its stem; see WordQuery.
constexpr double kExactFormWeight = 0.25;
// Weight of a word's own stem on top of its family's (StemQuery): the family finds
// "formation" for "formateur", the own stem ranks the records of "formateur(s)" first. On the
// 88 queries of bench/queries, nDCG@10: morphology 0.91 without, 0.92 from 0.5 to 2 (the
// "formateur(s)" queries 0.75 -> 0.95), all 0.90 -> 0.91.
constexpr double kOwnStemWeight = 0.5;

Xapian::Query Unweighted(const Xapian::Query& q) {
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0.0);
}

struct Clause {
  Xapian::Query query;
  bool stopword = false;  // a free word that is a stopword: dropped if other clauses exist
  bool filter = false;    // only boolean filter terms: required, never weighted
  bool empty = true;
};

Clause Make(Xapian::Query q, bool stopword = false) {
  Clause c;
  c.query = std::move(q);
  c.stopword = stopword;
  c.empty = false;
  return c;
}

class Parser {
 public:
  Parser(Analyzer& analyzer, std::string_view query, std::vector<Lexeme> lexemes,
         const ParseOptions& options, ParsedQuery& out)
      : analyzer_(analyzer),
        q_(query),
        lex_(std::move(lexemes)),
        op_(options.default_op),
        highlight_(out.highlight),
        typo_matches_(out.typos),
        phrase_(options.phrase),
        places_(options.places),
        typos_(options.typos),
        indexed_(options.indexed),
        may_miss_(options.may_miss),
        either_number_(options.runs_in_either_number) {}

  Clause ParseAll(std::size_t& positive_clauses) {
    Clause c = ParseAnd(positive_clauses);
    if (pos_ < lex_.size()) throw QueryError("unbalanced parenthesis in query");
    if (c.filter) c.query = Unweighted(c.query);  // filters only: every match weighs 0
    return c;
  }

  // The OR of the proximity boosts of the query's word runs (AdjacencyBoosts); empty if none.
  Xapian::Query Scoring() const { return scoring_; }

  Xapian::Query Boost() const {
    if (boosts_.empty()) return Xapian::Query();
    return Xapian::Query(Xapian::Query::OP_OR, boosts_.begin(), boosts_.end());
  }

 private:
  bool Plain(std::size_t k) const {
    const Lexeme& lx = lex_[k];
    return lx.type == LexemeType::kWord && !lx.negated &&
           !(lx.text.size() > 1 && lx.text.back() == '*');
  }

  // and_expr := (word_run | or_expr)+ ; exclusions are collected and subtracted, filters applied.
  Clause ParseAnd(std::size_t& positive_clauses) {
    std::vector<Clause> positives, negatives;
    while (pos_ < lex_.size() && lex_[pos_].type != LexemeType::kClose) {
      // Consecutive free words are analysed as one text (numbers, repair, synonyms); the last
      // one before an OR belongs to the OR.
      std::size_t k = pos_;
      while (k < lex_.size() && Plain(k)) ++k;
      if (k < lex_.size() && lex_[k].type == LexemeType::kOr && k > pos_) --k;
      if (k - pos_ >= 2) {
        const std::size_t begin = lex_[pos_].begin;
        for (Clause& c : Words(q_.substr(begin, lex_[k - 1].end - begin), {.run = true})) {
          positives.push_back(std::move(c));
        }
        pos_ = k;
        continue;
      }
      const bool negated = lex_[pos_].negated;
      Clause c = ParseOr(negated);
      if (c.empty) continue;
      (negated ? negatives : positives).push_back(std::move(c));
    }
    return Combine(positives, negatives, positive_clauses);
  }

  Clause Combine(const std::vector<Clause>& positives, const std::vector<Clause>& negatives,
                 std::size_t& positive_clauses) const {
    bool has_content = false;
    for (const Clause& c : positives) has_content |= !c.stopword && !c.filter;
    std::vector<Xapian::Query> kept, filters;
    for (const Clause& c : positives) {
      if (c.filter) {
        filters.push_back(c.query);
      } else if (!has_content || !c.stopword) {
        kept.push_back(c.query);
      }
    }
    positive_clauses = kept.size();
    Clause out;
    if (kept.empty() && filters.empty() && negatives.empty()) return out;
    out.empty = false;
    const Xapian::Query filter(Xapian::Query::OP_AND, filters.begin(), filters.end());
    if (!kept.empty()) {
      const bool all_but_one = depth_ == 0 && may_miss_ == 1 && kept.size() >= 3;
      out.query = all_but_one ? AllButOne(kept) : Xapian::Query(op_, kept.begin(), kept.end());
      if (all_but_one) scoring_ = Xapian::Query(Xapian::Query::OP_OR, kept.begin(), kept.end());
      if (!filters.empty()) out.query = Xapian::Query(Xapian::Query::OP_FILTER, out.query, filter);
    } else if (!filters.empty()) {
      out.filter = negatives.empty();  // stays a filter: weighted to 0 where it is used
      out.query = out.filter ? filter : Unweighted(filter);
    } else {
      out.query =
          Xapian::Query(std::string());  // not the shared static MatchAll: see record_matcher.cpp
    }
    if (!negatives.empty()) {
      std::vector<Xapian::Query> neg;
      for (const Clause& c : negatives) neg.push_back(c.query);
      out.query = Xapian::Query(Xapian::Query::OP_AND_NOT, out.query,
                                Xapian::Query(Xapian::Query::OP_OR, neg.begin(), neg.end()));
    }
    return out;
  }

  // Records with all of `clauses` but at most one, weighed by the clauses they have: OR for the
  // weight, filtered by the OR of the n ANDs that each leave one clause out.
  // A word typed twice ("communes ... communes") is one clause of the filter.
  static Xapian::Query AllButOne(const std::vector<Xapian::Query>& clauses) {
    std::vector<Xapian::Query> distinct;
    std::vector<std::string> seen;
    for (const Xapian::Query& c : clauses) {
      std::string d = c.get_description();
      if (std::find(seen.begin(), seen.end(), d) != seen.end()) continue;
      seen.push_back(std::move(d));
      distinct.push_back(c);
    }
    if (distinct.size() < 2) return distinct[0];
    std::vector<Xapian::Query> ands;
    for (std::size_t skip = 0; skip < distinct.size(); ++skip) {
      std::vector<Xapian::Query> rest;
      for (std::size_t k = 0; k < distinct.size(); ++k) {
        if (k != skip) rest.push_back(distinct[k]);
      }
      ands.emplace_back(Xapian::Query::OP_AND, rest.begin(), rest.end());
    }
    return Xapian::Query(Xapian::Query::OP_FILTER,
                         Xapian::Query(Xapian::Query::OP_OR, clauses.begin(), clauses.end()),
                         Xapian::Query(Xapian::Query::OP_OR, ands.begin(), ands.end()));
  }

  // or_expr := primary ("OR" primary)*
  Clause ParseOr(bool negated) {
    Clause left = ParsePrimary(negated);
    while (pos_ < lex_.size() && lex_[pos_].type == LexemeType::kOr) {
      ++pos_;
      if (pos_ >= lex_.size() || lex_[pos_].type == LexemeType::kClose ||
          lex_[pos_].type == LexemeType::kOr) {
        throw QueryError("OR needs a term on each side");
      }
      Clause right = ParsePrimary(negated);
      if (left.empty) {
        left = std::move(right);
      } else if (!right.empty) {
        if (left.filter != right.filter) {  // "city:Agadir OR eau": the filter adds no weight
          (left.filter ? left : right).query = Unweighted((left.filter ? left : right).query);
        }
        left.query = Xapian::Query(Xapian::Query::OP_OR, left.query, right.query);
        left.stopword = left.stopword && right.stopword;
        left.filter = left.filter && right.filter;
      }
    }
    return left;
  }

  Clause ParsePrimary(bool negated) {
    const Lexeme& lx = lex_[pos_++];
    switch (lx.type) {
      case LexemeType::kOpen: {
        std::size_t unused = 0;
        ++depth_;
        Clause inner = ParseAnd(unused);
        --depth_;
        if (pos_ >= lex_.size() || lex_[pos_].type != LexemeType::kClose) {
          throw QueryError("unbalanced parenthesis in query");
        }
        ++pos_;
        return inner;
      }
      case LexemeType::kClose:
        throw QueryError("unbalanced parenthesis in query");
      case LexemeType::kOr:
        throw QueryError("OR needs a term on each side");
      case LexemeType::kPhrase:
        return Phrase(lx.text, negated);
      case LexemeType::kField:
        return Field(lx);
      case LexemeType::kWord:
        break;
    }
    return Word(lx.text, negated);
  }

  Clause Field(const Lexeme& lx) const {
    const std::string value = analyzer_.Fold(lx.text);
    if (value.empty()) return Clause();
    Clause c = Make(Xapian::Query(schema::Term(lx.prefix, value)));
    c.filter = true;
    return c;
  }

  Clause Phrase(const std::string& text, bool negated) {
    std::vector<std::string> terms;
    for (const Token& t : analyzer_.Analyze(text)) {
      if (t.compound) continue;  // its parts carry the positions
      terms.push_back(t.term);
      // Marking every "et"/"de" of a snippet helps nobody; the phrase's content words suffice.
      if (!negated && !t.stopword) highlight_.terms.insert(t.term);
    }
    if (terms.empty()) return Clause();
    const SynonymGroup* group = GroupOf(analyzer_, terms);
    return Make(group ? Synonyms(*group, PhraseOf(terms), negated, terms) : PhraseOf(terms));
  }

  Clause Word(std::string text, bool negated) {
    const bool prefix = text.size() > 1 && text.back() == '*';
    if (!prefix) {
      std::vector<Clause> clauses = Words(text, {.negated = negated});
      return clauses.empty() ? Clause() : std::move(clauses[0]);
    }
    text.pop_back();
    std::vector<Token> tokens = analyzer_.Analyze(text);
    if (tokens.empty()) return Clause();
    if (tokens.size() > 1) return Phrase(text, negated);
    if (!negated) highlight_.prefixes.push_back(tokens[0].term);
    return Make(Xapian::Query(Xapian::Query::OP_WILDCARD, tokens[0].term, kMaxWildcardExpansion,
                              Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT));
  }

  // How Words reads its text.
  struct WordsOptions {
    // Excluded text ("-eau"): its words are neither highlighted nor read as place names.
    bool negated = false;
    // Juxtaposed query words: one clause per word. Otherwise a single query word such as
    // "Rabat/Salé", whose words must then follow each other: one phrase clause in all.
    bool run = false;
  };

  // Clauses of free text (see WordsOptions).
  std::vector<Clause> Words(std::string_view text, const WordsOptions& options) {
    const bool negated = options.negated;
    const std::vector<Token> tokens = analyzer_.Analyze(text);
    const std::vector<Segment> segments = Segments(tokens);
    if (segments.empty()) return {};
    if (!options.run && segments.size() > 1) return {Phrase(std::string(text), negated)};
    const std::size_t typos_before = typo_matches_.size();
    std::vector<Clause> out;
    for (std::size_t i = 0; i < segments.size();) {
      std::size_t length = 0, place_length = 0;
      const SynonymGroup* group = MatchSynonym(analyzer_, segments, i, length);
      const PlaceName* place =
          negated ? nullptr : (places_ ? MatchPlace(*places_, segments, i, place_length) : nullptr);
      // A synonym group is read as before; a place spelt by the same words adds its tag to it.
      if (place && group && place_length != length) place = nullptr;
      if (group) {
        std::vector<Xapian::Query> own;
        for (std::size_t k = i; k < i + length; ++k)
          own.push_back(Single(segments[k], negated).query);
        out.push_back(Make(Synonyms(
            *group, Xapian::Query(Xapian::Query::OP_AND, own.begin(), own.end()), negated)));
      } else if (place && place_length > 1) {
        std::vector<Xapian::Query> own;  // the name's words, all required as when typed apart
        for (std::size_t k = i; k < i + place_length; ++k) {
          const Clause word = Single(segments[k], negated);
          if (!word.stopword) own.push_back(word.query);
        }
        out.push_back(Make(Xapian::Query(Xapian::Query::OP_AND, own.begin(), own.end())));
        length = place_length;
      } else {
        out.push_back(Single(segments[i], negated));
        length = 1;
      }
      // Records tagged with the place match too, weighing nothing for it: those that write the
      // name rank first.
      if (place) {
        out.back().query = Xapian::Query(Xapian::Query::OP_OR, out.back().query,
                                         Unweighted(Xapian::Query(place->facet_term)));
        out.back().stopword = false;
      }
      i += length;
    }
    if (!negated) {
      // A misspelt word's run is boosted as its likeliest spelling: "equipemens publiks" ranks
      // as "equipements publics" does.
      std::vector<Token> spelt = tokens;
      for (std::size_t m = typos_before; m < typo_matches_.size(); ++m) {
        for (Token& t : spelt) {
          if (t.term == typo_matches_[m].word) t.term = typo_matches_[m].terms.front();
        }
      }
      for (Xapian::Query& b :
           AdjacencyBoosts(spelt, {.either_number = either_number_, .indexed = indexed_})) {
        boosts_.push_back(std::move(b));
      }
    }
    return out;
  }

  // A word: its term or stem; a compound: its whole term or its parts as a phrase.
  Clause Single(const Segment& s, bool negated) {
    if (s.compound) {
      std::vector<std::string> parts;
      for (const Token* t : s.parts) {
        parts.push_back(t->term);
        if (!negated && !t->stopword) highlight_.terms.insert(t->term);
      }
      // A compound of function words ("est-il", "peut-être") is a stopword too: its
      // phrase alternative would check the positions of two of the commonest words in every
      // record (measured: 30-50 ms of a 60 ms question at x100).
      bool all_stopwords = true;
      for (const Token* t : s.parts) all_stopwords = all_stopwords && t->stopword;
      if (!negated && !all_stopwords) highlight_.terms.insert(s.compound->term);
      return Make(
          Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(s.compound->term), PhraseOf(parts)),
          all_stopwords);
    }
    const Token& t = *s.parts[0];
    if (!negated && typos_ && !t.stopword && !t.number) {
      if (std::optional<Clause> c = Typos(t)) return std::move(*c);
    }
    return Make(WordQuery(t, negated), t.stopword || IsQuestionWord(t.term));
  }

  // The OR of the typo alternatives of `t`, each weighed as a word times its weight; none if
  // `t` has none.
  std::optional<Clause> Typos(const Token& t) {
    const std::vector<TypoTerm> alternatives = typos_(t);
    if (alternatives.empty()) return std::nullopt;
    TypoMatch match{t.term, {}};
    std::vector<Xapian::Query> any;
    for (const TypoTerm& alt : alternatives) {
      const std::vector<Token> tokens = analyzer_.Analyze(alt.term);
      if (tokens.size() != 1) continue;  // a dictionary word is one token; never seen otherwise
      any.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, WordQuery(tokens[0], false), alt.weight);
      match.terms.push_back(alt.term);
    }
    if (any.empty()) return std::nullopt;
    typo_matches_.push_back(std::move(match));
    return Make(Xapian::Query(Xapian::Query::OP_OR, any.begin(), any.end()));
  }

  // A plain word: its stem, with its exact form as a bonus (or the term alone, unstemmed).
  Xapian::Query WordQuery(const Token& t, bool negated) {
    if (!negated && !t.stopword) highlight_.terms.insert(t.term);
    if (t.stem.empty()) return Xapian::Query(t.term);
    if (!negated) highlight_.stems.insert(t.stem);
    // Every document with the term also has its stem (the indexer adds both for each token), so
    // the stem decides the match and the exact form only adds weight: AND_MAYBE gives the same
    // matches as OR without merging the two posting lists. The exact form counts in either
    // number (NumberForms), as one term (OP_SYNONYM), at a quarter of a stem match. On the 88
    // queries of bench/queries: the singular alone gave morphology 0.84 nDCG@10 and all 0.88,
    // both numbers 0.89 and 0.90 (at 0.5: 0.91 and 0.90, but Cléon, grade 1 and
    // "bibliothèques" throughout, above Bordeaux/Casablanca, grade 2, for "bibliothèque"). The
    // one loss: "femme" 0.92 -> 0.77, whose judged records write "femmes" like most others.
    const std::vector<std::string> forms = Indexed(NumberForms(t.term));
    if (forms.empty()) return StemQuery(t.stem, negated);  // no exact form in the index
    return Xapian::Query(
        Xapian::Query::OP_AND_MAYBE, StemQuery(t.stem, negated),
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                      Xapian::Query(Xapian::Query::OP_SYNONYM, forms.begin(), forms.end()),
                      kExactFormWeight));
  }

  // The stem term, or the stems of its word family (analyzers/data/variants.txt "family:",
  // e.g. apiculture, apiculteur, apicole) as one term: OP_SYNONYM weighs their summed wdf with
  // the family's combined frequency, as Xapian's QueryParser does for its synonyms, so a record
  // naming several forms is not counted as matching several query words.
  Xapian::Query StemQuery(const std::string& stem, bool negated) {
    const std::vector<std::string>* family = analyzer_.StemFamily(stem);
    if (!family) return Xapian::Query(schema::Term(schema::kStem, stem));
    std::vector<Xapian::Query> stems;
    for (const std::string& s : *family) {
      if (!negated) highlight_.stems.insert(s);
      std::string term = schema::Term(schema::kStem, s);
      if (s == stem || !indexed_ || indexed_(term)) stems.emplace_back(std::move(term));
    }
    // The family weighs as one term; the word's own stem adds a bonus where it is.
    return Xapian::Query(
        Xapian::Query::OP_AND_MAYBE,
        Xapian::Query(Xapian::Query::OP_SYNONYM, stems.begin(), stems.end()),
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                      Xapian::Query(schema::Term(schema::kStem, stem)), kOwnStemWeight));
  }

  // `terms` less those ParseOptions::indexed says no document has (all of them without it).
  std::vector<std::string> Indexed(std::vector<std::string> terms) const {
    if (indexed_) std::erase_if(terms, [&](const std::string& t) { return !indexed_(t); });
    return terms;
  }

  Xapian::Query PhraseOf(const std::vector<std::string>& terms) {
    if (phrase_) return phrase_(terms);
    if (terms.size() == 1) return Xapian::Query(terms[0]);
    return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                         static_cast<Xapian::termcount>(terms.size()));
  }

  // `own` (what the user typed: the phrase `typed`, or words when `typed` is empty) OR every
  // other alternative of `group` as a phrase. Alternatives that fold to the same terms
  // ("Souss-Massa-Drâa", "Souss Massa Drâa") are one phrase: a copy would only add its weight.
  Xapian::Query Synonyms(const SynonymGroup& group, Xapian::Query own, bool negated,
                         const std::vector<std::string>& typed = {}) {
    std::vector<Xapian::Query> any{std::move(own)};
    std::vector<const std::vector<std::string>*> seen{&typed};
    for (const auto& alt : group.alternatives) {
      if (std::find_if(seen.begin(), seen.end(), [&](const auto* s) { return *s == alt; }) !=
          seen.end()) {
        continue;
      }
      seen.push_back(&alt);
      any.push_back(PhraseOf(alt));
      if (negated) continue;
      for (const std::string& term : alt) {
        if (!analyzer_.IsStopword(term)) highlight_.terms.insert(term);
      }
    }
    return Xapian::Query(Xapian::Query::OP_OR, any.begin(), any.end());
  }

  Analyzer& analyzer_;
  std::string_view q_;
  std::vector<Lexeme> lex_;
  std::size_t pos_ = 0;
  Xapian::Query::op op_;
  HighlightSpec& highlight_;
  std::vector<TypoMatch>& typo_matches_;
  const PhraseBuilder& phrase_;
  const PlaceNames* places_;
  const TypoExpander& typos_;
  const std::function<bool(const std::string&)>& indexed_;  // ParseOptions::indexed
  std::size_t may_miss_;
  // The OR of the top-level clauses of an all-but-one form (ParsedQuery::scoring).
  mutable Xapian::Query scoring_;
  bool either_number_;                 // ParseOptions::runs_in_either_number
  int depth_ = 0;                      // parentheses around the and_expr being parsed
  std::vector<Xapian::Query> boosts_;  // AdjacencyBoosts of the runs, for ParsedQuery::boost
};

// Terms of `q` as kMaxQueryTerms counts them: a wildcard as its largest expansion.
std::size_t QueryTerms(const Xapian::Query& q) {
  if (q.get_type() == Xapian::Query::LEAF_TERM) return 1;
  if (q.get_type() == Xapian::Query::OP_WILDCARD) return kMaxWildcardExpansion;
  std::size_t n = 0;
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) n += QueryTerms(q.get_subquery(i));
  return n;
}

}  // namespace

ParsedQuery ParseQuery(Analyzer& analyzer, std::string_view text, const ParseOptions& options) {
  if (text.size() > kMaxQueryBytes) {
    throw QueryError("query too long: " + std::to_string(text.size()) + " bytes, at most " +
                     std::to_string(kMaxQueryBytes) + " allowed");
  }
  CheckUtf8(text);
  if (options.may_miss > 1) throw QueryError("may_miss above 1 is not supported");
  ParsedQuery out;
  static const FieldPrefixes kNoFields;
  Parser parser(analyzer, text, Lex(text, options.fields ? *options.fields : kNoFields), options,
                out);
  Clause c = parser.ParseAll(out.positive_clauses);
  out.match_all = c.empty;
  if (!c.empty) {
    out.query = c.query;
    out.boost = parser.Boost();
    out.scoring = parser.Scoring();
  }
  if (const std::size_t terms = QueryTerms(out.query) + QueryTerms(out.boost);
      terms > kMaxQueryTerms) {
    throw QueryError("query too complex: " + std::to_string(terms) + " terms (a prefix* counts " +
                     std::to_string(kMaxWildcardExpansion) + "), at most " +
                     std::to_string(kMaxQueryTerms) + " allowed");
  }
  return out;
}

}  // namespace coop
