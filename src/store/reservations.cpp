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
     {"meeting_id", &R::meeting_id}, {"meeting_passcode", &R::meeting_passcode}, {"meeting_url", &R::meeting_url}}};

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
      " job_seeker_number, phone, topics, staff_note, booked_by_staff_id, applied_at, updated_at)"
      " VALUES (?, ?, ?, ?, 'confirmed', ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {r.number, optional_value(r.user_id), r.procedure_id, r.slot_id, r.family_name, r.given_name,
       r.job_seeker_number, r.phone, r.topics, r.staff_note, optional_value(r.booked_by_staff_id), r.applied_at,
       r.applied_at});
  return row->integer(0);
}

void update_reservation_details(db::Connection& c, std::int64_t reservation_id, const ReservationRow& v,
                                std::int64_t now) {
  c.query("UPDATE reservations SET family_name = ?, given_name = ?, job_seeker_number = ?, phone = ?, topics = ?,"
          " staff_note = ?, updated_at = ? WHERE id = ?",
          {v.family_name, v.given_name, v.job_seeker_number, v.phone, v.topics, v.staff_note, now, reservation_id});
}

void move_reservation(db::Connection& c, std::int64_t reservation_id, std::int64_t slot_id, std::int64_t now) {
  c.query("UPDATE reservations SET slot_id = ?, updated_at = ? WHERE id = ?", {slot_id, now, reservation_id});
}

bool withdraw_reservation(db::Connection& c, std::int64_t reservation_id, const std::string& reason,
                          std::int64_t now) {
  c.query("UPDATE reservations SET status = 'withdrawn', withdrawn_at = ?, withdrawal_reason = ?, updated_at = ?"
          " WHERE id = ? AND status = 'confirmed'",
          {now, reason, now, reservation_id});
  return c.changes() == 1;
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

void insert_history(db::Connection& c, std::int64_t reservation_id, const std::string& action, std::int64_t at,
                    const Actor& actor, const std::string& detail) {
  c.query("INSERT INTO reservation_history (reservation_id, action, at, actor_user_id, actor_staff_id, detail)"
          " VALUES (?, ?, ?, ?, ?, ?)",
          {reservation_id, action, at, optional_value(actor.user_id), optional_value(actor.staff_id), detail});
}

std::vector<HistoryRow> reservation_history(db::Connection& c, std::int64_t reservation_id) {
  static const Table<HistoryRow> history{
      "reservation_history",
      {{"action", &HistoryRow::action}, {"at", &HistoryRow::at}, {"actor_user_id", &HistoryRow::actor_user_id},
       {"actor_staff_id", &HistoryRow::actor_staff_id}, {"detail", &HistoryRow::detail}}};
  return history.find_all(c, "WHERE reservation_id = ? ORDER BY at DESC, id DESC", {reservation_id});
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
