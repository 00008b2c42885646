// The response object of coop-searchd's connection loop: an answer of known length goes out in
// one send(2) (not part of the public API).
#ifndef COOP_SEARCHD_WHOLE_RESPONSE_H_
#define COOP_SEARCHD_WHOLE_RESPONSE_H_

#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>

#include <cstddef>
#include <memory>
#include <ostream>
#include <string>

namespace coop::http {

/// Poco's HTTPServerResponseImpl, but a response whose Content-Length is set and at most
/// Options::max_buffered_bytes is gathered whole (status line, headers and the body written to
/// send()'s stream) and sent by Flush() in one send(2). Every other response (chunked, HEAD,
/// 1xx/204/304, longer, sendFile) takes Poco's own path, corked (TCP_CORK, tcp(7)) from its first
/// byte until Flush(), so that its 4 KB pieces leave as full segments.
///
/// Why: Poco formats the header twice (once to count it) and sends a body in 4 KB pieces: a
/// 16 KB search answer took 5 send(2), and the cork that merged them 2 setsockopt(2) more
/// (strace, x1, one keep-alive connection); perf put Poco's header and body streams at 5% of a
/// search's instructions (docs/bench/profile_tail.md, session 19).
///
/// One per request, used by one thread. Flush() and the Poco calls throw what Poco's socket
/// writes throw (Poco::TimeoutException past the send timeout, Poco::Net::NetException).
class WholeResponse : public Poco::Net::HTTPServerResponseImpl {
 public:
  struct Options {
    std::size_t max_buffered_bytes = std::size_t{1} << 20;  ///< Longest answer sent whole.
  };
  /// What the connection loop knows of the request once its head is read.
  struct Request {
    bool head = false;  ///< A HEAD request: no body may follow the header.
  };

  WholeResponse(Poco::Net::HTTPServerSession& session, Options options);
  ~WholeResponse() override;  // lifts a cork still held

  /// Tells the response about its request (before the handler runs).
  void SetRequest(Request request) { request_ = request; }

  std::ostream& send() override;
  void sendFile(const std::string& path, const std::string& media_type) override;
  void sendBuffer(const void* buffer, std::size_t length) override;
  void redirect(const std::string& uri, HTTPStatus status = HTTP_FOUND) override;
  bool sent() const override;

  /// Sends the gathered answer (at most its Content-Length of body), or flushes Poco's stream,
  /// then lifts the cork. Once per request, after the handler; a no-op if nothing was sent.
  void Flush();

 private:
  class GatherBuf;
  void Cork();
  void Uncork();

  Poco::Net::HTTPServerSession& session_;
  Options options_;
  Request request_;
  std::string gathered_;    // status line, headers, then the body
  std::size_t length_ = 0;  // gathered_.size() once complete: header + Content-Length
  std::unique_ptr<GatherBuf> buf_;
  std::unique_ptr<std::ostream> stream_;  // over buf_, returned by send() when gathering
  std::ostream* poco_stream_ = nullptr;   // Poco's, when its path was taken
  bool corked_ = false;
};

}  // namespace coop::http

#endif  // COOP_SEARCHD_WHOLE_RESPONSE_H_
