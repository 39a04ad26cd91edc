#include "web/views/staff_views.hpp"

#include <algorithm>

#include "domain/dates.hpp"
#include "domain/holidays.hpp"
#include "web/links.hpp"
#include "web/respond.hpp"
#include "web/views/booking_views.hpp"
#include "web/views/labels.hpp"

namespace yoyaku::web {
namespace {

nlohmann::json history_view(const std::vector<services::HistoryEntry>& entries) {
  nlohmann::json history = nlohmann::json::array();
  for (const auto& h : entries) {
    const bool by_staff = h.staff_id.has_value();
    history.push_back({{"action", h.action},
                       {"action_text", history_text(h.action, by_staff)},
                       {"at", iso_time(h.at)},
                       {"at_text", short_date_time_text(h.at)},
                       {"by", by_staff ? "staff" : "job_seeker"},
                       {"by_text", by_staff ? "職員 " + h.staff_name : std::string("求職者")},
                       {"detail", h.detail}});
  }
  return history;
}

nlohmann::json standing_view(const services::PersonStanding& standing) {
  nlohmann::json decision = nullptr;
  if (standing.decision) {
    decision = {{"refused", standing.decision->refused},
                {"reason", standing.decision->reason},
                {"by", standing.decision->staff_name},
                {"at", iso_time(standing.decision->at)},
                {"at_text", short_date_time_text(standing.decision->at)}};
  }
  return {{"refused", standing.refused},
          {"no_shows", standing.no_shows},
          {"limit", standing.limit},
          {"decision", decision}};
}

}  // namespace

std::string staff_role_text(services::StaffRole role) {
  switch (role) {
    case services::StaffRole::view: return "閲覧";
    case services::StaffRole::manage: return "管理";
    default: return "予約操作";
  }
}

std::string staff_role_code_of(services::StaffRole role) {
  switch (role) {
    case services::StaffRole::view: return "view";
    case services::StaffRole::manage: return "manage";
    default: return "operate";
  }
}

std::optional<services::StaffRole> staff_role_from(const std::string& code) {
  for (auto role : {services::StaffRole::view, services::StaffRole::operate, services::StaffRole::manage}) {
    if (staff_role_code_of(role) == code) return role;
  }
  return std::nullopt;
}

nlohmann::json staff_account_view(const services::StaffAccount& a) {
  nlohmann::json offices = nlohmann::json::array();
  for (const auto& assignment : a.offices) {
    offices.push_back({{"code", assignment.office.code},
                       {"name", assignment.office.name},
                       {"role", staff_role_code_of(assignment.role)},
                       {"role_text", staff_role_text(assignment.role)}});
  }
  return {{"id", a.id},
          {"email", a.email},
          {"display_name", a.display_name},
          {"administrator", a.administrator},
          {"totp_enabled", a.totp_enabled},
          {"disabled", a.disabled_at.has_value()},
          {"disabled_at", optional_iso_time(a.disabled_at)},
          {"url", "/staff/admin/staff/" + std::to_string(a.id)},
          {"offices", offices}};
}

nlohmann::json office_view(const services::Office& office) {
  return {{"code", office.code},
          {"name", office.name},
          {"prefecture", office.pref_name},
          {"phone", text_or_null(office.phone)},
          {"url", SiteLinks::staff_office_path(office.code)}};
}

nlohmann::json office_nav_view(const std::string& office_code, const std::string& active, bool may_manage) {
  const std::string base = SiteLinks::staff_office_path(office_code);
  return {{"day_url", base},
          {"week_url", base + "/week"},
          {"search_url", base + "/search"},
          {"settings_url", may_manage ? nlohmann::json(base + "/settings") : nlohmann::json(nullptr)},
          {"admin_url", base + "/admin/frames"},
          {"may_manage", may_manage},
          {"day", active == "day"},
          {"week", active == "week"},
          {"search", active == "search"},
          {"settings", active == "settings"},
          {"admin", active == "admin"}};
}

nlohmann::json staff_booking_line(const services::ReservationView& r) {
  const auto& row = r.row;
  const std::string attendance(domain::attendance_code(r.attendance));
  nlohmann::json topics = topic_labels(r.topics);
  return {{"number", row.number},
          {"url", SiteLinks::staff_reservation_path(row.number)},
          {"family_name", row.family_name},
          {"given_name", row.given_name},
          {"job_seeker_number", row.job_seeker_number},
          {"phone", text_or_null(row.phone)},
          {"topics", topics},
          {"status", row.status},
          {"attendance", attendance},
          {"status_text", staff_status_text(attendance)},
          {"withdrawn", row.status == "withdrawn"},
          {"no_show", attendance == "no_show" || attendance == "no_show_unannounced"},
          {"channel", row.channel},
          {"channel_text", channel_text(row.channel)},
          {"has_account", row.user_id.has_value()},
          {"meeting_set", row.meeting_id.has_value()},
          {"applied_at", iso_time(row.applied_at)},
          {"slot", slot_view(r.slot)}};
}

namespace {

// 利用規約: 「第2版（2026年04月01日 09時30分 同意）」, or taken at the counter or by phone.
std::string terms_text(int version, std::optional<std::int64_t> agreed_at) {
  if (version == 0) return agreed_at ? "同意済み（版の記録なし）" : "記録なし";
  const std::string name = "第" + std::to_string(version) + "版";
  if (!agreed_at) return name + "（窓口・電話で受付）";
  return name + "（" + short_date_time_text(*agreed_at) + " 同意）";
}

}  // namespace

nlohmann::json staff_reservation_view(const services::StaffReservation& s) {
  const auto& r = s.reservation;
  const auto& row = r.row;
  nlohmann::json view = staff_booking_line(r);
  nlohmann::json meeting = nullptr;
  if (row.meeting_id) {
    meeting = {{"id", *row.meeting_id},
               {"passcode", row.meeting_passcode.value_or("")},
               {"join_url", row.meeting_url.value_or("")},
               {"sent_at", optional_iso_time(row.meeting_sent_at)},
               {"sent_text", row.meeting_sent_at ? short_date_time_text(*row.meeting_sent_at) : std::string()}};
  }
  view.update({{"procedure", {{"id", r.procedure.id}, {"title", r.procedure.title}}},
               {"office", office_view(r.office)},
               {"email", text_or_null(row.email)},
               {"staff_note", row.staff_note},
               {"topic_codes", r.topics},
               {"withdrawal_reason", row.withdrawal_reason ? nlohmann::json(*row.withdrawal_reason) : nullptr},
               {"applied_text", short_date_time_text(row.applied_at)},
               {"history", history_view(r.history)},
               {"meeting", meeting},
               {"standing", standing_view(s.standing)},
               {"may_operate", s.may_operate},
               {"can_change", s.can_change},
               {"can_record_attendance", s.can_record_attendance},
               {"attendance_marked", row.status == "attended" || row.status == "no_show"},
               {"attendance_opens_at", iso_time(s.attendance_opens_at)},
               {"attendance_opens_text", short_date_time_text(s.attendance_opens_at)},
               {"online_deadline_passed", !r.can_modify},
               {"zoom_name", s.zoom_name},
               {"terms", {{"version", s.terms_version == 0 ? nlohmann::json(nullptr) : nlohmann::json(s.terms_version)},
                          {"agreed_at", optional_iso_time(row.terms_agreed_at)},
                          {"text", terms_text(s.terms_version, row.terms_agreed_at)}}}});
  return view;
}

nlohmann::json office_schedule_view(const services::OfficeSchedule& schedule) {
  const std::string office_path = SiteLinks::staff_office_path(schedule.office.code);
  nlohmann::json days = nlohmann::json::array();
  for (const auto& day : schedule.days) {
    const bool closed =
        std::find(schedule.closed_days.begin(), schedule.closed_days.end(), day) != schedule.closed_days.end();
    days.push_back({{"date", domain::to_iso(day)},
                    {"date_text", domain::japanese_date(day)},
                    {"short_text", short_date_text(day)},
                    {"closed", closed}});
  }
  nlohmann::json frames = nlohmann::json::array();
  for (const auto& frame : schedule.frames) {
    nlohmann::json slots = nlohmann::json::array();
    for (const auto& slot : frame.slots) {
      nlohmann::json lines = nlohmann::json::array();
      for (const auto& booking : slot.bookings) lines.push_back(staff_booking_line(booking));
      nlohmann::json view = slot_view(slot.slot);
      view.update({{"bookable", slot.bookable},
                   {"full", slot.slot.available == 0},
                   {"booked", slot.slot.capacity - slot.slot.available},
                   {"book_url", slot.bookable ? office_path + "/book?slot=" + slot.slot.id : ""},
                   {"has_reservations", !lines.empty()},
                   {"reservations", lines}});
      slots.push_back(view);
    }
    frames.push_back({{"facility", frame.facility.name},
                      {"frame", frame.frame.name},
                      {"procedure_id", frame.procedure.id},
                      {"procedure_title", frame.procedure.title},
                      {"has_slots", !slots.empty()},
                      {"slots", slots}});
  }
  nlohmann::json items = nlohmann::json::array();
  for (const auto& booking : schedule.bookings) items.push_back(staff_booking_line(booking));
  return {{"office", office_view(schedule.office)},
          {"from", domain::to_iso(schedule.from)},
          {"to", domain::to_iso(schedule.to)},
          {"days", days},
          {"frames", frames},
          {"items", items}};
}

}  // namespace yoyaku::web
