#include "coop/search_slots.h"

#include <pthread.h>
#include <time.h>

#include <algorithm>
#include <thread>

namespace coop::http {
namespace {
int SlotsFor(const SearchSlotsOptions& options) {
  if (options.slots > 0) return options.slots;
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}
}  // namespace

SearchSlots::SearchSlots(const SearchSlotsOptions& options)
    : slots_(SlotsFor(options)), grace_(options.grace) {
  CPU_ZERO(&all_cpus_);
  if (sched_getaffinity(0, sizeof all_cpus_, &all_cpus_) != 0) CPU_ZERO(&all_cpus_);
}

int SearchSlots::Waiting() const {
  std::lock_guard lock(mu_);
  return static_cast<int>(waiting_.size());
}

void SearchSlots::Run(const std::function<void()>& search) {
  Enter();
  struct Left {
    SearchSlots* slots;
    ~Left() { slots->Leave(); }
  } left{this};
  search();
}

int SearchSlots::LongRunning(Clock::time_point now) const {
  int long_running = 0;
  for (const Running& r : started_) {
    // A search cannot have used more CPU than the time since its start: read its thread's CPU
    // clock (a system call) only once that is past the grace.
    if (now - r.start < grace_) continue;
    timespec used{};
    if (clock_gettime(r.cpu_clock, &used) != 0) {
      ++long_running;
      continue;
    }
    const auto cpu = std::chrono::seconds(used.tv_sec) + std::chrono::nanoseconds(used.tv_nsec);
    long_running += cpu - r.cpu_at_start >= grace_;
  }
  return long_running;
}

SearchSlots::Running SearchSlots::Begun(pthread_t thread, Clock::time_point now) {
  Running r{.thread = thread, .start = now};
  if (pthread_getcpuclockid(thread, &r.cpu_clock) != 0) r.cpu_clock = CLOCK_MONOTONIC;
  timespec used{};
  clock_gettime(r.cpu_clock, &used);
  r.cpu_at_start = std::chrono::seconds(used.tv_sec) + std::chrono::nanoseconds(used.tv_nsec);
  return r;
}

void SearchSlots::Enter() {
  std::unique_lock lock(mu_);
  const Clock::time_point now = Clock::now();
  if (waiting_.empty() && LongRunning(now) < slots_) {
    started_.push_back(Begun(pthread_self(), now));
    return;
  }
  auto me = std::make_shared<Waiter>();
  me->thread = pthread_self();
  waiting_.push_back(me);
  lock.unlock();
  me->let_in.acquire();
  if (me->moved) pthread_setaffinity_np(me->thread, sizeof all_cpus_, &all_cpus_);
}

void SearchSlots::Leave() {
  std::unique_lock lock(mu_);
  const pthread_t self = pthread_self();
  started_.erase(std::find_if(started_.begin(), started_.end(),
                              [&](const Running& r) { return pthread_equal(r.thread, self); }));
  const Clock::time_point now = Clock::now();
  if (waiting_.empty() || LongRunning(now) >= slots_) return;
  // In without a pause: a thread arriving meanwhile finds the line non-empty and queues.
  const std::shared_ptr<Waiter> next = std::move(waiting_.front());
  waiting_.pop_front();
  started_.push_back(Begun(next->thread, now));
  lock.unlock();
  // This thread is about to send its answer and sleep until its connection's next request:
  // its core is the one about to be free.
  const int cpu = sched_getcpu();
  if (cpu >= 0 && CPU_COUNT(&all_cpus_) > 1) {
    cpu_set_t here;
    CPU_ZERO(&here);
    CPU_SET(cpu, &here);
    next->moved = pthread_setaffinity_np(next->thread, sizeof here, &here) == 0;
  }
  next->let_in.release();
}

}  // namespace coop::http
