#include "query_words.h"

#include <algorithm>
#include <iterator>

#include "coop/schema.h"

namespace coop::query {
namespace {

// Weight of two query words found next to each other in a record (their shingle), on top of
// their own: proximity, as ts_rank_cd's cover density or Lucene's sloppy phrase boosts. On the
// 88 queries of bench/queries, nDCG@10 of the 11 unquoted phrases: 0.78 without, 0.88 at 1,
// 0.90 at 2, 0.93 from 3 (where facet queries fall 0.87 -> 0.85, questions 0.87 -> 0.86);
// all 88: 0.90 without, 0.91 from 1.
constexpr double kAdjacentWeight = 2.0;

// Weight of the exact-run term (schema::kExactRun) of two adjacent content words, on top of the
// shingle boost: BM25 weighs the pair as a term of its own (its rarity, its count in the
// record), so a long record that writes "équipements publics" is not outweighed by a short one
// that has both words apart. On the 88 queries of bench/queries (BM25 b 0.4,
// record_matcher.cpp), nDCG@10 unquoted: 0.920 without, 0.961 at 1, 0.953 at 2; with the
// pairs that hold a stopword boosted too, facet fell 0.884 -> 0.862 ("coopération avec Fès":
// "cooperation avec" is incidental).
constexpr double kExactRunWeight = 1.0;

// Word runs of more content words get no proximity boost: in a question ("quelles communes
// belges coopèrent avec des communes marocaines") the pairs are incidental ("communes
// marocaines" is in every 001 record), and boosting them cost the questions of the 56-query
// dev set 0.87 -> 0.82 nDCG@10.
constexpr std::size_t kMaxAdjacentRun = 3;

// French interrogative words (Grevisse, Le Bon Usage, 14th ed., §§ 396-398 and 1005: the
// interrogative determiners, pronouns and adverbs). A question's content words carry its need;
// required, "quelles" or "comment" would drop every record that does not write them. Query-side
// only: the indexed stopword list (analyzers/data/stopwords_fr.txt) is unchanged.
constexpr std::string_view kQuestionWords[] = {
    "quel",       "quelle",  "quels",    "quelles", "lequel", "laquelle", "lesquels",
    "lesquelles", "comment", "pourquoi", "combien", "quand",  "quoi",     "ou"};

}  // namespace

std::vector<Segment> Segments(const std::vector<Token>& tokens) {
  std::vector<Segment> out;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    Segment s;
    if (tokens[i].compound) {
      s.compound = &tokens[i];
      while (i + 1 < tokens.size() && !tokens[i + 1].compound &&
             tokens[i + 1].end <= s.compound->end) {
        s.parts.push_back(&tokens[++i]);
      }
    } else {
      s.parts.push_back(&tokens[i]);
    }
    out.push_back(std::move(s));
  }
  return out;
}

bool IsQuestionWord(std::string_view term) {
  return std::find(std::begin(kQuestionWords), std::end(kQuestionWords), term) !=
         std::end(kQuestionWords);
}

std::vector<std::string> NumberForms(const std::string& term) {
  std::vector<std::string> forms{term};
  const auto ends = [&term](std::string_view end) {
    return term.size() > end.size() + 1 &&
           term.compare(term.size() - end.size(), end.size(), end) == 0;
  };
  if (ends("s") || ends("x")) {
    forms.push_back(term.substr(0, term.size() - 1));
  } else if (ends("au") || ends("eu")) {
    forms.push_back(term + "x");  // "eau", "eaux"; "jeu", "jeux"
  } else if (term.size() > 2) {
    forms.push_back(term + "s");
  }
  return forms;
}

