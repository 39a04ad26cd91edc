#include "web/views/booking_views.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "domain/dates.hpp"
#include "domain/linkify.hpp"
#include "web/links.hpp"
#include "web/respond.hpp"
#include "web/views/labels.hpp"

namespace yoyaku::web {

nlohmann::json procedure_view(const services::Procedure& p) {
  std::string reception_text = domain::japanese_date_time(p.reception_start_at) + " ~";
  if (p.reception_end_at) reception_text.append(" ").append(domain::japanese_date_time(*p.reception_end_at));
  return {{"id", p.id},
          {"title", p.title},
          {"kind", p.kind},
          {"description", p.description},
          {"terms", p.terms},
          {"contact", {{"name", p.contact_name}, {"phone", p.contact_phone}, {"fax", p.contact_fax},
                       {"email", p.contact_email}}},
          {"reception_start", iso_time(p.reception_start_at)},
          {"reception_end", optional_iso_time(p.reception_end_at)},
          {"reception_text", reception_text},
          {"url", SiteLinks::procedure_path(p.id)}};
}

nlohmann::json procedure_details_view(const services::ProcedureDetails& details) {
  nlohmann::json view = procedure_view(details.procedure);
  nlohmann::json facilities = nlohmann::json::array();
  for (const auto& f : details.facilities) {
    facilities.push_back({{"id", f.id}, {"name", f.name}, {"address", f.address}, {"phone", text_or_null(f.phone)},
                          {"opening_hours", f.opening_hours}, {"map_url", text_or_null(f.map_url)}});
  }
  const auto& office = details.office;
  const bool has_contact = !office.address.empty() || !office.phone.empty() || !office.consultation_phone.empty() ||
                           !office.fax.empty() || !office.opening_hours.empty() || !office.map_url.empty();
  view["office"] = {{"code", office.code},
                    {"name", office.name},
                    {"prefecture", office.pref_name},
                    {"postal_code", text_or_null(office.postal_code)},
                    {"address", text_or_null(office.address)},
                    {"phone", text_or_null(office.phone)},
                    {"consultation_phone", text_or_null(office.consultation_phone)},
                    {"fax", text_or_null(office.fax)},
                    {"opening_hours", text_or_null(office.opening_hours)},
                    {"map_url", text_or_null(office.map_url)},
                    {"has_contact", has_contact}};
  view["booking_window"] = {{"from", domain::to_iso(details.window.first)}, {"to", domain::to_iso(details.window.last)}};
  view["facilities"] = facilities;
  view["terms_version"] = nullptr;
  if (details.terms_version) {
    view["terms_version"] = {{"id", details.terms_version->id}, {"version", details.terms_version->version},
                             {"published_at", iso_time(details.terms_version->published_at)}};
  }
  return view;
}

nlohmann::json procedure_hit_view(const services::ProcedureHit& hit) {
  return {{"id", hit.id},
          {"office_code", hit.office_code},
          {"title", hit.title},
          {"kind", hit.kind},
          {"reception_start", iso_time(hit.reception_start_at)},
          {"reception_end", optional_iso_time(hit.reception_end_at)},
          {"reception_start_text", domain::japanese_date_time(hit.reception_start_at)},
          {"reception_end_text", hit.reception_end_at ? domain::japanese_date_time(*hit.reception_end_at) : "随時"},
          {"url", SiteLinks::procedure_path(hit.id)}};
}

namespace {

struct DayTexts {
  domain::Date date;
  std::string iso, date_text, short_date_text;
};

// The slots of a list share their day: its texts are made once, not per slot.
const DayTexts& texts_of_day(domain::Date date) {
  thread_local std::optional<DayTexts> last;
  if (!last || last->date != date) {
    last = DayTexts{date, domain::to_iso(date), domain::japanese_date(date), short_date_text(date)};
  }
  return *last;
}

// Every field of a slot, in the key order nlohmann::json keeps an object in
// (sorted), so that slot_view and slot_list_json say the same thing.
template <class Field>
void for_each_slot_field(const services::SlotView& slot, Field&& field) {
  const DayTexts& day = texts_of_day(slot.date);
  field("available", slot.available);
  field("capacity", slot.capacity);
  field("date", std::string_view(day.iso));
  field("date_text", std::string_view(day.date_text));
  field("end", std::string_view(domain::format_hh_mm(slot.end_minute)));
  field("facility", std::string_view(slot.facility));
  field("frame", std::string_view(slot.frame));
  field("id", std::string_view(slot.id));
  field("short_date_text", std::string_view(day.short_date_text));
  field("start", std::string_view(domain::format_hh_mm(slot.start_minute)));
  field("status", std::string_view(slot.bookable() ? "available" : "full"));
  field("time_text", std::string_view(domain::japanese_time_range(slot.start_minute, slot.end_minute)));
}

}  // namespace

nlohmann::json slot_view(const services::SlotView& slot) {
  nlohmann::json view = nlohmann::json::object();
  for_each_slot_field(slot, [&](const char* key, const auto& value) { view[key] = value; });
  return view;
}

namespace {

// A JSON string as nlohmann::json::dump writes it (UTF-8 kept as it is): the
// runs that need no escape are copied whole.
void append_json_string(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte != '"' && byte != '\\') continue;
    out.append(text, run, i - run);
    run = i + 1;
    switch (byte) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += hex[byte >> 4];
        out += hex[byte & 0xf];
    }
  }
  out.append(text, run, text.size() - run);
  out += '"';
}

