#include "store/store.hpp"

#include <algorithm>

#include "domain/text.hpp"

namespace yoyaku::store {
namespace {

using db::Value;

Value optional_value(const std::optional<std::int64_t>& v) {
  return v ? Value(*v) : Value(nullptr);
}
Value optional_value(const std::optional<std::string>& v) {
  return v ? Value(*v) : Value(nullptr);
}

constexpr const char* office_columns =
    "id, code, code_is_demo, name, short_name, reading, kind, parent_id, pref_code, pref_name, "
    "municipalities, muni_codes, phone";

Office office_from(const db::Row& r) {
  Office o;
  o.id = r.integer(0);
  o.code = r.text(1);
  o.code_is_demo = r.integer(2) != 0;
  o.name = r.text(3);
  o.short_name = r.text(4);
  o.reading = r.text(5);
  o.kind = r.text(6);
  o.parent_id = r.optional_integer(7);
  o.pref_code = r.text(8);
  o.pref_name = r.text(9);
  o.municipalities = r.text(10);
  o.muni_codes = r.text(11);
  o.phone = r.text(12);
  return o;
}

constexpr const char* procedure_columns =
    "id, office_id, kind, title, description, terms, contact_name, contact_phone, contact_fax, contact_email, "
    "reception_start_at, reception_end_at, booking_opens_days_before, booking_closes_days_before, "
    "change_deadline_days_before, meeting_link_minutes_before";

Procedure procedure_from(const db::Row& r) {
  Procedure p;
  p.id = r.integer(0);
  p.office_id = r.integer(1);
  p.kind = r.text(2);
  p.title = r.text(3);
  p.description = r.text(4);
  p.terms = r.text(5);
  p.contact_name = r.text(6);
  p.contact_phone = r.text(7);
  p.contact_fax = r.text(8);
  p.contact_email = r.text(9);
  p.reception_start_at = r.integer(10);
  p.reception_end_at = r.optional_integer(11);
  p.booking_opens_days_before = static_cast<int>(r.integer(12));
  p.booking_closes_days_before = static_cast<int>(r.integer(13));
  p.change_deadline_days_before = static_cast<int>(r.integer(14));
  p.meeting_link_minutes_before = static_cast<int>(r.integer(15));
  return p;
}

constexpr const char* user_columns =
    "id, email1, email2, password_hash, family_name, given_name, job_seeker_number, phone, email_verified_at";

User user_from(const db::Row& r) {
  User u;
  u.id = r.integer(0);
  u.email1 = r.text(1);
  u.email2 = r.optional_text(2);
  u.password_hash = r.text(3);
  u.family_name = r.text(4);
  u.given_name = r.text(5);
  u.job_seeker_number = r.text(6);
  u.phone = r.text(7);
  u.email_verified_at = r.optional_integer(8);
  return u;
}

constexpr const char* facility_columns = "id, office_id, name, address, phone, opening_hours, map_url";

Facility facility_from(const db::Row& r) {
  return {r.integer(0), r.integer(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6)};
}

std::string with(const char* columns, const std::string& rest) {
  return std::string("SELECT ") + columns + " " + rest;
}

}  // namespace

// --- offices ---

std::optional<Office> find_office_by_code(db::Connection& c, const std::string& code) {
  static const std::string sql = with(office_columns, "FROM offices WHERE code = ?");
  auto row = c.query_one(sql, {code});
  if (!row) return std::nullopt;
  return office_from(*row);
}

std::optional<Office> find_office_by_name(db::Connection& c, const std::string& pref_code, const std::string& name) {
  static const std::string sql = with(office_columns, "FROM offices WHERE pref_code = ? AND name = ?");
  auto row = c.query_one(sql, {pref_code, name});
  if (!row) return std::nullopt;
  return office_from(*row);
}

std::vector<Office> list_offices(db::Connection& c) {
  static const std::string sql = with(office_columns, "FROM offices ORDER BY pref_code, id");
  std::vector<Office> offices;
  for (const auto& row : c.query(sql)) offices.push_back(office_from(row));
  return offices;
}

std::int64_t upsert_office(db::Connection& c, const OfficeUpsert& o, std::int64_t now) {
  auto row = c.query_one(
      "INSERT INTO offices (code, code_is_demo, name, short_name, reading, kind, parent_id, pref_code, pref_name,"
      " municipalities, muni_codes, created_at, updated_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (pref_code, name) DO UPDATE SET"
      " code = excluded.code, code_is_demo = excluded.code_is_demo, short_name = excluded.short_name,"
      " reading = excluded.reading, kind = excluded.kind, parent_id = excluded.parent_id,"
      " pref_name = excluded.pref_name, municipalities = excluded.municipalities,"
      " muni_codes = excluded.muni_codes, updated_at = excluded.updated_at"
      " RETURNING id",
      {o.code, std::int64_t{o.code_is_demo ? 1 : 0}, o.name, o.short_name, o.reading, o.kind,
       optional_value(o.parent_id), o.pref_code, o.pref_name, o.municipalities, o.muni_codes, now, now});
  return row->integer(0);
}

void add_office_closure(db::Connection& c, std::int64_t office_id, const std::string& date, const std::string& reason) {
  c.query(
      "INSERT INTO office_closures (office_id, closed_on, reason) VALUES (?, ?, ?)"
      " ON CONFLICT (office_id, closed_on) DO UPDATE SET reason = excluded.reason",
      {office_id, date, reason});
}

std::vector<std::string> office_closures(db::Connection& c, std::int64_t office_id, const std::string& from,
                                         const std::string& to) {
  std::vector<std::string> dates;
  for (const auto& row :
       c.query("SELECT closed_on FROM office_closures WHERE office_id = ? AND closed_on BETWEEN ? AND ?"
               " ORDER BY closed_on",
               {office_id, from, to})) {
    dates.push_back(row.text(0));
  }
  return dates;
}

// --- facilities, procedures, frames ---

std::int64_t upsert_facility(db::Connection& c, const Facility& f) {
  auto row = c.query_one(
      "INSERT INTO facilities (office_id, name, address, phone, opening_hours, map_url) VALUES (?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (office_id, name) DO UPDATE SET address = excluded.address, phone = excluded.phone,"
      " opening_hours = excluded.opening_hours, map_url = excluded.map_url"
      " RETURNING id",
      {f.office_id, f.name, f.address, f.phone, f.opening_hours, f.map_url});
  return row->integer(0);
}

std::vector<Facility> facilities_of_office(db::Connection& c, std::int64_t office_id) {
  static const std::string sql = with(facility_columns, "FROM facilities WHERE office_id = ? ORDER BY id");
  std::vector<Facility> result;
  for (const auto& r : c.query(sql, {office_id})) result.push_back(facility_from(r));
  return result;
}

std::int64_t upsert_procedure(db::Connection& c, const Procedure& p, std::int64_t now) {
  auto row = c.query_one(
      "INSERT INTO procedures (office_id, kind, title, description, terms, contact_name, contact_phone, contact_fax,"
      " contact_email, reception_start_at, reception_end_at, booking_opens_days_before, booking_closes_days_before,"
      " change_deadline_days_before, meeting_link_minutes_before, created_at, updated_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (office_id, kind) DO UPDATE SET title = excluded.title, description = excluded.description,"
      " terms = excluded.terms, contact_name = excluded.contact_name, contact_phone = excluded.contact_phone,"
      " contact_fax = excluded.contact_fax, contact_email = excluded.contact_email,"
      " reception_start_at = excluded.reception_start_at, reception_end_at = excluded.reception_end_at,"
      " booking_opens_days_before = excluded.booking_opens_days_before,"
      " booking_closes_days_before = excluded.booking_closes_days_before,"
      " change_deadline_days_before = excluded.change_deadline_days_before,"
      " meeting_link_minutes_before = excluded.meeting_link_minutes_before, updated_at = excluded.updated_at"
      " RETURNING id",
      {p.office_id, p.kind, p.title, p.description, p.terms, p.contact_name, p.contact_phone, p.contact_fax,
       p.contact_email, p.reception_start_at, optional_value(p.reception_end_at),
       std::int64_t{p.booking_opens_days_before}, std::int64_t{p.booking_closes_days_before},
       std::int64_t{p.change_deadline_days_before}, std::int64_t{p.meeting_link_minutes_before}, now, now});
  return row->integer(0);
}

std::optional<Procedure> find_procedure(db::Connection& c, std::int64_t id) {
  static const std::string sql = with(procedure_columns, "FROM procedures WHERE id = ?");
  auto row = c.query_one(sql, {id});
  if (!row) return std::nullopt;
  return procedure_from(*row);
}

std::vector<Procedure> procedures_of_office(db::Connection& c, std::int64_t office_id) {
  static const std::string sql = with(procedure_columns, "FROM procedures WHERE office_id = ? ORDER BY id");
  std::vector<Procedure> result;
  for (const auto& row : c.query(sql, {office_id})) result.push_back(procedure_from(row));
  return result;
}

std::vector<Procedure> list_procedures(db::Connection& c) {
  static const std::string sql = with(procedure_columns, "FROM procedures ORDER BY id");
  std::vector<Procedure> result;
  for (const auto& row : c.query(sql)) result.push_back(procedure_from(row));
  return result;
}

void update_procedure_title(db::Connection& c, std::int64_t procedure_id, const std::string& title, std::int64_t now) {
  c.query("UPDATE procedures SET title = ?, updated_at = ? WHERE id = ?", {title, now, procedure_id});
}

std::int64_t upsert_frame(db::Connection& c, const ReservationFrame& f) {
  auto row = c.query_one(
      "INSERT INTO reservation_frames (procedure_id, facility_id, name, weekdays, first_start_minute,"
      " last_start_minute, interval_minutes, slot_minutes, seats) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (procedure_id, facility_id, name) DO UPDATE SET weekdays = excluded.weekdays,"
      " first_start_minute = excluded.first_start_minute, last_start_minute = excluded.last_start_minute,"
      " interval_minutes = excluded.interval_minutes, slot_minutes = excluded.slot_minutes, seats = excluded.seats"
      " RETURNING id",
      {f.procedure_id, f.facility_id, f.name, std::int64_t{f.weekdays}, std::int64_t{f.first_start_minute},
       std::int64_t{f.last_start_minute}, std::int64_t{f.interval_minutes}, std::int64_t{f.slot_minutes},
       std::int64_t{f.seats}});
  return row->integer(0);
}

namespace {
constexpr const char* frame_columns =
    "id, procedure_id, facility_id, name, weekdays, first_start_minute, last_start_minute, interval_minutes,"
    " slot_minutes, seats";

ReservationFrame frame_from(const db::Row& r) {
  ReservationFrame f;
  f.id = r.integer(0);
  f.procedure_id = r.integer(1);
  f.facility_id = r.integer(2);
  f.name = r.text(3);
  f.weekdays = static_cast<int>(r.integer(4));
  f.first_start_minute = static_cast<int>(r.integer(5));
  f.last_start_minute = static_cast<int>(r.integer(6));
  f.interval_minutes = static_cast<int>(r.integer(7));
  f.slot_minutes = static_cast<int>(r.integer(8));
  f.seats = static_cast<int>(r.integer(9));
  return f;
}

}  // namespace

std::vector<ReservationFrame> frames_of_procedure(db::Connection& c, std::int64_t procedure_id) {
  static const std::string sql = with(frame_columns, "FROM reservation_frames WHERE procedure_id = ? ORDER BY id");
  std::vector<ReservationFrame> result;
  for (const auto& r : c.query(sql, {procedure_id})) result.push_back(frame_from(r));
  return result;
}

std::optional<ReservationFrame> find_frame(db::Connection& c, std::int64_t frame_id) {
  static const std::string sql = with(frame_columns, "FROM reservation_frames WHERE id = ?");
  auto row = c.query_one(sql, {frame_id});
  if (!row) return std::nullopt;
  return frame_from(*row);
}

std::optional<Facility> find_facility(db::Connection& c, std::int64_t facility_id) {
  static const std::string sql = with(facility_columns, "FROM facilities WHERE id = ?");
  auto row = c.query_one(sql, {facility_id});
  if (!row) return std::nullopt;
  return facility_from(*row);
}

std::optional<Office> find_office(db::Connection& c, std::int64_t office_id) {
  static const std::string sql = with(office_columns, "FROM offices WHERE id = ?");
  auto row = c.query_one(sql, {office_id});
  if (!row) return std::nullopt;
  return office_from(*row);
}

// --- users and staff ---

std::int64_t insert_user(db::Connection& c, const NewUser& u, std::int64_t now) {
  auto row = c.query_one(
      "INSERT INTO users (email1, email2, password_hash, family_name, given_name, job_seeker_number, phone,"
      " email_verified_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {u.email1, optional_value(u.email2), u.password_hash, u.family_name, u.given_name, u.job_seeker_number,
       u.phone, optional_value(u.email_verified_at), now, now});
  return row->integer(0);
}

