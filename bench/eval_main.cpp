// coop-bench-eval: the relevance side of bench/run (issue 7). Usage in kUsage; exit codes:
// 0 ok, 1 the query set does not resolve, a query fails or coopsearch's mean nDCG@10 is below
// --min-ndcg, 2 usage error.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>

#include <fstream>
#include <iomanip>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>

#include "coop/searcher.h"
#include "eval_filters.h"
#include "eval_peers.h"
#include "eval_set.h"

namespace {
using coop::bench::EvalQuery;

constexpr const char* kUsage =
    "usage: coop-bench-eval COMMAND [OPTIONS]\n"
    "  score --index DIR --queries FILE [--coop] [--run NAME=FILE]... [--markdown FILE]\n"
    "        [--tsv FILE] [--facets-markdown FILE] [--run-out FILE] [--qrels-out FILE]\n"
    "        [--losses-markdown FILE] [--min-ndcg X]\n"
    "      resolve the judgments against the records of DIR, run coopsearch in process (--coop)\n"
    "      and score it and each peer run (lines 'qid<TAB>rank<TAB>record_id'); prints a table;\n"
    "      --run-out writes coopsearch's run in that format, --qrels-out the resolved judgments\n"
    "      (lines 'qid<TAB>record_id<TAB>grade'), to read rankings query by query;\n"
    "      --losses-markdown the 10 queries where coopsearch loses most to the best peer;\n"
    "      --min-ndcg X (with --coop, X in 0..1) exits 1 when coopsearch's mean nDCG@10 over\n"
    "      all queries is below X\n"
    "  queries --queries FILE [--paths] [--index DIR]   query list as TSV, or as /api/search\n"
    "      request paths; with --index, facet values no record of DIR has are replaced by the\n"
    "      facet's most common value there (listed on stderr), so every request is answerable\n"
    "  sql --system pg|sqlite --queries FILE   the bench_queries table for a peer\n"
    "  export --format pg|sqlite|files [--out DIR]   records of `coop-index inspect --index DIR\n"
    "      --passages` (stdin) as PostgreSQL COPY text, SQLite SQL, or one text file per record\n";

struct Args {
  std::string command, index, queries, markdown, tsv, facets_markdown, system, format, out;
  std::string run_out, qrels_out, losses_markdown;
  bool coop = false, paths = false;
  std::optional<double> min_ndcg;  // --min-ndcg: floor on coopsearch's mean nDCG@10
  std::vector<std::pair<std::string, std::string>> runs;
};

bool Parse(int argc, char** argv, Args& a) {
  if (argc < 2) return false;
  a.command = argv[1];
  for (int i = 2; i < argc; ++i) {
    const std::string k = argv[i];
    auto value = [&](std::string& v) {
      if (i + 1 >= argc) return false;
      v = argv[++i];
      return true;
    };
    if (k == "--coop") {
      a.coop = true;
    } else if (k == "--paths") {
      a.paths = true;
    } else if (k == "--min-ndcg") {
      std::string v;
      if (!value(v)) return false;
      std::size_t used = 0;
      try {
        a.min_ndcg = std::stod(v, &used);
      } catch (const std::exception&) {
        return false;
      }
      if (used != v.size() || !(*a.min_ndcg >= 0 && *a.min_ndcg <= 1)) return false;
    } else if (k == "--run") {
      std::string v;
      if (!value(v) || v.find('=') == std::string::npos) return false;
      a.runs.emplace_back(v.substr(0, v.find('=')), v.substr(v.find('=') + 1));
    } else if (!((k == "--index" && value(a.index)) || (k == "--queries" && value(a.queries)) ||
                 (k == "--markdown" && value(a.markdown)) || (k == "--tsv" && value(a.tsv)) ||
                 (k == "--facets-markdown" && value(a.facets_markdown)) ||
                 (k == "--run-out" && value(a.run_out)) ||
                 (k == "--qrels-out" && value(a.qrels_out)) ||
                 (k == "--losses-markdown" && value(a.losses_markdown)) ||
                 (k == "--system" && value(a.system)) || (k == "--format" && value(a.format)) ||
                 (k == "--out" && value(a.out)))) {
      return false;
    }
  }
  return true;
}

// Every record of the index (browse mode, corpus order), for the resolver.
std::vector<coop::bench::RecordRef> AllRecords(coop::Searcher& searcher) {
  std::vector<coop::bench::RecordRef> records;
  coop::SearchRequest request;
  request.size = coop::kMaxPageSize;
  for (request.page = 1;; ++request.page) {
    const coop::SearchResult result = searcher.Search(request);
    for (const coop::SearchHit& h : result.hits) {
      records.push_back({h.record->id, h.record->source, h.record->title});
    }
    if (result.hits.size() < static_cast<std::size_t>(request.size)) break;
  }
  return records;
}

// The ids in the order the page lists them: the hits, then the partial matches after a short
// all-words set (labelled apart on the page, never in `total`).
std::vector<std::string> Ids(const coop::SearchResult& result) {
  std::vector<std::string> ids;
  for (const coop::SearchHit& h : result.hits) ids.push_back(h.record->id);
  if (result.partial) {
    for (const coop::SearchHit& h : result.partial->hits) ids.push_back(h.record->id);
  }
  return ids;
}

// Facet lookups as filters: every record the filter returns vs the grade-2 judgments.
std::string FacetTable(coop::Searcher& searcher, const std::vector<EvalQuery>& queries,
                       bool& all_exact) {
  std::ostringstream md;
  md << "| query | filter | returned | expected | precision | recall | missing | extra |\n"
        "|---|---|---:|---:|---:|---:|---|---|\n";
  all_exact = true;
  for (const EvalQuery& q : queries) {
    if (q.facets.empty()) continue;
    coop::SearchRequest request;
    request.filters = q.facets;
    request.size = coop::kMaxPageSize;
    std::set<std::string> got, want;
    for (request.page = 1;; ++request.page) {
      const auto ids = Ids(searcher.Search(request));
      got.insert(ids.begin(), ids.end());
      if (ids.size() < static_cast<std::size_t>(request.size)) break;
    }
    for (const auto& [id, g] : q.grades) {
      if (g == 2) want.insert(id);
    }
    std::vector<std::string> missing, extra;
    std::size_t hit = 0;
    for (const auto& id : want) got.count(id) ? ++hit : (missing.push_back(id), 0);
    for (const auto& id : got) {
      if (!want.count(id)) extra.push_back(id);
    }
    const double p = got.empty() ? 0 : static_cast<double>(hit) / static_cast<double>(got.size());
    const double r = static_cast<double>(hit) / static_cast<double>(want.size());
    all_exact = all_exact && missing.empty() && extra.empty();
    std::string filter;
    for (const auto& [name, values] : q.facets) {
      for (const auto& v : values) filter += (filter.empty() ? "" : ", ") + name + "=" + v;
    }
    auto join = [](const std::vector<std::string>& v) {
      std::string s;
      for (const auto& x : v) s += (s.empty() ? "" : " ") + x.substr(x.find('_') == 3 ? 0 : 0);
      return s.empty() ? std::string("—") : s;
    };
    md << std::fixed << std::setprecision(2) << "| " << q.id << " | " << filter << " | "
       << got.size() << " | " << want.size() << " | " << p << " | " << r << " | " << join(missing)
       << " | " << join(extra) << " |\n";
  }
  return md.str();
}

int Score(const Args& a) {
  if (a.index.empty() || a.queries.empty()) throw std::invalid_argument("--index and --queries");
  if (a.min_ndcg && !a.coop) throw std::invalid_argument("--min-ndcg needs --coop");
  std::vector<EvalQuery> queries = coop::bench::LoadQueries(a.queries);
  coop::Searcher searcher(a.index);
  coop::bench::Resolve(queries, AllRecords(searcher));
  coop::bench::Runs runs;
  if (a.coop) {
    auto& run = runs["coopsearch"];
    for (const EvalQuery& q : queries) {
      coop::SearchRequest request;
      request.q = q.q;
      run[q.id] = Ids(searcher.Search(request));
    }
  }
  for (const auto& [name, file] : a.runs) runs[name] = coop::bench::LoadRun(file);
  if (!a.run_out.empty() && a.coop) {
    std::ofstream out(a.run_out);
    for (const EvalQuery& q : queries) {
      const auto& ids = runs["coopsearch"][q.id];
      for (std::size_t i = 0; i < ids.size(); ++i)
        out << q.id << '\t' << i + 1 << '\t' << ids[i] << '\n';
    }
  }
  if (!a.qrels_out.empty()) {
    std::ofstream out(a.qrels_out);
    for (const EvalQuery& q : queries) {
      for (const auto& [id, grade] : q.grades) out << q.id << '\t' << id << '\t' << grade << '\n';
    }
  }
  const std::string table = coop::bench::MetricsTable(queries, runs);
  std::cout << table;
  if (!a.markdown.empty()) std::ofstream(a.markdown) << table;
  if (!a.tsv.empty()) std::ofstream(a.tsv) << coop::bench::PerQueryTsv(queries, runs);
  if (!a.losses_markdown.empty()) {
    std::ofstream(a.losses_markdown) << coop::bench::LossTable(queries, runs, "coopsearch", 10);
  }
  if (a.coop) {
    bool exact = false;
    const std::string facets = FacetTable(searcher, queries, exact);
    std::cout << '\n'
              << facets
              << (exact ? "facet filters: all exact\n" : "facet filters: NOT all exact\n");
    if (!a.facets_markdown.empty()) std::ofstream(a.facets_markdown) << facets;
  }
  std::cout << queries.size() << " queries resolved and scored\n";
  if (a.min_ndcg) {
    double sum = 0;
    for (const EvalQuery& q : queries) {
      sum += coop::bench::Score(runs["coopsearch"][q.id], q.grades).ndcg10;
    }
    const double mean = queries.empty() ? 0 : sum / static_cast<double>(queries.size());
    std::cout << std::fixed << std::setprecision(4) << "coopsearch nDCG@10 (all " << queries.size()
              << " queries): " << mean << ", floor " << *a.min_ndcg << '\n';
    if (mean < *a.min_ndcg) {
      std::cerr << std::fixed << std::setprecision(4) << "coop-bench-eval: nDCG@10 " << mean
                << " over all " << queries.size() << " queries is below --min-ndcg " << *a.min_ndcg
                << '\n';
      return 1;
    }
  }
  return 0;
}

int Queries(const Args& a) {
  std::vector<EvalQuery> queries = coop::bench::LoadQueries(a.queries);
  if (!a.index.empty()) {
    coop::Searcher searcher(a.index);
    coop::bench::FitFacetsToIndex(queries, searcher, std::cerr);
  }
  for (const EvalQuery& q : queries) {
    if (!a.paths) {
      std::cout << q.id << '\t' << q.kind << '\t' << q.q << '\n';
      continue;
    }
    std::string path = "/api/search?q=", enc;
    Poco::URI::encode(q.q, "&=+?#%/", enc);
    path += enc;
    for (const auto& [name, values] : q.facets) {
      for (const auto& v : values) {
        enc.clear();
        Poco::URI::encode(v, "&=+?#%/", enc);
        path += "&" + name + "=" + enc;
      }
    }
    std::cout << path << '\n';
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  if (!Parse(argc, argv, a)) {
    std::cerr << kUsage;
    return 2;
  }
  try {
    if (a.command == "score") return Score(a);
    if (a.command == "queries") return Queries(a);
    if (a.command == "sql") {
      std::cout << coop::bench::QueryTableSql(coop::bench::LoadQueries(a.queries), a.system);
      return 0;
    }
    if (a.command == "export") return coop::bench::ExportRecords(std::cin, a.format, a.out);
    std::cerr << kUsage;
    return 2;
  } catch (const std::invalid_argument& e) {
    std::cerr << "coop-bench-eval: " << e.what() << "\n" << kUsage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "coop-bench-eval: " << e.what() << '\n';
    return 1;
  }
}
