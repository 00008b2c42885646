// Facet filters of the query set fitted to one index, for the load tests of bench/run (issue 7).
// The judged filters name values of the real corpus (actor=Région Souss-Massa-Drâa,
// country=Belgique); a scaled corpus may have no record with such a value, and the API answers
// a filter on an unknown value with a 400 by design (issue 6). A load test must only send
// requests that do real work, so such values are replaced by one the index has.
#ifndef COOP_BENCH_EVAL_FILTERS_H_
#define COOP_BENCH_EVAL_FILTERS_H_

#include <ostream>
#include <vector>

#include "coop/searcher.h"
#include "eval_set.h"

namespace coop::bench {

/// Replaces, in every query's `facets`, each value that no record of `searcher`'s index has
/// (the searcher refuses a filter on it) by the value of the same facet held by the most records
/// (ties: the first the API lists). Values the index has are kept as they are, so on the real
/// corpus nothing changes. Writes one line per replacement to `log`. Returns the number of
/// values replaced. Throws std::runtime_error if a facet has no value at all in the index (no
/// request on that facet can succeed), and whatever Searcher::Search throws for other reasons.
/// Not thread-safe (uses `searcher`).
std::size_t FitFacetsToIndex(std::vector<EvalQuery>& queries, coop::Searcher& searcher,
                             std::ostream& log);

}  // namespace coop::bench

#endif  // COOP_BENCH_EVAL_FILTERS_H_
