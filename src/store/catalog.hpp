#pragma once
// The catalog: offices, their facilities, procedures and reservation frames —
// what the public side shows and staff set up (closures: store/closures.hpp).
// Like every store file, it runs inside the caller's transaction.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "domain/office_contact.hpp"
#include "store/table.hpp"
#include "store/scope.hpp"

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

// Contact data (postal_code, address, phone, consultation_phone, fax,
// opening_hours, map_url) comes from domain::OfficeContact.
struct Office : OfficeUpsert, domain::OfficeContact {
  std::int64_t id = 0;
  int no_show_limit = 2;              // leaflet §6(4): unannounced no-shows before online booking is refused
  std::string meeting_url_template;   // {meeting_id}, {passcode}; "" = https://zoom.us/j/{meeting_id}
};

// 施設: where a procedure's interviews take place (shown as 施設情報).
struct Facility {
  std::int64_t id = 0;
  std::int64_t office_id = 0;
  std::string name, address, phone, opening_hours, map_url;
};

struct Procedure {
  std::int64_t id = 0;
  std::int64_t office_id = 0;
  std::string kind;  // job_consultation / unemployment_certification
  std::string title, description;
  // 利用規約: the text, with {{office_name}}, {{court}}, {{terms_date}} and
  // {{terms_issuer}} standing for the office's own parts, and those parts.
  std::string terms, terms_court, terms_date, terms_issuer;
  std::string contact_name, contact_phone, contact_fax, contact_email;  // 問い合わせ先
  std::int64_t reception_start_at = 0;
  std::optional<std::int64_t> reception_end_at;  // nullopt: 随時
  int booking_opens_days_before = 92;
  int booking_closes_days_before = 2;  // never fewer than change_deadline_days_before
  int change_deadline_days_before = 2;
  int meeting_link_minutes_before = 15;
};

