#include "coop/metrics.h"

#include <sstream>

namespace coop::http {

void Metrics::Observe(const std::string& route, int status, double ms) {
  std::lock_guard<std::mutex> lock(mu_);
  RouteStats& s = routes_[route];
  ++s.by_status[status];
  ++s.count;
  s.sum_ms += ms;
  for (std::size_t i = 0; i < kBucketsMs.size(); ++i) {
    if (ms <= kBucketsMs[i]) ++s.buckets[i];  // cumulative, as Prometheus expects
  }
}

void Metrics::NoteReopen(double unix_seconds) {
  double prev = last_reopen_.load();
  while (unix_seconds > prev && !last_reopen_.compare_exchange_weak(prev, unix_seconds)) {
  }
}

std::string Metrics::Prometheus(std::uint64_t documents) const {
  std::ostringstream out;
  out << "# HELP coop_requests_total HTTP requests answered, by route and status.\n"
         "# TYPE coop_requests_total counter\n";
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [route, s] : routes_) {
    for (const auto& [status, n] : s.by_status) {
      out << "coop_requests_total{route=\"" << route << "\",status=\"" << status << "\"} " << n
          << '\n';
    }
  }
  out << "# HELP coop_request_duration_seconds Time to answer a request, by route.\n"
         "# TYPE coop_request_duration_seconds histogram\n";
  for (const auto& [route, s] : routes_) {
    for (std::size_t i = 0; i < kBucketsMs.size(); ++i) {
      out << "coop_request_duration_seconds_bucket{route=\"" << route << "\",le=\""
          << kBucketsMs[i] / 1000 << "\"} " << s.buckets[i] << '\n';
    }
    out << "coop_request_duration_seconds_bucket{route=\"" << route << "\",le=\"+Inf\"} " << s.count
        << '\n'
        << "coop_request_duration_seconds_sum{route=\"" << route << "\"} " << s.sum_ms / 1000
        << '\n'
        << "coop_request_duration_seconds_count{route=\"" << route << "\"} " << s.count << '\n';
  }
  out << "# HELP coop_index_documents Xapian documents (records + passages) in the index.\n"
         "# TYPE coop_index_documents gauge\n"
         "coop_index_documents "
      << documents << '\n'
      << "# HELP coop_index_last_reopen_timestamp_seconds When a worker last reopened the index.\n"
         "# TYPE coop_index_last_reopen_timestamp_seconds gauge\n"
         "coop_index_last_reopen_timestamp_seconds "
      << static_cast<std::uint64_t>(last_reopen_.load()) << '\n';
  return out.str();
}

}  // namespace coop::http
