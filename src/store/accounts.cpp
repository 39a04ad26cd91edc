#include "store/accounts.hpp"

#include <map>

#include "domain/text.hpp"
#include "store/table.hpp"
#include "util/secret_box.hpp"

namespace yoyaku::store {
namespace {

const Table<User> user_table{
    "users",
    {{"id", &User::id}, {"email1", &User::email1}, {"email2", &User::email2}, {"password_hash", &User::password_hash},
     {"family_name", &User::family_name}, {"given_name", &User::given_name},
     {"job_seeker_number", &User::job_seeker_number}, {"phone", &User::phone},
     {"email_verified_at", &User::email_verified_at}, {"totp_secret", &User::totp_secret},
     {"totp_enabled", &User::totp_enabled}, {"totp_last_step", &User::totp_last_step},
     {"totp_pending_secret", &User::totp_pending_secret}, {"failed_logins", &User::failed_logins},
     {"locked_until", &User::locked_until}, {"color_scheme", &User::color_scheme},
     {"language", &User::language}}};

const Table<Staff> staff_table{
    "staff",
    {{"id", &Staff::id}, {"email", &Staff::email}, {"password_hash", &Staff::password_hash},
     {"display_name", &Staff::display_name}, {"is_admin", &Staff::is_admin}, {"totp_secret", &Staff::totp_secret},
     {"totp_enabled", &Staff::totp_enabled}, {"totp_last_step", &Staff::totp_last_step},
     {"totp_pending_secret", &Staff::totp_pending_secret}, {"failed_logins", &Staff::failed_logins},
     {"locked_until", &Staff::locked_until}, {"disabled_at", &Staff::disabled_at}}};

using S = LoginSession;
const Table<S> session_table{
    "login_sessions",
    {{"id", &S::id}, {"user_id", &S::user_id}, {"staff_id", &S::staff_id}, {"csrf_token", &S::csrf_token},
     {"second_factor_done", &S::second_factor_done}, {"created_at", &S::created_at}, {"last_seen_at", &S::last_seen_at},
     {"idle_expires_at", &S::idle_expires_at}, {"absolute_expires_at", &S::absolute_expires_at},
     {"ended_at", &S::ended_at}, {"ip", &S::ip}, {"user_agent", &S::user_agent}}};

// The same statement on the users or the staff table (the names are constants, never input).
const std::string& for_table(AccountKind kind, const std::string& users_sql, const std::string& staff_sql) {
  return kind == AccountKind::job_seeker ? users_sql : staff_sql;
}

std::string on_table(const char* table, const char* rest) { return std::string("UPDATE ") + table + " SET " + rest; }

Staff with_offices(db::Connection& c, Staff staff) {
  for (const auto& row :
       c.query("SELECT office_id, role FROM staff_offices WHERE staff_id = ? ORDER BY office_id", {staff.id})) {
    staff.office_ids.push_back(row.integer(0));
    staff.offices.push_back({row.integer(0), staff_role_of(row.text(1)).value_or(StaffRole::view)});
  }
  return staff;
}

// TOTP keys are stored sealed (util/secret_box); the account as read has them plain.
template <class Account>
Account opened_account(Account account) {
  if (account.totp_secret) account.totp_secret = open_secret(*account.totp_secret);
  if (account.totp_pending_secret) account.totp_pending_secret = open_secret(*account.totp_pending_secret);
  return account;
}

template <class Account>
std::optional<Account> opened(std::optional<Account> account) {
  if (!account) return std::nullopt;
  return opened_account(std::move(*account));
}

std::optional<std::string> sealed(const std::optional<std::string>& secret) {
  if (!secret) return std::nullopt;
  return seal_secret(*secret);
}

}  // namespace

// --- users ---

std::int64_t insert_user(db::Connection& c, const NewUser& u, std::int64_t now) {
  auto row = c.query_one(
      "INSERT INTO users (email1, email2, password_hash, family_name, given_name, job_seeker_number, phone,"
      " email_verified_at, language, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {u.email1, optional_value(u.email2), u.password_hash, u.family_name, u.given_name, u.job_seeker_number,
       u.phone, optional_value(u.email_verified_at), u.language, now, now});
  return row->integer(0);
}

