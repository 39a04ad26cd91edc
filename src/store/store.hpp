#pragma once
// The store: every SQL statement of yoyaku, named by what it does, over one
// db::Connection (SQLite or PostgreSQL). Services own the transactions and
// pass the connection in; the store never begins or commits.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace yoyaku::store {

// What an import says about an office.
struct OfficeUpsert {
  std::string code;  // official or demo number
  bool code_is_demo = true;
  std::string name;
  std::string short_name;
  std::string reading;
  std::string kind;
  std::optional<std::int64_t> parent_id;
  std::string pref_code;
  std::string pref_name;
  std::string municipalities;
  std::string muni_codes;
};

struct Office : OfficeUpsert {
  std::int64_t id = 0;
  std::string phone;
};

struct Facility {
  std::int64_t id = 0;
  std::int64_t office_id = 0;
  std::string name;
  std::string address;
  std::string phone;
  std::string opening_hours;
  std::string map_url;
};

struct Procedure {
  std::int64_t id = 0;
  std::int64_t office_id = 0;
  std::string kind;
  std::string title;
  std::string description;
  std::string terms;
  std::string contact_name;
  std::string contact_phone;
  std::string contact_fax;
  std::string contact_email;
  std::int64_t reception_start_at = 0;
  std::optional<std::int64_t> reception_end_at;  // nullopt: 随時
  int booking_opens_days_before = 92;
  int booking_closes_days_before = 1;
  int change_deadline_days_before = 2;
  int meeting_link_minutes_before = 15;
};

struct ReservationFrame {
  std::int64_t id = 0;
  std::int64_t procedure_id = 0;
  std::int64_t facility_id = 0;
  std::string name;
  int weekdays = 62;  // bit 0 = Sunday
  int first_start_minute = 600;
  int last_start_minute = 930;
  int interval_minutes = 30;
  int slot_minutes = 30;
  int seats = 2;
};

struct NewUser {
  std::string email1;
  std::optional<std::string> email2;
  std::string password_hash;
  std::string family_name;
  std::string given_name;
  std::string job_seeker_number;
  std::string phone;
  std::optional<std::int64_t> email_verified_at;
};

struct User : NewUser {
  std::int64_t id = 0;
};

struct NewStaff {
  std::string email;
  std::string password_hash;
  std::string display_name;
  bool is_admin = false;
};

struct Staff : NewStaff {
  std::int64_t id = 0;
  std::vector<std::int64_t> office_ids;
};

struct Notice {
  std::int64_t id = 0;
  std::optional<std::int64_t> office_id;
  std::string title;
  std::string body;
  std::int64_t published_at = 0;
};

struct AuditEntry {
  std::int64_t at = 0;
  std::string actor_kind;  // user / staff / system / anonymous
  std::optional<std::int64_t> actor_id;
  std::string action;
  std::string target_kind;
  std::string target_id;
  std::optional<std::int64_t> office_id;
  std::string ip;
  std::string detail;
};

struct OutboxMessage {
  std::int64_t id = 0;
  std::string kind;
  std::vector<std::string> recipients;
  std::string subject;
  std::string body;
  std::string message_id;
  std::string status;  // pending / sending / sent / failed
  int attempts = 0;
  std::int64_t next_attempt_at = 0;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> sent_at;
  std::optional<std::string> last_response;
};

struct Counts {
  std::int64_t offices = 0;
  std::int64_t procedures = 0;
  std::int64_t frames = 0;
  std::int64_t users = 0;
  std::int64_t staff = 0;
};

// --- offices ---
std::optional<Office> find_office_by_code(db::Connection& c, const std::string& code);
std::optional<Office> find_office_by_name(db::Connection& c, const std::string& pref_code, const std::string& name);
std::vector<Office> list_offices(db::Connection& c);
// Inserts or updates the office identified by (pref_code, name); returns its id.
std::int64_t upsert_office(db::Connection& c, const OfficeUpsert& office, std::int64_t now);
void add_office_closure(db::Connection& c, std::int64_t office_id, const std::string& date, const std::string& reason);
std::vector<std::string> office_closures(db::Connection& c, std::int64_t office_id, const std::string& from,
                                         const std::string& to);

