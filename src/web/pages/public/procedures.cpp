// Reserving, manual 1.1 STEP1–3: 手続き検索, 施設選択（日付選択）, 時間選択 and
// 「予約する」. Looking needs no login; 「予約する」 asks for one. The same
// calendar chooses the new date of a booking being changed (?change=NUMBER).
#include <algorithm>
#include <cstdio>

#include "domain/dates.hpp"
#include "domain/romaji.hpp"
#include "domain/holidays.hpp"
#include "domain/booking_ids.hpp"
#include "domain/text.hpp"
#include "services/common/site.hpp"
#include "services/public/booking.hpp"
#include "web/errors.hpp"
#include "web/handlers.hpp"
#include "web/links.hpp"
#include "web/respond.hpp"
#include "web/site.hpp"
#include "web/views/booking_views.hpp"
#include "web/views/form_views.hpp"

namespace yoyaku::web::public_pages {
namespace {

nlohmann::json progress(int step) {
  return {{"progress_select", step == 1}, {"progress_mail", step == 2}, {"progress_input", step == 3},
          {"progress_done", step == 4}};
}

domain::Date week_start(domain::Date date) {
  return domain::add_days(date, -static_cast<int>(domain::weekday_of(date).c_encoding()));
}

domain::Date add_months(domain::Date date, int months) {
  auto ym = std::chrono::year_month{date.year(), date.month()} + std::chrono::months{months};
  auto day = std::min(date.day(), (ym / std::chrono::last).day());
  return ym / day;
}

// 予約変更: the number of the reservation whose new date this calendar chooses, or "".
std::string change_number(const RequestContext& ctx) {
  std::string change = ctx.is_get() ? ctx.query_or("change", "") : ctx.field("change");
  if (change.empty() && !ctx.is_get()) change = ctx.query_or("change", "");
  return domain::is_reservation_number(change) ? change : "";
}

// English pages name the office in rōmaji too (ハローワーク品川 → Hello Work Shinagawa);
// Japanese pages need no reading.
void add_office_romaji(const RequestContext& ctx, nlohmann::json& view, const std::string& reading) {
  if (ctx.visitor.language == domain::Language::ja) return;
  if (auto romaji = domain::romaji_of_reading(reading)) view["office_romaji"] = *romaji;
}

std::string with_change(const std::string& url, const std::string& change) {
  if (change.empty()) return url;
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "change=" + domain::url_encode(change);
}

nlohmann::json calendar_columns(domain::Date from) {
  nlohmann::json columns = nlohmann::json::array();
  for (int i = 0; i < 7; ++i) {
    auto date = domain::add_days(from, i);
    auto weekday = domain::weekday_of(date);
    char month_day[16];
    std::snprintf(month_day, sizeof month_day, "%02u/%02u", static_cast<unsigned>(date.month()),
                  static_cast<unsigned>(date.day()));
    // "12/07 (月)": the weekday apart, so that an English page can say "Mon".
    columns.push_back({{"month_day", month_day},
                       {"weekday", std::string(domain::japanese_weekday(weekday))},
                       {"weekend", weekday.c_encoding() == 0 || weekday.c_encoding() == 6},
                       {"saturday", weekday.c_encoding() == 6},
                       {"sunday", weekday.c_encoding() == 0},
                       {"holiday", domain::is_national_holiday(date)}});
  }
  return columns;
}

// STEP3's page: the day's times with ○/✕/✓, or the same page with an error.
Response times_page(RequestContext& ctx, std::int64_t procedure_id, domain::Date date, nlohmann::json extra,
                    const FieldErrors& errors, int status) {
  auto details = services::procedure_details(ctx.db(), procedure_id, ctx.now);
  auto held = services::current_hold(ctx.db(), ctx.principal(), procedure_id, ctx.now);
  const std::string change = change_number(ctx);
  nlohmann::json slots = nlohmann::json::array();
  std::string facility_name = details.facilities.empty() ? "" : details.facilities.front().name;
  int index = 0;
  for (const auto& slot : services::day_slots(ctx.db(), procedure_id, date, ctx.now)) {
    const bool selected = held && held->slot.id == slot.id;
    nlohmann::json view = slot_view(slot);
    view.update({{"index", std::to_string(index++)},
                 {"time", domain::format_hh_mm(slot.start_minute)},
                 {"time_range", domain::japanese_time_range(slot.start_minute, slot.end_minute)},
                 {"bookable", slot.bookable() || selected},
                 {"selected", selected}});
    slots.push_back(view);
    facility_name = slot.facility;
  }
  const std::string base = SiteLinks::procedure_path(procedure_id);
  nlohmann::json context = progress(1);
  context.update({{"procedure", procedure_view(details.procedure)},
                  {"date_text", domain::japanese_date(date)},
                  {"facility_name", facility_name},
                  {"slots", slots},
                  {"has_slots", !slots.empty()},
                  {"hold_url", with_change(base + "/hold", change)},
                  {"calendar_url", with_change(base + "?from=" + domain::to_iso(date), change)}});
  add_office_romaji(ctx, context, details.office.reading);
  context.update(extra);
  return form_page(ctx, "public/procedure_times", "時間選択", context, errors, {}, status);
}

}  // namespace

Response procedure_search(RequestContext& ctx) {
  const auto query = procedure_query(ctx, "asc");
  const auto& q = ctx.request.query;
  const bool searched = q.count("q") || q.count("pref") || q.count("kind");
  auto result = ctx.site.catalog.search(query);
  auto link = [&](int page_number) {
    std::string url = "/procedures?q=" + domain::url_encode(query.text);
    if (query.synonyms) url += "&synonyms=1";
    if (!query.pref_code.empty()) url += "&pref=" + domain::url_encode(query.pref_code);
    if (!query.kind.empty()) url += "&kind=" + domain::url_encode(query.kind);
    url += std::string("&sort=") + (query.oldest_first ? "asc" : "desc");
    return url + "&per_page=" + std::to_string(result.per_page) + "&page=" + std::to_string(page_number);
  };
  nlohmann::json items = nlohmann::json::array();
  for (const auto& hit : result.items) {
    items.push_back(procedure_hit_view(hit));
    add_office_romaji(ctx, items.back(), hit.office_reading);
  }
  nlohmann::json pages = nlohmann::json::array();
  for (int p = std::max(1, result.page - 4); p <= std::min(result.pages, result.page + 4); ++p) {
    pages.push_back({{"number", std::to_string(p)}, {"url", link(p)}, {"current", p == result.page}});
  }
  nlohmann::json pref_options = nlohmann::json::array();
  for (const auto& pref : ctx.site.catalog.prefectures()) {
    pref_options.push_back({{"code", pref.code}, {"name", pref.name}, {"selected", pref.code == query.pref_code}});
  }
  nlohmann::json kind_options = nlohmann::json::array(
      {{{"code", "job_consultation"}, {"label", "職業相談 面談予約"}, {"selected", query.kind == "job_consultation"}},
       {{"code", "unemployment_certification"},
        {"label", "失業認定 面談予約"},
        {"selected", query.kind == "unemployment_certification"}}});
  nlohmann::json context = progress(1);
  context.update({{"page_title", "予約手続き"},
                  {"q", query.text},
                  {"synonyms", query.synonyms},
                  {"pref", query.pref_code},
                  {"kind", query.kind},
                  {"pref_options", pref_options},
                  {"kind_options", kind_options},
                  {"sort_desc", !query.oldest_first},
                  {"sort_asc", query.oldest_first},
                  {"per_page_10", result.per_page == 10},
                  {"per_page_20", result.per_page == 20},
                  {"per_page_50", result.per_page == 50},
                  {"searched", searched},
                  {"total", std::to_string(result.total)},
                  {"items", items},
                  {"has_items", !items.empty()},
                  {"pages", pages},
                  {"has_pages", result.pages > 1}});
  if (result.page > 1) context["prev_url"] = link(result.page - 1);
  if (result.page < result.pages) context["next_url"] = link(result.page + 1);
  return page(ctx, "public/procedures", context);
}

Response procedure_calendar(RequestContext& ctx) {
  const std::int64_t procedure_id = ctx.id_param("id");
  auto details = services::procedure_details(ctx.db(), procedure_id, ctx.now);
  auto held = services::current_hold(ctx.db(), ctx.principal(), procedure_id, ctx.now);
  const std::string change = change_number(ctx);
  const std::string base = SiteLinks::procedure_path(procedure_id);
  const domain::Date earliest = week_start(domain::jst_date_of(ctx.now));
  const domain::Date latest = week_start(details.window.last);
  // By default the week of the first bookable day.
  auto requested = domain::parse_iso_date(ctx.query_or("from", ""));
  domain::Date from = std::clamp(week_start(requested.value_or(details.window.first)), earliest, latest);
  auto calendar = services::procedure_calendar(ctx.db(), procedure_id, from, 7, ctx.now);
  // The first bookable day can fall on a weekend or a closed day: then its week
  // offers nothing, and the default is the next week that does (a few at most).
  const auto offers_a_day = [](const std::vector<services::CalendarRow>& rows) {
    return std::any_of(rows.begin(), rows.end(), [](const auto& row) {
      return std::any_of(row.days.begin(), row.days.end(),
                         [](const auto& day) { return day.status == services::DayStatus::available; });
    });
  };
  for (int week = 0; !requested && week < 4 && !offers_a_day(calendar) && domain::add_days(from, 7) <= latest; ++week) {
    from = domain::add_days(from, 7);
    calendar = services::procedure_calendar(ctx.db(), procedure_id, from, 7, ctx.now);
  }
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : calendar) {
    nlohmann::json cells = nlohmann::json::array();
    for (const auto& day : row.days) {
      const bool selected = held && held->slot.date == day.date && held->slot.frame_id == row.frame.id;
      const std::string mark = selected ? "✓"
                               : day.status == services::DayStatus::available ? "○"
                               : day.status == services::DayStatus::full      ? "✕"
                                                                               : "-";
      const std::string status_text = selected      ? "選択中"
                                      : mark == "○" ? "予約可"
                                      : mark == "✕" ? "予約不可"
                                                    : "予約受付期間外";
      // The date and what the mark means, apart so that each can be read in English.
      nlohmann::json cell = {{"mark", mark}, {"date_text", domain::japanese_date(day.date)}, {"status_text", status_text}};
      if (mark == "○" || mark == "✓") cell["url"] = with_change(base + "/days/" + domain::to_iso(day.date), change);
      cells.push_back(cell);
    }
    rows.push_back({{"facility_id", std::to_string(row.facility.id)},
                    {"facility_anchor", "#facility-" + std::to_string(row.facility.id)},
                    {"facility_name", row.facility.name},
                    {"frame_name", row.frame.name},
                    {"cells", cells}});
  }
  nlohmann::json nav = nlohmann::json::object();
  auto put = [&](const char* key, domain::Date target) {
    domain::Date start = week_start(target);
    if (start < earliest || start > latest || start == from) return;
    nav[key] = with_change(base + "?from=" + domain::to_iso(start), change);
  };
  put("prev_3m", add_months(from, -3));
  put("next_3m", add_months(from, 3));
  put("prev_1m", add_months(from, -1));
  put("next_1m", add_months(from, 1));
  put("prev_1w", domain::add_days(from, -7));
  put("next_1w", domain::add_days(from, 7));
  const int year = static_cast<int>(from.year());
  auto jst = domain::to_jst(ctx.now);
  const std::string today = domain::japanese_date(jst.date);
  char now_compact[64];
  std::snprintf(now_compact, sizeof now_compact, "%s%02d時%02d分", today.substr(0, today.find('(')).c_str(), jst.hour,
                jst.minute);
  nlohmann::json procedure = procedure_details_view(details);
  procedure["description_parts"] = text_with_links(details.procedure.description);
  // The office's own お知らせ in their schedule (a change of its 利用規約, closures …).
  nlohmann::json notices = nlohmann::json::array();
  for (const auto& record : services::published_notices(ctx.db(), ctx.now, 3, details.office.id)) {
    notices.push_back({{"date_text", domain::japanese_date(domain::jst_date_of(record.notice.published_at))},
                       {"title", record.notice.title},
                       {"parts", text_with_links(record.notice.body)}});
  }
  nlohmann::json context = progress(1);
  context.update({{"page_title", "施設選択"},
                  {"procedure", procedure},
                  {"office_notices", notices},
                  {"has_office_notices", !notices.empty()},
                  {"now_compact", now_compact},
                  {"year", year},
                  {"columns", calendar_columns(from)},
                  {"rows", rows},
                  {"nav", nav},
                  {"back_url", change.empty() ? "/procedures" : SiteLinks::reservation_path(change) + "/edit"}});
  context["facilities"] = context["procedure"]["facilities"];
  add_office_romaji(ctx, context, details.office.reading);
  return page(ctx, "public/procedure_calendar", context);
}

