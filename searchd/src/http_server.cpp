// HttpServer: TCPServer + our connection loop + a watchdog for request-head deadlines.
#include "coop/http_server.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>
#include <Poco/ThreadPool.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "whole_response.h"

namespace coop::http {

using Clock = std::chrono::steady_clock;

namespace {

std::chrono::microseconds Micros(const Poco::Timespan& t) {
  return std::chrono::microseconds(t.totalMicroseconds());
}

// The open connections and the deadline each one's request head must meet. A watchdog thread
// shuts down (shutdown(2), both ways) the socket of a connection past its deadline: the worker
// blocked reading it then sees end of input and drops the connection. Sockets are only shut
// down while registered, and a connection unregisters before its socket is closed, so a file
// descriptor reused by a later connection is never touched. Thread-safe.
class Connections {
 public:
  Connections() : watchdog_([this] { Watch(); }) {}
  ~Connections() {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      quit_ = true;
    }
    wake_.notify_all();
    watchdog_.join();
  }

  std::uint64_t Add(const Poco::Net::StreamSocket& socket) {
    const std::lock_guard<std::mutex> lock(mutex_);
    open_.emplace(++last_id_, Entry{socket, Clock::time_point::max()});
    return last_id_;
  }
  void Remove(std::uint64_t id) {
    const std::lock_guard<std::mutex> lock(mutex_);
    open_.erase(id);
  }
  // Sets (time_point::max(): clears) the deadline of connection `id`.
  // The watchdog is woken only when the deadline comes before its next wake-up: a keep-alive
  // connection sets one per request, and waking the watchdog each time cost every request a
  // futex and two context switches (perf, x1, 1 connection).
  void SetDeadline(std::uint64_t id, Clock::time_point deadline) {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      auto it = open_.find(id);
      if (it == open_.end()) return;
      it->second.deadline = deadline;
      if (deadline >= next_wake_) return;
      next_wake_ = deadline;
    }
    wake_.notify_all();
  }
  // Shuts down every open connection (end of a graceful stop).
  void ShutDownAll() {
    const std::lock_guard<std::mutex> lock(mutex_);
    for (auto& [id, entry] : open_) ShutDown(entry.socket);
  }

 private:
  struct Entry {
    Poco::Net::StreamSocket socket;
    Clock::time_point deadline;
  };

  static void ShutDown(Poco::Net::StreamSocket& socket) {
    try {
      socket.shutdown();
    } catch (const Poco::Exception&) {
      // Already closed by the peer: nothing to cut.
    }
  }

  void Watch() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!quit_) {
      Clock::time_point next = Clock::time_point::max();
      const Clock::time_point now = Clock::now();
      for (auto& [id, entry] : open_) {
        if (entry.deadline <= now) {
          ShutDown(entry.socket);
          entry.deadline = Clock::time_point::max();
        } else {
          next = std::min(next, entry.deadline);
        }
      }
      next_wake_ = next;
      if (next == Clock::time_point::max()) {
        wake_.wait(lock);
      } else {
        wake_.wait_until(lock, next);
      }
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::uint64_t, Entry> open_;
  // When the watchdog wakes up next (max: only when notified); under mutex_.
  Clock::time_point next_wake_ = Clock::time_point::max();
  std::uint64_t last_id_ = 0;
  bool quit_ = false;
  std::thread watchdog_;
};

// HTTPServerSession with its read buffer's fill level visible (a pipelined request may already
// be there).
class Session : public Poco::Net::HTTPServerSession {
 public:
  using HTTPServerSession::HTTPServerSession;
  bool HasBuffered() const { return buffered() > 0; }
};

}  // namespace

struct HttpServer::State {
  HttpServerOptions options;
  Poco::Net::HTTPRequestHandlerFactory::Ptr factory;
  Poco::Net::HTTPServerParams::Ptr params;
  Connections connections;
  std::atomic<bool> stopping{false};
  std::unique_ptr<Poco::ThreadPool> pool;
  std::unique_ptr<Poco::Net::TCPServer> server;