// --- facilities, procedures, frames ---
std::int64_t upsert_facility(db::Connection& c, const Facility& facility);
std::vector<Facility> facilities_of_office(db::Connection& c, std::int64_t office_id);
// Inserts or updates the procedure identified by (office_id, kind); returns its id.
std::int64_t upsert_procedure(db::Connection& c, const Procedure& procedure, std::int64_t now);
std::optional<Procedure> find_procedure(db::Connection& c, std::int64_t id);
std::vector<Procedure> procedures_of_office(db::Connection& c, std::int64_t office_id);
std::vector<Procedure> list_procedures(db::Connection& c);
void update_procedure_title(db::Connection& c, std::int64_t procedure_id, const std::string& title, std::int64_t now);
// Inserts or updates the frame identified by (procedure, facility, name); returns its id.
std::int64_t upsert_frame(db::Connection& c, const ReservationFrame& frame);
std::vector<ReservationFrame> frames_of_procedure(db::Connection& c, std::int64_t procedure_id);
std::optional<ReservationFrame> find_frame(db::Connection& c, std::int64_t frame_id);
std::optional<Facility> find_facility(db::Connection& c, std::int64_t facility_id);
std::optional<Office> find_office(db::Connection& c, std::int64_t office_id);

// --- users and staff ---
// Throws db::UniqueViolation when email1 is taken.
std::int64_t insert_user(db::Connection& c, const NewUser& user, std::int64_t now);
std::optional<User> find_user_by_email(db::Connection& c, const std::string& email);
std::optional<User> find_user(db::Connection& c, std::int64_t id);
// Throws db::UniqueViolation when the email is taken.
std::int64_t insert_staff(db::Connection& c, const NewStaff& staff, std::int64_t now);
void assign_staff_office(db::Connection& c, std::int64_t staff_id, std::int64_t office_id);
std::optional<Staff> find_staff_by_email(db::Connection& c, const std::string& email);

// --- reservation numbers ---
// The next value of the day's sequence (1, 2, …), taken inside the caller's
// write transaction: concurrent bookings get distinct, gap-free values.
std::int64_t next_reservation_sequence(db::Connection& c, const std::string& day_yyyymmdd);

// --- notices ---
std::int64_t insert_notice(db::Connection& c, const Notice& notice, std::int64_t now);
std::optional<Notice> find_notice_by_title(db::Connection& c, const std::string& title);
// Published at or before `now`, newest first.
std::vector<Notice> published_notices(db::Connection& c, std::int64_t now, int limit);

// --- audit log (append-only) ---
void append_audit(db::Connection& c, const AuditEntry& entry);
std::vector<AuditEntry> recent_audit(db::Connection& c, int limit);

// --- email outbox ---
// Written in the caller's transaction, so the mail exists only if the change does.
std::int64_t insert_outbox(db::Connection& c, const OutboxMessage& message);
// Claims up to `limit` due messages for `worker` until `lease_until`: pending
// ones whose next attempt is due, and ones left "sending" by a worker whose
// lease ran out (it crashed). Each message is claimed by one worker only.
// Runs its own write transaction.
std::vector<OutboxMessage> claim_due_outbox(db::Connection& c, const std::string& worker, std::int64_t now,
                                            std::int64_t lease_until, int limit);
// These only change a message still claimed by `worker`; false otherwise.
bool mark_outbox_sent(db::Connection& c, std::int64_t id, const std::string& worker, std::int64_t now,
                      const std::string& response);
bool mark_outbox_retry(db::Connection& c, std::int64_t id, const std::string& worker, std::int64_t next_attempt_at,
                       const std::string& response);
bool mark_outbox_failed(db::Connection& c, std::int64_t id, const std::string& worker, const std::string& response);
// Messages by status ("" for all), newest first.
std::vector<OutboxMessage> list_outbox(db::Connection& c, const std::string& status, int limit);
std::optional<OutboxMessage> find_outbox(db::Connection& c, std::int64_t id);
// Puts a failed message back in the queue; false if it is not failed.
bool requeue_outbox(db::Connection& c, std::int64_t id, std::int64_t now);
std::map<std::string, std::int64_t> outbox_counts(db::Connection& c);

