#include "domain/office_contact.hpp"
#include "web/views/reservation_views.hpp"

#include "domain/dates.hpp"
#include "domain/text.hpp"
#include "web/links.hpp"
#include "web/respond.hpp"
#include "web/views/booking_views.hpp"
#include "web/views/labels.hpp"

namespace yoyaku::web {
namespace {

// The 面談当日 box: the meeting ID once known; the passcode and the links to
// join from `meeting_link_minutes_before` the start until the end.
nlohmann::json meeting_view(const services::ReservationView& r) {
  const auto& row = r.row;
  if (!row.meeting_id) return nullptr;
  nlohmann::json meeting = {{"id", *row.meeting_id},
                            {"opens_at", iso_time(r.meeting_link_opens_at)},
                            {"opens_text", domain::japanese_date_time_spaced(r.meeting_link_opens_at)},
                            {"open", r.meeting_link_open}};
  if (!r.meeting_link_open) return meeting;
  std::string digits;
  for (char ch : *row.meeting_id) {
    if (ch >= '0' && ch <= '9') digits += ch;
  }
  const std::string passcode = row.meeting_passcode.value_or("");
  meeting["passcode"] = passcode;
  meeting["display_name"] = row.job_seeker_number + " " + row.family_name + " " + row.given_name;
  meeting["join_url"] = row.meeting_url && !row.meeting_url->empty() ? *row.meeting_url : "https://zoom.us/j/" + digits;
  meeting["app_url"] = "zoommtg://zoom.us/join?confno=" + digits +
                       (passcode.empty() ? std::string() : "&pwd=" + domain::url_encode(passcode));
  return meeting;
}

}  // namespace

nlohmann::json reservation_view(const services::ReservationView& r, ReservationDetail detail) {
  const auto& row = r.row;
  nlohmann::json view = {{"number", row.number},
                         {"url", SiteLinks::reservation_path(row.number)},
                         {"procedure", {{"id", r.procedure.id}, {"title", r.procedure.title}}},
                         {"status", row.status},
                         {"attendance", domain::attendance_code(r.attendance)},
                         {"status_text", status_text(domain::attendance_code(r.attendance))},
                         {"withdrawn", row.status == "withdrawn"},
                         {"applied_at", iso_time(row.applied_at)},
                         {"applied_text", short_date_time_text(row.applied_at)},
                         {"slot", slot_view(r.slot)}};
  if (detail == ReservationDetail::summary) return view;
  nlohmann::json history = nlohmann::json::array();
  for (const auto& h : r.history) {
    history.push_back({{"action", h.action}, {"action_text", history_text(h.action, h.staff_id.has_value())},
                       {"at", iso_time(h.at)}, {"at_text", short_date_time_text(h.at)}});
  }
  // phone: the office's number to call (its 職業相談 line when it has one), or null when it has none on record (then help_desk_phone).
  nlohmann::json office = {{"name", r.office.name},
                           {"phone", text_or_null(domain::call_number(r.office))}};
  const auto topics = topic_labels(r.topics);
  view.update({{"family_name", row.family_name},
               {"given_name", row.given_name},
               {"job_seeker_number", row.job_seeker_number},
               {"phone", row.phone},
               {"topics", topics},
               {"topic_codes", r.topics},
               {"has_topics", !topics.empty()},
               {"staff_note", row.staff_note},
               {"has_staff_note", !row.staff_note.empty()},
               {"withdrawal_reason", row.withdrawal_reason ? nlohmann::json(*row.withdrawal_reason) : nullptr},
               {"change_deadline", iso_time(r.change_deadline)},
               {"change_deadline_text", domain::japanese_date_time_spaced(r.change_deadline)},
               {"can_modify", r.can_modify},
               {"can_withdraw", r.can_withdraw},
               {"same_day", r.same_day},
               {"history", history},
               {"office", office},
               {"help_desk_phone", services::help_desk_phone},
               {"meeting", meeting_view(r)}});
  return view;
}

}  // namespace yoyaku::web
