#include "store/reservations.hpp"

#include "store/rows.hpp"

namespace yoyaku::store {
namespace {

using R = ReservationRow;
const Table<R> reservation_table{
    "reservations",
    {{"id", &R::id}, {"number", &R::number}, {"user_id", &R::user_id}, {"procedure_id", &R::procedure_id},
     {"slot_id", &R::slot_id}, {"status", &R::status}, {"family_name", &R::family_name}, {"given_name", &R::given_name},
     {"job_seeker_number", &R::job_seeker_number}, {"phone", &R::phone}, {"topics", &R::topics},
     {"staff_note", &R::staff_note}, {"booked_by_staff_id", &R::booked_by_staff_id}, {"applied_at", &R::applied_at},
     {"updated_at", &R::updated_at}, {"withdrawn_at", &R::withdrawn_at}, {"withdrawal_reason", &R::withdrawal_reason},
     {"meeting_id", &R::meeting_id}, {"meeting_passcode", &R::meeting_passcode}, {"meeting_url", &R::meeting_url},
     {"channel", &R::channel}, {"email", &R::email}, {"meeting_sent_at", &R::meeting_sent_at},
     {"terms_version_id", &R::terms_version_id}, {"terms_agreed_at", &R::terms_agreed_at}}};

ReservationRecord read_record(ColumnReader& r) {
  ReservationRecord record;
  record.reservation = reservation_table.read(r);
  record.procedure = procedure_table.read(r);
  record.office = office_table.read(r);
  record.at = read_slot_record(r);
  return record;
}

// SELECT <reservation, procedure, office, slot record columns> FROM … WHERE
const std::string& select_records() {
  static const std::string sql = select_from(
      reservation_table.columns("r") + ", " + procedure_table.columns("p") + ", " +
          office_table.columns("o") + ", " + slot_record_columns(),
      "FROM reservations r JOIN procedures p ON p.id = r.procedure_id JOIN offices o ON o.id = p.office_id " +
          slot_record_joins("r.slot_id") + " WHERE ");
  return sql;
}

// The WHERE clause and parameters shared by a list and its count.
Condition filter_condition(const ReservationFilter& f) {
  Condition where = personal_data_condition(f.scope, "r.user_id", "p.office_id");
  if (!f.number.empty()) {
    where.sql += " AND r.number = ?";
    where.params.push_back(f.number);
  }
  if (!f.procedure_text.empty()) {
    where.sql += " AND p.title LIKE ? ESCAPE '!'";
    std::string pattern;
    for (char ch : f.procedure_text) {
      if (ch == '%' || ch == '_' || ch == '!') pattern += '!';
      pattern += ch;
    }
    where.params.push_back("%" + pattern + "%");
  }
  if (f.applied_from) {
    where.sql += " AND r.applied_at >= ?";
    where.params.push_back(*f.applied_from);
  }
  if (f.applied_to) {
    where.sql += " AND r.applied_at < ?";
    where.params.push_back(*f.applied_to);
  }
  return where;
}

}  // namespace

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

std::int64_t insert_reservation(db::Connection& c, const ReservationRow& r) {
  auto row = c.query_one(
      "INSERT INTO reservations (number, user_id, procedure_id, slot_id, status, family_name, given_name,"
      " job_seeker_number, phone, topics, staff_note, booked_by_staff_id, applied_at, updated_at, channel, email,"
      " terms_version_id, terms_agreed_at, slot_date)"
      " VALUES (?, ?, ?, ?, 'confirmed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
      " (SELECT slot_date FROM slots WHERE id = ?)) RETURNING id",
      {r.number, optional_value(r.user_id), r.procedure_id, r.slot_id, r.family_name, r.given_name,
       r.job_seeker_number, r.phone, r.topics, r.staff_note, optional_value(r.booked_by_staff_id), r.applied_at,
       r.applied_at, r.channel, r.email, optional_value(r.terms_version_id), optional_value(r.terms_agreed_at),
       r.slot_id});
  return row->integer(0);
}

void update_reservation_details(db::Connection& c, std::int64_t reservation_id, const ReservationRow& v,
                                std::int64_t now) {
  c.query("UPDATE reservations SET family_name = ?, given_name = ?, job_seeker_number = ?, phone = ?, topics = ?,"
          " staff_note = ?, updated_at = ? WHERE id = ?",
          {v.family_name, v.given_name, v.job_seeker_number, v.phone, v.topics, v.staff_note, now, reservation_id});
}

void move_reservation(db::Connection& c, std::int64_t reservation_id, std::int64_t slot_id, std::int64_t now) {
  // The slot's day goes with it (a person's standing reads it from the reservation).
  c.query("UPDATE reservations SET slot_id = ?, slot_date = (SELECT slot_date FROM slots WHERE id = ?), updated_at = ?"
          " WHERE id = ?",
          {slot_id, slot_id, now, reservation_id});
}

bool withdraw_reservation(db::Connection& c, std::int64_t reservation_id, const std::string& reason,
                          std::int64_t now) {
  c.query("UPDATE reservations SET status = 'withdrawn', withdrawn_at = ?, withdrawal_reason = ?, updated_at = ?"
          " WHERE id = ? AND status = 'confirmed'",
          {now, reason, now, reservation_id});
  return c.changes() == 1;
}

void set_meeting(db::Connection& c, std::int64_t reservation_id, const std::string& meeting_id,
                 const std::string& passcode, const std::string& url, std::int64_t now) {
  c.query("UPDATE reservations SET meeting_id = ?, meeting_passcode = ?, meeting_url = ?, meeting_sent_at = ?,"
          " updated_at = ? WHERE id = ?",
          {meeting_id, passcode, url, now, now, reservation_id});
}

bool set_attendance(db::Connection& c, std::int64_t reservation_id, const std::string& status, std::int64_t now) {
  c.query("UPDATE reservations SET status = ?, attendance_recorded_at = ?, updated_at = ?"
          " WHERE id = ? AND status <> 'withdrawn'",
          {status, now, now, reservation_id});
  return c.changes() == 1;
}

int attach_caller_bookings(db::Connection& c, std::int64_t user_id, const std::string& job_seeker_number,
                           const std::string& email) {
  if (email.empty()) return 0;
  c.query("UPDATE reservations SET user_id = ? WHERE user_id IS NULL AND job_seeker_number = ? AND email = ?",
          {user_id, job_seeker_number, email});
  return static_cast<int>(c.changes());
}

std::optional<ReservationRecord> find_reservation(db::Connection& c, const std::string& number,
                                                  const AccessScope& scope) {
  Condition where = personal_data_condition(scope, "r.user_id", "p.office_id");
  std::vector<db::Value> params = {number};
  params.insert(params.end(), where.params.begin(), where.params.end());
  return query_one_as(c, select_records() + "r.number = ? AND " + where.sql, params, read_record);
}

std::optional<ReservationRow> latest_reservation_of_user(db::Connection& c, std::int64_t user_id) {
  return reservation_table.find(c, "WHERE user_id = ? ORDER BY applied_at DESC, id DESC LIMIT 1", {user_id});
}

std::vector<ReservationRecord> find_reservations(db::Connection& c, const ReservationFilter& filter) {
  Condition where = filter_condition(filter);
  const char* order = filter.oldest_first ? "ASC" : "DESC";
  std::string sql = select_records() + where.sql + " ORDER BY r.applied_at " + order + ", r.id " + order +
                    " LIMIT ? OFFSET ?";
  where.params.push_back(std::int64_t{filter.limit});
  where.params.push_back(std::int64_t{filter.offset});
  return query_all_as(c, sql, where.params, read_record);
}

std::int64_t count_reservations(db::Connection& c, const ReservationFilter& filter) {
  Condition where = filter_condition(filter);
  return c
      .query_one("SELECT COUNT(*) FROM reservations r JOIN procedures p ON p.id = r.procedure_id WHERE " + where.sql,
                 where.params)
      ->integer(0);
}

std::vector<ReservationRecord> find_office_reservations(db::Connection& c, const OfficeReservationFilter& f) {
  Condition where = office_condition(f.scope, "p.office_id");
  where.sql += " AND p.office_id = ?";
  where.params.push_back(f.office_id);
  if (!f.from_date.empty()) {
    where.sql += " AND s.slot_date >= ?";
    where.params.push_back(f.from_date);
  }
  if (!f.to_date.empty()) {
    where.sql += " AND s.slot_date <= ?";
    where.params.push_back(f.to_date);
  }
  if (!f.include_withdrawn) where.sql += " AND r.status <> 'withdrawn'";
  if (!f.text.empty()) {
    // The name as staff type it, with or without the space between 氏 and 名.
    where.sql += " AND (r.number = ? OR r.job_seeker_number = ? OR r.family_name || r.given_name LIKE ? ESCAPE '!')";
    std::string pattern;
    for (char ch : f.text) {
      if (ch == ' ') continue;
      if (ch == '%' || ch == '_' || ch == '!') pattern += '!';
      pattern += ch;
    }
    where.params.insert(where.params.end(), {f.text, f.text, "%" + pattern + "%"});
  }
  where.params.push_back(std::int64_t{f.limit});
  return query_all_as(c,
                      select_records() + where.sql +
                          " ORDER BY s.slot_date, s.start_minute, fa.id, f.id, r.applied_at, r.id LIMIT ?",
                      where.params, read_record);
}

std::vector<PersonBooking> possible_no_shows_at_office(db::Connection& c, std::int64_t office_id,
                                                       const std::string& job_seeker_number, const std::string& today) {
  std::vector<PersonBooking> bookings;
  // Two range reads of reservations_job_seeker (an OR of them would read
  // every booking of the 求職番号): recorded no-shows, then confirmed ones up to today.
  static constexpr const char* part =
      "SELECT r.status, s.slot_date, s.start_minute FROM reservations r"
      " JOIN procedures p ON p.id = r.procedure_id JOIN slots s ON s.id = r.slot_id"
      " WHERE r.job_seeker_number = ? AND p.office_id = ? AND r.status = ?";
  static const std::string both = std::string(part) + " UNION ALL " + part + " AND r.slot_date <= ?";
  for (const auto& r : c.query(both, {job_seeker_number, office_id, std::string("no_show"), job_seeker_number,
                                      office_id, std::string("confirmed"), today})) {
    bookings.push_back({r.text(0), r.text(1), static_cast<int>(r.integer(2))});
  }
  return bookings;
}

void insert_history(db::Connection& c, std::int64_t reservation_id, const std::string& action, std::int64_t at,
                    const Actor& actor, const std::string& detail) {
  c.query("INSERT INTO reservation_history (reservation_id, action, at, actor_user_id, actor_staff_id, detail)"
          " VALUES (?, ?, ?, ?, ?, ?)",
          {reservation_id, action, at, optional_value(actor.user_id), optional_value(actor.staff_id), detail});
}

std::vector<HistoryRow> reservation_history(db::Connection& c, std::int64_t reservation_id) {
  static const Table<HistoryRow> history{
      "reservation_history",
      {{"h.action", &HistoryRow::action}, {"h.at", &HistoryRow::at}, {"h.actor_user_id", &HistoryRow::actor_user_id},
       {"h.actor_staff_id", &HistoryRow::actor_staff_id}, {"h.detail", &HistoryRow::detail},
       {"COALESCE(st.display_name, '')", &HistoryRow::actor_staff_name}}};
  return history.all(c,
                     select_from(history.columns(), "FROM reservation_history h LEFT JOIN staff st ON"
                                                    " st.id = h.actor_staff_id WHERE h.reservation_id = ?"
                                                    " ORDER BY h.at DESC, h.id DESC"),
                     {reservation_id});
}

void save_booking_draft(db::Connection& c, std::int64_t user_id, std::int64_t procedure_id, const std::string& json,
                        std::int64_t now) {
  c.query("INSERT INTO booking_drafts (user_id, procedure_id, data, updated_at) VALUES (?, ?, ?, ?)"
          " ON CONFLICT (user_id, procedure_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
          {user_id, procedure_id, json, now});
}

std::optional<std::string> booking_draft(db::Connection& c, std::int64_t user_id, std::int64_t procedure_id) {
  auto row = c.query_one("SELECT data FROM booking_drafts WHERE user_id = ? AND procedure_id = ?", {user_id, procedure_id});
  if (!row) return std::nullopt;
  return row->text(0);
}

void delete_booking_draft(db::Connection& c, std::int64_t user_id, std::int64_t procedure_id) {
  c.query("DELETE FROM booking_drafts WHERE user_id = ? AND procedure_id = ?", {user_id, procedure_id});
}

}  // namespace yoyaku::store