// What decides a procedure's bookable days (受付期間 and the booking window)
// and where it belongs: read on every slot list, calendar and hold, without
// the procedure's long texts (description, 利用規約).
struct ProcedureSchedule {
  std::int64_t id = 0;
  std::int64_t office_id = 0;
  std::string title;
  std::int64_t reception_start_at = 0;
  std::optional<std::int64_t> reception_end_at;  // nullopt: 随時
  int booking_opens_days_before = 92;
  int booking_closes_days_before = 2;
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

// The tables' definitions (column lists and mappings); joined queries reuse them.
extern const Table<Office> office_table;
extern const Table<Facility> facility_table;
extern const Table<Procedure> procedure_table;
extern const Table<ProcedureSchedule> procedure_schedule_table;
extern const Table<ReservationFrame> frame_table;

// --- offices ---
std::optional<Office> find_office(db::Connection& c, std::int64_t office_id);
std::optional<Office> find_office_by_code(db::Connection& c, const std::string& code);
std::optional<Office> find_office_by_name(db::Connection& c, const std::string& pref_code, const std::string& name);
// A prefecture's 本所 by its short name (the parent_short_name of the import file).
std::optional<Office> find_main_office(db::Connection& c, const std::string& pref_code, const std::string& short_name);
// The office with this number, if the scope may manage it.
std::optional<Office> find_office_in_scope(db::Connection& c, const std::string& code, const AccessScope& scope);
// Every office the scope may manage, by prefecture.
std::vector<Office> offices_in_scope(db::Connection& c, const AccessScope& scope);
std::vector<Office> list_offices(db::Connection& c);
void set_office_meeting_url_template(db::Connection& c, std::int64_t office_id, const std::string& url_template,
                                     std::int64_t now);
void set_office_no_show_limit(db::Connection& c, std::int64_t office_id, int limit, std::int64_t now);
void set_office_contact(db::Connection& c, std::int64_t office_id, const domain::OfficeContact& contact,
                        std::int64_t now);
// Inserts or updates the office identified by (pref_code, name); returns its id.
std::int64_t upsert_office(db::Connection& c, const OfficeUpsert& office, std::int64_t now);

// --- facilities ---
std::int64_t upsert_facility(db::Connection& c, const Facility& facility);
std::vector<Facility> facilities_of_office(db::Connection& c, std::int64_t office_id);
// Staff's 施設 pages: a new facility (returns its id) and an edit by id; names are unique per office.
std::optional<Facility> find_facility(db::Connection& c, std::int64_t facility_id);
std::int64_t insert_facility(db::Connection& c, const Facility& facility);
void update_facility(db::Connection& c, const Facility& facility);
bool facility_name_taken(db::Connection& c, std::int64_t office_id, const std::string& name,
                         std::int64_t except_facility_id);

// --- procedures ---
// Inserts or updates the procedure identified by (office_id, kind); returns its id.
std::int64_t upsert_procedure(db::Connection& c, const Procedure& procedure, std::int64_t now);
std::optional<Procedure> find_procedure(db::Connection& c, std::int64_t id);
std::optional<ProcedureSchedule> find_procedure_schedule(db::Connection& c, std::int64_t id);
// Staff's 手続き pages: a new procedure (returns its id) and an edit by id of
// everything but the terms. One procedure per (office, kind): see procedure_kind_taken.
std::int64_t insert_procedure(db::Connection& c, const Procedure& procedure, std::int64_t now);
void update_procedure(db::Connection& c, const Procedure& procedure, std::int64_t now);
bool procedure_kind_taken(db::Connection& c, std::int64_t office_id, const std::string& kind,
                          std::int64_t except_procedure_id);
std::vector<Procedure> procedures_of_office(db::Connection& c, std::int64_t office_id);
std::vector<Procedure> list_procedures(db::Connection& c);
void update_procedure_title(db::Connection& c, std::int64_t procedure_id, const std::string& title, std::int64_t now);

// --- reservation frames ---
// Inserts or updates the frame identified by (procedure, facility, name); returns its id.
std::int64_t upsert_frame(db::Connection& c, const ReservationFrame& frame);
std::optional<ReservationFrame> find_frame(db::Connection& c, std::int64_t frame_id);
// Staff's 予約枠 pages: a new frame (returns its id) and an edit by id. The
// name is unique per (procedure, facility): see frame_name_taken.
std::int64_t insert_frame(db::Connection& c, const ReservationFrame& frame);
void update_frame(db::Connection& c, const ReservationFrame& frame);
bool frame_name_taken(db::Connection& c, std::int64_t procedure_id, std::int64_t facility_id, const std::string& name,
                      std::int64_t except_frame_id);
// Serialises a frame change with the bookings of that frame (PostgreSQL; an
// SQLite write transaction already holds the database lock): the change
// takes the frame row exclusively, every path that takes a seat of the
// frame reads the frame with a shared lock (FOR KEY SHARE, which does not
// block other bookings), so either the booking commits first and the change
// sees it, or the booking waits and then sees the changed frame.
std::optional<ReservationFrame> find_frame_locked(db::Connection& c, std::int64_t frame_id, bool exclusive);

struct FrameAtFacility {
  ReservationFrame frame;
  Facility facility;
};
// The columns frame_table.columns(…) then facility_table.columns(…) of a joined row.
FrameAtFacility read_frame_at_facility(ColumnReader& columns);
// Frames in id order, sorted here: ORDER BY set up SQLite's sorter for a frame or two on every slot list and calendar.
template <class Frames>
void sort_by_frame_id(Frames& frames) {
  std::sort(frames.begin(), frames.end(), [](const auto& a, const auto& b) { return a.frame.id < b.frame.id; });
}
// A procedure's frames with their facilities (one joined query).
std::vector<FrameAtFacility> frames_of_procedure(db::Connection& c, std::int64_t procedure_id);
// A procedure's schedule and its frames with their facilities (by frame id), and whether any closure of its
// office overlaps [from, to] (mostly none, and then they need not be read), by one statement; nullopt when
// there is no such procedure.
struct ProcedureFrames {
  ProcedureSchedule procedure;
  std::vector<FrameAtFacility> frames;
  bool office_has_closures = false;
};
std::optional<ProcedureFrames> procedure_with_frames(db::Connection& c, std::int64_t procedure_id,
                                                     const std::string& from, const std::string& to);

struct Counts {
  std::int64_t offices = 0;
  std::int64_t procedures = 0;
  std::int64_t frames = 0;
  std::int64_t users = 0;
  std::int64_t staff = 0;
};
Counts count_everything(db::Connection& c);

}  // namespace yoyaku::store
