#pragma once
// 利用者登録 and the job seeker's email addresses: registration verified by a
// mailed link, resending it, following single-use links, and changing
// メールアドレス1/2 (the new address is used once its link is followed).
#include <cstdint>
#include <string>

#include "db/database.hpp"
#include "services/common/links.hpp"
#include "domain/language.hpp"
#include "services/common/principal.hpp"
#include "services/identity/sessions.hpp"

namespace yoyaku::services {

struct RegistrationForm {
  std::string email1;
  std::string email2;
  std::string password;
  std::string password_confirmation;
  std::string family_name;
  std::string given_name;
  std::string job_seeker_number;
  std::string phone;
  domain::Language language = domain::Language::ja;  // the page's: the mail is written in it
};

// Creates an unverified account and mails the verification link to メールアドレス1.
// If the address is taken, mails its owner instead: the caller shows the same
// page either way. Throws ValidationError for bad fields.
void register_user(db::Connection& c, const RegistrationForm& form, const AuthSettings& settings, const Links& links,
                   const Client& client, std::int64_t now);
// Sends a new link when the account exists and is not verified; otherwise nothing. Never tells which.
void resend_verification(db::Connection& c, const std::string& email, const AuthSettings& settings,
                         const Links& links, std::int64_t now);

enum class LinkResult { done, expired, invalid };
// Follows a verification or email-change link (single use, expires).
LinkResult follow_email_link(db::Connection& c, const std::string& token, const Client& client, std::int64_t now);

// The signed-in job seeker's new メールアドレス1 (which = 1) or 2, after the
// proof (password, and code when 2FA is on). An empty メールアドレス2 removes it
// at once. When the link is followed, the old address is told.
void request_email_change(db::Connection& c, const Principal& principal, std::int64_t session_id, int which,
                          const std::string& new_email, const Proof& proof, const AuthSettings& settings,
                          const Links& links, const Client& client, std::int64_t now);

}  // namespace yoyaku::services