// --- accounts ---
struct UserSecurity {
  std::int64_t id = 0;
  std::string password_hash;
  std::optional<std::int64_t> email_verified_at;
  std::optional<std::string> totp_secret;
  bool totp_enabled = false;
  std::optional<std::int64_t> totp_last_step;
  std::optional<std::string> totp_pending_secret;
  int failed_logins = 0;
  std::optional<std::int64_t> locked_until;
  std::string color_scheme;
};
std::optional<UserSecurity> user_security(db::Connection& c, std::int64_t user_id);
void update_user_profile(db::Connection& c, std::int64_t user_id, const std::string& family_name,
                         const std::string& given_name, const std::string& job_seeker_number, const std::string& phone,
                         std::int64_t now);
void set_user_email1(db::Connection& c, std::int64_t user_id, const std::string& email, std::int64_t now);
void set_user_email2(db::Connection& c, std::int64_t user_id, const std::optional<std::string>& email,
                     std::int64_t now);
void set_user_password(db::Connection& c, std::int64_t user_id, const std::string& hash, std::int64_t now);
void mark_user_verified(db::Connection& c, std::int64_t user_id, std::int64_t now);
void set_user_color_scheme(db::Connection& c, std::int64_t user_id, const std::string& scheme);
void record_login_failure(db::Connection& c, std::int64_t user_id, int failures,
                          std::optional<std::int64_t> locked_until);
void clear_login_failures(db::Connection& c, std::int64_t user_id);
void set_totp_pending_secret(db::Connection& c, std::int64_t user_id, const std::optional<std::string>& secret);
void enable_totp(db::Connection& c, std::int64_t user_id, const std::string& secret, std::int64_t step);
void disable_totp(db::Connection& c, std::int64_t user_id);
// Records `step` as used; false when it (or a later one) was used already.
bool use_totp_step(db::Connection& c, std::int64_t user_id, std::int64_t step);
void replace_recovery_codes(db::Connection& c, std::int64_t user_id, const std::vector<std::string>& code_hashes);
// Marks an unused code used; false if there is none with that hash.
bool use_recovery_code(db::Connection& c, std::int64_t user_id, const std::string& code_hash, std::int64_t now);
int unused_recovery_codes(db::Connection& c, std::int64_t user_id);

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

struct AddressThrottle {
  int failures = 0;
  std::int64_t last_failure_at = 0;
  std::optional<std::int64_t> locked_until;
};
std::optional<AddressThrottle> address_throttle(db::Connection& c, const std::string& address);
void save_address_throttle(db::Connection& c, const std::string& address, const AddressThrottle& throttle);

// --- login sessions ---
struct LoginSession {
  std::int64_t id = 0;
  std::optional<std::int64_t> user_id;
  std::optional<std::int64_t> staff_id;
  std::string csrf_token;
  bool second_factor_done = false;
  std::int64_t created_at = 0;
  std::int64_t idle_expires_at = 0;
  std::int64_t absolute_expires_at = 0;
  std::optional<std::int64_t> ended_at;
};
std::int64_t insert_session(db::Connection& c, const std::string& token_hash, const LoginSession& session,
                            const std::string& ip, const std::string& user_agent);
std::optional<LoginSession> find_session(db::Connection& c, const std::string& token_hash);
void touch_session(db::Connection& c, std::int64_t session_id, std::int64_t now, std::int64_t idle_expires_at);
void complete_second_factor(db::Connection& c, std::int64_t session_id);
void end_session(db::Connection& c, std::int64_t session_id, std::int64_t now);
// Ends every live session of the user except `keep` (0: none).
void end_user_sessions(db::Connection& c, std::int64_t user_id, std::int64_t keep_session_id, std::int64_t now);

Counts count_everything(db::Connection& c);

}  // namespace yoyaku::store
