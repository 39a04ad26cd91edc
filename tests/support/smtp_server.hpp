#pragma once
// A real SMTP server for the tests: Debian's aiosmtpd (python3-aiosmtpd),
// storing messages in a Maildir and rejecting "reject…" recipients with 550.
#include <sys/types.h>

#include <nlohmann/json.hpp>
#include <string>

namespace yoyaku::testing {

enum class SmtpTls { none, starttls, smtps };

class SmtpServer {
 public:
  // Listens on `port` (0: a free one). With TLS, a self-signed certificate for
  // 127.0.0.1 is made; ca_file() names it.
  explicit SmtpServer(int port = 0, SmtpTls tls = SmtpTls::none);
  ~SmtpServer();
  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;

  int port() const { return port_; }
  std::string url() const {
    return (tls_ == SmtpTls::smtps ? "smtps://127.0.0.1:" : "smtp://127.0.0.1:") + std::to_string(port_);
  }
  std::string ca_file() const { return directory_ + "/cert.pem"; }
  // The received messages, decoded by Python's email package.
  nlohmann::json messages() const;
  // Waits until at least `count` messages arrived (or the timeout passes).
  nlohmann::json wait_for(std::size_t count, int timeout_seconds = 20) const;
  void stop();

 private:
  int port_;
  SmtpTls tls_;
  pid_t pid_ = -1;
  std::string directory_;
};

}  // namespace yoyaku::testing
