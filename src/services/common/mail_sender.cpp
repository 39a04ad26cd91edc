#include "services/common/mail_sender.hpp"

#include <curl/curl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <memory>

#include "domain/mime.hpp"
#include "services/common/mail.hpp"
#include "store/outbox.hpp"
#include "util/random.hpp"

namespace yoyaku::services {
namespace {

struct UploadSource {
  const std::string* data;
  std::size_t offset = 0;
};

size_t read_message(char* buffer, size_t size, size_t count, void* user) {
  auto* source = static_cast<UploadSource*>(user);
  size_t room = size * count;
  size_t left = source->data->size() - source->offset;
  size_t n = std::min(room, left);
  std::memcpy(buffer, source->data->data() + source->offset, n);
  source->offset += n;
  return n;
}

// Keeps the server's reply lines, so that the last one can be recorded.
int record_replies(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN) return 0;
  std::string line(data, size);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (!line.empty()) *static_cast<std::string*>(user) = line;
  return 0;
}

void ensure_curl() {
  static const bool ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  if (!ready) throw std::runtime_error("libcurl could not be initialised");
}

std::string domain_of(const std::string& address) {
  auto at = address.rfind('@');
  return at == std::string::npos ? "localhost" : address.substr(at + 1);
}

}  // namespace

SmtpResult smtp_send(const SmtpSettings& settings, const std::string& from_address,
                     const std::vector<std::string>& recipients, const std::string& message) {
  ensure_curl();
  SmtpResult result;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) {
    result.reply = "curl_easy_init failed";
    return result;
  }
  std::string url = settings.url;
  bool starttls_required = false;
  if (auto query = url.find('?'); query != std::string::npos) {
    starttls_required = url.find("starttls=required", query) != std::string::npos;
    url = url.substr(0, query);
  }
  curl_slist* rcpt = nullptr;
  for (const auto& r : recipients) rcpt = curl_slist_append(rcpt, ("<" + r + ">").c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpt_guard(rcpt, curl_slist_free_all);
  UploadSource source{&message};
  std::string last_reply;
  char error[CURL_ERROR_SIZE] = {0};

  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_FROM, ("<" + from_address + ">").c_str());
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl.get(), CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_READFUNCTION, read_message);
  curl_easy_setopt(curl.get(), CURLOPT_READDATA, &source);
  curl_easy_setopt(curl.get(), CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(curl.get(), CURLOPT_USE_SSL, starttls_required ? CURLUSESSL_ALL : CURLUSESSL_TRY);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, settings.timeout_seconds);
  curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl.get(), CURLOPT_VERBOSE, 1L);  // feeds record_replies; curl prints nothing itself
  curl_easy_setopt(curl.get(), CURLOPT_DEBUGFUNCTION, record_replies);
  curl_easy_setopt(curl.get(), CURLOPT_DEBUGDATA, &last_reply);
  if (!settings.ca_file.empty()) curl_easy_setopt(curl.get(), CURLOPT_CAINFO, settings.ca_file.c_str());

  CURLcode rc = curl_easy_perform(curl.get());
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &result.code);
  result.delivered = rc == CURLE_OK;
  result.reply = last_reply;
  if (!result.delivered) {
    std::string reason = error[0] ? error : curl_easy_strerror(rc);
    result.reply = last_reply.empty() ? reason : last_reply + " (" + reason + ")";
    result.permanent = result.code >= 500 && result.code < 600;
  }
  return result;
}

MailSender::MailSender(db::Pool& pool, MailSenderSettings settings, std::function<std::int64_t()> clock)
    : pool_(pool), settings_(std::move(settings)), clock_(std::move(clock)) {
  char host[256] = {0};
  gethostname(host, sizeof host - 1);
  worker_id_ = std::string(host) + ":" + std::to_string(getpid()) + ":" + random_hex(4);
}

MailSender::~MailSender() { stop(); }

void MailSender::start() {
  thread_ = std::thread([this] {
    spdlog::info("mail sender {} started ({})", worker_id_,
                 settings_.smtp.url.empty() ? "demo mailbox, nothing leaves this machine"
                                            : db::redact_url(settings_.smtp.url));
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      int handled = 0;
      try {
        handled = run_once();
      } catch (const std::exception& e) {
        spdlog::warn("mail sender: {}", e.what());
      }
      lock.lock();
      if (handled == 0) wake_.wait_for(lock, std::chrono::milliseconds(settings_.poll_interval_ms));
    }
  });
}

void MailSender::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

int MailSender::run_once() {
  auto lease = pool_.acquire();
  const std::int64_t now = clock_();
  auto messages = store::claim_due_outbox(*lease, worker_id_, now, now + settings_.lease_seconds, 10);
  const std::string domain = domain_of(settings_.from_address);
  for (const auto& message : messages) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) break;  // unhandled claims return to the queue when their lease ends
    }
    SmtpResult result;
    if (settings_.smtp.url.empty()) {
      result.delivered = true;
      result.reply = "demo mailbox (not sent over SMTP)";
    } else {
      domain::MailMessage mail{settings_.from_address, settings_.from_name, message.recipients, message.subject,
                               message.body, message.message_id + "@" + domain, message.created_at};
      result = smtp_send(settings_.smtp, settings_.from_address, message.recipients, domain::render_mail(mail));
    }
    const std::int64_t done_at = clock_();
    bool recorded = false;
    if (result.delivered) {
      recorded = store::mark_outbox_sent(*lease, message.id, worker_id_, done_at, result.reply);
      spdlog::info("mail {} ({}) sent: {}", message.id, message.kind, result.reply);
    } else if (result.permanent || message.attempts >= settings_.max_attempts) {
      recorded = store::mark_outbox_failed(*lease, message.id, worker_id_, result.reply);
      spdlog::error("mail {} ({}) failed permanently after {} attempts: {}", message.id, message.kind,
                    message.attempts, result.reply);
    } else {
      auto delay = retry_delay_seconds(message.attempts, settings_.retry_base_seconds, settings_.retry_max_seconds);
      recorded = store::mark_outbox_retry(*lease, message.id, worker_id_, done_at + delay, result.reply);
      spdlog::warn("mail {} ({}) not sent (attempt {}), retrying in {} s: {}", message.id, message.kind,
                   message.attempts, delay, result.reply);
    }
    if (!recorded) spdlog::warn("mail {}: the claim ran out before the result was recorded", message.id);
  }
  return static_cast<int>(messages.size());
}

}  // namespace yoyaku::services
