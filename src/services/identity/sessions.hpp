#pragma once
// Signing in and staying signed in, for job seekers and staff alike: email
// and password, then a TOTP code (job seekers who enabled 2FA; staff always,
// enrolling at their first sign-in), server-side sessions with an idle and an
// absolute timeout, and temporary locks after repeated failures.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "db/database.hpp"
#include "services/common/principal.hpp"
#include "store/accounts.hpp"

namespace yoyaku::services {

using AccountKind = store::AccountKind;
using User = store::User;
using StaffMember = store::Staff;

struct AuthSettings {
  int idle_timeout_seconds = 30 * 60;
  // The idle deadline is moved in the database only when it would move by this much or more.
  int idle_write_interval_seconds = 60;
  int absolute_timeout_seconds = 12 * 60 * 60;
  int verification_link_seconds = 24 * 60 * 60;
  int reset_link_seconds = 60 * 60;
  // An account locks for one client address after this many failures in a row
  // from it: 1 minute, doubling, at most an hour. E-mail addresses with no
  // account count the same way, so the answer tells nobody which exist.
  int account_failures_before_lock = 5;
  // An account locks for every address after this many failures in a row
  // (guessing spread over many addresses).
  int account_failures_before_global_lock = 50;
  // A client address is slowed down after this many failures within an hour:
  // each further failure makes it wait 1 s, 2 s, 4 s … at most a minute. A
  // slow-down, not a lock, so that one client behind a shared address (a
  // proxy, a NAT) cannot shut out everybody else.
  int address_failures_before_slowdown = 20;
};

struct Client {
  std::string ip;
  std::string user_agent;
};

// A session just opened: its token goes to the cookie or the API response only.
struct NewSession {
  std::string token;
  std::int64_t idle_expires_at = 0;
  std::int64_t absolute_expires_at = 0;
};

struct LoginOutcome {
  enum class Status {
    signed_in,
    needs_second_factor,    // password right; the session waits for the code
    needs_totp_enrollment,  // staff without 2FA yet: the session waits for enrolment
    wrong_credentials,
    not_verified,
    locked
  };
  Status status = Status::wrong_credentials;
  std::optional<NewSession> session;
  std::int64_t locked_until = 0;
};

// Email + password for one kind of account.
LoginOutcome sign_in(db::Connection& c, AccountKind kind, const std::string& email, const std::string& password,
                     const AuthSettings& settings, const Client& client, std::int64_t now);
// Which kind an API client signs in as when it does not say: the job-seeker
// account with this email if there is one, else the staff account.
AccountKind account_kind_for(db::Connection& c, const std::string& email);
// Completes a half-signed-in session with a TOTP code (or a job seeker's
// recovery code). Gives a new session token; the old one ends.
LoginOutcome complete_second_factor(db::Connection& c, const std::string& session_token, const std::string& code,
                                    const AuthSettings& settings, const Client& client, std::int64_t now);

// What a signed-in job seeker types to prove it is them before a credential
// changes (password, e-mail address, 2段階認証): the password, and a current
// code when 2段階認証 is on. The field names say where the errors go.
struct Proof {
  std::string password;
  std::string code;
  std::string password_field = "current_password";
  std::string code_field = "current_code";
};
// Checks `proof` for the job seeker `user_id`. A wrong one counts like a failed
// sign-in; when that locks the account, the session `session_id` ends too.
// Returns the field errors, empty when the proof holds.
std::map<std::string, std::string> check_proof(db::Connection& c, std::int64_t user_id, std::int64_t session_id,
                                               const Proof& proof, const AuthSettings& settings, const Client& client,
                                               std::int64_t now);

struct TotpEnrollment {
  std::string secret;
  std::string otpauth_uri;
  std::string qr_svg;
};
// Staff at their first sign-in: the secret to enrol (kept aside until a code
// confirms it; the same one until then). Throws NotFoundError unless the
// session is waiting for enrolment.
TotpEnrollment sign_in_totp_enrollment(db::Connection& c, const std::string& session_token, std::int64_t now);
// Confirms it with a code: 2FA on, and the session is complete (new token).
LoginOutcome confirm_sign_in_totp_enrollment(db::Connection& c, const std::string& session_token,
                                             const std::string& code, const AuthSettings& settings,
                                             const Client& client, std::int64_t now);

// A live session and who it belongs to.
struct SignedIn {
  Principal principal;        // anonymous while the session waits for a code or enrolment
  AccountKind kind = AccountKind::job_seeker;
  std::int64_t session_id = 0;
  std::string csrf_token;
  std::int64_t idle_expires_at = 0;
  std::int64_t absolute_expires_at = 0;
  bool complete = false;               // every factor done
  bool awaiting_totp_enrollment = false;
  std::optional<User> user;            // a job seeker's own record
  std::optional<StaffMember> staff;    // a staff member's record with office ids
};

// The live session of a token. A complete session counts the request as
// activity: its idle deadline moves (at most to the absolute end).
std::optional<SignedIn> resume_session(db::Connection& c, const std::string& token, const AuthSettings& settings,
                                       std::int64_t now);
// 「延長する」: the idle deadline moves to 30 minutes from now (at most to the
// absolute end) whatever resume_session's once-a-minute writing left it at.
void extend_session(db::Connection& c, SignedIn& session, const AuthSettings& settings, std::int64_t now);
void log_out(db::Connection& c, const std::string& token, const Client& client, std::int64_t now);

}  // namespace yoyaku::services