Response day_times(RequestContext& ctx) {
  const std::int64_t procedure_id = ctx.id_param("id");
  auto date = domain::parse_iso_date(ctx.param("date"));
  if (!date) return not_found(ctx);
  return times_page(ctx, procedure_id, *date, nlohmann::json::object(), {}, 200);
}

Response place_hold(RequestContext& ctx) {
  const std::int64_t procedure_id = ctx.id_param("id");
  const std::string base = SiteLinks::procedure_path(procedure_id);
  const std::string slot_id = ctx.field("slot_id");
  auto key = domain::parse_slot_id(slot_id);
  if (!ctx.principal().is_job_seeker()) {
    if (ctx.principal().is_staff()) return not_found(ctx);
    return redirect(SiteLinks::login_path(key ? base + "/days/" + domain::to_iso(key->date) : base));
  }
  if (!key) {
    auto date = domain::parse_iso_date(ctx.field("date"))
                    .value_or(services::procedure_details(ctx.db(), procedure_id, ctx.now).window.first);
    return times_page(ctx, procedure_id, date, nlohmann::json::object(),
                      {{"slot_id", "予約したい時間を選択してください。"}}, 422);
  }
  // 予約不可 (or an unknown time): the day's times again, with the message.
  ctx.recover = [&ctx, procedure_id, date = key->date](const services::ServiceError& e) -> std::optional<Response> {
    if (e.kind == services::ErrorKind::invalid_input) return std::nullopt;
    return times_page(ctx, procedure_id, date, {{"error_message", e.what()}}, {}, status_of(e.kind));
  };
  auto hold = services::place_hold(ctx.db(), ctx.principal(), slot_id, ctx.now);
  const std::string change = change_number(ctx);
  if (!change.empty()) return redirect(SiteLinks::reservation_path(change) + "/edit?hold=" + hold.id);
  return redirect(SiteLinks::booking_path(hold.id) + "/terms");
}

Response back_to_calendar(RequestContext& ctx) {
  return redirect(SiteLinks::procedure_path(ctx.id_param("id")));
}

}  // namespace yoyaku::web::public_pages
