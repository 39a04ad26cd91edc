#pragma once
// Inside services/identity only: what signing in needs of either kind of
// account (job seeker or staff), the failure counters, the second factor,
// and the audit entries every sign-in step writes.
#include <cstdint>
#include <optional>
#include <string>

#include "db/database.hpp"
#include "services/identity/sessions.hpp"
#include "store/accounts.hpp"

namespace yoyaku::services {

// The sign-in columns of a users or staff row.
struct Credentials {
  AccountKind kind = AccountKind::job_seeker;
  std::int64_t id = 0;
  std::string email;
  std::string password_hash;
  bool verified = false;  // job seekers: the email link was followed; staff: always
  std::optional<std::string> totp_secret;
  bool totp_enabled = false;
  std::optional<std::string> totp_pending_secret;
  int failed_logins = 0;
  std::optional<std::int64_t> locked_until;
  bool disabled = false;  // staff: disabled by an administrator
};

std::optional<Credentials> find_credentials(db::Connection& c, AccountKind kind, const std::string& email);
std::optional<Credentials> find_credentials(db::Connection& c, AccountKind kind, std::int64_t id);

// An audit entry by (or about) an account; anonymous without one.
void audit_account(db::Connection& c, std::int64_t now, AccountKind kind, std::optional<std::int64_t> account_id,
                   const std::string& action, const Client& client, const std::string& detail = "");

// A TOTP code (each step usable once) or, for job seekers, an unused recovery code.
bool accept_second_factor(db::Connection& c, const Credentials& account, const std::string& code, std::int64_t now);

// What an authenticator app needs to enrol: the secret, its otpauth URI and QR code.
TotpEnrollment totp_enrollment(const std::string& email, const std::string& secret);

// A single-use link token: the random value goes in the mail, its hash in the database.
std::string issue_email_token(db::Connection& c, std::int64_t user_id, const std::string& purpose,
                              const std::string& email, std::int64_t now, int lifetime_seconds);

}  // namespace yoyaku::services
