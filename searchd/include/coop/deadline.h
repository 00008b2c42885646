// A search's match time limit (issue 21): the matcher checks it between its steps and while it
// reads postings, and gives up with QueryTimeout once it has passed, so one costly query cannot
// hold a worker thread (and its memory) for seconds.
#ifndef COOP_SEARCHD_DEADLINE_H_
#define COOP_SEARCHD_DEADLINE_H_

#include <chrono>
#include <stdexcept>

namespace coop {

/// A search ran past its match time limit. The HTTP layer answers it 503 "query_timeout".
class QueryTimeout : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A point in steady time after which a search gives up. Small value type; default: never.
/// Thread-safe to read (it is immutable).
class Deadline {
 public:
  using Clock = std::chrono::steady_clock;

  Deadline() = default;
  /// The deadline `limit` after now; a limit of zero or less means no deadline.
  static Deadline After(std::chrono::microseconds limit) {
    Deadline d;
    if (limit.count() > 0) d.at_ = Clock::now() + limit;
    return d;
  }

  bool Unlimited() const { return at_ == Clock::time_point::max(); }
  /// Throws QueryTimeout if the deadline has passed (one steady_clock read, about 20 ns).
  void Check() const {
    if (!Unlimited() && Clock::now() > at_) {
      throw QueryTimeout("the search ran past its match time limit");
    }
  }
  /// Seconds left (at least a microsecond), for Xapian::Enquire::set_time_limit; 0: unlimited.
  double SecondsLeft() const {
    if (Unlimited()) return 0.0;
    const double left = std::chrono::duration<double>(at_ - Clock::now()).count();
    return left > 1e-6 ? left : 1e-6;
  }

 private:
  Clock::time_point at_ = Clock::time_point::max();
};

}  // namespace coop

#endif  // COOP_SEARCHD_DEADLINE_H_
