#include "web/views/catalog_views.hpp"

#include "domain/dates.hpp"
#include "domain/procedure_rules.hpp"

namespace yoyaku::web {
namespace {

const char* const weekday_names[] = {"日", "月", "火", "水", "木", "金", "土"};

}  // namespace

nlohmann::json frame_view(const store::ReservationFrame& f) {
  nlohmann::json days = nlohmann::json::array();
  std::string text;
  for (int d = 0; d < 7; ++d) {
    const int day = (d + 1) % 7;  // 月 … 土, then 日
    if (f.weekdays & (1 << day)) {
      days.push_back(day);
      text += weekday_names[day];
    }
  }
  return {{"id", f.id},
          {"procedure_id", f.procedure_id},
          {"facility_id", f.facility_id},
          {"name", f.name},
          {"weekdays", days},
          {"weekdays_text", text},
          {"first_start", domain::format_hh_mm(f.first_start_minute)},
          {"last_start", domain::format_hh_mm(f.last_start_minute)},
          {"interval_minutes", f.interval_minutes},
          {"slot_minutes", f.slot_minutes},
          {"seats", f.seats}};
}

nlohmann::json admin_procedure_view(const store::Procedure& p) {
  return {{"id", p.id},
          {"kind", p.kind},
          {"kind_text", p.kind == "unemployment_certification" ? "失業認定" : "職業相談"},
          {"title", p.title},
          {"description", p.description},
          {"contact_name", p.contact_name},
          {"contact_phone", p.contact_phone},
          {"contact_fax", p.contact_fax},
          {"contact_email", p.contact_email},
          {"reception_start", domain::format_jst_date_time(p.reception_start_at)},
          {"reception_end", p.reception_end_at ? nlohmann::json(domain::format_jst_date_time(*p.reception_end_at))
                                               : nlohmann::json(nullptr)},
          {"booking_opens_days_before", p.booking_opens_days_before},
          {"booking_closes_days_before", p.booking_closes_days_before},
          {"change_deadline_days_before", p.change_deadline_days_before},
          {"meeting_link_minutes_before", p.meeting_link_minutes_before}};
}

nlohmann::json admin_facility_view(const store::Facility& f) {
  return {{"id", f.id},           {"name", f.name},   {"address", f.address},
          {"phone", f.phone},     {"opening_hours", f.opening_hours}, {"map_url", f.map_url}};
}

nlohmann::json affected_view(const std::vector<services::AffectedBooking>& affected) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& a : affected) {
    auto date = domain::parse_iso_date(a.date);
    items.push_back({{"number", a.number},
                     {"date", a.date},
                     {"start", domain::format_hh_mm(a.start_minute)},
                     {"end", domain::format_hh_mm(a.end_minute)},
                     {"name", a.family_name + " " + a.given_name},
                     {"date_text", date ? domain::japanese_date(*date) : a.date},
                     {"time_text", domain::japanese_time_range(a.start_minute, a.end_minute)},
                     {"frame", a.frame_name},
                     {"facility", a.facility_name}});
  }
  return items;
}

int weekday_mask_of(const std::vector<std::string>& codes) {
  int mask = 0;
  for (const auto& code : codes) {
    if (code.size() == 1 && code[0] >= '0' && code[0] <= '6') mask |= 1 << (code[0] - '0');
  }
  return mask;
}

}  // namespace yoyaku::web