  // Whether connections have been waiting for a worker for over kPressure without the queue
  // emptying in between. A connection queued for an instant (a client reconnecting while the
  // worker of its old connection is still returning to the pool) is not saturation: answering
  // that with `Connection: close` everywhere made every client reconnect and fed the churn
  // (wrk -c64 on x100: 1,390 read errors in 60 s). Thread-safe.
  bool Saturated() {
    constexpr std::int64_t kPressure = 50'000;  // us
    const std::int64_t now =
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now().time_since_epoch())
            .count();
    if (!server || server->queuedConnections() == 0) {
      pressure_since.store(0);
      return false;
    }
    std::int64_t since = 0;
    if (pressure_since.compare_exchange_strong(since, now)) return false;  // first sighting
    return now - since > kPressure;
  }
  std::atomic<std::int64_t> pressure_since{0};  // steady-clock us when the queue last filled
};

namespace {

class Connection : public Poco::Net::TCPServerConnection {
 public:
  Connection(const Poco::Net::StreamSocket& socket, HttpServer::State* state)
      : TCPServerConnection(socket), state_(state) {}

  void run() override {
    try {
      Serve();
    } catch (const Poco::Exception&) {
      // Reset, timed out or cut by the watchdog: the connection ends.
    }
  }

 private:
  // True once the next request's first byte is readable; false if the connection should end:
  // nothing came in time, the server is stopping, or (on a keep-alive connection) others are
  // waiting for a worker.
  bool AwaitRequest(Session& session, bool first) {
    if (session.HasBuffered()) return true;
    HttpServer::State& st = *state_;
    const auto waited_from = Clock::now();
    const auto limit =
        waited_from + Micros(first ? st.options.head_deadline : st.options.idle_timeout);
    // An idle keep-alive connection is given up under saturation only once it has been idle
    // this long: a client about to send its next request must not see its connection close.
    constexpr auto kIdleBeforeYield = std::chrono::milliseconds(250);
    constexpr auto kSlice = std::chrono::milliseconds(50);
    while (!state_->stopping.load()) {
      const auto now = Clock::now();
      if (!first && now - waited_from >= kIdleBeforeYield && st.Saturated()) return false;
      if (now >= limit) return false;
      const auto wait = std::min<Clock::duration>(kSlice, limit - now);
      // poll(2) itself: Poco's Socket::poll opens, fills and closes an epoll instance on every
      // call (four system calls where one does), once or twice per request.
      pollfd fd{.fd = socket().impl()->sockfd(), .events = POLLIN, .revents = 0};
      const int ms = static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(wait).count());
      const int ready = ::poll(&fd, 1, ms);
      if (ready > 0) return true;
      if (ready < 0 && errno != EINTR) return false;
    }
    return false;
  }

  void Serve() {
    HttpServer::State& st = *state_;
    const std::uint64_t id = st.connections.Add(socket());
    struct Unregister {
      Connections& c;
      std::uint64_t id;
      ~Unregister() { c.Remove(id); }
    } unregister{st.connections, id};
    socket().setSendTimeout(st.options.idle_timeout);
    // TCP_NODELAY: without it a keep-alive response can wait ~40 ms for Nagle + delayed ACK.
    // Once per connection (it was once per request: a system call each, 2% of x1's CPU).
    socket().setNoDelay(true);
    Session session(socket(), st.params);
    for (int served = 0; served < st.options.max_requests_per_connection; ++served) {
      if (!AwaitRequest(session, served == 0)) return;
      WholeResponse response(session, {});
      std::unique_ptr<Poco::Net::HTTPServerRequestImpl> request;
      st.connections.SetDeadline(id, Clock::now() + Micros(st.options.head_deadline));
      try {
        request =
            std::make_unique<Poco::Net::HTTPServerRequestImpl>(response, session, st.params.get());
      } catch (const Poco::Net::NoMessageException&) {
        return;  // closed before a request, or cut by the watchdog before its first line
      } catch (const Poco::Net::MessageException&) {
        SendBadRequest(session);  // malformed, or cut mid-head: answered if still possible
        return;
      }
      st.connections.SetDeadline(id, Clock::time_point::max());
      response.setDate(Poco::Timestamp());
      response.setVersion(request->getVersion());
      // Fairness: while connections are queued, this one gives its worker up after answering.
      const bool keep_alive = request->getKeepAlive() && !st.stopping.load() &&
                              served + 1 < st.options.max_requests_per_connection &&
                              !st.Saturated();
      response.setKeepAlive(keep_alive);
      std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(
          st.factory->createRequestHandler(*request));
      // No automatic "100 Continue": a handler that reads a body sends it once it has
      // checked the request (the upload, after the token), so a refused body is never sent.
      response.SetRequest({.head = request->getMethod() == Poco::Net::HTTPRequest::HTTP_HEAD});
      handler->handleRequest(*request, response);
      response.Flush();
      if (!keep_alive || !response.getKeepAlive()) return;
      session.setKeepAlive(true);
    }
  }

