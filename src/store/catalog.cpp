#include "store/catalog.hpp"

#include "store/rows.hpp"

namespace yoyaku::store {

const char* const office_columns =
    "id, code, code_is_demo, name, short_name, reading, kind, parent_id, pref_code, pref_name, "
    "municipalities, muni_codes, phone";
const char* const facility_columns = "id, office_id, name, address, phone, opening_hours, map_url";
const char* const procedure_columns =
    "id, office_id, kind, title, description, terms, contact_name, contact_phone, contact_fax, contact_email, "
    "reception_start_at, reception_end_at, booking_opens_days_before, booking_closes_days_before, "
    "change_deadline_days_before, meeting_link_minutes_before";
const char* const frame_columns =
    "id, procedure_id, facility_id, name, weekdays, first_start_minute, last_start_minute, interval_minutes,"
    " slot_minutes, seats";

Office read_office(ColumnReader& r) {
  Office o;
  o.id = r.integer();
  o.code = r.text();
  o.code_is_demo = r.flag();
  o.name = r.text();
  o.short_name = r.text();
  o.reading = r.text();
  o.kind = r.text();
  o.parent_id = r.optional_integer();
  o.pref_code = r.text();
  o.pref_name = r.text();
  o.municipalities = r.text();
  o.muni_codes = r.text();
  o.phone = r.text();
  return o;
}

Facility read_facility(ColumnReader& r) {
  Facility f;
  f.id = r.integer();
  f.office_id = r.integer();
  f.name = r.text();
  f.address = r.text();
  f.phone = r.text();
  f.opening_hours = r.text();
  f.map_url = r.text();
  return f;
}

Procedure read_procedure(ColumnReader& r) {
  Procedure p;
  p.id = r.integer();
  p.office_id = r.integer();
  p.kind = r.text();
  p.title = r.text();
  p.description = r.text();
  p.terms = r.text();
  p.contact_name = r.text();
  p.contact_phone = r.text();
  p.contact_fax = r.text();
  p.contact_email = r.text();
  p.reception_start_at = r.integer();
  p.reception_end_at = r.optional_integer();
  p.booking_opens_days_before = r.small_integer();
  p.booking_closes_days_before = r.small_integer();
  p.change_deadline_days_before = r.small_integer();
  p.meeting_link_minutes_before = r.small_integer();
  return p;
}

ReservationFrame read_frame(ColumnReader& r) {
  ReservationFrame f;
  f.id = r.integer();
  f.procedure_id = r.integer();
  f.facility_id = r.integer();
  f.name = r.text();
  f.weekdays = r.small_integer();
  f.first_start_minute = r.small_integer();
  f.last_start_minute = r.small_integer();
  f.interval_minutes = r.small_integer();
  f.slot_minutes = r.small_integer();
  f.seats = r.small_integer();
  return f;
}


// --- offices ---

std::optional<Office> find_office(db::Connection& c, std::int64_t office_id) {
  static const std::string sql = select_from(office_columns, "FROM offices WHERE id = ?");
  return query_one_as(c, sql, {office_id}, read_office);
}

std::optional<Office> find_office_by_code(db::Connection& c, const std::string& code) {
  static const std::string sql = select_from(office_columns, "FROM offices WHERE code = ?");
  return query_one_as(c, sql, {code}, read_office);
}

std::optional<Office> find_office_by_name(db::Connection& c, const std::string& pref_code, const std::string& name) {
  static const std::string sql = select_from(office_columns, "FROM offices WHERE pref_code = ? AND name = ?");
  return query_one_as(c, sql, {pref_code, name}, read_office);
}

std::optional<Office> find_office_in_scope(db::Connection& c, const std::string& code, const AccessScope& scope) {
  auto condition = office_condition(scope, "o.id");
  std::vector<db::Value> params = {code};
  params.insert(params.end(), condition.params.begin(), condition.params.end());
  return query_one_as(c, select_from(qualified(office_columns, "o"), "FROM offices o WHERE o.code = ? AND " + condition.sql),
             params, read_office);
}

std::vector<Office> offices_in_scope(db::Connection& c, const AccessScope& scope) {
  auto condition = office_condition(scope, "o.id");
  return query_all_as(c, select_from(qualified(office_columns, "o"), "FROM offices o WHERE " + condition.sql +
                                                               " ORDER BY o.pref_code, o.code"),
             condition.params, read_office);
}

std::vector<Office> list_offices(db::Connection& c) {
  static const std::string sql = select_from(office_columns, "FROM offices ORDER BY pref_code, id");
  return query_all_as(c, sql, {}, read_office);
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
      {o.code, flag_value(o.code_is_demo), o.name, o.short_name, o.reading, o.kind, optional_value(o.parent_id),
       o.pref_code, o.pref_name, o.municipalities, o.muni_codes, now, now});
  return row->integer(0);
}

// --- closures ---

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

// --- facilities ---

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
  static const std::string sql = select_from(facility_columns, "FROM facilities WHERE office_id = ? ORDER BY id");
  return query_all_as(c, sql, {office_id}, read_facility);
}

// --- procedures ---

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
  static const std::string sql = select_from(procedure_columns, "FROM procedures WHERE id = ?");
  return query_one_as(c, sql, {id}, read_procedure);
}

std::vector<Procedure> procedures_of_office(db::Connection& c, std::int64_t office_id) {
  static const std::string sql = select_from(procedure_columns, "FROM procedures WHERE office_id = ? ORDER BY id");
  return query_all_as(c, sql, {office_id}, read_procedure);
}

std::vector<Procedure> list_procedures(db::Connection& c) {
  static const std::string sql = select_from(procedure_columns, "FROM procedures ORDER BY id");
  return query_all_as(c, sql, {}, read_procedure);
}

void update_procedure_title(db::Connection& c, std::int64_t procedure_id, const std::string& title, std::int64_t now) {
  c.query("UPDATE procedures SET title = ?, updated_at = ? WHERE id = ?", {title, now, procedure_id});
}

// --- reservation frames ---

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

std::optional<ReservationFrame> find_frame(db::Connection& c, std::int64_t frame_id) {
  static const std::string sql = select_from(frame_columns, "FROM reservation_frames WHERE id = ?");
  return query_one_as(c, sql, {frame_id}, read_frame);
}

std::vector<FrameAtFacility> frames_of_procedure(db::Connection& c, std::int64_t procedure_id) {
  static const std::string sql = select_from(
      qualified(frame_columns, "f") + ", " + qualified(facility_columns, "fa"),
      "FROM reservation_frames f JOIN facilities fa ON fa.id = f.facility_id WHERE f.procedure_id = ? ORDER BY f.id");
  return query_all_as(c, sql, {procedure_id}, [](ColumnReader& r) {
    FrameAtFacility item;
    item.frame = read_frame(r);
    item.facility = read_facility(r);
    return item;
  });
}

Counts count_everything(db::Connection& c) {
  auto r = c.query_one(
      "SELECT (SELECT COUNT(*) FROM offices), (SELECT COUNT(*) FROM procedures),"
      " (SELECT COUNT(*) FROM reservation_frames), (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM staff)");
  return {r->integer(0), r->integer(1), r->integer(2), r->integer(3), r->integer(4)};
}

}  // namespace yoyaku::store