std::optional<User> find_user_by_email(db::Connection& c, const std::string& email) {
  static const std::string sql = with(user_columns, "FROM users WHERE email1 = ?");
  auto row = c.query_one(sql, {email});
  if (!row) return std::nullopt;
  return user_from(*row);
}

std::optional<User> find_user(db::Connection& c, std::int64_t id) {
  static const std::string sql = with(user_columns, "FROM users WHERE id = ?");
  auto row = c.query_one(sql, {id});
  if (!row) return std::nullopt;
  return user_from(*row);
}

std::int64_t insert_staff(db::Connection& c, const NewStaff& s, std::int64_t now) {
  auto row = c.query_one(
      "INSERT INTO staff (email, password_hash, display_name, is_admin, created_at, updated_at)"
      " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {s.email, s.password_hash, s.display_name, std::int64_t{s.is_admin ? 1 : 0}, now, now});
  return row->integer(0);
}

void assign_staff_office(db::Connection& c, std::int64_t staff_id, std::int64_t office_id) {
  c.query("INSERT INTO staff_offices (staff_id, office_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
          {staff_id, office_id});
}

std::optional<Staff> find_staff_by_email(db::Connection& c, const std::string& email) {
  auto row =
      c.query_one("SELECT id, email, password_hash, display_name, is_admin FROM staff WHERE email = ?", {email});
  if (!row) return std::nullopt;
  Staff s;
  s.id = row->integer(0);
  s.email = row->text(1);
  s.password_hash = row->text(2);
  s.display_name = row->text(3);
  s.is_admin = row->integer(4) != 0;
  for (const auto& r : c.query("SELECT office_id FROM staff_offices WHERE staff_id = ? ORDER BY office_id", {s.id})) {
    s.office_ids.push_back(r.integer(0));
  }
  return s;
}

// --- reservation numbers ---

std::int64_t next_reservation_sequence(db::Connection& c, const std::string& day_yyyymmdd) {
  // One statement: the row lock (PostgreSQL) or the write lock (SQLite)
  // serialises concurrent bookings of the same day.
  auto row = c.query_one(
      "INSERT INTO reservation_number_counters (day, last_value) VALUES (?, 1)"
      " ON CONFLICT (day) DO UPDATE SET last_value = reservation_number_counters.last_value + 1"
      " RETURNING last_value",
      {day_yyyymmdd});
  return row->integer(0);
}

// --- notices ---

std::int64_t insert_notice(db::Connection& c, const Notice& n, std::int64_t now) {
  auto row = c.query_one(
      "INSERT INTO notices (office_id, title, body, published_at, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
      {optional_value(n.office_id), n.title, n.body, n.published_at, now});
  return row->integer(0);
}

std::optional<Notice> find_notice_by_title(db::Connection& c, const std::string& title) {
  auto r = c.query_one("SELECT id, office_id, title, body, published_at FROM notices WHERE title = ?", {title});
  if (!r) return std::nullopt;
  return Notice{r->integer(0), r->optional_integer(1), r->text(2), r->text(3), r->integer(4)};
}

std::vector<Notice> published_notices(db::Connection& c, std::int64_t now, int limit) {
  std::vector<Notice> result;
  for (const auto& r : c.query("SELECT id, office_id, title, body, published_at FROM notices WHERE published_at <= ?"
                               " ORDER BY published_at DESC, id DESC LIMIT ?",
                               {now, std::int64_t{limit}})) {
    result.push_back({r.integer(0), r.optional_integer(1), r.text(2), r.text(3), r.integer(4)});
  }
  return result;
}

// --- audit log ---

void append_audit(db::Connection& c, const AuditEntry& e) {
  c.query(
      "INSERT INTO audit_log (at, actor_kind, actor_id, action, target_kind, target_id, office_id, ip, detail)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {e.at, e.actor_kind, optional_value(e.actor_id), e.action, e.target_kind, e.target_id,
       optional_value(e.office_id), e.ip, e.detail});
}

