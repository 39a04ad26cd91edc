#pragma once
// Delivers the outbox over SMTP (libcurl) from a background thread of
// `yoyaku serve`. Several server processes may run senders on one database:
// each message is claimed by one of them (see store::claim_due_outbox).
//
// Delivery is at-least-once only across a crash in the middle of an SMTP
// conversation: a message whose sender died after the server accepted it but
// before the "sent" mark was written is claimed again when its lease ends.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "db/database.hpp"

namespace yoyaku::services {

struct SmtpSettings {
  // smtp://[user:password@]host[:port] (STARTTLS if the server offers it),
  // smtp://…?starttls=required, or smtps://… (TLS from the start).
  std::string url;
  std::string ca_file;  // extra CA certificates (PEM), e.g. a private mail relay
  long timeout_seconds = 30;
};

struct SmtpResult {
  bool delivered = false;
  bool permanent = false;  // a 5xx reply: retrying will not help
  long code = 0;           // the last SMTP reply code
  std::string reply;       // the server's last reply line, or curl's error
};

// One SMTP transaction: MAIL FROM, RCPT TO each recipient, DATA.
SmtpResult smtp_send(const SmtpSettings& settings, const std::string& from_address,
                     const std::vector<std::string>& recipients, const std::string& message);

struct MailSenderSettings {
  SmtpSettings smtp;
  std::string from_address = "no-reply@localhost";
  std::string from_name = "オンライン・ハローワークシステム";
  int retry_base_seconds = 30;
  int retry_max_seconds = 3600;
  int max_attempts = 10;
  int poll_interval_ms = 1000;
  int lease_seconds = 300;
  // Without an SMTP URL, mark mail as delivered to the demo mailbox page
  // instead of sending it (demo set-ups only).
  bool demo_mailbox = false;
};

class MailSender {
 public:
  MailSender(db::Pool& pool, MailSenderSettings settings, std::function<std::int64_t()> clock);
  ~MailSender();
  MailSender(const MailSender&) = delete;
  MailSender& operator=(const MailSender&) = delete;

  void start();
  void stop();  // finishes the message in hand, then returns
  // Claims and handles the messages due now; returns how many were handled.
  int run_once();

 private:
  db::Pool& pool_;
  MailSenderSettings settings_;
  std::function<std::int64_t()> clock_;
  std::string worker_id_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

}  // namespace yoyaku::services
