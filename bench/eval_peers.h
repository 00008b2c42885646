// Peer side of the relevance evaluation (issue 7): run files, metric tables, the query table
// given to PostgreSQL and SQLite, and the export of the engine's records for the peers.
#ifndef COOP_BENCH_EVAL_PEERS_H_
#define COOP_BENCH_EVAL_PEERS_H_

#include <istream>
#include <map>
#include <string>
#include <vector>

#include "eval_set.h"

namespace coop::bench {

/// system name -> query id -> ranked record ids (best first).
using Runs = std::map<std::string, std::map<std::string, std::vector<std::string>>>;

/// Reads a run file: lines "qid<TAB>rank<TAB>record_id" (rank 1-based; '|' is also accepted as
/// separator, as psql and sqlite3 print). Throws std::runtime_error on a malformed line.
std::map<std::string, std::vector<std::string>> LoadRun(const std::string& path);

/// Markdown table: one row per query kind and "all", one column per system with
/// "nDCG@10 / Recall@10 / MRR" (means over the kind's queries); the best nDCG of a row in bold.
std::string MetricsTable(const std::vector<EvalQuery>& queries, const Runs& runs);

/// Per-query scores: "system<TAB>qid<TAB>kind<TAB>ndcg10<TAB>recall10<TAB>mrr" lines.
std::string PerQueryTsv(const std::vector<EvalQuery>& queries, const Runs& runs);

/// Markdown table of the `rows` queries where `system` loses most nDCG@10 to the best other
/// run (issue 16: "the ten largest losses to the best peer"): query, kind, text, both scores,
/// the loss, and the judged records (with their grade) in the peer's top 10 but not in
/// `system`'s, which is what the loss is made of (none listed: the same records in a worse
/// order). Largest loss first; only queries where a peer is ahead. Empty if `runs` has no
/// `system` or no other run.
std::string LossTable(const std::vector<EvalQuery>& queries, const Runs& runs,
                      const std::string& system, std::size_t rows);

/// SQL creating and filling table bench_queries(i, qid, q, a, o) for `system` ("pg": q is the
/// text for websearch_to_tsquery; "sqlite": a and o are FTS5 MATCH strings, every word a
/// quoted string joined by AND (a) and by OR (o), phrases kept). i runs from 1 in set order.
/// Throws std::invalid_argument for another system.
std::string QueryTableSql(const std::vector<EvalQuery>& queries, const std::string& system);

/// FTS5 MATCH string of a user query: words and "phrases" as FTS5 strings joined by `op`
/// (" " = AND, " OR "); words without a letter or digit are dropped. Empty if nothing is left.
std::string Fts5Match(const std::string& q, const std::string& op);

/// Reads records as `coop-index inspect --index DIR --passages` prints them (one JSON object a
/// line) and writes them for a peer: "pg" = COPY text rows "id<TAB>title<TAB>body" on stdout,
/// "sqlite" = INSERT statements into records(id, title, body) on stdout, "files" = one
/// "<id>.txt" per record in directory `out`. body = partner names, then the passages' text.
/// Returns 0; throws std::runtime_error on malformed input or an unwritable file.
int ExportRecords(std::istream& in, const std::string& format, const std::string& out);

}  // namespace coop::bench

#endif  // COOP_BENCH_EVAL_PEERS_H_