std::vector<AuditEntry> recent_audit(db::Connection& c, int limit) {
  std::vector<AuditEntry> result;
  for (const auto& r : c.query("SELECT at, actor_kind, actor_id, action, target_kind, target_id, office_id, ip, detail"
                               " FROM audit_log ORDER BY id DESC LIMIT ?",
                               {std::int64_t{limit}})) {
    result.push_back({r.integer(0), r.text(1), r.optional_integer(2), r.text(3), r.text(4), r.text(5),
                      r.optional_integer(6), r.text(7), r.text(8)});
  }
  return result;
}

// --- email outbox ---

namespace {

constexpr const char* outbox_columns =
    "id, kind, recipients, subject, body, message_id, status, attempts, next_attempt_at, created_at, sent_at, "
    "last_response";

OutboxMessage outbox_from(const db::Row& r) {
  OutboxMessage m;
  m.id = r.integer(0);
  m.kind = r.text(1);
  m.recipients = domain::split_list(r.text(2));
  m.subject = r.text(3);
  m.body = r.text(4);
  m.message_id = r.text(5);
  m.status = r.text(6);
  m.attempts = static_cast<int>(r.integer(7));
  m.next_attempt_at = r.integer(8);
  m.created_at = r.integer(9);
  m.sent_at = r.optional_integer(10);
  m.last_response = r.optional_text(11);
  return m;
}

}  // namespace