std::optional<User> find_user(db::Connection& c, std::int64_t id) {
  return opened(user_table.find(c, "WHERE id = ?", {id}));
}

std::optional<BookingParties> booking_parties(db::Connection& c, std::int64_t procedure_id, std::int64_t user_id) {
  static const std::string sql = select_from(
      procedure_schedule_table.columns("p") + ", " + office_table.columns("o") + ", " + user_table.columns("u"),
      "FROM procedures p JOIN offices o ON o.id = p.office_id LEFT JOIN users u ON u.id = ? WHERE p.id = ?");
  return query_one_as(c, sql, {user_id, procedure_id}, [](ColumnReader& columns) {
    BookingParties parties{procedure_schedule_table.read(columns), office_table.read(columns), std::nullopt};
    if (!columns.next_is_null()) parties.user = opened_account(user_table.read(columns));
    return parties;
  });
}

std::optional<User> find_user_by_email(db::Connection& c, const std::string& email) {
  return opened(user_table.find(c, "WHERE email1 = ?", {email}));
}

std::vector<User> find_verified_users_by_number_or_email(db::Connection& c, const std::string& text, int limit) {
  return user_table.find_all(c,
                             "WHERE email_verified_at IS NOT NULL AND (job_seeker_number = ? OR email1 = ? OR email2 = ?)"
                             " ORDER BY id LIMIT ?",
                             {text, text, text, std::int64_t{limit}});
}

std::optional<User> find_verified_user_matching(db::Connection& c, const std::string& job_seeker_number,
                                                const std::string& email) {
  if (email.empty()) return std::nullopt;
  return user_table.find(c,
                         "WHERE email_verified_at IS NOT NULL AND job_seeker_number = ? AND (email1 = ? OR email2 = ?)"
                         " ORDER BY id LIMIT 1",
                         {job_seeker_number, email, email});
}

void update_user_profile(db::Connection& c, std::int64_t user_id, const std::string& family_name,
                         const std::string& given_name, const std::string& job_seeker_number, const std::string& phone,
                         std::int64_t now) {
  c.query("UPDATE users SET family_name = ?, given_name = ?, job_seeker_number = ?, phone = ?, updated_at = ?"
          " WHERE id = ?",
          {family_name, given_name, job_seeker_number, phone, now, user_id});
}

void replace_unverified_user(db::Connection& c, std::int64_t user_id, const NewUser& user, std::int64_t now) {
  c.query("UPDATE users SET email2 = ?, password_hash = ?, family_name = ?, given_name = ?, job_seeker_number = ?,"
          " phone = ?, language = ?, failed_logins = 0, locked_until = NULL, updated_at = ?"
          " WHERE id = ? AND email_verified_at IS NULL",
          {optional_value(user.email2), user.password_hash, user.family_name, user.given_name, user.job_seeker_number,
           user.phone, user.language, now, user_id});
}

void set_user_email1(db::Connection& c, std::int64_t user_id, const std::string& email, std::int64_t now) {
  c.query("UPDATE users SET email1 = ?, updated_at = ? WHERE id = ?", {email, now, user_id});
}

void set_user_email2(db::Connection& c, std::int64_t user_id, const std::optional<std::string>& email,
                     std::int64_t now) {
  c.query("UPDATE users SET email2 = ?, updated_at = ? WHERE id = ?", {optional_value(email), now, user_id});
}

void mark_user_verified(db::Connection& c, std::int64_t user_id, std::int64_t now) {
  c.query("UPDATE users SET email_verified_at = ?, updated_at = ? WHERE id = ? AND email_verified_at IS NULL",
          {now, now, user_id});
}

void set_user_color_scheme(db::Connection& c, std::int64_t user_id, const std::string& scheme) {
  c.query("UPDATE users SET color_scheme = ? WHERE id = ?", {scheme, user_id});
}

void set_user_language(db::Connection& c, std::int64_t user_id, const std::string& language) {
  c.query("UPDATE users SET language = ? WHERE id = ?", {language, user_id});
}

// --- staff ---

