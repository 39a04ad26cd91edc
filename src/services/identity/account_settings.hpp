#pragma once
// 利用者情報: the signed-in job seeker's own profile, password, 2段階認証 and
// 配色, and the password reset by mailed link.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "domain/forms.hpp"
#include "domain/language.hpp"
#include "services/common/links.hpp"
#include "services/common/principal.hpp"
#include "services/identity/registration.hpp"
#include "services/identity/sessions.hpp"

namespace yoyaku::services {

struct AccountSummary {
  User user;
  bool totp_enabled = false;
  int recovery_codes_left = 0;
};
// The signed-in job seeker's account. Throws NotFoundError for anyone else.
AccountSummary account_summary(db::Connection& c, const Principal& principal);

using ProfileForm = domain::PersonFields;
void update_profile(db::Connection& c, const Principal& principal, const ProfileForm& form, const Client& client,
                    std::int64_t now);
// Needs the proof (password, and code when 2FA is on); ends the user's other
// sessions (keeps `current_session_id`) and every outstanding reset link.
void change_password(db::Connection& c, const Principal& principal, std::int64_t current_session_id,
                     const Proof& proof, const std::string& new_password, const std::string& confirmation,
                     const AuthSettings& settings, const Client& client, std::int64_t now);

void request_password_reset(db::Connection& c, const std::string& email, const AuthSettings& settings,
                            const Links& links, const Client& client, std::int64_t now);
// Sets the password from a reset link (single use, expires) and ends every session.
LinkResult reset_password(db::Connection& c, const std::string& token, const std::string& new_password,
                          const std::string& confirmation, const Client& client, std::int64_t now);

// Starts (or restarts) enrolment with a new secret kept aside until confirmed;
// needs the proof (with the current code when 2FA is on already).
TotpEnrollment begin_totp_enrollment(db::Connection& c, const Principal& principal, std::int64_t session_id,
                                     const Proof& proof, const AuthSettings& settings, const Client& client,
                                     std::int64_t now);
// The pending enrolment, to show the same QR code again after a wrong code.
std::optional<TotpEnrollment> pending_totp_enrollment(db::Connection& c, const Principal& principal);
// Enables 2FA when `code` matches the pending secret; returns 10 recovery codes to show once.
std::vector<std::string> confirm_totp_enrollment(db::Connection& c, const Principal& principal,
                                                 const std::string& code, const Client& client, std::int64_t now);
// Needs a current code (or a recovery code).
void disable_totp(db::Connection& c, const Principal& principal, const std::string& code, const Client& client,
                  std::int64_t now);

bool is_color_scheme(const std::string& scheme);
void set_color_scheme(db::Connection& c, const Principal& principal, const std::string& scheme);
// The job seeker's language: their pages and the mail sent to them.
void set_language(db::Connection& c, const Principal& principal, domain::Language language);

}  // namespace yoyaku::services
