#include "passages.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <utility>

#include "coop/passage_value.h"
#include "coop/schema.h"
#include "searcher_internal.h"

namespace coop {

PassageInfo ReadPassage(const Xapian::Document& doc) {
  PassageInfo p;
  const std::string value = doc.get_value(schema::kSlotPassage);
  PassageValue v;
  if (DecodePassageValue(value, v)) {
    p.id = v.id;
    p.heading = v.heading;
    p.page = v.page;
    p.text = v.text;
    p.table = v.table;
    return p;
  }
  // An index written before kSlotPassage: the JSON data.
  try {
    Poco::JSON::Object::Ptr d = ParseData(doc.get_data());
    p.id = d->optValue<std::string>("id", "");
    p.heading = d->optValue<std::string>("heading", "");
    p.text = d->optValue<std::string>("text", "");
    p.page = d->optValue<int>("page", 0);
  } catch (const Poco::Exception&) {
    // Unreadable stored data: the hit is still shown, without a snippet.
  }
  return p;
}

namespace {

// Xapian::BM25Weight's defaults (k1 1, b 0.5, min_normlen 0.5, k3 1 with wqf 1): passages are
// scored as the Xapian match over passage documents scored them when they had text terms.
constexpr double kK1 = 1.0, kB = 0.5, kMinNormLength = 0.5;

// The factor of an OP_SCALE_WEIGHT query, which Xapian 1.4 shows only in its description
// ("Query(0.25 * ...)"). 1 if it cannot be read.
double ScaleFactor(const Xapian::Query& q) {
  const std::string d = q.get_description();
  constexpr std::string_view kOpen = "Query(";
  if (d.compare(0, kOpen.size(), kOpen) != 0) return 1;
  char* end = nullptr;
  const double f = std::strtod(d.c_str() + kOpen.size(), &end);
  return end != d.c_str() + kOpen.size() && f >= 0 ? f : 1;
}

// The pattern of an OP_WILDCARD query, from its description ("Query(WILDCARD SYNONYM tann)").
std::string WildcardPattern(const Xapian::Query& q) {
  std::string d = q.get_description();
  if (d.size() < 2 || d.back() != ')') return {};
  d.pop_back();
  const std::size_t space = d.rfind(' ');
  return space == std::string::npos ? std::string() : d.substr(space + 1);
}

// The any-word query compiled for scoring passages from their highlight tables (MatchTable):
// the same operators as the Xapian match over passage documents, evaluated on one passage.
class PassageScorer {
 public:
  PassageScorer(const Xapian::Database& db, const Xapian::Query& query) : db_(db) {
    passages_ = db.get_termfreq(schema::Term(schema::kKind, schema::kKindPassage));
    // Lengths are normalised by the mean document length, as the Xapian match over passages
    // did: the passages' kind terms carry their lengths as wdf (coop::DocumentWriter), so the
    // index's total length is what it was when passages had text terms.
    average_ = db.get_avlength();
    if (average_ <= 0) average_ = 1;
    root_ = Compile(query, 1.0);
    // Keys are numbered terms, then stems, then prefixes (TableKeys).
    Renumber(root_);
  }

  bool empty() const { return keys_.size() == 0; }

  // Xapian::BM25Weight's term weight without relevance data, log((N - n + 0.5) / (n + 0.5)),
  // raised for common terms as Xapian does (tw < 2 becomes tw / 2 + 1), over passages: N is the
  // number of passages and n, the passages holding the term, is estimated from its number of
  // occurrences in the records (`occurrences`, its collection frequency) as if they fell at
  // random over the passages: P (1 - e^(-cf/P)). Record-level frequencies (how many records
  // hold the term) gave the words found in most records almost no weight, and picked passages
  // without them.
  double Idf(double occurrences) const {
    const double p = std::max(passages_, 1.0);
    const double n = p * (1 - std::exp(-occurrences / p));
    double tw = (p - n + 0.5) / (n + 0.5);
    if (tw < 2) tw = tw * 0.5 + 1;
    return std::log(tw);
  }

  // The score of passage `text` with highlight table `table`, or a negative number if the query
  // does not match it (or it has no readable table).
  double Score(std::string_view text, std::string_view table) {
    if (!MatchTable(text, table, keys_, matches_)) return -1;
    const double norm = std::max(matches_.length / average_, kMinNormLength);
    k_ = kK1 * ((1 - kB) + kB * norm);
    const Result r = Evaluate(root_, false);
    return r.match ? r.score : -1;
  }