// Keys are this file's own plain names: no escape needed.
void append_key(std::string& out, std::string_view key) {
  out += '"';
  out += key;
  out += "\":";
}

void append_field(std::string& out, std::string_view key, std::string_view text) {
  append_key(out, key);
  append_json_string(out, text);
  out += ',';
}

void append_field(std::string& out, std::string_view key, std::int64_t number) {
  append_key(out, key);
  out += std::to_string(number);
  out += ',';
}

void append_field(std::string& out, std::string_view key, int number) {
  append_field(out, key, std::int64_t{number});
}

}  // namespace

std::string slot_list_json(const std::vector<services::SlotView>& slots) {
  std::string out = "[";
  out.reserve(slots.size() * 360 + 2);
  for (const auto& slot : slots) {
    out += '{';
    for_each_slot_field(slot, [&](std::string_view key, const auto& value) { append_field(out, key, value); });
    out.back() = '}';
    out += ',';
  }
  if (out.size() > 1) out.pop_back();
  out += ']';
  return out;
}

// Keys in nlohmann::json's (sorted) order, as the API said them before.
std::string calendar_json(std::int64_t procedure_id, domain::Date from, int days,
                          const std::vector<services::CalendarRow>& rows) {
  // Each facility once, where its first frame comes.
  std::vector<const services::Facility*> facilities;
  for (const auto& row : rows) {
    if (std::none_of(facilities.begin(), facilities.end(), [&](const auto* f) { return f->id == row.facility.id; })) {
      facilities.push_back(&row.facility);
    }
  }
  std::string out = "{";
  out.reserve(128 + rows.size() * (96 + static_cast<std::size_t>(days) * 40));
  append_field(out, "days", days);
  append_key(out, "facilities");
  out += '[';
  for (const services::Facility* facility : facilities) {
    out += "{\"frames\":[";
    for (const auto& row : rows) {
      if (row.facility.id != facility->id) continue;
      out += "{\"days\":[";
      for (const auto& day : row.days) {
        out += "{\"date\":\"";
        out += domain::to_iso(day.date);
        out += "\",\"status\":\"";
        out += services::day_status_code(day.status);
        out += "\"},";
      }
      if (out.back() == ',') out.pop_back();
      out += "],";
      append_field(out, "id", row.frame.id);
      append_field(out, "name", row.frame.name);
      out.back() = '}';
      out += ',';
    }
    if (out.back() == ',') out.pop_back();
    out += "],";
    append_field(out, "id", facility->id);
    append_field(out, "name", facility->name);
    out.back() = '}';
    out += ',';
  }
  if (out.back() == ',') out.pop_back();
  out += "],";
  append_field(out, "from", domain::to_iso(from));
  append_field(out, "procedure_id", procedure_id);
  out.back() = '}';
  return out;
}

nlohmann::json hold_view(const services::HoldView& hold) {
  const std::string base = SiteLinks::booking_path(hold.id);
  return {{"hold_id", hold.id},
          {"procedure_id", hold.procedure_id},
          {"expires_at", iso_time(hold.expires_at)},
          {"expires_text", hold_expiry_text(hold.expires_at)},
          {"slot", slot_view(hold.slot)},
          {"form_url", base + "/form"},
          {"terms_url", base + "/terms"},
          {"extend_url", base + "/extend"},
          {"cancel_url", base + "/cancel"}};
}

nlohmann::json text_with_links(const std::string& text) {
  nlohmann::json parts = nlohmann::json::array();
  for (const auto& part : domain::link_parts(text)) {
    // A text part says "url": null, so that a template's {{#url}} never finds an outer "url" instead.
    parts.push_back(part.is_link ? nlohmann::json{{"url", part.text}}
                                 : nlohmann::json{{"text", part.text}, {"url", nullptr}});
  }
  return parts;
}

}  // namespace yoyaku::web
