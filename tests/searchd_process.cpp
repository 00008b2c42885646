#include "searchd_process.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/StreamCopier.h>

#include <regex>
#include <sstream>

namespace coop::testing {

SearchdProcess::SearchdProcess(const std::string& index, const SearchdOptions& options) {
  std::vector<std::string> args = {"--index", index, "--port", std::to_string(options.port)};
  args.insert(args.end(), options.args.begin(), options.args.end());
  Poco::Process::Env env(options.env.begin(), options.env.end());
  Poco::Pipe out;
  handle_ = std::make_unique<Poco::ProcessHandle>(
      Poco::Process::launch(COOP_SEARCHD_BIN, args, nullptr, &out, nullptr, env));
  Poco::PipeInputStream lines(out);
  std::string line;
  std::getline(lines, line);
  std::smatch m;
  if (std::regex_search(line, m, std::regex(R"(http://127\.0\.0\.1:(\d+)/)"))) {
    port_ = static_cast<unsigned short>(std::stoi(m[1]));
  } else {
    exit_code_ = handle_->wait();
    handle_.reset();
  }
}

SearchdProcess::~SearchdProcess() {
  if (!handle_) return;
  Poco::Process::requestTermination(handle_->id());
  handle_->wait();
}

HttpReply SearchdProcess::Request(const std::string& method, const std::string& uri,
                                  const std::map<std::string, std::string>& headers,
                                  const std::string& body) const {
  Poco::Net::HTTPClientSession session("127.0.0.1", port_);
  session.setTimeout(Poco::Timespan(60, 0));  // hang guard
  Poco::Net::HTTPRequest req(method, uri, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [name, value] : headers) req.set(name, value);
  if (!body.empty()) req.setContentLength(static_cast<std::streamsize>(body.size()));
  session.sendRequest(req) << body;
  Poco::Net::HTTPResponse resp;
  std::istream& in = session.receiveResponse(resp);
  HttpReply r;
  r.status = resp.getStatus();
  for (const auto& [name, value] : resp) r.headers.add(name, value);
  Poco::StreamCopier::copyToString(in, r.body);
  return r;
}

std::string SearchdProcess::Raw(const std::string& raw, int guard_seconds) const {
  Poco::Net::StreamSocket s(Poco::Net::SocketAddress("127.0.0.1", port_));
  s.sendBytes(raw.data(), static_cast<int>(raw.size()));
  s.setReceiveTimeout(Poco::Timespan(guard_seconds, 0));
  std::string answer;
  try {
    char buf[4096];
    for (int n; (n = s.receiveBytes(buf, sizeof buf)) > 0;) answer.append(buf, n);
  } catch (const Poco::TimeoutException&) {
  } catch (const Poco::Net::ConnectionResetException&) {
  }
  return answer;
}

HttpReply ParseRawReply(const std::string& raw) {
  HttpReply r;
  const std::size_t head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos) return r;
  std::istringstream head(raw.substr(0, head_end));
  std::string line;
  std::getline(head, line);
  std::smatch m;
  if (!std::regex_search(line, m, std::regex(R"(^HTTP/\d\.\d (\d{3}))"))) return r;
  r.status = std::stoi(m[1]);
  while (std::getline(head, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::size_t v = colon + 1;
    while (v < line.size() && line[v] == ' ') ++v;
    r.headers.add(line.substr(0, colon), line.substr(v));
  }
  r.body = raw.substr(head_end + 4);
  return r;
}

}  // namespace coop::testing
