// The office's day and week for staff: 本日の予約 (/staff/offices/{office}, a
// day by facility and frame in time order, with seats left and 代行入力 on
// free times), 週間表示 (/staff/offices/{office}/week, counts per time) and
// the search across the office's bookings (/staff/offices/{office}/search).
#include <algorithm>
#include <map>

#include "domain/dates.hpp"
#include "services/staff/offices.hpp"
#include "services/staff/schedule.hpp"
#include "web/handlers.hpp"
#include "web/links.hpp"
#include "web/respond.hpp"
#include "web/views/labels.hpp"
#include "web/views/staff_views.hpp"

namespace yoyaku::web::staff_pages {
namespace {

// ?date=YYYY-MM-DD, or today (JST) when absent or not a date.
domain::Date date_param(RequestContext& ctx, const char* name) {
  auto date = domain::parse_iso_date(ctx.query_or(name, ""));
  return date ? *date : domain::jst_date_of(ctx.now);
}

}  // namespace

Response office(RequestContext& ctx) {
  const std::string& code = ctx.param("office");
  const domain::Date day = date_param(ctx, "date");
  auto schedule = services::office_schedule(ctx.db(), ctx.principal(), code, day, day, ctx.client(), ctx.now);
  nlohmann::json view = office_schedule_view(schedule);
  const std::string base = SiteLinks::staff_office_path(code);
  int booked = 0, unset_meetings = 0, no_shows = 0;
  for (const auto& r : schedule.bookings) {
    if (r.row.status == "withdrawn") continue;
    ++booked;
    unset_meetings += !r.row.meeting_id;
    no_shows += r.attendance == domain::Attendance::no_show || r.attendance == domain::Attendance::no_show_unannounced;
  }
  const domain::Date today = domain::jst_date_of(ctx.now);
  return staff_page(ctx, "staff/day",
                    {{"page_title", (day == today ? "本日の予約 " : "予約一覧 ") + schedule.office.name},
                     {"heading", day == today ? "本日の予約" : "予約一覧"},
                     {"office", view["office"]},
                     {"office_nav", office_nav_view(code, "day",
                                                   ctx.principal().may(schedule.office.id, services::StaffRole::manage))},
                     {"date", domain::to_iso(day)},
                     {"date_text", domain::japanese_date(day)},
                     {"is_today", day == today},
                     {"closed", !schedule.closed_days.empty()},
                     {"frames", view["frames"]},
                     {"booked", booked},
                     {"unset_meetings", unset_meetings},
                     {"no_shows", no_shows},
                     {"prev_url", base + "?date=" + domain::to_iso(domain::add_days(day, -1))},
                     {"next_url", base + "?date=" + domain::to_iso(domain::add_days(day, 1))},
                     {"today_url", base},
                     {"week_url", base + "/week?from=" + domain::to_iso(day)}});
}

Response office_week(RequestContext& ctx) {
  const std::string& code = ctx.param("office");
  // The week from Monday.
  domain::Date from = date_param(ctx, "from");
  from = domain::add_days(from, -((domain::weekday_of(from).c_encoding() + 6) % 7));
  const domain::Date to = domain::add_days(from, 6);
  auto schedule = services::office_schedule(ctx.db(), ctx.principal(), code, from, to, ctx.client(), ctx.now);
  const std::string base = SiteLinks::staff_office_path(code);
  nlohmann::json days = nlohmann::json::array();
  for (const auto& day : schedule.days) {
    const bool closed = std::find(schedule.closed_days.begin(), schedule.closed_days.end(), day) !=
                        schedule.closed_days.end();
    std::string label = domain::japanese_date(day);
    days.push_back({{"date", domain::to_iso(day)}, {"label", label.substr(label.find("年") + 3)},
                    {"closed", closed}, {"url", base + "?date=" + domain::to_iso(day)}});
  }
  nlohmann::json frames = nlohmann::json::array();
  for (const auto& frame : schedule.frames) {
    // Rows: the start times of the week; cells: bookings / seats per day.
    std::map<int, std::map<std::string, const services::StaffSlot*>> by_time;
    for (const auto& slot : frame.slots) by_time[slot.slot.start_minute][domain::to_iso(slot.slot.date)] = &slot;
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& [start, cells_by_day] : by_time) {
      nlohmann::json cells = nlohmann::json::array();
      for (const auto& day : schedule.days) {
        auto found = cells_by_day.find(domain::to_iso(day));
        if (found == cells_by_day.end()) {
          cells.push_back({{"open", false}});
          continue;
        }
        const auto& slot = *found->second;
        int booked = 0;
        for (const auto& r : slot.bookings) booked += r.row.status != "withdrawn";
        cells.push_back({{"open", true}, {"booked", booked}, {"available", slot.slot.available},
                         {"capacity", slot.slot.capacity}, {"full", slot.slot.available == 0}, {"has_bookings", booked > 0},
                         {"url", base + "?date=" + domain::to_iso(day)}});
      }
      rows.push_back({{"time", domain::format_hh_mm(start)}, {"cells", cells}});
    }
    frames.push_back({{"facility", frame.facility.name}, {"frame", frame.frame.name}, {"rows", rows}});
  }
  return staff_page(ctx, "staff/week",
                    {{"page_title", "週間表示 " + schedule.office.name},
                     {"office", office_view(schedule.office)},
                     {"office_nav", office_nav_view(code, "week")},
                     {"range_text", domain::japanese_date(from) + "～" + domain::japanese_date(to)},
                     {"days", days},
                     {"frames", frames},
                     {"prev_url", base + "/week?from=" + domain::to_iso(domain::add_days(from, -7))},
                     {"next_url", base + "/week?from=" + domain::to_iso(domain::add_days(from, 7))},
                     {"this_week_url", base + "/week"}});
}

Response office_search(RequestContext& ctx) {
  const std::string& code = ctx.param("office");
  const std::string q = ctx.query_or("q", "");
  nlohmann::json context = {{"office_nav", office_nav_view(code, "search")}, {"values", {{"q", q}}}};
  auto office = services::served_office(ctx.db(), ctx.principal(), code, ctx.client(), ctx.now);
  context["office"] = office_view(office);
  context["searched"] = !q.empty();
  nlohmann::json items = nlohmann::json::array();
  if (!q.empty()) {
    on_invalid_input(ctx, [&ctx, context](const FieldErrors& errors) {
      return staff_form_page(ctx, "staff/search", "予約の検索", context, errors);
    });
    for (const auto& r : services::search_office_bookings(ctx.db(), ctx.principal(), code, q, ctx.client(), ctx.now)) {
      items.push_back(staff_booking_line(r));
    }
  }
  context["items"] = items;
  context["count"] = items.size();
  return staff_form_page(ctx, "staff/search", "予約の検索", context);
}

}  // namespace yoyaku::web::staff_pages
