// In-process query latency of coop::Searcher (issue 7), with Google Benchmark.
// Environment: COOP_BENCH_INDEX (index directory) and COOP_BENCH_QUERIES (the query set,
// bench/queries/queries.json). Each iteration runs the next query of the set (facet queries
// with their facet filters, as the wrk script sends them); counters p50_us / p99_us are
// percentiles of the single-query latencies in microseconds, full response built (hits,
// snippets, exact totals, facet counts). Queries that throw are counted in `errors`.
#include <Poco/Exception.h>
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>

#include "coop/searcher.h"
#include "eval_set.h"

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

void BM_Search(benchmark::State& state, bool with_facets) {
  const std::string index = Env("COOP_BENCH_INDEX"), queries_path = Env("COOP_BENCH_QUERIES");
  if (index.empty() || queries_path.empty()) {
    state.SkipWithError("set COOP_BENCH_INDEX and COOP_BENCH_QUERIES");
    return;
  }
  coop::Searcher searcher(index);
  std::vector<coop::SearchRequest> requests;
  for (const auto& q : coop::bench::LoadQueries(queries_path)) {
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
      benchmark::DoNotOptimize(searcher.SearchJson(requests[i++ % requests.size()]));
    } catch (const std::exception&) {  // Poco::Exception too; counted as wrk counts 500s
      ++errors;
    }
    micros.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
  }
  state.counters["errors"] = static_cast<double>(errors);
  state.counters["p50_us"] = Percentile(micros, 0.50);
  state.counters["p99_us"] = Percentile(micros, 0.99);
  state.counters["qps"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

BENCHMARK_CAPTURE(BM_Search, text_only, false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Search, with_facet_filters, true)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
