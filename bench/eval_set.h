// The relevance query set of bench/queries/ (issue 7): loading, resolving stable judgment keys
// to record ids, and the ranking metrics (nDCG@10, Recall@10, MRR) reported in BENCHMARKS.md.
#ifndef COOP_BENCH_EVAL_SET_H_
#define COOP_BENCH_EVAL_SET_H_

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace coop::bench {

/// One query of the set, as written in bench/queries/queries.json.
struct EvalQuery {
  std::string id;    ///< Unique, e.g. "kw-tannerie".
  std::string kind;  ///< keyword, noaccent, variant, elision, morphology, facet, phrase, question.
  std::string q;     ///< The text a user types (UTF-8).
  /// Facet selections that express the same need (kind "facet"): facet name -> values.
  std::map<std::string, std::vector<std::string>> facets;
  /// Stable judgment key ("001:Romans/Taroudannt", "003") -> grade 1 or 2.
  std::map<std::string, int> judgments;
  /// Filled by Resolve(): record id -> grade.
  std::map<std::string, int> grades;
};

/// A record as the resolver sees it: id, source file name and title.
struct RecordRef {
  std::string id;
  std::string source;
  std::string title;
};

/// Loads the query set. Throws std::runtime_error naming the file and the problem (bad JSON,
/// missing field, duplicate id, grade outside 1..2, a query with no judgment).
std::vector<EvalQuery> LoadQueries(const std::string& path);

/// Resolves every judgment key of `queries` against `records`, filling EvalQuery::grades.
/// Key "SRC" names the only record of the source whose file name starts with SRC; "SRC:a/b"
/// names the record of that source whose folded title (case and accents ignored) contains
/// "a", then "b" after it. Throws std::runtime_error listing every key that matches zero or
/// several records (the set must be fixed, never silently shrunk).
void Resolve(std::vector<EvalQuery>& queries, const std::vector<RecordRef>& records);

/// Lower-cased, accent-free form used by the resolver (ICU NFD + mark removal). Thread-safe.
std::string FoldForKey(const std::string& text);

/// Metrics of one ranked list against one query's grades (grade 0 for unjudged records).
struct Scores {
  double ndcg10 = 0;    ///< Exponential gain (2^g - 1), log2 discount, over the top 10.
  double recall10 = 0;  ///< Share of records graded >= 1 found in the top 10.
  double mrr = 0;       ///< 1 / rank of the first record graded >= 1 (0 if none in the list).
};

/// Scores `ranking` (record ids, best first; only the first 10 count for nDCG/recall, MRR
/// uses the whole list) against `grades`.
Scores Score(const std::vector<std::string>& ranking, const std::map<std::string, int>& grades);

}  // namespace coop::bench

#endif  // COOP_BENCH_EVAL_SET_H_
