// At most N long searches computing at once, admitted in arrival order: the search thread pool
// of Elasticsearch (thread_pool.search: a fixed size from the core count, and a queue), applied
// to Poco's connection threads, which stay one per keep-alive connection. docs/RELIABILITY.md
// ("Search slots") has the measurements that shaped it (wrk at x1 and x100 on 2 cores).
#ifndef COOP_SEARCH_SLOTS_H_
#define COOP_SEARCH_SLOTS_H_

#include <pthread.h>
#include <sched.h>
#include <time.h>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <semaphore>
#include <vector>

namespace coop::http {

/// How many SearchSlots there are, and when a search takes one.
struct SearchSlotsOptions {
  /// Long searches computing at once (at least 1). 0: the machine's hardware threads
  /// (std::thread::hardware_concurrency, 1 if unknown): a search reads an index kept in the
  /// page cache, so it holds a core from start to end, and more long searches than cores only
  /// share the cores out among more of them, each slower (at 8 connections on 2 cores each
  /// search took 4x its CPU time, and the costliest made the p99).
  int slots = 0;
  /// A search counts against the slots once its thread has used this much CPU time on it
  /// (CLOCK_THREAD_CPUTIME_ID: time waiting for a core does not count). Shorter ones never
  /// make others wait: waiting costs a sleep and a wake-up, which on short searches cost more
  /// than the sharing it avoids (x1, 8 connections: -20% queries/s with a grace of 2 ms of
  /// wall-clock time, none with 1 ms of CPU time).
  std::chrono::microseconds grace{1000};
};

/// A first-come-first-served gate. Run() runs a search on the calling thread at once if fewer
/// than Slots() searches have used more CPU than the grace and nobody waits; otherwise
/// the thread waits in line, and each search that ends lets the longest waiter in while fewer
/// than Slots() long ones are left. The thread let in is moved to the core of the search that
/// ended (Linux: pthread_setaffinity_np, undone once it runs): woken elsewhere, the kernel queued
/// it behind a busy core while that one went idle (9% of the time at x100, 8 connections).
/// Thread-safe; not copyable.
class SearchSlots {
 public:
  explicit SearchSlots(const SearchSlotsOptions& options);
  SearchSlots(const SearchSlots&) = delete;
  SearchSlots& operator=(const SearchSlots&) = delete;

  /// Waits for its turn (no time limit: the waiting threads are at most the server's worker
  /// threads), runs `search`, and lets the next in when it returns or throws (the exception
  /// goes on). Must not be called from within a `search`: it could wait on itself.
  void Run(const std::function<void()>& search);

  /// The number of slots.
  int Slots() const { return slots_; }
  /// Threads waiting in line now (for tests).
  int Waiting() const;

 private:
  using Clock = std::chrono::steady_clock;
  struct Waiter {
    std::binary_semaphore let_in{0};
    pthread_t thread{};
    bool moved = false;  // its CPU affinity was narrowed to the releasing thread's core
  };
  void Enter();
  void Leave();
  // A search running: its thread (one search per thread at a time), since when, and the
  // thread's CPU clock and its reading then.
  struct Running {
    pthread_t thread{};
    Clock::time_point start;
    clockid_t cpu_clock = CLOCK_MONOTONIC;
    std::chrono::nanoseconds cpu_at_start{0};
  };
  static Running Begun(pthread_t thread, Clock::time_point now);
  int LongRunning(Clock::time_point now) const;  // under mu_

  const int slots_;
  const Clock::duration grace_;
  cpu_set_t all_cpus_;  // the process's affinity at construction, given back to a moved thread
  mutable std::mutex mu_;
  std::vector<Running> started_;  // the searches running
  // In arrival order. Shared, so that the releasing thread may signal a waiter after unlocking
  // (one wake-up, not a wake-up and then a wait for the lock) although the waiter, once
  // signalled, may be gone.
  std::deque<std::shared_ptr<Waiter>> waiting_;
};

}  // namespace coop::http

#endif  // COOP_SEARCH_SLOTS_H_
