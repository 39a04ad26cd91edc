#pragma once
// Runs the real `yoyaku` binary (YOYAKU_BIN) for integration tests.
#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace yoyaku::testing {

std::string yoyaku_binary();
std::string read_all(const std::string& path);
int exit_code_of(int wait_status);

// Starts `program` with `args`; the child's YOYAKU_* variables are exactly `env`'s.
pid_t spawn_program(const std::string& program, const std::vector<std::string>& args,
                    const std::map<std::string, std::string>& env, const std::string& out_path,
                    const std::string& err_path);
std::string source_dir();

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// How many lines `text` has (its line feeds): "one line" checks of command output.
int count_lines(const std::string& text);

// Runs yoyaku with `args` and extra environment variables; waits for it.
CommandResult run_yoyaku(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {});

// Picks a TCP port that is free right now on 127.0.0.1.
int free_port();

// A running `yoyaku serve`.
class ServerProcess {
 public:
  // Starts `yoyaku serve --db URL --listen 127.0.0.1:PORT` plus `extra_args`,
  // and waits until /healthz answers 200 (fails the test otherwise).
  // With `listen_by_variable`, the port is given as YOYAKU_LISTEN instead of --listen.
  ServerProcess(const std::string& db_url, const std::vector<std::string>& extra_args = {},
                const std::map<std::string, std::string>& env = {}, bool listen_by_variable = false);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  const std::string& base_url() const { return base_url_; }
  int port() const { return port_; }
  // Sends SIGTERM and waits; returns the exit code (or -signal).
  int terminate(int timeout_seconds = 30);
  bool running();
  std::string log() const;

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string base_url_;
  std::string log_path_;
};

// Migrates a database and loads the offices and demo data through the CLI.
void prepare_database(const std::string& db_url);

}  // namespace yoyaku::testing
