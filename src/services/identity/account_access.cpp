#include "services/identity/account_access.hpp"

#include <cctype>

#include "domain/text.hpp"
#include "services/identity/totp.hpp"
#include "store/audit.hpp"
#include "util/random.hpp"

namespace yoyaku::services {
namespace {

Credentials credentials_of(const store::User& user) {
  return {AccountKind::job_seeker, user.id,           user.email1,        user.password_hash,
          user.email_verified_at.has_value(),          user.totp_secret,   user.totp_enabled,
          user.totp_pending_secret,                    user.failed_logins, user.locked_until};
}

Credentials credentials_of(const store::Staff& staff) {
  return {AccountKind::staff, staff.id,          staff.email,         staff.password_hash, true,
          staff.totp_secret,  staff.totp_enabled, staff.totp_pending_secret, staff.failed_logins, staff.locked_until,
          staff.disabled_at.has_value()};
}

std::string normalise_recovery_code(const std::string& code) {
  std::string out;
  for (char ch : domain::normalize_digits_and_hyphens(code)) {
    if (std::isalnum(static_cast<unsigned char>(ch))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  return out;
}

}  // namespace

std::optional<Credentials> find_credentials(db::Connection& c, AccountKind kind, const std::string& email) {
  if (kind == AccountKind::job_seeker) {
    if (auto user = store::find_user_by_email(c, email)) return credentials_of(*user);
  } else if (auto staff = store::find_staff_by_email(c, email)) {
    return credentials_of(*staff);
  }
  return std::nullopt;
}

std::optional<Credentials> find_credentials(db::Connection& c, AccountKind kind, std::int64_t id) {
  if (kind == AccountKind::job_seeker) {
    if (auto user = store::find_user(c, id)) return credentials_of(*user);
  } else if (auto staff = store::find_staff(c, id)) {
    return credentials_of(*staff);
  }
  return std::nullopt;
}

void audit_account(db::Connection& c, std::int64_t now, AccountKind kind, std::optional<std::int64_t> account_id,
                   const std::string& action, const Client& client, const std::string& detail) {
  const std::string actor = !account_id ? "anonymous" : kind == AccountKind::job_seeker ? "user" : "staff";
  store::append_audit(c, {now, actor, account_id, action, account_id ? actor : "",
                          account_id ? std::to_string(*account_id) : "", std::nullopt, client.ip, detail});
}

bool accept_second_factor(db::Connection& c, const Credentials& account, const std::string& code, std::int64_t now) {
  if (!account.totp_enabled || !account.totp_secret) return false;
  if (auto step = match_totp(*account.totp_secret, code, now)) {
    return store::use_totp_step(c, account.kind, account.id, *step);
  }
  if (account.kind != AccountKind::job_seeker) return false;
  std::string recovery = normalise_recovery_code(code);
  return recovery.size() == 10 && store::use_recovery_code(c, account.id, sha256_hex(recovery), now);
}

TotpEnrollment totp_enrollment(const std::string& email, const std::string& secret) {
  std::string uri = otpauth_uri("ハローワーク面談予約", email, secret);
  return {secret, uri, qr_svg(uri)};
}

std::string issue_email_token(db::Connection& c, std::int64_t user_id, const std::string& purpose,
                              const std::string& email, std::int64_t now, int lifetime_seconds) {
  std::string token = random_hex(32);
  store::insert_email_token(c, sha256_hex(token), user_id, purpose, email, now, now + lifetime_seconds);
  return token;
}

}  // namespace yoyaku::services