  static void SendBadRequest(Session& session) {
    try {
      Poco::Net::HTTPServerResponseImpl response(session);
      response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
      response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST);
      response.setKeepAlive(false);
      response.setContentLength(0);
      response.send();
    } catch (const Poco::Exception&) {
      // The client is gone.
    }
  }

  HttpServer::State* state_;  // outlives every connection (HttpServer::Stop joins them)
};

class ConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
 public:
  explicit ConnectionFactory(HttpServer::State* state) : state_(state) {}
  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override {
    return new Connection(socket, state_);
  }

 private:
  HttpServer::State* state_;
};

}  // namespace

HttpServer::HttpServer(Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
                       const HttpServerOptions& options)
    : state_(std::make_unique<State>()) {
  state_->options = options;
  state_->factory = std::move(factory);
  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(options.threads);
  params->setMaxQueued(options.max_queued);
  params->setKeepAlive(true);
  params->setTimeout(options.idle_timeout);  // each read of a body: socket receive timeout
  params->setKeepAliveTimeout(options.idle_timeout);
  params->setMaxKeepAliveRequests(options.max_requests_per_connection);
  state_->params = params;
  // A pool of our own: Poco's default pool has at most 16 threads, whatever maxThreads says.
  // Its minimum may not exceed its maximum (Poco asserts it): `--threads 1` keeps one thread.
  state_->pool = std::make_unique<Poco::ThreadPool>(std::min(2, options.threads), options.threads);
  // SO_REUSEADDR (a restart may bind while the last run's connections are in TIME_WAIT) but
  // not SO_REUSEPORT, which ServerSocket(address) sets too: with it a second coop-searchd on
  // the same port started, and the kernel shared the connections between the two.
  Poco::Net::ServerSocket socket;
  socket.bind(Poco::Net::SocketAddress(options.bind, static_cast<Poco::UInt16>(options.port)),
              /*reuseAddress=*/true, /*reusePort=*/false);
  socket.listen(options.backlog);
  state_->server = std::make_unique<Poco::Net::TCPServer>(
      new ConnectionFactory(state_.get()), *state_->pool, socket,
      // A counted reference: the raw pointer would make TCPServer a second owner of `params`
      // (freed twice at shutdown; found by fuzz/fuzz_http under UBSan, issue 21).
      Poco::Net::TCPServerParams::Ptr(state_->params));
}

HttpServer::~HttpServer() {
  if (!state_->stopping) Stop(Poco::Timespan(0, 0));
}

void HttpServer::Start() { state_->server->start(); }

unsigned short HttpServer::Port() const { return state_->server->port(); }

void HttpServer::Stop(Poco::Timespan grace) {
  state_->stopping = true;
  state_->server->stop();
  const auto until = Clock::now() + Micros(grace);
  while (state_->server->currentConnections() > 0 && Clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  state_->connections.ShutDownAll();
  state_->pool->joinAll();
}

}  // namespace coop::http
