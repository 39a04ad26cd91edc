#pragma once
// Accounts and sessions: job seekers (users), office staff, sign-in
// counters, 2FA secrets and recovery codes, single-use email links, the
// per-address throttle, and server-side login sessions.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"
#include "store/catalog.hpp"
#include "store/scope.hpp"

namespace yoyaku::store {

// The two tables people sign in from.
enum class AccountKind { job_seeker, staff };

struct NewUser {
  std::string email1;
  std::optional<std::string> email2;
  std::string password_hash;
  std::string family_name;
  std::string given_name;
  std::string job_seeker_number;
  std::string phone;
  std::optional<std::int64_t> email_verified_at;
  std::string language = "ja";  // "ja" or "en": pages and mail (the last one used)
};

struct User : NewUser {
  std::int64_t id = 0;
  std::optional<std::string> totp_secret;
  bool totp_enabled = false;
  std::optional<std::int64_t> totp_last_step;
  std::optional<std::string> totp_pending_secret;
  int failed_logins = 0;
  std::optional<std::int64_t> locked_until;
  std::string color_scheme = "standard";
};

struct NewStaff {
  std::string email;
  std::string password_hash;
  std::string display_name;
  bool is_admin = false;
  std::optional<std::string> totp_secret;  // set by operators; enabled at once
};

struct StaffOffice {
  std::int64_t office_id = 0;
  StaffRole role = StaffRole::operate;
};

struct Staff : NewStaff {
  std::int64_t id = 0;
  std::optional<std::int64_t> disabled_at;
  bool totp_enabled = false;
  std::optional<std::int64_t> totp_last_step;
  std::optional<std::string> totp_pending_secret;
  int failed_logins = 0;
  std::optional<std::int64_t> locked_until;
  std::vector<std::int64_t> office_ids;  // from staff_offices
  std::vector<StaffOffice> offices;      // the same, with the role at each
};

// --- users ---
// Throws db::UniqueViolation when email1 is taken.
std::int64_t insert_user(db::Connection& c, const NewUser& user, std::int64_t now);
std::optional<User> find_user(db::Connection& c, std::int64_t id);
std::optional<User> find_user_by_email(db::Connection& c, const std::string& email);
// What a job seeker's booking needs of the procedure, its office and the account, read by one statement (the
// account nullopt when there is none with that id). Nullopt when there is no such procedure.
struct BookingParties {
  ProcedureSchedule procedure;
  Office office;
  std::optional<User> user;
};
std::optional<BookingParties> booking_parties(db::Connection& c, std::int64_t procedure_id, std::int64_t user_id);
// Verified accounts whose 求職番号, メールアドレス1 or 2 is exactly `text` (代行入力's lookup).
std::vector<User> find_verified_users_by_number_or_email(db::Connection& c, const std::string& text, int limit);
// The verified account with this 求職番号 and this address (1 or 2), if any.
std::optional<User> find_verified_user_matching(db::Connection& c, const std::string& job_seeker_number,
                                                const std::string& email);
void update_user_profile(db::Connection& c, std::int64_t user_id, const std::string& family_name,
                         const std::string& given_name, const std::string& job_seeker_number, const std::string& phone,
                         std::int64_t now);
// A later 利用者登録 with the address of an unverified one replaces its data (and password).
void replace_unverified_user(db::Connection& c, std::int64_t user_id, const NewUser& user, std::int64_t now);
void set_user_email1(db::Connection& c, std::int64_t user_id, const std::string& email, std::int64_t now);
void set_user_email2(db::Connection& c, std::int64_t user_id, const std::optional<std::string>& email,
                     std::int64_t now);
void mark_user_verified(db::Connection& c, std::int64_t user_id, std::int64_t now);
void set_user_color_scheme(db::Connection& c, std::int64_t user_id, const std::string& scheme);
void set_user_language(db::Connection& c, std::int64_t user_id, const std::string& language);

// --- staff ---
// Throws db::UniqueViolation when the email is taken.
std::int64_t insert_staff(db::Connection& c, const NewStaff& staff, std::int64_t now);
// Adds the office, or changes the role there.
void assign_staff_office(db::Connection& c, std::int64_t staff_id, std::int64_t office_id,
                         StaffRole role = StaffRole::operate);
void remove_staff_office(db::Connection& c, std::int64_t staff_id, std::int64_t office_id);
std::optional<Staff> find_staff(db::Connection& c, std::int64_t id);
std::optional<Staff> find_staff_by_email(db::Connection& c, const std::string& email);
// Every staff account, by email, with offices.
std::vector<Staff> list_staff(db::Connection& c);
void update_staff_profile(db::Connection& c, std::int64_t staff_id, const std::string& display_name, bool is_admin,
                          std::int64_t now);
// Disabled (a time) or enabled again (nullopt).
void set_staff_disabled(db::Connection& c, std::int64_t staff_id, std::optional<std::int64_t> disabled_at,
                        std::int64_t now);
// Forgets the authenticator app: the staff member enrols again at the next sign-in.
void reset_staff_totp(db::Connection& c, std::int64_t staff_id, std::int64_t now);

// --- sign-in state, on either table ---
void set_password(db::Connection& c, AccountKind kind, std::int64_t id, const std::string& hash, std::int64_t now);
void record_login_failure(db::Connection& c, AccountKind kind, std::int64_t id, int failures,
                          std::optional<std::int64_t> locked_until);
void clear_login_failures(db::Connection& c, AccountKind kind, std::int64_t id);
void set_totp_pending_secret(db::Connection& c, AccountKind kind, std::int64_t id,
                             const std::optional<std::string>& secret);
void enable_totp(db::Connection& c, AccountKind kind, std::int64_t id, const std::string& secret, std::int64_t step);
// Records `step` as used; false when it (or a later one) was used already.
bool use_totp_step(db::Connection& c, AccountKind kind, std::int64_t id, std::int64_t step);
// Job seekers only (staff always keep 2FA): also deletes the recovery codes.
void disable_totp(db::Connection& c, std::int64_t user_id);

// --- recovery codes (job seekers) ---
void replace_recovery_codes(db::Connection& c, std::int64_t user_id, const std::vector<std::string>& code_hashes);
// Marks an unused code used; false if there is none with that hash.
bool use_recovery_code(db::Connection& c, std::int64_t user_id, const std::string& code_hash, std::int64_t now);
int unused_recovery_codes(db::Connection& c, std::int64_t user_id);

// --- single-use email links ---
struct EmailToken {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string purpose;
  std::string email;
  std::int64_t expires_at = 0;
  std::optional<std::int64_t> used_at;
};
void insert_email_token(db::Connection& c, const std::string& token_hash, std::int64_t user_id,
                        const std::string& purpose, const std::string& email, std::int64_t now,
                        std::int64_t expires_at);
std::optional<EmailToken> find_email_token(db::Connection& c, const std::string& token_hash);
// Marks the token used; false if it was used already (a concurrent click).
bool use_email_token(db::Connection& c, std::int64_t token_id, std::int64_t now);
// Every outstanding link of the user for `purpose` stops working.
void revoke_email_tokens(db::Connection& c, std::int64_t user_id, const std::string& purpose, std::int64_t now);

// --- failed sign-ins: per client address, and per account (e-mail typed) and address ---
struct FailureCounter {
  int failures = 0;
  std::int64_t last_failure_at = 0;
  std::optional<std::int64_t> locked_until;
};
std::optional<FailureCounter> address_throttle(db::Connection& c, const std::string& address);
void save_address_throttle(db::Connection& c, const std::string& address, const FailureCounter& throttle);
// `email` as normalised; an address with no account has its counter too.
std::optional<FailureCounter> login_failures(db::Connection& c, AccountKind kind, const std::string& email,
                                             const std::string& address);
void save_login_failures(db::Connection& c, AccountKind kind, const std::string& email, const std::string& address,
                         const FailureCounter& counter);
void clear_login_failures(db::Connection& c, AccountKind kind, const std::string& email, const std::string& address);

// --- login sessions (job seekers and staff) ---
struct LoginSession {
  std::int64_t id = 0;
  std::optional<std::int64_t> user_id;
  std::optional<std::int64_t> staff_id;
  std::string csrf_token;
  bool second_factor_done = false;
  std::int64_t created_at = 0;
  std::int64_t last_seen_at = 0;
  std::int64_t idle_expires_at = 0;
  std::int64_t absolute_expires_at = 0;
  std::optional<std::int64_t> ended_at;
  std::string ip;
  std::string user_agent;
};
std::int64_t insert_session(db::Connection& c, const std::string& token_hash, const LoginSession& session);
std::optional<LoginSession> find_session(db::Connection& c, const std::string& token_hash);
// A session with its job seeker's account (nullopt for a staff session or a user no longer there), read by one
// statement: what every signed-in job seeker's request needs first.
struct SessionWithUser {
  LoginSession session;
  std::optional<User> user;
};
std::optional<SessionWithUser> find_session_with_user(db::Connection& c, const std::string& token_hash);
void touch_session(db::Connection& c, std::int64_t session_id, std::int64_t now, std::int64_t idle_expires_at);
void end_session(db::Connection& c, std::int64_t session_id, std::int64_t now);
// Ends every live session of the account except `keep_session_id` (0: none).
void end_account_sessions(db::Connection& c, AccountKind kind, std::int64_t id, std::int64_t keep_session_id,
                          std::int64_t now);

}  // namespace yoyaku::store