std::vector<Xapian::Query> AdjacencyBoosts(const std::vector<Token>& tokens,
                                           const AdjacencyOptions& options) {
  std::vector<Xapian::Query> boosts;
  std::vector<const Token*> words;
  std::size_t content_words = 0;
  bool question = false;
  for (const Token& t : tokens) {
    if (t.compound) continue;
    words.push_back(&t);
    content_words += !t.stopword && !t.number && !IsQuestionWord(t.term);
    question = question || IsQuestionWord(t.term);
  }
  if (content_words > kMaxAdjacentRun) return boosts;
  if (question) return boosts;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const Token& a = *words[i];
    const Token& b = *words[i + 1];
    if (b.position != a.position + 1) continue;
    const auto is_content = [](const Token& t) {
      return !t.stopword && !t.number && !IsQuestionWord(t.term);
    };
    const auto forms = [&](const Token& t) {
      return is_content(t) && options.either_number ? NumberForms(t.term)
                                                    : std::vector<std::string>{t.term};
    };
    std::vector<Xapian::Query> content;
    for (const Token* t : {&a, &b}) {
      if (!is_content(*t)) continue;
      const std::vector<std::string> f = forms(*t);
      content.emplace_back(f.size() == 1
                               ? Xapian::Query(f[0])
                               : Xapian::Query(Xapian::Query::OP_SYNONYM, f.begin(), f.end()));
    }
    if (content.empty()) continue;
    std::vector<std::string> shingles, runs;
    const auto indexed = [&](const std::string& term) {
      return !term.empty() && (!options.indexed || options.indexed(term));
    };
    for (const std::string& x : forms(a)) {
      for (const std::string& y : forms(b)) {
        if (std::string sh = schema::Shingle(x, y); indexed(sh)) shingles.push_back(std::move(sh));
        if (std::string run = schema::ExactRun(x, y); indexed(run)) runs.push_back(std::move(run));
      }
    }
    if (shingles.empty()) continue;
    boosts.emplace_back(
        Xapian::Query::OP_FILTER,
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                      Xapian::Query(Xapian::Query::OP_AND, content.begin(), content.end()),
                      kAdjacentWeight),
        shingles.size() == 1
            ? Xapian::Query(shingles[0])
            : Xapian::Query(Xapian::Query::OP_OR, shingles.begin(), shingles.end()));
    // Two content words side by side, as typed: their exact-run term, weighed by BM25 as a word.
    if (content.size() != 2 || runs.empty()) continue;
    boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                        runs.size() == 1
                            ? Xapian::Query(runs[0])
                            : Xapian::Query(Xapian::Query::OP_SYNONYM, runs.begin(), runs.end()),
                        kExactRunWeight);
  }
  return boosts;
}

namespace {

// The words of `p` from segments[i] on: the segments used if all of `p`'s words are there
// in order, else 0.
std::size_t PlaceSegments(const PlaceName& p, const std::vector<Segment>& segments, std::size_t i) {
  std::size_t t = 0, k = i;  // words of p matched, segments used
  while (k < segments.size() && t < p.terms.size()) {
    const std::vector<const Token*>& parts = segments[k].parts;
    if (t + parts.size() > p.terms.size()) break;
    bool same = true;
    for (std::size_t j = 0; j < parts.size(); ++j) {
      same = same && parts[j]->term == p.terms[t + j];
    }
    if (!same) break;
    t += parts.size();
    ++k;
  }
  return t == p.terms.size() ? k - i : 0;
}

}  // namespace

const PlaceName* MatchPlace(const PlaceNames& places, const std::vector<Segment>& segments,
                            std::size_t i, std::size_t& length) {
  const PlaceName* best = nullptr;
  const auto consider = [&](const PlaceName& p) {
    if (const std::size_t used = PlaceSegments(p, segments, i); used > length) {
      best = &p, length = used;
    }
  };
  if (i < segments.size() && !segments[i].parts.empty()) {
    // A name can only match from a segment whose first word is its own first word.
    if (const auto* starting = places.Starting(segments[i].parts[0]->term)) {
      for (const std::size_t p : *starting) consider(places.all()[p]);
    }
    return best;
  }
  for (const PlaceName& p : places.all()) consider(p);
  return best;
}

const SynonymGroup* GroupOf(const Analyzer& analyzer, const std::vector<std::string>& terms) {
  for (const SynonymGroup& g : analyzer.Synonyms()) {
    for (const auto& alt : g.alternatives) {
      if (alt == terms) return &g;
    }
  }
  return nullptr;
}

const SynonymGroup* MatchSynonym(const Analyzer& analyzer, const std::vector<Segment>& segments,
                                 std::size_t i, std::size_t& length) {
  const SynonymGroup* best = nullptr;
  for (const SynonymGroup& g : analyzer.Synonyms()) {
    for (const auto& alt : g.alternatives) {
      if (alt.size() <= length || i + alt.size() > segments.size()) continue;
      bool match = true;
      for (std::size_t k = 0; k < alt.size() && match; ++k) {
        const Segment& s = segments[i + k];
        match = !s.compound && s.parts[0]->term == alt[k];
      }
      if (match) best = &g, length = alt.size();
    }
  }
  return best;
}

}  // namespace coop::query
