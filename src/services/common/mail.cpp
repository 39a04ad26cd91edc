#include "services/common/mail.hpp"

#include <algorithm>
#include <stdexcept>

#include "store/outbox.hpp"
#include "util/messages.hpp"
#include "util/random.hpp"
#include "util/templates.hpp"

namespace yoyaku::services {

MailContent render_mail_template(const std::string& kind, const nlohmann::json& context,
                                 domain::Language language) {
  nlohmann::json localized = context;
  Messages::embedded().localize_all(language, localized);
  std::string text = Templates::embedded().render("mail/" + kind, localized, language);
  const std::string prefix = "Subject: ";
  auto line_end = text.find('\n');
  if (text.rfind(prefix, 0) != 0 || line_end == std::string::npos) {
    throw std::runtime_error("mail template " + kind + " must start with a Subject: line");
  }
  MailContent content;
  content.subject = text.substr(prefix.size(), line_end - prefix.size());
  std::size_t body_start = line_end + 1;
  if (text.compare(body_start, 1, "\n") == 0) ++body_start;  // the blank separator line
  content.body = text.substr(body_start);
  return content;
}

std::int64_t enqueue_mail(db::Connection& connection, const std::string& kind,
                          const std::vector<std::string>& recipients, const nlohmann::json& context,
                          std::int64_t now, domain::Language language) {
  if (recipients.empty()) throw std::invalid_argument("a mail needs at least one recipient");
  MailContent content = render_mail_template(kind, context, language);
  const std::string message_id = "yoyaku." + time_ordered_hex(16);
  store::OutboxMessage message;
  message.kind = kind;
  message.recipients = recipients;
  message.subject = content.subject;
  message.body = content.body;
  message.message_id = message_id;  // the sender adds "@domain"
  message.next_attempt_at = now;
  message.created_at = now;
  return store::insert_outbox(connection, message);
}

domain::Language mail_language_of(const store::User& user) {
  return domain::language_from_code(user.language).value_or(domain::Language::ja);
}

std::vector<std::string> recipients_of(const store::User& user) {
  std::vector<std::string> recipients = {user.email1};
  if (user.email2 && !user.email2->empty() && *user.email2 != user.email1) recipients.push_back(*user.email2);
  return recipients;
}

std::int64_t retry_delay_seconds(int attempts, int base_seconds, int max_seconds) {
  std::int64_t delay = base_seconds;
  for (int i = 1; i < attempts && delay < max_seconds; ++i) delay *= 2;
  return std::min<std::int64_t>(delay, max_seconds);
}

}  // namespace yoyaku::services
