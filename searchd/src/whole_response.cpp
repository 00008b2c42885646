#include "whole_response.h"

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/StreamSocket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <algorithm>
#include <streambuf>

namespace coop::http {

// A streambuf appending to a string, unbuffered: each write of the handler is one append.
class WholeResponse::GatherBuf : public std::streambuf {
 public:
  explicit GatherBuf(std::string& out) : out_(out) {}

 protected:
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof()))
      out_.push_back(traits_type::to_char_type(c));
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    out_.append(s, static_cast<std::size_t>(n));
    return n;
  }

 private:
  std::string& out_;
};

WholeResponse::WholeResponse(Poco::Net::HTTPServerSession& session, Options options)
    : HTTPServerResponseImpl(session), session_(session), options_(options) {}

WholeResponse::~WholeResponse() { Uncork(); }

std::ostream& WholeResponse::send() {
  const HTTPStatus status = getStatus();
  const bool gather =
      !request_.head && !getChunkedTransferEncoding() && hasContentLength() &&
      getContentLength64() >= 0 &&
      static_cast<std::uint64_t>(getContentLength64()) <= options_.max_buffered_bytes &&
      status >= 200 && status != HTTP_NO_CONTENT && status != HTTP_NOT_MODIFIED && !stream_ &&
      !poco_stream_;
  if (!gather) {
    Cork();
    poco_stream_ = &HTTPServerResponseImpl::send();
    return *poco_stream_;
  }
  buf_ = std::make_unique<GatherBuf>(gathered_);
  stream_ = std::make_unique<std::ostream>(buf_.get());
  write(*stream_);  // status line and headers, as Poco writes them
  length_ = gathered_.size() + static_cast<std::size_t>(getContentLength64());
  gathered_.reserve(length_);
  return *stream_;
}

void WholeResponse::sendFile(const std::string& path, const std::string& media_type) {
  Cork();
  HTTPServerResponseImpl::sendFile(path, media_type);
}

void WholeResponse::sendBuffer(const void* buffer, std::size_t length) {
  Cork();
  HTTPServerResponseImpl::sendBuffer(buffer, length);
}

void WholeResponse::redirect(const std::string& uri, HTTPStatus status) {
  Cork();
  HTTPServerResponseImpl::redirect(uri, status);
}

bool WholeResponse::sent() const { return stream_ != nullptr || HTTPServerResponseImpl::sent(); }

void WholeResponse::Flush() {
  if (stream_) {
    // A body longer than its Content-Length is cut there, as Poco's fixed-length stream cuts it.
    const std::size_t n = std::min(gathered_.size(), length_);
    Poco::Net::StreamSocket& socket = session_.socket();
    for (std::size_t done = 0; done < n;) {
      const int sent = socket.sendBytes(gathered_.data() + done, static_cast<int>(n - done));
      if (sent <= 0) break;  // the peer is gone: nothing more can go out
      done += static_cast<std::size_t>(sent);
    }
    gathered_.clear();
    length_ = 0;  // a second Flush() sends nothing
  } else if (poco_stream_) {
    poco_stream_->flush();
  }
  Uncork();
}

void WholeResponse::Cork() {
  if (corked_) return;
  const int on = 1;
  // A failed setsockopt only loses the merging of the pieces.
  corked_ =
      ::setsockopt(session_.socket().impl()->sockfd(), IPPROTO_TCP, TCP_CORK, &on, sizeof on) == 0;
}

void WholeResponse::Uncork() {
  if (!corked_) return;
  const int off = 0;
  ::setsockopt(session_.socket().impl()->sockfd(), IPPROTO_TCP, TCP_CORK, &off, sizeof off);
  corked_ = false;
}

}  // namespace coop::http
