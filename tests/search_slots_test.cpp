// The search slots of coop-searchd (coop/search_slots.h): at most N long searches at once,
// waiters let in in arrival order, short searches never waiting, and a search that throws
// letting the next one in. Each test waits for events (a thread in line, a search running);
// none asserts on a duration.
#include "coop/search_slots.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace coop::http {
namespace {

using namespace std::chrono_literals;

// Every search counts against the slots from its start.
constexpr SearchSlotsOptions kNoGrace{.slots = 1, .grace = 0us};

void WaitForLine(const SearchSlots& slots, int waiting) {
  while (slots.Waiting() != waiting) std::this_thread::sleep_for(1ms);
}

// A search on its own thread that runs until Finish(); the constructor returns once it runs.
class HeldSearch {
 public:
  explicit HeldSearch(SearchSlots& slots)
      : thread_([this, &slots] {
          slots.Run([this] {
            running_.set_value();
            finish_.get_future().wait();
          });
        }) {
    running_.get_future().wait();
  }
  ~HeldSearch() {
    if (thread_.joinable()) Finish();
  }
  void Finish() {
    finish_.set_value();
    thread_.join();
  }

 private:
  std::promise<void> running_, finish_;
  std::thread thread_;
};

TEST(SearchSlots, AtMostSlotsSearchesRunAtOnce) {
  SearchSlots slots({.slots = 2, .grace = 0us});
  std::atomic<int> running{0}, most{0}, done{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      slots.Run([&] {
        const int now = ++running;
        for (int seen = most.load(); now > seen && !most.compare_exchange_weak(seen, now);) {
        }
        std::this_thread::sleep_for(5ms);  // overlap the searches; not a bound
        --running;
        ++done;
      });
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(done.load(), 8);
  EXPECT_LE(most.load(), 2);
  EXPECT_EQ(slots.Waiting(), 0);
}

TEST(SearchSlots, WaitersAreLetInInArrivalOrder) {
  SearchSlots slots(kNoGrace);
  HeldSearch first(slots);
  std::mutex mu;
  std::vector<std::string> order;
  std::vector<std::thread> waiters;
  for (const std::string name : {"B", "C", "D"}) {
    waiters.emplace_back([&, name] {
      slots.Run([&] {
        std::lock_guard lock(mu);
        order.push_back(name);
      });
    });
    WaitForLine(slots, static_cast<int>(waiters.size()));
  }
  EXPECT_TRUE(order.empty());
  first.Finish();
  for (std::thread& t : waiters) t.join();
  EXPECT_EQ(order, (std::vector<std::string>{"B", "C", "D"}));
}

TEST(SearchSlots, ASearchWithinTheGraceDoesNotMakeOthersWait) {
  SearchSlots slots({.slots = 1, .grace = 1h});
  HeldSearch first(slots);
  bool second_ran = false;
  slots.Run([&] { second_ran = true; });  // would wait forever behind `first` without the grace
  EXPECT_TRUE(second_ran);
  first.Finish();
}

TEST(SearchSlots, ASearchThatThrowsLetsTheNextIn) {
  SearchSlots slots(kNoGrace);
  EXPECT_THROW(slots.Run([] { throw std::runtime_error("index_error"); }), std::runtime_error);
  bool ran = false;
  slots.Run([&] { ran = true; });
  EXPECT_TRUE(ran);
}

TEST(SearchSlots, ZeroSlotsMeansOnePerCore) {
  const SearchSlots slots({.slots = 0});
  const int cores = static_cast<int>(std::thread::hardware_concurrency());
  EXPECT_EQ(slots.Slots(), cores > 0 ? cores : 1);
}

}  // namespace
}  // namespace coop::http