std::int64_t insert_staff(db::Connection& c, const NewStaff& s, std::int64_t now) {
  auto row = c.query_one(
      "INSERT INTO staff (email, password_hash, display_name, is_admin, totp_secret, totp_enabled, created_at,"
      " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {s.email, s.password_hash, s.display_name, flag_value(s.is_admin), optional_value(sealed(s.totp_secret)),
       flag_value(s.totp_secret.has_value()), now, now});
  return row->integer(0);
}

void assign_staff_office(db::Connection& c, std::int64_t staff_id, std::int64_t office_id, StaffRole role) {
  c.query("INSERT INTO staff_offices (staff_id, office_id, role) VALUES (?, ?, ?)"
          " ON CONFLICT (staff_id, office_id) DO UPDATE SET role = excluded.role",
          {staff_id, office_id, std::string(staff_role_code(role))});
}

void remove_staff_office(db::Connection& c, std::int64_t staff_id, std::int64_t office_id) {
  c.query("DELETE FROM staff_offices WHERE staff_id = ? AND office_id = ?", {staff_id, office_id});
}

std::vector<Staff> list_staff(db::Connection& c) {
  // Two queries whatever the number of staff: the accounts, then every assignment.
  std::vector<Staff> all = staff_table.find_all(c, "ORDER BY email", {});
  std::map<std::int64_t, Staff*> by_id;
  for (auto& staff : all) by_id[staff.id] = &staff;
  for (const auto& row : c.query("SELECT staff_id, office_id, role FROM staff_offices ORDER BY office_id", {})) {
    auto found = by_id.find(row.integer(0));
    if (found == by_id.end()) continue;
    found->second->office_ids.push_back(row.integer(1));
    found->second->offices.push_back({row.integer(1), staff_role_of(row.text(2)).value_or(StaffRole::view)});
  }
  return all;
}

void update_staff_profile(db::Connection& c, std::int64_t staff_id, const std::string& display_name, bool is_admin,
                          std::int64_t now) {
  c.query("UPDATE staff SET display_name = ?, is_admin = ?, updated_at = ? WHERE id = ?",
          {display_name, flag_value(is_admin), now, staff_id});
}

void set_staff_disabled(db::Connection& c, std::int64_t staff_id, std::optional<std::int64_t> disabled_at,
                        std::int64_t now) {
  c.query("UPDATE staff SET disabled_at = ?, updated_at = ? WHERE id = ?", {optional_value(disabled_at), now, staff_id});
}

void reset_staff_totp(db::Connection& c, std::int64_t staff_id, std::int64_t now) {
  c.query("UPDATE staff SET totp_secret = NULL, totp_enabled = 0, totp_last_step = NULL, totp_pending_secret = NULL,"
          " updated_at = ? WHERE id = ?",
          {now, staff_id});
}

std::optional<Staff> find_staff(db::Connection& c, std::int64_t id) {
  auto staff = staff_table.find(c, "WHERE id = ?", {id});
  if (!staff) return std::nullopt;
  return with_offices(c, opened_account(std::move(*staff)));
}

std::optional<Staff> find_staff_by_email(db::Connection& c, const std::string& email) {
  auto staff = staff_table.find(c, "WHERE email = ?", {email});
  if (!staff) return std::nullopt;
  return with_offices(c, opened_account(std::move(*staff)));
}

// --- sign-in state ---

void set_password(db::Connection& c, AccountKind kind, std::int64_t id, const std::string& hash, std::int64_t now) {
  static const char* rest = "password_hash = ?, failed_logins = 0, locked_until = NULL, updated_at = ? WHERE id = ?";
  static const std::string users = on_table("users", rest), staff = on_table("staff", rest);
  c.query(for_table(kind, users, staff), {hash, now, id});
}

void record_login_failure(db::Connection& c, AccountKind kind, std::int64_t id, int failures,
                          std::optional<std::int64_t> locked_until) {
  static const char* rest = "failed_logins = ?, locked_until = ? WHERE id = ?";
  static const std::string users = on_table("users", rest), staff = on_table("staff", rest);
  c.query(for_table(kind, users, staff), {std::int64_t{failures}, optional_value(locked_until), id});
}

