#include "store/catalog.hpp"

#include "store/rows.hpp"

namespace yoyaku::store {

const Table<Office> office_table{
    "offices",
    {{"id", &Office::id}, {"code", &Office::code}, {"code_is_demo", &Office::code_is_demo}, {"name", &Office::name},
     {"short_name", &Office::short_name}, {"reading", &Office::reading}, {"kind", &Office::kind},
     {"parent_id", &Office::parent_id}, {"pref_code", &Office::pref_code}, {"pref_name", &Office::pref_name},
     {"municipalities", &Office::municipalities}, {"muni_codes", &Office::muni_codes}, {"phone", &Office::phone},
     {"postal_code", &Office::postal_code}, {"address", &Office::address},
     {"consultation_phone", &Office::consultation_phone}, {"fax", &Office::fax},
     {"opening_hours", &Office::opening_hours}, {"map_url", &Office::map_url},
     {"no_show_limit", &Office::no_show_limit}, {"meeting_url_template", &Office::meeting_url_template}}};

const Table<Facility> facility_table{
    "facilities",
    {{"id", &Facility::id}, {"office_id", &Facility::office_id}, {"name", &Facility::name},
     {"address", &Facility::address}, {"phone", &Facility::phone}, {"opening_hours", &Facility::opening_hours},
     {"map_url", &Facility::map_url}}};

const Table<Procedure> procedure_table{
    "procedures",
    {{"id", &Procedure::id}, {"office_id", &Procedure::office_id}, {"kind", &Procedure::kind},
     {"title", &Procedure::title}, {"description", &Procedure::description}, {"terms", &Procedure::terms},
     {"terms_court", &Procedure::terms_court}, {"terms_date", &Procedure::terms_date},
     {"terms_issuer", &Procedure::terms_issuer},
     {"contact_name", &Procedure::contact_name}, {"contact_phone", &Procedure::contact_phone},
     {"contact_fax", &Procedure::contact_fax}, {"contact_email", &Procedure::contact_email},
     {"reception_start_at", &Procedure::reception_start_at}, {"reception_end_at", &Procedure::reception_end_at},
     {"booking_opens_days_before", &Procedure::booking_opens_days_before},
     {"booking_closes_days_before", &Procedure::booking_closes_days_before},
     {"change_deadline_days_before", &Procedure::change_deadline_days_before},
     {"meeting_link_minutes_before", &Procedure::meeting_link_minutes_before}}};

const Table<ProcedureSchedule> procedure_schedule_table{
    "procedures",
    {{"id", &ProcedureSchedule::id}, {"office_id", &ProcedureSchedule::office_id}, {"title", &ProcedureSchedule::title},
     {"reception_start_at", &ProcedureSchedule::reception_start_at},
     {"reception_end_at", &ProcedureSchedule::reception_end_at},
     {"booking_opens_days_before", &ProcedureSchedule::booking_opens_days_before},
     {"booking_closes_days_before", &ProcedureSchedule::booking_closes_days_before}}};

using Frame = ReservationFrame;
const Table<Frame> frame_table{
    "reservation_frames",
    {{"id", &Frame::id}, {"procedure_id", &Frame::procedure_id}, {"facility_id", &Frame::facility_id},
     {"name", &Frame::name}, {"weekdays", &Frame::weekdays}, {"first_start_minute", &Frame::first_start_minute},
     {"last_start_minute", &Frame::last_start_minute}, {"interval_minutes", &Frame::interval_minutes},
     {"slot_minutes", &Frame::slot_minutes}, {"seats", &Frame::seats}}};

// --- offices ---

std::optional<Office> find_office(db::Connection& c, std::int64_t office_id) {
  return office_table.find(c, "WHERE id = ?", {office_id});
}

std::optional<Office> find_office_by_code(db::Connection& c, const std::string& code) {
  return office_table.find(c, "WHERE code = ?", {code});
}

std::optional<Office> find_office_by_name(db::Connection& c, const std::string& pref_code, const std::string& name) {
  return office_table.find(c, "WHERE pref_code = ? AND name = ?", {pref_code, name});
}

std::optional<Office> find_main_office(db::Connection& c, const std::string& pref_code, const std::string& short_name) {
  return office_table.find(c, "WHERE pref_code = ? AND short_name = ? AND kind = '本所'", {pref_code, short_name});
}

std::optional<Office> find_office_in_scope(db::Connection& c, const std::string& code, const AccessScope& scope) {
  auto condition = office_condition(scope, "o.id");
  std::vector<db::Value> params = {code};
  params.insert(params.end(), condition.params.begin(), condition.params.end());
  return office_table.one(c, select_from(office_table.columns("o"), "FROM offices o WHERE o.code = ? AND " + condition.sql),
             params);
}

std::vector<Office> offices_in_scope(db::Connection& c, const AccessScope& scope) {
  auto condition = office_condition(scope, "o.id");
  return office_table.all(c, select_from(office_table.columns("o"), "FROM offices o WHERE " + condition.sql +
                                                               " ORDER BY o.pref_code, o.code"),
             condition.params);
}

std::vector<Office> list_offices(db::Connection& c) {
  return office_table.find_all(c, "ORDER BY pref_code, id", {});
}

void set_office_meeting_url_template(db::Connection& c, std::int64_t office_id, const std::string& url_template,
                                     std::int64_t now) {
  c.query("UPDATE offices SET meeting_url_template = ?, updated_at = ? WHERE id = ?", {url_template, now, office_id});
}

void set_office_no_show_limit(db::Connection& c, std::int64_t office_id, int limit, std::int64_t now) {
  c.query("UPDATE offices SET no_show_limit = ?, updated_at = ? WHERE id = ?", {std::int64_t{limit}, now, office_id});
}

void set_office_contact(db::Connection& c, std::int64_t office_id, const domain::OfficeContact& contact,
                        std::int64_t now) {
  c.query("UPDATE offices SET postal_code = ?, address = ?, phone = ?, consultation_phone = ?, fax = ?,"
          " opening_hours = ?, map_url = ?, updated_at = ? WHERE id = ?",
          {contact.postal_code, contact.address, contact.phone, contact.consultation_phone, contact.fax,
           contact.opening_hours, contact.map_url, now, office_id});
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

std::optional<Facility> find_facility(db::Connection& c, std::int64_t facility_id) {
  return facility_table.find(c, "WHERE id = ?", {facility_id});
}

std::int64_t insert_facility(db::Connection& c, const Facility& f) {
  return c.query_one("INSERT INTO facilities (office_id, name, address, phone, opening_hours, map_url)"
                     " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                     {f.office_id, f.name, f.address, f.phone, f.opening_hours, f.map_url})
      ->integer(0);
}

void update_facility(db::Connection& c, const Facility& f) {
  c.query("UPDATE facilities SET name = ?, address = ?, phone = ?, opening_hours = ?, map_url = ? WHERE id = ?",
          {f.name, f.address, f.phone, f.opening_hours, f.map_url, f.id});
}

bool facility_name_taken(db::Connection& c, std::int64_t office_id, const std::string& name,
                         std::int64_t except_facility_id) {
  return c.query_one("SELECT id FROM facilities WHERE office_id = ? AND name = ? AND id <> ?",
                     {office_id, name, except_facility_id})
      .has_value();
}

std::vector<Facility> facilities_of_office(db::Connection& c, std::int64_t office_id) {
  return facility_table.find_all(c, "WHERE office_id = ? ORDER BY id", {office_id});
}

// --- procedures ---

std::int64_t upsert_procedure(db::Connection& c, const Procedure& p, std::int64_t now) {
  auto row = c.query_one(
      "INSERT INTO procedures (office_id, kind, title, description, terms, terms_court, terms_date, terms_issuer,"
      " contact_name, contact_phone, contact_fax,"
      " contact_email, reception_start_at, reception_end_at, booking_opens_days_before, booking_closes_days_before,"
      " change_deadline_days_before, meeting_link_minutes_before, created_at, updated_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (office_id, kind) DO UPDATE SET title = excluded.title, description = excluded.description,"
      " terms = excluded.terms, terms_court = excluded.terms_court, terms_date = excluded.terms_date,"
      " terms_issuer = excluded.terms_issuer, contact_name = excluded.contact_name, contact_phone = excluded.contact_phone,"
      " contact_fax = excluded.contact_fax, contact_email = excluded.contact_email,"
      " reception_start_at = excluded.reception_start_at, reception_end_at = excluded.reception_end_at,"
      " booking_opens_days_before = excluded.booking_opens_days_before,"
      " booking_closes_days_before = excluded.booking_closes_days_before,"
      " change_deadline_days_before = excluded.change_deadline_days_before,"
      " meeting_link_minutes_before = excluded.meeting_link_minutes_before, updated_at = excluded.updated_at"
      " RETURNING id",
      {p.office_id, p.kind, p.title, p.description, p.terms, p.terms_court, p.terms_date, p.terms_issuer,
       p.contact_name, p.contact_phone, p.contact_fax,
       p.contact_email, p.reception_start_at, optional_value(p.reception_end_at),
       std::int64_t{p.booking_opens_days_before}, std::int64_t{p.booking_closes_days_before},
       std::int64_t{p.change_deadline_days_before}, std::int64_t{p.meeting_link_minutes_before}, now, now});
  return row->integer(0);
}

std::int64_t insert_procedure(db::Connection& c, const Procedure& p, std::int64_t now) {
  return c.query_one(
              "INSERT INTO procedures (office_id, kind, title, description, terms, terms_court, terms_date,"
              " terms_issuer, contact_name, contact_phone, contact_fax, contact_email, reception_start_at,"
              " reception_end_at, booking_opens_days_before, booking_closes_days_before,"
              " change_deadline_days_before, meeting_link_minutes_before, created_at, updated_at)"
              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
              {p.office_id, p.kind, p.title, p.description, p.terms, p.terms_court, p.terms_date, p.terms_issuer,
               p.contact_name, p.contact_phone, p.contact_fax, p.contact_email, p.reception_start_at,
               optional_value(p.reception_end_at), std::int64_t{p.booking_opens_days_before},
               std::int64_t{p.booking_closes_days_before}, std::int64_t{p.change_deadline_days_before},
               std::int64_t{p.meeting_link_minutes_before}, now, now})
      ->integer(0);
}

void update_procedure(db::Connection& c, const Procedure& p, std::int64_t now) {
  c.query("UPDATE procedures SET kind = ?, title = ?, description = ?, contact_name = ?, contact_phone = ?,"
          " contact_fax = ?, contact_email = ?, reception_start_at = ?, reception_end_at = ?,"
          " booking_opens_days_before = ?, booking_closes_days_before = ?, change_deadline_days_before = ?,"
          " meeting_link_minutes_before = ?, updated_at = ? WHERE id = ?",
          {p.kind, p.title, p.description, p.contact_name, p.contact_phone, p.contact_fax, p.contact_email,
           p.reception_start_at, optional_value(p.reception_end_at), std::int64_t{p.booking_opens_days_before},
           std::int64_t{p.booking_closes_days_before}, std::int64_t{p.change_deadline_days_before},
           std::int64_t{p.meeting_link_minutes_before}, now, p.id});
}

bool procedure_kind_taken(db::Connection& c, std::int64_t office_id, const std::string& kind,
                          std::int64_t except_procedure_id) {
  return c.query_one("SELECT id FROM procedures WHERE office_id = ? AND kind = ? AND id <> ?",
                     {office_id, kind, except_procedure_id})
      .has_value();
}

std::optional<Procedure> find_procedure(db::Connection& c, std::int64_t id) {
  return procedure_table.find(c, "WHERE id = ?", {id});
}

std::optional<ProcedureSchedule> find_procedure_schedule(db::Connection& c, std::int64_t id) {
  return procedure_schedule_table.find(c, "WHERE id = ?", {id});
}

std::vector<Procedure> procedures_of_office(db::Connection& c, std::int64_t office_id) {
  return procedure_table.find_all(c, "WHERE office_id = ? ORDER BY id", {office_id});
}

std::vector<Procedure> list_procedures(db::Connection& c) {
  return procedure_table.find_all(c, "ORDER BY id", {});
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
  return frame_table.find(c, "WHERE id = ?", {frame_id});
}

std::int64_t insert_frame(db::Connection& c, const ReservationFrame& f) {
  auto row = c.query_one(
      "INSERT INTO reservation_frames (procedure_id, facility_id, name, weekdays, first_start_minute,"
      " last_start_minute, interval_minutes, slot_minutes, seats) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {f.procedure_id, f.facility_id, f.name, std::int64_t{f.weekdays}, std::int64_t{f.first_start_minute},
       std::int64_t{f.last_start_minute}, std::int64_t{f.interval_minutes}, std::int64_t{f.slot_minutes},
       std::int64_t{f.seats}});
  return row->integer(0);
}

void update_frame(db::Connection& c, const ReservationFrame& f) {
  c.query("UPDATE reservation_frames SET facility_id = ?, name = ?, weekdays = ?, first_start_minute = ?,"
          " last_start_minute = ?, interval_minutes = ?, slot_minutes = ?, seats = ? WHERE id = ?",
          {f.facility_id, f.name, std::int64_t{f.weekdays}, std::int64_t{f.first_start_minute},
           std::int64_t{f.last_start_minute}, std::int64_t{f.interval_minutes}, std::int64_t{f.slot_minutes},
           std::int64_t{f.seats}, f.id});
}

bool frame_name_taken(db::Connection& c, std::int64_t procedure_id, std::int64_t facility_id, const std::string& name,
                      std::int64_t except_frame_id) {
  return c.query_one("SELECT id FROM reservation_frames WHERE procedure_id = ? AND facility_id = ? AND name = ?"
                     " AND id <> ?",
                     {procedure_id, facility_id, name, except_frame_id})
      .has_value();
}

std::optional<ReservationFrame> find_frame_locked(db::Connection& c, std::int64_t frame_id, bool exclusive) {
  if (c.dialect() != db::Dialect::postgresql) return find_frame(c, frame_id);
  static const std::string for_update = frame_table.select("WHERE id = ? FOR UPDATE");
  static const std::string for_key_share = frame_table.select("WHERE id = ? FOR KEY SHARE");
  return frame_table.one(c, exclusive ? for_update : for_key_share, {frame_id});
}

FrameAtFacility read_frame_at_facility(ColumnReader& columns) {
  FrameAtFacility item;
  item.frame = frame_table.read(columns);
  item.facility = facility_table.read(columns);
  return item;
}

std::vector<FrameAtFacility> frames_of_procedure(db::Connection& c, std::int64_t procedure_id) {
  static const std::string sql = select_from(
      frame_table.columns("f") + ", " + facility_table.columns("fa"),
      "FROM reservation_frames f JOIN facilities fa ON fa.id = f.facility_id WHERE f.procedure_id = ?");
  auto frames = query_all_as(c, sql, {procedure_id}, read_frame_at_facility);
  sort_by_frame_id(frames);
  return frames;
}

std::optional<ProcedureFrames> procedure_with_frames(db::Connection& c, std::int64_t procedure_id,
                                                     const std::string& from, const std::string& to) {
  static const std::string sql = select_from(
      procedure_schedule_table.columns("p") + ", CASE WHEN EXISTS (SELECT 1 FROM closures c"
          " WHERE c.office_id = p.office_id AND c.to_date >= ? AND c.from_date <= ?) THEN 1 ELSE 0 END, " +
          frame_table.columns("f") + ", " + facility_table.columns("fa"),
      "FROM procedures p LEFT JOIN reservation_frames f ON f.procedure_id = p.id"
      " LEFT JOIN facilities fa ON fa.id = f.facility_id WHERE p.id = ?");
  const std::size_t frame_column = procedure_schedule_table.column_count() + 1;
  std::optional<ProcedureFrames> found;
  for (const auto& row : c.query(sql, {from, to, procedure_id})) {
    if (!found) {
      ColumnReader head(row);
      found.emplace(ProcedureFrames{procedure_schedule_table.read(head), {}, head.flag()});
    }
    if (row.is_null(frame_column)) continue;  // a procedure without frames: one row, the frame's columns NULL
    ColumnReader columns(row, frame_column);
    found->frames.push_back(read_frame_at_facility(columns));
  }
  if (found) sort_by_frame_id(found->frames);
  return found;
}

Counts count_everything(db::Connection& c) {
  auto r = c.query_one(
      "SELECT (SELECT COUNT(*) FROM offices), (SELECT COUNT(*) FROM procedures),"
      " (SELECT COUNT(*) FROM reservation_frames), (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM staff)");
  return {r->integer(0), r->integer(1), r->integer(2), r->integer(3), r->integer(4)};
}

}  // namespace yoyaku::store
