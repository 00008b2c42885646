// In-process query latency of coop::Searcher (issue 7), with Google Benchmark.
// Environment: COOP_BENCH_INDEX (index directory) and COOP_BENCH_QUERIES (the query set,
// bench/queries/queries.json). Each iteration runs the next query of the set (facet queries
// with their facet filters fitted to the index as the wrk paths are: a value no record of the
// index has is replaced by the facet's most common one, see eval_filters.h); counters p50_us /
// p99_us are percentiles of the single-query latencies in microseconds, full response built
// (hits, snippets, exact totals, facet counts). Queries that throw are counted in `errors` (a
// count, not a rate; `searches` is the total) and the first failure is printed on stderr:
// bench/run fails if any benchmark reports errors.
#include <Poco/Exception.h>
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>

#include "coop/searcher.h"
#include "eval_filters.h"
#include "eval_set.h"
#include "result_json.h"  // searchd/src: the HTTP layer's JSON writer

namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

// What the benchmarked searches ask besides their text.
enum class Filters { kNone, kFacets };

void BM_Search(benchmark::State& state, Filters filters) {
  const bool with_facets = filters == Filters::kFacets;
  const std::string index = Env("COOP_BENCH_INDEX"), queries_path = Env("COOP_BENCH_QUERIES");
  if (index.empty() || queries_path.empty()) {
    state.SkipWithError("set COOP_BENCH_INDEX and COOP_BENCH_QUERIES");
    return;
  }
  // One revision cache for every run of the benchmark, as coop-searchd shares one between its
  // threads: Google Benchmark calls this function several times, and a Searcher of its own
  // would build the revision's tables (0.3 s at x100) inside each timed run.
  static const std::shared_ptr<coop::exec::RevisionCache> revisions = coop::MakeRevisionCache();
  coop::Searcher searcher(index, {.revisions = revisions});
  auto queries = coop::bench::LoadQueries(queries_path);
  if (with_facets) coop::bench::FitFacetsToIndex(queries, searcher, std::cerr);
  std::vector<coop::SearchRequest> requests;
  for (const auto& q : queries) {
    coop::SearchRequest r;
    r.q = q.q;
    if (with_facets) r.filters = q.facets;
    requests.push_back(r);
  }
  std::vector<double> micros;
  std::size_t i = 0, errors = 0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    try {
      // The search and its JSON, as coop-searchd answers it.
      benchmark::DoNotOptimize(
          coop::http::SearchResultJson(searcher.Search(requests[i++ % requests.size()])));
    } catch (const std::exception& e) {  // Poco::Exception too; counted as wrk counts 500s
      if (errors++ == 0) std::cerr << "coop_query_bench: search failed: " << e.what() << '\n';
    }
    micros.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
  }
  state.counters["errors"] = static_cast<double>(errors);
  state.counters["searches"] = static_cast<double>(micros.size());
  state.counters["p50_us"] = Percentile(micros, 0.50);
  state.counters["p99_us"] = Percentile(micros, 0.99);
  state.counters["qps"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

BENCHMARK_CAPTURE(BM_Search, text_only, Filters::kNone)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Search, with_facet_filters, Filters::kFacets)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