void clear_login_failures(db::Connection& c, AccountKind kind, std::int64_t id) {
  static const char* rest = "failed_logins = 0, locked_until = NULL WHERE id = ?";
  static const std::string users = on_table("users", rest), staff = on_table("staff", rest);
  c.query(for_table(kind, users, staff), {id});
}

void set_totp_pending_secret(db::Connection& c, AccountKind kind, std::int64_t id,
                             const std::optional<std::string>& secret) {
  static const char* rest = "totp_pending_secret = ? WHERE id = ?";
  static const std::string users = on_table("users", rest), staff = on_table("staff", rest);
  c.query(for_table(kind, users, staff), {optional_value(sealed(secret)), id});
}

void enable_totp(db::Connection& c, AccountKind kind, std::int64_t id, const std::string& secret, std::int64_t step) {
  static const char* rest =
      "totp_secret = ?, totp_enabled = 1, totp_last_step = ?, totp_pending_secret = NULL WHERE id = ?";
  static const std::string users = on_table("users", rest), staff = on_table("staff", rest);
  c.query(for_table(kind, users, staff), {seal_secret(secret), step, id});
}

bool use_totp_step(db::Connection& c, AccountKind kind, std::int64_t id, std::int64_t step) {
  static const char* rest = "totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)";
  static const std::string users = on_table("users", rest), staff = on_table("staff", rest);
  c.query(for_table(kind, users, staff), {step, id, step});
  return c.changes() == 1;
}

void disable_totp(db::Connection& c, std::int64_t user_id) {
  c.query("UPDATE users SET totp_secret = NULL, totp_enabled = 0, totp_last_step = NULL, totp_pending_secret = NULL"
          " WHERE id = ?",
          {user_id});
  c.query("DELETE FROM recovery_codes WHERE user_id = ?", {user_id});
}

// --- recovery codes ---

void replace_recovery_codes(db::Connection& c, std::int64_t user_id, const std::vector<std::string>& code_hashes) {
  c.query("DELETE FROM recovery_codes WHERE user_id = ?", {user_id});
  for (const auto& hash : code_hashes) {
    c.query("INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)", {user_id, hash});
  }
}

bool use_recovery_code(db::Connection& c, std::int64_t user_id, const std::string& code_hash, std::int64_t now) {
  c.query("UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL",
          {now, user_id, code_hash});
  return c.changes() >= 1;
}

int unused_recovery_codes(db::Connection& c, std::int64_t user_id) {
  return static_cast<int>(
      c.query_one("SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL", {user_id})->integer(0));
}

// --- email links ---

void insert_email_token(db::Connection& c, const std::string& token_hash, std::int64_t user_id,
                        const std::string& purpose, const std::string& email, std::int64_t now,
                        std::int64_t expires_at) {
  c.query("INSERT INTO email_tokens (token_hash, user_id, purpose, email, created_at, expires_at)"
          " VALUES (?, ?, ?, ?, ?, ?)",
          {token_hash, user_id, purpose, email, now, expires_at});
}

std::optional<EmailToken> find_email_token(db::Connection& c, const std::string& token_hash) {
  using T = EmailToken;
  static const Table<T> tokens{"email_tokens",
                               {{"id", &T::id}, {"user_id", &T::user_id}, {"purpose", &T::purpose},
                                {"email", &T::email}, {"expires_at", &T::expires_at}, {"used_at", &T::used_at}}};
  return tokens.find(c, "WHERE token_hash = ?", {token_hash});
}

bool use_email_token(db::Connection& c, std::int64_t token_id, std::int64_t now) {
  c.query("UPDATE email_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL", {now, token_id});
  return c.changes() == 1;
}

void revoke_email_tokens(db::Connection& c, std::int64_t user_id, const std::string& purpose, std::int64_t now) {
  c.query("UPDATE email_tokens SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL",
          {now, user_id, purpose});
}

// --- address throttle ---

std::optional<FailureCounter> address_throttle(db::Connection& c, const std::string& address) {
  using T = FailureCounter;
  static const Table<T> throttle{
      "login_throttle",
      {{"failures", &T::failures}, {"last_failure_at", &T::last_failure_at}, {"locked_until", &T::locked_until}}};
  return throttle.find(c, "WHERE address = ?", {address});
}