 private:
  enum class Kind {
    kTerm,
    kStem,
    kPrefix,
    kNeutral,
    kOr,
    kMax,
    kAnd,
    kFilter,
    kAndMaybe,
    kAndNot,
    kPhrase
  };
  struct Node {
    Kind kind = Kind::kNeutral;
    std::size_t key = 0;  // kTerm/kStem/kPrefix: index in keys_.terms/stems/prefixes, then
                          // (after Renumber) in the TableKeys numbering
    double weight = 0;    // kTerm/kStem/kPrefix: idf times the scale factors above it
    std::vector<Node> children;
  };
  struct Result {
    bool match = false;
    double score = 0;
  };

  static std::size_t KeyOf(std::vector<std::string>& keys, const std::string& key) {
    const auto at = std::find(keys.begin(), keys.end(), key);
    if (at != keys.end()) return static_cast<std::size_t>(at - keys.begin());
    keys.push_back(key);
    return keys.size() - 1;
  }

  Node Leaf(const std::string& term, double factor) {
    Node n;
    if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z' && term[0] != schema::kStem[0])) {
      return n;  // a filter term (facets, kinds): about records, not passages
    }
    n.weight = Idf(db_.get_collection_freq(term)) * factor;
    if (term[0] == schema::kStem[0]) {
      n.kind = Kind::kStem;
      n.key = KeyOf(keys_.stems, term.substr(1));
    } else {
      n.kind = Kind::kTerm;
      n.key = KeyOf(keys_.terms, term);
    }
    return n;
  }

  Node Compile(const Xapian::Query& q, double factor) {
    Node n;
    switch (q.get_type()) {
      case Xapian::Query::LEAF_TERM:
        return Leaf(*q.get_terms_begin(), factor);
      case Xapian::Query::OP_SCALE_WEIGHT:
        return Compile(q.get_subquery(0), factor * ScaleFactor(q));
      case Xapian::Query::OP_WILDCARD: {
        // Weighted as one term whose frequency is that of its expansion (as OP_SYNONYM),
        // over at most 200 terms as the query parser expands it.
        n.kind = Kind::kPrefix;
        const std::string prefix = WildcardPattern(q);
        n.key = KeyOf(keys_.prefixes, prefix);
        double occurrences = 0;
        int count = 0;
        for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix) && count < 200;
             ++t, ++count) {
          occurrences += db_.get_collection_freq(*t);
        }
        n.weight = Idf(occurrences) * factor;
        return n;
      }
      case Xapian::Query::OP_OR:
      case Xapian::Query::OP_XOR:
      case Xapian::Query::OP_SYNONYM:
      case Xapian::Query::OP_ELITE_SET:
        n.kind = Kind::kOr;
        break;
      case Xapian::Query::OP_MAX:
        n.kind = Kind::kMax;
        break;
      case Xapian::Query::OP_AND:
      case Xapian::Query::OP_NEAR:
        n.kind = Kind::kAnd;
        break;
      case Xapian::Query::OP_FILTER:
        n.kind = Kind::kFilter;
        break;
      case Xapian::Query::OP_AND_MAYBE:
        n.kind = Kind::kAndMaybe;
        break;
      case Xapian::Query::OP_AND_NOT:
        n.kind = Kind::kAndNot;
        break;
      case Xapian::Query::OP_PHRASE:
        n.kind = Kind::kPhrase;
        break;
      default:
        return n;  // value ranges, posting sources, match-all: no passage-level meaning
    }
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
      n.children.push_back(Compile(q.get_subquery(i), factor));
    }
    if (n.kind == Kind::kPhrase) {
      for (const Node& c : n.children) {
        if (c.kind != Kind::kTerm) n.kind = Kind::kAnd;  // not a phrase of words: all of them
      }
    }
    return n;
  }

  void Renumber(Node& n) const {
    if (n.kind == Kind::kStem) n.key += keys_.terms.size();
    if (n.kind == Kind::kPrefix) n.key += keys_.terms.size() + keys_.stems.size();
    for (Node& c : n.children) Renumber(c);
  }

  // BM25 of a key occurring `tf` times in the passage.
  double Weight(const Node& n, std::size_t tf) const {
    const double f = static_cast<double>(tf);
    return n.weight * f * (kK1 + 1) / (k_ + f);
  }

  // Whether the words of phrase `n` (all kTerm) follow each other somewhere in the passage.
  bool Adjacent(const Node& n) const {
    for (std::uint32_t p : matches_.positions[n.children[0].key]) {
      bool all = true;
      for (std::size_t k = 1; k < n.children.size() && all; ++k) {
        const auto& at = matches_.positions[n.children[k].key];
        all = std::binary_search(at.begin(), at.end(), p + static_cast<std::uint32_t>(k));
      }
      if (all) return true;
    }
    return false;
  }

  // `negated`: under the right side of an AND_NOT, where a filter term must count as absent.
  Result Evaluate(const Node& n, bool negated) const {
    Result r;
    switch (n.kind) {
      case Kind::kTerm:
      case Kind::kStem:
      case Kind::kPrefix: {
        const std::size_t tf = n.key < 64 ? matches_.positions[n.key].size() : 0;
        if (tf > 0) r = {true, Weight(n, tf)};
        return r;
      }
      case Kind::kNeutral:
        return {!negated, 0};
      case Kind::kPhrase:
        for (const Node& c : n.children) {
          const Result x = Evaluate(c, negated);
          if (!x.match) return {};
          r.score += x.score;
        }
        r.match = n.children.empty() || Adjacent(n);
        return r.match ? r : Result{};
      default:
        break;
    }
    r.match = n.kind == Kind::kAnd || n.kind == Kind::kFilter;
    for (std::size_t i = 0; i < n.children.size(); ++i) {
      const bool first = i == 0;
      const Result x = Evaluate(n.children[i], negated != (n.kind == Kind::kAndNot && !first));
      switch (n.kind) {
        case Kind::kOr:
          r.match |= x.match;
          r.score += x.match ? x.score : 0;
          break;
        case Kind::kMax:
          r.match |= x.match;
          r.score = x.match ? std::max(r.score, x.score) : r.score;
          break;
        case Kind::kAnd:
        case Kind::kFilter:
          r.match &= x.match;
          r.score += (first || n.kind == Kind::kAnd) ? x.score : 0;
          break;
        case Kind::kAndMaybe:
          if (first) r.match = x.match;
          r.score += x.match ? x.score : 0;
          break;
        default:  // kAndNot
          if (first) r = x;
          if (!first && x.match) return {};
          break;
      }
      if (!r.match && (n.kind == Kind::kAnd || n.kind == Kind::kFilter)) return {};
    }
    if (!r.match) return {};
    return r;
  }

  const Xapian::Database& db_;
  double passages_ = 0, average_ = 1, k_ = 1;
  TableKeys keys_;
  Node root_;
  TableMatches matches_;
};

}  // namespace

