#include "store/slots.hpp"

#include <algorithm>
#include <charconv>
#include <iterator>

#include "store/rows.hpp"

namespace yoyaku::store {

using S = SlotRow;
const Table<S> slot_table{
    "slots",
    {{"id", &S::id}, {"frame_id", &S::frame_id}, {"slot_date", &S::date}, {"start_minute", &S::start_minute},
     {"end_minute", &S::end_minute}, {"capacity", &S::capacity}, {"taken", &S::taken}}};
std::string slot_record_joins(const std::string& slot_id_column) {
  return "JOIN slots s ON s.id = " + slot_id_column +
         " JOIN reservation_frames f ON f.id = s.frame_id JOIN facilities fa ON fa.id = f.facility_id";
}

const std::string& slot_record_columns() {
  static const std::string columns =
      slot_table.columns("s") + ", " + frame_table.columns("f") + ", " + facility_table.columns("fa");
  return columns;
}

namespace {

using H = HoldRow;
const Table<H> hold_table{
    "holds",
    {{"id", &H::id}, {"public_id", &H::public_id}, {"slot_id", &H::slot_id}, {"procedure_id", &H::procedure_id},
     {"user_id", &H::user_id}, {"created_at", &H::created_at}, {"expires_at", &H::expires_at},
     {"released_at", &H::released_at}, {"release_reason", &H::release_reason}, {"agreed_at", &H::agreed_at}}};

HoldRecord read_hold_record(ColumnReader& r) {
  HoldRecord record;
  record.hold = hold_table.read(r);
  record.at = read_slot_record(r);
  return record;
}

// SELECT <hold columns>, <slot record columns> FROM holds h JOIN … WHERE <where>
std::string select_hold_records(const std::string& where) {
  return select_from(hold_table.columns("h") + ", " + slot_record_columns(),
                     "FROM holds h " + slot_record_joins("h.slot_id") + " WHERE " + where);
}

}  // namespace

SlotRecord read_slot_record(ColumnReader& r) {
  SlotRecord record;
  record.slot = slot_table.read(r);
  record.frame = frame_table.read(r);
  record.facility = facility_table.read(r);
  return record;
}

namespace {
// The slot read by `select` (frame, date, start), made first when it is not there. Mostly it is (its first hold
// made it): one statement then, not three.
SlotRow find_or_make_slot(db::Connection& c, const std::string& select, std::int64_t frame_id, const std::string& date,
                          int start_minute, int end_minute, int capacity) {
  if (auto existing = slot_table.one(c, select, {frame_id, date, std::int64_t{start_minute}})) return *existing;
  c.query("INSERT INTO slots (frame_id, slot_date, start_minute, end_minute, capacity) VALUES (?, ?, ?, ?, ?)"
          " ON CONFLICT (frame_id, slot_date, start_minute) DO NOTHING",
          {frame_id, date, std::int64_t{start_minute}, std::int64_t{end_minute}, std::int64_t{capacity}});
  return *slot_table.one(c, select, {frame_id, date, std::int64_t{start_minute}});
}

const std::string select_slot = slot_table.select("WHERE frame_id = ? AND slot_date = ? AND start_minute = ?");
}  // namespace

SlotRow ensure_slot(db::Connection& c, std::int64_t frame_id, const std::string& date, int start_minute,
                    int end_minute, int capacity) {
  return find_or_make_slot(c, select_slot, frame_id, date, start_minute, end_minute, capacity);
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

namespace {
// A slot's seats in use: taken, less its holds whose time is up but which no write has released yet.
constexpr const char* seats_in_use_column =
    "s.taken - (SELECT COUNT(*) FROM holds h WHERE h.slot_id = s.id AND h.released_at IS NULL AND h.expires_at <= ?)";
}  // namespace

std::map<std::pair<std::string, int>, int> seats_in_use(db::Connection& c, std::int64_t frame_id,
                                                        const std::string& from, const std::string& to,
                                                        std::int64_t now) {
  static const std::string sql = std::string("SELECT s.slot_date, s.start_minute, ") + seats_in_use_column +
                                 " FROM slots s WHERE s.frame_id = ? AND s.slot_date BETWEEN ? AND ?";
  std::map<std::pair<std::string, int>, int> used;
  for (const auto& r : c.query(sql, {now, frame_id, from, to})) {
    used[{r.text(0), static_cast<int>(r.integer(1))}] = static_cast<int>(r.integer(2));
  }
  return used;
}

std::map<std::int64_t, std::set<std::pair<std::string, int>>> full_slots_of_procedure(
    db::Connection& c, std::int64_t procedure_id, const std::string& from, const std::string& to, std::int64_t now) {
  // `taken` first: seats in use never exceed it, so the count of lapsed holds runs only for slots that may be full.
  static const std::string sql = std::string("SELECT s.frame_id, s.slot_date, s.start_minute") +
                                 " FROM reservation_frames f JOIN slots s ON s.frame_id = f.id"
                                 " WHERE f.procedure_id = ? AND s.slot_date BETWEEN ? AND ? AND s.taken >= f.seats"
                                 " AND " + seats_in_use_column + " >= f.seats";
  std::map<std::int64_t, std::set<std::pair<std::string, int>>> full;
  for (const auto& r : c.query(sql, {procedure_id, from, to, now})) {
    full[r.integer(0)].emplace(r.text(1), static_cast<int>(r.integer(2)));
  }
  return full;
}

namespace {
// 1 when a closure of the office of procedure p covers frame f on the day (the parameter, twice), else 0.
constexpr const char* closed_on_day_column =
    "CASE WHEN EXISTS (SELECT 1 FROM closures c WHERE c.office_id = p.office_id AND c.from_date <= ?"
    " AND c.to_date >= ? AND (c.facility_id IS NULL OR c.facility_id = f.facility_id)"
    " AND (c.frame_id IS NULL OR c.frame_id = f.id)) THEN 1 ELSE 0 END";

// "start:seats,start:seats…" of the slot rows of a frame's day, as procedure_day's last column.
std::string procedure_day_sql(db::Dialect dialect) {
  const std::string seats_of_slots = std::string(dialect == db::Dialect::postgresql ? "string_agg(" : "group_concat(") +
                                     "CAST(s.start_minute AS TEXT) || ':' || CAST(" + seats_in_use_column +
                                     " AS TEXT), ',')";
  return select_from(
      procedure_schedule_table.columns("p") + ", " + frame_table.columns("f") + ", " + facility_table.columns("fa") +
          ", " + closed_on_day_column + ", (SELECT " +
          seats_of_slots + " FROM slots s WHERE s.frame_id = f.id AND s.slot_date = ?)",
      "FROM procedures p LEFT JOIN reservation_frames f ON f.procedure_id = p.id"
      " LEFT JOIN facilities fa ON fa.id = f.facility_id WHERE p.id = ?");
}

// Reads procedure_day_sql's "start:seats,…" into start minute -> seats.
std::map<int, int> read_seats_of_slots(std::string_view listed) {
  std::map<int, int> seats;
  while (!listed.empty()) {
    const std::size_t end = std::min(listed.find(','), listed.size());
    const std::string_view pair = listed.substr(0, end);
    const std::size_t colon = pair.find(':');
    int start = 0, used = 0;
    std::from_chars(pair.data(), pair.data() + colon, start);
    std::from_chars(pair.data() + colon + 1, pair.data() + pair.size(), used);
    seats[start] = used;
    listed.remove_prefix(std::min(end + 1, listed.size()));
  }
  return seats;
}
}  // namespace

std::optional<ProcedureDay> procedure_day(db::Connection& c, std::int64_t procedure_id, const std::string& date,
                                          std::int64_t now) {
  // One row per frame (one, the frame's columns NULL, for a procedure without frames): the day's slot rows come
  // aggregated in the last column, so the procedure's columns are not read again for each of them.
  static const std::string sqlite_sql = procedure_day_sql(db::Dialect::sqlite);
  static const std::string postgresql_sql = procedure_day_sql(db::Dialect::postgresql);
  const std::size_t frame_column = procedure_schedule_table.column_count();
  const std::size_t closed_column = frame_column + frame_table.column_count() + facility_table.column_count();
  std::optional<ProcedureDay> day;
  for (const auto& row : c.query(c.dialect() == db::Dialect::postgresql ? postgresql_sql : sqlite_sql,
                                 {date, date, now, date, procedure_id})) {
    if (!day) {
      ColumnReader columns(row);
      day.emplace(ProcedureDay{procedure_schedule_table.read(columns), {}});
    }
    if (row.is_null(frame_column)) continue;
    ColumnReader columns(row, frame_column);
    FrameOnDay frame{read_frame_at_facility(columns)};
    frame.closed = row.integer(closed_column) != 0;
    if (!row.is_null(closed_column + 1)) frame.seats_in_use = read_seats_of_slots(row.text(closed_column + 1));
    day->frames.push_back(std::move(frame));
  }
  if (day) sort_by_frame_id(day->frames);
  return day;
}

std::optional<FrameForBooking> frame_for_booking(db::Connection& c, std::int64_t frame_id, const std::string& date) {
  static const std::string plain = select_from(
      frame_table.columns("f") + ", " + facility_table.columns("fa") + ", " + closed_on_day_column,
      "FROM reservation_frames f JOIN procedures p ON p.id = f.procedure_id JOIN facilities fa ON fa.id = f.facility_id"
      " WHERE f.id = ?");
  static const std::string key_share = plain + " FOR KEY SHARE OF f";
  auto row = c.query_one(c.dialect() == db::Dialect::postgresql ? key_share : plain, {date, date, frame_id});
  if (!row) return std::nullopt;
  ColumnReader columns(*row);
  FrameForBooking found{read_frame_at_facility(columns)};
  found.closed = row->integer(frame_table.column_count() + facility_table.column_count()) != 0;
  return found;
}

SlotRow ensure_slot_locked(db::Connection& c, std::int64_t frame_id, const std::string& date, int start_minute,
                           int end_minute, int capacity) {
  static const std::string locked = select_slot + " FOR UPDATE";
  return find_or_make_slot(c, c.dialect() == db::Dialect::postgresql ? locked : select_slot, frame_id, date,
                           start_minute, end_minute, capacity);
}

std::vector<SlotRow> lock_slots_of_frame_from(db::Connection& c, std::int64_t frame_id, const std::string& from) {
  static const std::string plain = slot_table.select("WHERE frame_id = ? AND slot_date >= ? ORDER BY id");
  static const std::string locked = plain + " FOR UPDATE";
  return slot_table.all(c, c.dialect() == db::Dialect::postgresql ? locked : plain, {frame_id, from});
}

int slot_taken(db::Connection& c, std::int64_t slot_id) {
  auto row = c.query_one("SELECT taken FROM slots WHERE id = ?", {slot_id});
  return row ? static_cast<int>(row->integer(0)) : 0;
}

std::vector<std::int64_t> live_hold_ids(db::Connection& c, std::int64_t slot_id, std::int64_t now) {
  std::vector<std::int64_t> ids;
  for (const auto& r : c.query("SELECT id FROM holds WHERE slot_id = ? AND released_at IS NULL AND expires_at > ?"
                               " ORDER BY created_at DESC, id DESC",
                               {slot_id, now})) {
    ids.push_back(r.integer(0));
  }
  return ids;
}

void reshape_slot(db::Connection& c, std::int64_t slot_id, int end_minute, int capacity) {
  c.query("UPDATE slots SET end_minute = ?, capacity = CASE WHEN ? > taken THEN ? ELSE taken END WHERE id = ?",
          {std::int64_t{end_minute}, std::int64_t{capacity}, std::int64_t{capacity}, slot_id});
}

std::int64_t insert_hold(db::Connection& c, const HoldRow& h) {
  auto row = c.query_one(
      "INSERT INTO holds (public_id, slot_id, procedure_id, user_id, created_at, expires_at)"
      " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {h.public_id, h.slot_id, h.procedure_id, optional_value(h.user_id), h.created_at, h.expires_at});
  return row->integer(0);
}

std::optional<HoldRecord> find_user_hold(db::Connection& c, const std::string& public_id, std::int64_t user_id) {
  static const std::string sql = select_hold_records("h.public_id = ? AND h.user_id = ?");
  return query_one_as(c, sql, {public_id, user_id}, read_hold_record);
}

std::vector<HoldRecord> unreleased_holds_of_user(db::Connection& c, std::int64_t user_id, std::int64_t procedure_id) {
  static const std::string sql =
      select_hold_records("h.user_id = ? AND h.procedure_id = ? AND h.released_at IS NULL");
  return query_all_as(c, sql, {user_id, procedure_id}, read_hold_record);
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

int extend_user_holds(db::Connection& c, std::int64_t user_id, std::int64_t now, std::int64_t new_expiry) {
  c.query("UPDATE holds SET expires_at = ? WHERE user_id = ? AND released_at IS NULL AND expires_at > ?",
          {new_expiry, user_id, now});
  return static_cast<int>(c.changes());
}

void mark_hold_agreed(db::Connection& c, std::int64_t hold_id, std::int64_t now) {
  c.query("UPDATE holds SET agreed_at = ? WHERE id = ?", {now, hold_id});
}

}  // namespace yoyaku::store
