#include "web/views/office_views.hpp"

#include "domain/dates.hpp"
#include "web/links.hpp"
#include "web/views/labels.hpp"

namespace yoyaku::web {
namespace {

std::string period_text(const std::string& from, const std::string& to) {
  auto first = domain::parse_iso_date(from);
  auto last = domain::parse_iso_date(to);
  if (!first || !last) return from + "～" + to;
  if (from == to) return domain::japanese_date(*first);
  return domain::japanese_date(*first) + "～" + domain::japanese_date(*last);
}

std::string closure_target(const store::Closure& closure) {
  if (closure.frame_id) return "frame:" + std::to_string(*closure.frame_id);
  if (closure.facility_id) return "facility:" + std::to_string(*closure.facility_id);
  return "office";
}

std::string frame_label(const services::OfficeFrame& f) {
  return "予約枠：" + f.procedure_title + "／" + f.facility_name + "／" + f.frame.name;
}

}  // namespace

nlohmann::json office_contact_view(const domain::OfficeContact& c) {
  return {{"postal_code", c.postal_code},     {"address", c.address},
          {"phone", c.phone},                 {"consultation_phone", c.consultation_phone},
          {"fax", c.fax},                     {"opening_hours", c.opening_hours},
          {"map_url", c.map_url}};
}

nlohmann::json closure_target_choices(const services::ManagedOffice& office, const std::string& selected) {
  nlohmann::json choices = nlohmann::json::array();
  auto add = [&](const std::string& value, const std::string& label) {
    choices.push_back({{"value", value}, {"label", label}, {"selected", value == selected}});
  };
  add("office", "安定所全体");
  for (const auto& f : office.facilities) add("facility:" + std::to_string(f.id), "施設：" + f.name);
  for (const auto& f : office.frames) add("frame:" + std::to_string(f.frame.id), frame_label(f));
  return choices;
}

nlohmann::json managed_office_view(const services::ManagedOffice& office) {
  const auto& o = office.office;
  nlohmann::json facilities = nlohmann::json::array();
  for (const auto& f : office.facilities) facilities.push_back({{"id", f.id}, {"name", f.name}});
  nlohmann::json frames = nlohmann::json::array();
  for (const auto& f : office.frames) {
    frames.push_back({{"id", f.frame.id}, {"name", f.frame.name}, {"procedure", f.procedure_title},
                      {"facility", f.facility_name}});
  }
  nlohmann::json closures = nlohmann::json::array();
  auto targets = closure_target_choices(office, "");
  for (const auto& c : office.closures) {
    const std::string target = closure_target(c);
    std::string target_text = "安定所全体";
    for (const auto& choice : targets) {
      if (choice["value"] == target) target_text = choice["label"];
    }
    closures.push_back({{"id", c.id},
                        {"from", c.from_date},
                        {"to", c.to_date},
                        {"period_text", period_text(c.from_date, c.to_date)},
                        {"reason", c.reason},
                        {"target", target},
                        {"target_text", target_text},
                        {"facility_id", c.facility_id ? nlohmann::json(*c.facility_id) : nullptr},
                        {"frame_id", c.frame_id ? nlohmann::json(*c.frame_id) : nullptr}});
  }
  return {{"code", o.code},
          {"name", o.name},
          {"prefecture", o.pref_name},
          {"contact", office_contact_view(o)},
          {"facilities", facilities},
          {"frames", frames},
          {"closures", closures},
          {"has_closures", !closures.empty()}};
}

nlohmann::json affected_bookings_view(const std::vector<services::AffectedBooking>& bookings) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& b : bookings) {
    auto date = domain::parse_iso_date(b.date);
    const std::string start = domain::format_hh_mm(b.start_minute);
    const std::string end = domain::format_hh_mm(b.end_minute);
    list.push_back({{"number", b.number},
                    {"url", SiteLinks::staff_reservation_path(b.number)},
                    {"date", b.date},
                    {"date_text", date ? short_date_text(*date) : b.date},
                    {"start", start},
                    {"end", end},
                    {"time_text", start + "～" + end},
                    {"family_name", b.family_name},
                    {"given_name", b.given_name},
                    {"procedure", b.procedure_title},
                    {"facility", b.facility_name},
                    {"frame", b.frame_name}});
  }
  return list;
}

}  // namespace yoyaku::web