std::int64_t insert_outbox(db::Connection& c, const OutboxMessage& m) {
  const std::string recipients = domain::join_list(m.recipients);
  auto row = c.query_one(
      "INSERT INTO email_outbox (kind, recipients, subject, body, message_id, status, attempts, next_attempt_at,"
      " created_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?) RETURNING id",
      {m.kind, recipients, m.subject, m.body, m.message_id, m.next_attempt_at, m.created_at});
  return row->integer(0);
}

std::vector<OutboxMessage> claim_due_outbox(db::Connection& c, const std::string& worker, std::int64_t now,
                                            std::int64_t lease_until, int limit) {
  static const std::string due =
      "(status = 'pending' AND next_attempt_at <= ?) OR (status = 'sending' AND claimed_until < ?)";
  static const std::string pg_claim = std::string(
      "UPDATE email_outbox SET status = 'sending', claimed_by = ?, claimed_until = ?, attempts = attempts + 1"
      " WHERE id IN (SELECT id FROM email_outbox WHERE ") + due +
      " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING " + outbox_columns;
  static const std::string sqlite_claim = std::string(
      "UPDATE email_outbox SET status = 'sending', claimed_by = ?, claimed_until = ?, attempts = attempts + 1"
      " WHERE id IN (SELECT id FROM email_outbox WHERE ") + due + " ORDER BY id LIMIT ?) RETURNING " +
      outbox_columns;
  // Most polls find nothing: check with a read first, so that an idle sender
  // does not take SQLite's write lock every second.
  static const std::string any_due =
      "SELECT CASE WHEN EXISTS (SELECT 1 FROM email_outbox WHERE " + due + ") THEN 1 ELSE 0 END";
  if (c.query_one(any_due, {now, now})->integer(0) == 0) return {};
  return db::in_transaction(c, true, [&](db::Connection& t) {
    // SQLite's BEGIN IMMEDIATE already serialises claimers; PostgreSQL skips rows another claimer holds.
    const std::string& sql = t.dialect() == db::Dialect::postgresql ? pg_claim : sqlite_claim;
    std::vector<OutboxMessage> claimed;
    for (const auto& row : t.query(sql, {worker, lease_until, now, now, std::int64_t{limit}})) {
      claimed.push_back(outbox_from(row));
    }
    std::sort(claimed.begin(), claimed.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return claimed;
  });
}

bool mark_outbox_sent(db::Connection& c, std::int64_t id, const std::string& worker, std::int64_t now,
                      const std::string& response) {
  c.query(
      "UPDATE email_outbox SET status = 'sent', sent_at = ?, last_response = ?, claimed_by = NULL,"
      " claimed_until = NULL WHERE id = ? AND status = 'sending' AND claimed_by = ?",
      {now, response, id, worker});
  return c.changes() == 1;
}

bool mark_outbox_retry(db::Connection& c, std::int64_t id, const std::string& worker, std::int64_t next_attempt_at,
                       const std::string& response) {
  c.query(
      "UPDATE email_outbox SET status = 'pending', next_attempt_at = ?, last_response = ?, claimed_by = NULL,"
      " claimed_until = NULL WHERE id = ? AND status = 'sending' AND claimed_by = ?",
      {next_attempt_at, response, id, worker});
  return c.changes() == 1;
}

bool mark_outbox_failed(db::Connection& c, std::int64_t id, const std::string& worker, const std::string& response) {
  c.query(
      "UPDATE email_outbox SET status = 'failed', last_response = ?, claimed_by = NULL, claimed_until = NULL"
      " WHERE id = ? AND status = 'sending' AND claimed_by = ?",
      {response, id, worker});
  return c.changes() == 1;
}

std::vector<OutboxMessage> list_outbox(db::Connection& c, const std::string& status, int limit) {
  static const std::string all = std::string("SELECT ") + outbox_columns +
                                 " FROM email_outbox WHERE ? = '' OR status = ? ORDER BY id DESC LIMIT ?";
  std::vector<OutboxMessage> result;
  for (const auto& row : c.query(all, {status, status, std::int64_t{limit}})) result.push_back(outbox_from(row));
  return result;
}

std::optional<OutboxMessage> find_outbox(db::Connection& c, std::int64_t id) {
  static const std::string sql = std::string("SELECT ") + outbox_columns + " FROM email_outbox WHERE id = ?";
  auto row = c.query_one(sql, {id});
  if (!row) return std::nullopt;
  return outbox_from(*row);
}

bool requeue_outbox(db::Connection& c, std::int64_t id, std::int64_t now) {
  c.query("UPDATE email_outbox SET status = 'pending', next_attempt_at = ?, attempts = 0 WHERE id = ? AND status = 'failed'",
          {now, id});
  return c.changes() == 1;
}

std::map<std::string, std::int64_t> outbox_counts(db::Connection& c) {
  std::map<std::string, std::int64_t> counts{{"pending", 0}, {"sending", 0}, {"sent", 0}, {"failed", 0}};
  for (const auto& row : c.query("SELECT status, COUNT(*) FROM email_outbox GROUP BY status")) {
    counts[row.text(0)] = row.integer(1);
  }
  return counts;
}

// --- accounts ---

std::optional<UserSecurity> user_security(db::Connection& c, std::int64_t user_id) {
  auto r = c.query_one(
      "SELECT id, password_hash, email_verified_at, totp_secret, totp_enabled, totp_last_step, totp_pending_secret,"
      " failed_logins, locked_until, color_scheme FROM users WHERE id = ?",
      {user_id});
  if (!r) return std::nullopt;
  UserSecurity u;
  u.id = r->integer(0);
  u.password_hash = r->text(1);
  u.email_verified_at = r->optional_integer(2);
  u.totp_secret = r->optional_text(3);
  u.totp_enabled = r->integer(4) != 0;
  u.totp_last_step = r->optional_integer(5);
  u.totp_pending_secret = r->optional_text(6);
  u.failed_logins = static_cast<int>(r->integer(7));
  u.locked_until = r->optional_integer(8);
  u.color_scheme = r->text(9);
  return u;
}

void update_user_profile(db::Connection& c, std::int64_t user_id, const std::string& family_name,
                         const std::string& given_name, const std::string& job_seeker_number, const std::string& phone,
                         std::int64_t now) {
  c.query("UPDATE users SET family_name = ?, given_name = ?, job_seeker_number = ?, phone = ?, updated_at = ?"
          " WHERE id = ?",
          {family_name, given_name, job_seeker_number, phone, now, user_id});
}

void set_user_email1(db::Connection& c, std::int64_t user_id, const std::string& email, std::int64_t now) {
  c.query("UPDATE users SET email1 = ?, updated_at = ? WHERE id = ?", {email, now, user_id});
}

void set_user_email2(db::Connection& c, std::int64_t user_id, const std::optional<std::string>& email,
                     std::int64_t now) {
  c.query("UPDATE users SET email2 = ?, updated_at = ? WHERE id = ?", {optional_value(email), now, user_id});
}

void set_user_password(db::Connection& c, std::int64_t user_id, const std::string& hash, std::int64_t now) {
  c.query("UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = NULL, updated_at = ? WHERE id = ?",
          {hash, now, user_id});
}

void mark_user_verified(db::Connection& c, std::int64_t user_id, std::int64_t now) {
  c.query("UPDATE users SET email_verified_at = ?, updated_at = ? WHERE id = ? AND email_verified_at IS NULL",
          {now, now, user_id});
}

void set_user_color_scheme(db::Connection& c, std::int64_t user_id, const std::string& scheme) {
  c.query("UPDATE users SET color_scheme = ? WHERE id = ?", {scheme, user_id});
}

void record_login_failure(db::Connection& c, std::int64_t user_id, int failures,
                          std::optional<std::int64_t> locked_until) {
  c.query("UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?",
          {std::int64_t{failures}, optional_value(locked_until), user_id});
}

void clear_login_failures(db::Connection& c, std::int64_t user_id) {
  c.query("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?", {user_id});
}

void set_totp_pending_secret(db::Connection& c, std::int64_t user_id, const std::optional<std::string>& secret) {
  c.query("UPDATE users SET totp_pending_secret = ? WHERE id = ?", {optional_value(secret), user_id});
}

void enable_totp(db::Connection& c, std::int64_t user_id, const std::string& secret, std::int64_t step) {
  c.query("UPDATE users SET totp_secret = ?, totp_enabled = 1, totp_last_step = ?, totp_pending_secret = NULL"
          " WHERE id = ?",
          {secret, step, user_id});
}

void disable_totp(db::Connection& c, std::int64_t user_id) {
  c.query("UPDATE users SET totp_secret = NULL, totp_enabled = 0, totp_last_step = NULL, totp_pending_secret = NULL"
          " WHERE id = ?",
          {user_id});
  c.query("DELETE FROM recovery_codes WHERE user_id = ?", {user_id});
}

bool use_totp_step(db::Connection& c, std::int64_t user_id, std::int64_t step) {
  c.query("UPDATE users SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)",
          {step, user_id, step});
  return c.changes() == 1;
}

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

void insert_email_token(db::Connection& c, const std::string& token_hash, std::int64_t user_id,
                        const std::string& purpose, const std::string& email, std::int64_t now,
                        std::int64_t expires_at) {
  c.query("INSERT INTO email_tokens (token_hash, user_id, purpose, email, created_at, expires_at)"
          " VALUES (?, ?, ?, ?, ?, ?)",
          {token_hash, user_id, purpose, email, now, expires_at});
}

std::optional<EmailToken> find_email_token(db::Connection& c, const std::string& token_hash) {
  auto r = c.query_one("SELECT id, user_id, purpose, email, expires_at, used_at FROM email_tokens WHERE token_hash = ?",
                       {token_hash});
  if (!r) return std::nullopt;
  return EmailToken{r->integer(0), r->integer(1), r->text(2), r->text(3), r->integer(4), r->optional_integer(5)};
}

bool use_email_token(db::Connection& c, std::int64_t token_id, std::int64_t now) {
  c.query("UPDATE email_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL", {now, token_id});
  return c.changes() == 1;
}

std::optional<AddressThrottle> address_throttle(db::Connection& c, const std::string& address) {
  auto r = c.query_one("SELECT failures, last_failure_at, locked_until FROM login_throttle WHERE address = ?",
                       {address});
  if (!r) return std::nullopt;
  return AddressThrottle{static_cast<int>(r->integer(0)), r->integer(1), r->optional_integer(2)};
}

void save_address_throttle(db::Connection& c, const std::string& address, const AddressThrottle& t) {
  c.query("INSERT INTO login_throttle (address, failures, last_failure_at, locked_until) VALUES (?, ?, ?, ?)"
          " ON CONFLICT (address) DO UPDATE SET failures = excluded.failures,"
          " last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until",
          {address, std::int64_t{t.failures}, t.last_failure_at, optional_value(t.locked_until)});
}

// --- login sessions ---

std::int64_t insert_session(db::Connection& c, const std::string& token_hash, const LoginSession& s,
                            const std::string& ip, const std::string& user_agent) {
  auto row = c.query_one(
      "INSERT INTO login_sessions (token_hash, user_id, staff_id, csrf_token, second_factor_done, created_at,"
      " last_seen_at, idle_expires_at, absolute_expires_at, ip, user_agent)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {token_hash, optional_value(s.user_id), optional_value(s.staff_id), s.csrf_token,
       std::int64_t{s.second_factor_done ? 1 : 0}, s.created_at, s.created_at, s.idle_expires_at,
       s.absolute_expires_at, ip, user_agent.substr(0, 300)});
  return row->integer(0);
}