namespace {
const char* kind_text(AccountKind kind) { return kind == AccountKind::staff ? "staff" : "job_seeker"; }
}  // namespace

std::optional<FailureCounter> login_failures(db::Connection& c, AccountKind kind, const std::string& email,
                                             const std::string& address) {
  using T = FailureCounter;
  static const Table<T> failures{
      "login_failures",
      {{"failures", &T::failures}, {"last_failure_at", &T::last_failure_at}, {"locked_until", &T::locked_until}}};
  return failures.find(c, "WHERE kind = ? AND email = ? AND address = ?", {kind_text(kind), email, address});
}

void save_login_failures(db::Connection& c, AccountKind kind, const std::string& email, const std::string& address,
                         const FailureCounter& t) {
  c.query("INSERT INTO login_failures (kind, email, address, failures, last_failure_at, locked_until)"
          " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kind, email, address) DO UPDATE SET failures = excluded.failures,"
          " last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until",
          {kind_text(kind), email, address, std::int64_t{t.failures}, t.last_failure_at,
           optional_value(t.locked_until)});
}

void clear_login_failures(db::Connection& c, AccountKind kind, const std::string& email, const std::string& address) {
  c.query("DELETE FROM login_failures WHERE kind = ? AND email = ? AND address = ?", {kind_text(kind), email, address});
}

void save_address_throttle(db::Connection& c, const std::string& address, const FailureCounter& t) {
  c.query("INSERT INTO login_throttle (address, failures, last_failure_at, locked_until) VALUES (?, ?, ?, ?)"
          " ON CONFLICT (address) DO UPDATE SET failures = excluded.failures,"
          " last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until",
          {address, std::int64_t{t.failures}, t.last_failure_at, optional_value(t.locked_until)});
}

// --- sessions ---

std::int64_t insert_session(db::Connection& c, const std::string& token_hash, const LoginSession& s) {
  auto row = c.query_one(
      "INSERT INTO login_sessions (token_hash, user_id, staff_id, csrf_token, second_factor_done, created_at,"
      " last_seen_at, idle_expires_at, absolute_expires_at, ip, user_agent)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {token_hash, optional_value(s.user_id), optional_value(s.staff_id), s.csrf_token,
       flag_value(s.second_factor_done), s.created_at, s.created_at, s.idle_expires_at, s.absolute_expires_at, s.ip,
       domain::truncate_utf8(s.user_agent, 300)});
  return row->integer(0);
}

std::optional<LoginSession> find_session(db::Connection& c, const std::string& token_hash) {
  return session_table.find(c, "WHERE token_hash = ?", {token_hash});
}

std::optional<SessionWithUser> find_session_with_user(db::Connection& c, const std::string& token_hash) {
  static const std::string sql =
      select_from(session_table.columns("s") + ", " + user_table.columns("u"),
                  "FROM login_sessions s LEFT JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?");
  return query_one_as(c, sql, {token_hash}, [](ColumnReader& columns) {
    SessionWithUser found{session_table.read(columns), std::nullopt};
    if (!columns.next_is_null()) found.user = opened_account(user_table.read(columns));
    return found;
  });
}

void touch_session(db::Connection& c, std::int64_t session_id, std::int64_t now, std::int64_t idle_expires_at) {
  c.query("UPDATE login_sessions SET last_seen_at = ?, idle_expires_at = ? WHERE id = ? AND ended_at IS NULL",
          {now, idle_expires_at, session_id});
}

void end_session(db::Connection& c, std::int64_t session_id, std::int64_t now) {
  c.query("UPDATE login_sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL", {now, session_id});
}

void end_account_sessions(db::Connection& c, AccountKind kind, std::int64_t id, std::int64_t keep_session_id,
                          std::int64_t now) {
  static const std::string users =
      "UPDATE login_sessions SET ended_at = ? WHERE user_id = ? AND id <> ? AND ended_at IS NULL";
  static const std::string staff =
      "UPDATE login_sessions SET ended_at = ? WHERE staff_id = ? AND id <> ? AND ended_at IS NULL";
  c.query(for_table(kind, users, staff), {now, id, keep_session_id});
}

}  // namespace yoyaku::store
