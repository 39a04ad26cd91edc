#include "support/processes.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/http_client.hpp"
#include "support/test_databases.hpp"

extern char** environ;

namespace yoyaku::testing {

std::string read_all(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

int count_lines(const std::string& text) {
  int lines = 0;
  for (char c : text) lines += c == '\n';
  return lines;
}

pid_t spawn_program(const std::string& program, const std::vector<std::string>& args,
                    const std::map<std::string, std::string>& env, const std::string& out_path,
                    const std::string& err_path) {
  std::vector<std::string> environment;
  for (char** e = environ; *e; ++e) {
    std::string entry(*e);
    auto name = entry.substr(0, entry.find('='));
    if (env.count(name) || name.rfind("YOYAKU_", 0) == 0) continue;  // tests decide every YOYAKU_ variable
    environment.push_back(entry);
  }
  for (const auto& [name, value] : env) environment.push_back(name + "=" + value);
  std::vector<char*> envp;
  for (auto& entry : environment) envp.push_back(entry.data());
  envp.push_back(nullptr);

  std::vector<std::string> argv_storage = args;
  argv_storage.insert(argv_storage.begin(), program);
  std::vector<char*> argv;
  for (auto& arg : argv_storage) argv.push_back(arg.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + program);
  return pid;
}

namespace {

// PostgreSQL has no file to keep a key beside: the tests' servers and commands share one.
pid_t spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
            const std::string& out_path, const std::string& err_path) {
  const bool postgresql = std::any_of(args.begin(), args.end(),
                                      [](const std::string& arg) { return arg.rfind("postgresql://", 0) == 0; });
  if (postgresql && !env.count("YOYAKU_SECRETS_KEY_FILE")) {
    auto with_key = env;
    with_key["YOYAKU_SECRETS_KEY_FILE"] = postgresql_secrets_key_file();
    return spawn_program(yoyaku_binary(), args, with_key, out_path, err_path);
  }
  return spawn_program(yoyaku_binary(), args, env, out_path, err_path);
}

}  // namespace

int exit_code_of(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return -WTERMSIG(status);
  return -1;
}

std::string yoyaku_binary() {
  const char* bin = std::getenv("YOYAKU_BIN");
  if (!bin || !*bin) throw std::runtime_error("YOYAKU_BIN is not set (ctest sets it)");
  return bin;
}

std::string source_dir() { return YOYAKU_SOURCE_DIR; }

CommandResult run_yoyaku(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
  static const std::string directory = make_temp_directory("yoyaku-cmd-");
  static int counter = 0;
  std::string base = directory + "/" + std::to_string(++counter);
  pid_t pid = spawn(args, env, base + ".out", base + ".err");
  int status = 0;
  waitpid(pid, &status, 0);
  return {exit_code_of(status), read_all(base + ".out"), read_all(base + ".err")};
}

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  int port = ntohs(address.sin_port);
  close(fd);
  return port;
}

void prepare_database(const std::string& db_url) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"migrate", "--db", db_url},
           {"import-offices", "--db", db_url, source_dir() + "/data/hellowork-offices.csv"},
           {"seed-demo", "--db", db_url, "--without-bookings"}}) {
    auto result = run_yoyaku(args);
    if (result.exit_code != 0) {
      throw std::runtime_error("yoyaku " + args[0] + " failed: " + result.err + result.out);
    }
  }
}

ServerProcess::ServerProcess(const std::string& db_url, const std::vector<std::string>& extra_args,
                             const std::map<std::string, std::string>& env, bool listen_by_variable) {
  static const std::string directory = make_temp_directory("yoyaku-server-");
  static int counter = 0;
  log_path_ = directory + "/server-" + std::to_string(++counter) + ".log";
  for (int attempt = 0; attempt < 5; ++attempt) {
    port_ = free_port();
    base_url_ = "http://127.0.0.1:" + std::to_string(port_);
    const std::string listen = "127.0.0.1:" + std::to_string(port_);
    std::vector<std::string> args = {"serve", "--db", db_url, "--threads", "4"};
    if (std::find(extra_args.begin(), extra_args.end(), "--base-url") == extra_args.end()) {
      args.insert(args.end(), {"--base-url", base_url_});
    }
    auto environment = env;
    if (listen_by_variable) {
      environment["YOYAKU_LISTEN"] = listen;
    } else {
      args.insert(args.end(), {"--listen", listen});
    }
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    pid_ = spawn(args, environment, log_path_ + ".out", log_path_);
    for (int i = 0; i < 200; ++i) {
      if (!running()) break;
      try {
        if (http_get(base_url_ + "/healthz").status == 200) return;
      } catch (const std::exception&) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (running()) break;  // up but unhealthy: report below
  }
  std::string message = "yoyaku serve did not become healthy:\n" + log();
  terminate(5);
  throw std::runtime_error(message);
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) terminate(10);
}

bool ServerProcess::running() {
  if (pid_ <= 0) return false;
  int status = 0;
  pid_t done = waitpid(pid_, &status, WNOHANG);
  if (done == pid_) {
    pid_ = -1;
    return false;
  }
  return true;
}

int ServerProcess::terminate(int timeout_seconds) {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return exit_code_of(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return -SIGKILL;
}

std::string ServerProcess::log() const { return read_all(log_path_); }

}  // namespace yoyaku::testing