std::optional<LoginSession> find_session(db::Connection& c, const std::string& token_hash) {
  auto r = c.query_one(
      "SELECT id, user_id, staff_id, csrf_token, second_factor_done, created_at, idle_expires_at,"
      " absolute_expires_at, ended_at FROM login_sessions WHERE token_hash = ?",
      {token_hash});
  if (!r) return std::nullopt;
  LoginSession s;
  s.id = r->integer(0);
  s.user_id = r->optional_integer(1);
  s.staff_id = r->optional_integer(2);
  s.csrf_token = r->text(3);
  s.second_factor_done = r->integer(4) != 0;
  s.created_at = r->integer(5);
  s.idle_expires_at = r->integer(6);
  s.absolute_expires_at = r->integer(7);
  s.ended_at = r->optional_integer(8);
  return s;
}

void touch_session(db::Connection& c, std::int64_t session_id, std::int64_t now, std::int64_t idle_expires_at) {
  c.query("UPDATE login_sessions SET last_seen_at = ?, idle_expires_at = ? WHERE id = ? AND ended_at IS NULL",
          {now, idle_expires_at, session_id});
}

void complete_second_factor(db::Connection& c, std::int64_t session_id) {
  c.query("UPDATE login_sessions SET second_factor_done = 1 WHERE id = ?", {session_id});
}

void end_session(db::Connection& c, std::int64_t session_id, std::int64_t now) {
  c.query("UPDATE login_sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL", {now, session_id});
}

void end_user_sessions(db::Connection& c, std::int64_t user_id, std::int64_t keep_session_id, std::int64_t now) {
  c.query("UPDATE login_sessions SET ended_at = ? WHERE user_id = ? AND id <> ? AND ended_at IS NULL",
          {now, user_id, keep_session_id});
}

Counts count_everything(db::Connection& c) {
  auto r = c.query_one(
      "SELECT (SELECT COUNT(*) FROM offices), (SELECT COUNT(*) FROM procedures),"
      " (SELECT COUNT(*) FROM reservation_frames), (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM staff)");
  return {r->integer(0), r->integer(1), r->integer(2), r->integer(3), r->integer(4)};
}

}  // namespace yoyaku::store
