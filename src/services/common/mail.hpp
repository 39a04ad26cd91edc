#pragma once
// Mail through the outbox: a use case that must tell the user renders a
// template and writes the message in its own transaction (enqueue_mail); the
// MailSender delivers it later. See docs/architecture.md "Email".
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/database.hpp"
#include "domain/language.hpp"
#include "store/accounts.hpp"

namespace yoyaku::services {

struct MailContent {
  std::string subject;
  std::string body;
};

// Renders templates/mail/<kind>.mustache: a "Subject: …" line, a blank line, the
// body; in `language` (its catalogue, and the context's Japanese texts and dates
// localised the way pages are).
MailContent render_mail_template(const std::string& kind, const nlohmann::json& context,
                                 domain::Language language = domain::Language::ja);

// Writes one message to the outbox inside the caller's transaction.
std::int64_t enqueue_mail(db::Connection& connection, const std::string& kind,
                          const std::vector<std::string>& recipients, const nlohmann::json& context,
                          std::int64_t now, domain::Language language = domain::Language::ja);

// The language a job seeker's mail is written in (the one they last used).
domain::Language mail_language_of(const store::User& user);

// メールアドレス1 and, when registered, メールアドレス2.
std::vector<std::string> recipients_of(const store::User& user);

// The exponential back-off before attempt `attempts + 1`: base × 2^(attempts−1), at most `max_seconds`.
std::int64_t retry_delay_seconds(int attempts, int base_seconds, int max_seconds);

}  // namespace yoyaku::services
