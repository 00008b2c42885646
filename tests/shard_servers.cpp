#include "shard_servers.h"

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <signal.h>

#include <fstream>
#include <regex>
#include <stdexcept>

namespace coop::testing {

unsigned short FreeLoopbackPort() {
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  const unsigned short port = socket.address().port();
  socket.close();
  return port;
}

ShardServer::ShardServer(std::string db_dir)
    : db_dir_(std::move(db_dir)), port_(FreeLoopbackPort()) {}

ShardServer::~ShardServer() { Stop(); }

bool ShardServer::Start() {
  Stop();
  // In a session of its own (setsid execs in place: same pid), so that Stop() ends the server
  // and the children it forks per connection, which would otherwise keep serving.
  const std::vector<std::string> args = {COOP_XAPIAN_TCPSRV, "--interface",         "127.0.0.1",
                                         "--port",           std::to_string(port_), db_dir_};
  out_ = std::make_unique<Poco::Pipe>();
  handle_ = std::make_unique<Poco::ProcessHandle>(
      Poco::Process::launch("setsid", args, nullptr, out_.get(), nullptr));
  Poco::PipeInputStream lines(*out_);
  // "Starting server on host ..., port ...", then "Listening..." once the socket listens.
  // The pipe stays open (out_): the server writes a line per connection, which nobody reads
  // (the pipe buffer holds hundreds of them, more than a test makes).
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("Listening", 0) == 0) return true;
  }
  handle_->wait();
  handle_.reset();
  out_.reset();
  return false;
}

void ShardServer::Stop() {
  if (!handle_) return;
  ::kill(-static_cast<pid_t>(handle_->id()), SIGTERM);  // the server and its children
  handle_->wait();
  handle_.reset();
  out_.reset();
}

void WriteRemoteStub(const std::string& stub, const std::vector<unsigned short>& ports,
                     const std::vector<std::string>& extra_lines) {
  std::ofstream out(stub, std::ios::trunc);
  for (unsigned short p : ports) out << "remote 127.0.0.1:" << p << "\n";
  for (const std::string& line : extra_lines) out << line << "\n";
  if (!out.flush()) throw std::runtime_error("cannot write " + stub);
}

std::string WithoutTimings(const std::string& body) {
  return std::regex_replace(body, std::regex(R"("took_ms":[0-9.e+-]+)"), "\"took_ms\":0");
}

}  // namespace coop::testing