std::map<std::string, Xapian::Document> BestPassages(const Xapian::Database& db,
                                                     const std::vector<std::string>& records,
                                                     const Xapian::Query& words) {
  std::map<std::string, Xapian::Document> best;
  std::optional<PassageScorer> scorer;
  if (!words.empty()) scorer.emplace(db, words);
  if (scorer && scorer->empty()) scorer.reset();
  // The passages of each record (its XR term's postings), as (docid, record) sorted by docid,
  // so that their values are read in one pass over the slot's value stream.
  std::vector<std::pair<Xapian::docid, std::size_t>> owner;
  for (std::size_t r = 0; r < records.size(); ++r) {
    const std::string term = schema::Term(schema::kRecord, records[r]);
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
      owner.emplace_back(*it, r);
    }
  }
  std::sort(owner.begin(), owner.end());
  constexpr Xapian::docid kNone = 0;
  std::vector<Xapian::docid> chosen(records.size(), kNone);
  std::vector<double> top(records.size(), -1);
  for (const auto& [did, r] : owner) {
    if (chosen[r] == kNone) chosen[r] = did;  // no match: the first passage
  }
  if (scorer) {
    Xapian::ValueIterator v = db.valuestream_begin(schema::kSlotPassage);
    for (const auto& [did, r] : owner) {
      v.skip_to(did);
      if (v == db.valuestream_end(schema::kSlotPassage)) break;
      if (v.get_docid() != did) continue;
      const std::string value = *v;
      PassageValue p;
      if (!DecodePassageValue(value, p)) continue;
      const double score = scorer->Score(p.text, p.table);
      if (score > top[r]) top[r] = score, chosen[r] = did;  // ties: the first passage
    }
  }
  for (std::size_t r = 0; r < records.size(); ++r) {
    if (chosen[r] != kNone) best.emplace(records[r], db.get_document(chosen[r]));
  }
  return best;
}

std::string PassageSnippet(Analyzer& analyzer, const PassageInfo& p, const HighlightSpec& spec) {
  if (std::optional<std::string> s = SnippetFromTable(p.text, p.table, spec)) return *std::move(s);
  return Snippet(analyzer, p.text, spec);
}

}  // namespace coop
