// Request metrics of coop-searchd, exposed at GET /metrics in the Prometheus text format
// (https://prometheus.io/docs/instrumenting/exposition_formats/).
#ifndef COOP_METRICS_H_
#define COOP_METRICS_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace coop::http {

/// Counters and latency histograms per route. Thread-safe (one mutex; Observe is O(log routes)).
class Metrics {
 public:
  /// Upper bounds (ms) of the latency histogram buckets; +Inf is implicit.
  static constexpr std::array<double, 11> kBucketsMs = {0.25, 0.5, 1,   2,   5,   10,
                                                        25,   50,  100, 250, 1000};

  /// Records one answered request: route pattern (e.g. "/api/records/{id}"), HTTP status, time.
  void Observe(const std::string& route, int status, double ms);

  /// Notes that a worker reopened the index at `unix_seconds`.
  void NoteReopen(double unix_seconds);

  /// The exposition text; `documents` is the index's document count.
  std::string Prometheus(std::uint64_t documents) const;

 private:
  struct RouteStats {
    std::map<int, std::uint64_t> by_status;
    std::array<std::uint64_t, kBucketsMs.size()> buckets{};
    std::uint64_t count = 0;
    double sum_ms = 0;
  };
  mutable std::mutex mu_;
  std::map<std::string, RouteStats> routes_;
  std::atomic<double> last_reopen_{0};
};

}  // namespace coop::http

#endif  // COOP_METRICS_H_
