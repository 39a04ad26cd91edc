#include "support/smtp_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <thread>
#include <vector>

#include "support/processes.hpp"
#include "support/test_databases.hpp"

namespace yoyaku::testing {
namespace {

// Debian's interpreter, which has python3-aiosmtpd (another python3 may come first on PATH).
constexpr const char* python = "/usr/bin/python3";

bool accepts_connections(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return ok;
}

}  // namespace

SmtpServer::SmtpServer(int port, SmtpTls tls) : port_(port == 0 ? free_port() : port), tls_(tls) {
  directory_ = make_temp_directory("yoyaku-smtp-");
  std::vector<std::string> args = {"-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + std::to_string(port_), "-c",
                                   "smtp_test_handler.RecordingHandler"};
  if (tls != SmtpTls::none) {
    pid_t openssl = spawn_program("/usr/bin/openssl",
                                  {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                                   "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                                   "-keyout", directory_ + "/key.pem", "-out", ca_file()},
                                  {}, directory_ + "/openssl.out", directory_ + "/openssl.err");
    int status = 0;
    waitpid(openssl, &status, 0);
    if (exit_code_of(status) != 0) throw std::runtime_error("openssl: " + read_all(directory_ + "/openssl.err"));
    const bool implicit = tls == SmtpTls::smtps;
    args.insert(args.end(), {implicit ? "--smtpscert" : "--tlscert", ca_file(), implicit ? "--smtpskey" : "--tlskey",
                             directory_ + "/key.pem"});
  }
  args.push_back(directory_ + "/maildir");
  std::string support = source_dir() + "/tests/support";
  pid_ = spawn_program(python, args, {{"PYTHONPATH", support}}, directory_ + "/out.log", directory_ + "/err.log");
  for (int i = 0; i < 200; ++i) {
    if (accepts_connections(port_)) return;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::string log = read_all(directory_ + "/err.log");
  stop();
  throw std::runtime_error("aiosmtpd did not start: " + log);
}

SmtpServer::~SmtpServer() {
  stop();
  std::error_code ignored;
  std::filesystem::remove_all(directory_, ignored);
}

void SmtpServer::stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 100; ++i) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

nlohmann::json SmtpServer::messages() const {
  if (!std::filesystem::exists(directory_ + "/maildir/new")) return nlohmann::json::array();
  const std::string out = directory_ + "/read.json";
  pid_t reader = spawn_program(python, {source_dir() + "/tests/support/read_maildir.py", directory_ + "/maildir"}, {},
                               out, directory_ + "/read.err");
  int status = 0;
  waitpid(reader, &status, 0);
  if (exit_code_of(status) != 0) throw std::runtime_error("read_maildir.py failed: " + read_all(directory_ + "/read.err"));
  return nlohmann::json::parse(read_all(out));
}

nlohmann::json SmtpServer::wait_for(std::size_t count, int timeout_seconds) const {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  for (;;) {
    auto received = messages();
    if (received.size() >= count || std::chrono::steady_clock::now() > deadline) return received;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

}  // namespace yoyaku::testing
