#include "store/booking_store.hpp"

namespace yoyaku::store {
namespace {

using db::Value;

Value optional_value(const std::optional<std::int64_t>& v) { return v ? Value(*v) : Value(nullptr); }

SlotRow slot_from(const db::Row& r) {
  return {r.integer(0), r.integer(1), r.text(2), static_cast<int>(r.integer(3)), static_cast<int>(r.integer(4)),
          static_cast<int>(r.integer(5)), static_cast<int>(r.integer(6))};
}

constexpr const char* hold_columns =
    "id, public_id, slot_id, procedure_id, user_id, created_at, expires_at, released_at, release_reason, agreed_at";

HoldRow hold_from(const db::Row& r) {
  HoldRow h;
  h.id = r.integer(0);
  h.public_id = r.text(1);
  h.slot_id = r.integer(2);
  h.procedure_id = r.integer(3);
  h.user_id = r.optional_integer(4);
  h.created_at = r.integer(5);
  h.expires_at = r.integer(6);
  h.released_at = r.optional_integer(7);
  h.release_reason = r.optional_text(8);
  h.agreed_at = r.optional_integer(9);
  return h;
}

constexpr const char* reservation_columns =
    "id, number, user_id, procedure_id, slot_id, status, family_name, given_name, job_seeker_number, phone, topics,"
    " staff_note, applied_at, updated_at, withdrawn_at, withdrawal_reason, meeting_id, meeting_passcode, meeting_url";

ReservationRow reservation_from(const db::Row& r) {
  ReservationRow x;
  x.id = r.integer(0);
  x.number = r.text(1);
  x.user_id = r.optional_integer(2);
  x.procedure_id = r.integer(3);
  x.slot_id = r.integer(4);
  x.status = r.text(5);
  x.family_name = r.text(6);
  x.given_name = r.text(7);
  x.job_seeker_number = r.text(8);
  x.phone = r.text(9);
  x.topics = r.text(10);
  x.staff_note = r.text(11);
  x.applied_at = r.integer(12);
  x.updated_at = r.integer(13);
  x.withdrawn_at = r.optional_integer(14);
  x.withdrawal_reason = r.optional_text(15);
  x.meeting_id = r.optional_text(16);
  x.meeting_passcode = r.optional_text(17);
  x.meeting_url = r.optional_text(18);
  return x;
}

}  // namespace

SlotRow ensure_slot(db::Connection& c, std::int64_t frame_id, const std::string& date, int start_minute,
                    int end_minute, int capacity) {
  c.query("INSERT INTO slots (frame_id, slot_date, start_minute, end_minute, capacity) VALUES (?, ?, ?, ?, ?)"
          " ON CONFLICT (frame_id, slot_date, start_minute) DO NOTHING",
          {frame_id, date, std::int64_t{start_minute}, std::int64_t{end_minute}, std::int64_t{capacity}});
  auto row = c.query_one(
      "SELECT id, frame_id, slot_date, start_minute, end_minute, capacity, taken FROM slots"
      " WHERE frame_id = ? AND slot_date = ? AND start_minute = ?",
      {frame_id, date, std::int64_t{start_minute}});
  return slot_from(*row);
}

std::optional<SlotRow> find_slot(db::Connection& c, std::int64_t slot_id) {
  auto row = c.query_one(
      "SELECT id, frame_id, slot_date, start_minute, end_minute, capacity, taken FROM slots WHERE id = ?", {slot_id});
  if (!row) return std::nullopt;
  return slot_from(*row);
}

void lock_slot(db::Connection& c, std::int64_t slot_id) {
  if (c.dialect() == db::Dialect::postgresql) c.query("SELECT id FROM slots WHERE id = ? FOR UPDATE", {slot_id});
}

int release_lapsed_holds(db::Connection& c, std::int64_t slot_id, std::int64_t now) {
  c.query("UPDATE holds SET released_at = ?, release_reason = 'expired'"
          " WHERE slot_id = ? AND released_at IS NULL AND expires_at <= ?",
          {now, slot_id, now});
  auto lapsed = c.changes();
  if (lapsed > 0) c.query("UPDATE slots SET taken = taken - ? WHERE id = ?", {lapsed, slot_id});
  return static_cast<int>(lapsed);
}

bool take_seat(db::Connection& c, std::int64_t slot_id) {
  c.query("UPDATE slots SET taken = taken + 1 WHERE id = ? AND taken < capacity", {slot_id});
  return c.changes() == 1;
}

void give_back_seat(db::Connection& c, std::int64_t slot_id) {
  c.query("UPDATE slots SET taken = taken - 1 WHERE id = ? AND taken > 0", {slot_id});
}

std::map<std::pair<std::string, int>, int> seats_in_use(db::Connection& c, std::int64_t frame_id,
                                                        const std::string& from, const std::string& to,
                                                        std::int64_t now) {
  std::map<std::pair<std::string, int>, int> used;
  for (const auto& r : c.query(
           "SELECT s.slot_date, s.start_minute, s.taken - (SELECT COUNT(*) FROM holds h WHERE h.slot_id = s.id"
           " AND h.released_at IS NULL AND h.expires_at <= ?) FROM slots s"
           " WHERE s.frame_id = ? AND s.slot_date BETWEEN ? AND ?",
           {now, frame_id, from, to})) {
    used[{r.text(0), static_cast<int>(r.integer(1))}] = static_cast<int>(r.integer(2));
  }
  return used;
}

std::int64_t insert_hold(db::Connection& c, const HoldRow& h) {
  auto row = c.query_one(
      "INSERT INTO holds (public_id, slot_id, procedure_id, user_id, created_at, expires_at)"
      " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {h.public_id, h.slot_id, h.procedure_id, optional_value(h.user_id), h.created_at, h.expires_at});
  return row->integer(0);
}

std::optional<HoldRow> find_hold(db::Connection& c, const std::string& public_id) {
  static const std::string sql = std::string("SELECT ") + hold_columns + " FROM holds WHERE public_id = ?";
  auto row = c.query_one(sql, {public_id});
  if (!row) return std::nullopt;
  return hold_from(*row);
}

std::vector<HoldRow> unreleased_holds_of_user(db::Connection& c, std::int64_t user_id, std::int64_t procedure_id) {
  static const std::string sql = std::string("SELECT ") + hold_columns +
                                 " FROM holds WHERE user_id = ? AND procedure_id = ? AND released_at IS NULL";
  std::vector<HoldRow> holds;
  for (const auto& row : c.query(sql, {user_id, procedure_id})) holds.push_back(hold_from(row));
  return holds;
}

bool release_hold(db::Connection& c, std::int64_t hold_id, std::int64_t now, const std::string& reason) {
  c.query("UPDATE holds SET released_at = ?, release_reason = ? WHERE id = ? AND released_at IS NULL",
          {now, reason, hold_id});
  return c.changes() == 1;
}

bool extend_hold(db::Connection& c, std::int64_t hold_id, std::int64_t now, std::int64_t new_expiry) {
  c.query("UPDATE holds SET expires_at = ? WHERE id = ? AND released_at IS NULL AND expires_at > ?",
          {new_expiry, hold_id, now});
  return c.changes() == 1;
}

void mark_hold_agreed(db::Connection& c, std::int64_t hold_id, std::int64_t now) {
  c.query("UPDATE holds SET agreed_at = ? WHERE id = ?", {now, hold_id});
}

std::int64_t insert_reservation(db::Connection& c, const ReservationRow& r) {
  auto row = c.query_one(
      "INSERT INTO reservations (number, user_id, procedure_id, slot_id, status, family_name, given_name,"
      " job_seeker_number, phone, topics, staff_note, applied_at, updated_at)"
      " VALUES (?, ?, ?, ?, 'confirmed', ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {r.number, optional_value(r.user_id), r.procedure_id, r.slot_id, r.family_name, r.given_name,
       r.job_seeker_number, r.phone, r.topics, r.staff_note, r.applied_at, r.applied_at});
  return row->integer(0);
}

std::optional<ReservationRow> latest_reservation_of_user(db::Connection& c, std::int64_t user_id) {
  static const std::string sql = std::string("SELECT ") + reservation_columns +
                                 " FROM reservations WHERE user_id = ? ORDER BY applied_at DESC, id DESC LIMIT 1";
  auto row = c.query_one(sql, {user_id});
  if (!row) return std::nullopt;
  return reservation_from(*row);
}

std::optional<ReservationRow> find_reservation_by_number(db::Connection& c, const std::string& number) {
  static const std::string sql = std::string("SELECT ") + reservation_columns + " FROM reservations WHERE number = ?";
  auto row = c.query_one(sql, {number});
  if (!row) return std::nullopt;
  return reservation_from(*row);
}

void insert_history(db::Connection& c, std::int64_t reservation_id, const std::string& action, std::int64_t at,
                    std::optional<std::int64_t> user_id, const std::string& detail) {
  c.query("INSERT INTO reservation_history (reservation_id, action, at, actor_user_id, detail) VALUES (?, ?, ?, ?, ?)",
          {reservation_id, action, at, optional_value(user_id), detail});
}

std::vector<HistoryRow> reservation_history(db::Connection& c, std::int64_t reservation_id) {
  std::vector<HistoryRow> rows;
  for (const auto& r : c.query("SELECT action, at, detail FROM reservation_history WHERE reservation_id = ?"
                               " ORDER BY at DESC, id DESC",
                               {reservation_id})) {
    rows.push_back({r.text(0), r.integer(1), r.text(2)});
  }
  return rows;
}

namespace {
// The WHERE clause and parameters shared by the list and its count.
std::pair<std::string, std::vector<Value>> reservation_filter_sql(const ReservationFilter& f) {
  std::string where = " FROM reservations r JOIN procedures p ON p.id = r.procedure_id WHERE r.user_id = ?";
  std::vector<Value> params = {f.user_id};
  if (!f.number.empty()) {
    where += " AND r.number = ?";
    params.push_back(f.number);
  }
  if (!f.procedure_text.empty()) {
    where += " AND p.title LIKE ? ESCAPE '!'";
    std::string pattern;
    for (char ch : f.procedure_text) {
      if (ch == '%' || ch == '_' || ch == '!') pattern += '!';
      pattern += ch;
    }
    params.push_back("%" + pattern + "%");
  }
  if (f.applied_from) {
    where += " AND r.applied_at >= ?";
    params.push_back(*f.applied_from);
  }
  if (f.applied_to) {
    where += " AND r.applied_at < ?";
    params.push_back(*f.applied_to);
  }
  return {where, params};
}
}  // namespace

std::vector<ReservationRow> find_reservations(db::Connection& c, const ReservationFilter& filter) {
  auto [where, params] = reservation_filter_sql(filter);
  std::string columns;
  std::string list = reservation_columns;
  std::size_t start = 0;
  while (start < list.size()) {  // qualify every column with "r."
    auto comma = list.find(',', start);
    std::string name = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    while (!name.empty() && name.front() == ' ') name.erase(0, 1);
    columns += (columns.empty() ? "r." : ", r.") + name;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  std::string sql = "SELECT " + columns + where + " ORDER BY r.applied_at " + (filter.oldest_first ? "ASC" : "DESC") +
                    ", r.id " + (filter.oldest_first ? "ASC" : "DESC") + " LIMIT ? OFFSET ?";
  params.push_back(std::int64_t{filter.limit});
  params.push_back(std::int64_t{filter.offset});
  std::vector<ReservationRow> rows;
  for (const auto& row : c.query(sql, params)) rows.push_back(reservation_from(row));
  return rows;
}

std::int64_t count_reservations(db::Connection& c, const ReservationFilter& filter) {
  auto [where, params] = reservation_filter_sql(filter);
  return c.query_one("SELECT COUNT(*)" + where, params)->integer(0);
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

int confirmed_reservations_in_slot(db::Connection& c, std::int64_t slot_id) {
  return static_cast<int>(
      c.query_one("SELECT COUNT(*) FROM reservations WHERE slot_id = ? AND status = 'confirmed'", {slot_id})->integer(0));
}

int live_holds_in_slot(db::Connection& c, std::int64_t slot_id, std::int64_t now) {
  return static_cast<int>(c.query_one("SELECT COUNT(*) FROM holds WHERE slot_id = ? AND released_at IS NULL AND expires_at > ?",
                                      {slot_id, now})
                              ->integer(0));
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
