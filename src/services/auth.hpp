#pragma once
// Job-seeker accounts: 利用者登録 with email verification, login with
// optional TOTP, server-side sessions, profile and password changes,
// password reset, and brute-force limits. Every use case runs in its own
// transaction; mail goes through the outbox in that same transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "store/store.hpp"

namespace yoyaku::services {

struct AuthSettings {
  std::string base_url = "http://localhost:8080";
  int idle_timeout_seconds = 30 * 60;
  int absolute_timeout_seconds = 12 * 60 * 60;
  int verification_link_seconds = 24 * 60 * 60;
  int reset_link_seconds = 60 * 60;
  // An account locks after this many failures in a row: 1 minute, doubling, at most an hour.
  int account_failures_before_lock = 5;
  // A client address locks after this many failures (within an hour of each other).
  int address_failures_before_lock = 20;
};

struct Client {
  std::string ip;
  std::string user_agent;
};

struct RegistrationForm {
  std::string email1;
  std::string email2;
  std::string password;
  std::string password_confirmation;
  std::string family_name;
  std::string given_name;
  std::string job_seeker_number;
  std::string phone;
};

// Creates an unverified account and mails the verification link to メールアドレス1.
// If the address is taken, mails its owner instead: the caller shows the same
// page either way. Throws ValidationError for bad fields.
void register_user(db::Connection& c, const RegistrationForm& form, const AuthSettings& settings, const Client& client,
                   std::int64_t now);
// Sends a new link when the account exists and is not verified; otherwise nothing. Never tells which.
void resend_verification(db::Connection& c, const std::string& email, const AuthSettings& settings, std::int64_t now);

enum class LinkResult { done, expired, invalid };
// Follows a verification or email-change link (single use, expires).
LinkResult follow_email_link(db::Connection& c, const std::string& token, const Client& client, std::int64_t now);

struct Session {
  std::string token;  // only ever in the cookie / the API response
  store::LoginSession record;
};

struct LoginOutcome {
  enum class Status { signed_in, needs_second_factor, wrong_credentials, not_verified, locked } status;
  std::optional<Session> session;
  std::int64_t locked_until = 0;
};

// Email + password. A correct password on an account with 2FA gives a
// session that still needs the code (needs_second_factor).
LoginOutcome log_in(db::Connection& c, const std::string& email, const std::string& password,
                    const AuthSettings& settings, const Client& client, std::int64_t now);
// Completes a half-signed-in session with a TOTP code or a recovery code.
// Gives a new session token (the old one ends).
LoginOutcome complete_second_factor(db::Connection& c, const std::string& session_token, const std::string& code,
                                    const AuthSettings& settings, const Client& client, std::int64_t now);

// The live session for a token (ended, idle or too old sessions are not).
std::optional<store::LoginSession> find_live_session(db::Connection& c, const std::string& token, std::int64_t now);
// Pushes the idle deadline (操作時間を延長する / any request).
std::int64_t extend_session(db::Connection& c, const store::LoginSession& session, const AuthSettings& settings,
                            std::int64_t now);
void log_out(db::Connection& c, const std::string& token, const Client& client, std::int64_t now);

struct ProfileForm {
  std::string family_name;
  std::string given_name;
  std::string job_seeker_number;
  std::string phone;
};
void update_profile(db::Connection& c, std::int64_t user_id, const ProfileForm& form, const Client& client,
                    std::int64_t now);
// A new メールアドレス1 or 2 is used only once its link is followed. An empty
// メールアドレス2 removes it at once.
void request_email_change(db::Connection& c, std::int64_t user_id, int which, const std::string& new_email,
                          const AuthSettings& settings, const Client& client, std::int64_t now);
// Needs the current password; ends the user's other sessions.
void change_password(db::Connection& c, std::int64_t user_id, std::int64_t session_id, const std::string& current,
                     const std::string& new_password, const std::string& confirmation, const Client& client,
                     std::int64_t now);

void request_password_reset(db::Connection& c, const std::string& email, const AuthSettings& settings,
                            const Client& client, std::int64_t now);
// Sets the password from a reset link (single use, expires) and ends every session.
LinkResult reset_password(db::Connection& c, const std::string& token, const std::string& new_password,
                          const std::string& confirmation, const Client& client, std::int64_t now);

struct TotpEnrollment {
  std::string secret;
  std::string otpauth_uri;
  std::string qr_svg;
};
// Starts (or restarts) enrolment with a new secret kept aside until confirmed.
TotpEnrollment begin_totp_enrollment(db::Connection& c, std::int64_t user_id);
// The pending enrolment, to show the same QR code again after a wrong code.
std::optional<TotpEnrollment> pending_totp_enrollment(db::Connection& c, std::int64_t user_id);
// Enables 2FA when `code` matches the pending secret; returns 10 recovery codes to show once.
std::vector<std::string> confirm_totp_enrollment(db::Connection& c, std::int64_t user_id, const std::string& code,
                                                 const Client& client, std::int64_t now);
// Needs a current code (or a recovery code).
void disable_totp(db::Connection& c, std::int64_t user_id, const std::string& code, const Client& client,
                  std::int64_t now);

void set_color_scheme(db::Connection& c, std::int64_t user_id, const std::string& scheme);
bool is_color_scheme(const std::string& scheme);

}  // namespace yoyaku::services
