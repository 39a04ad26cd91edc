// Reserving in the browser, manual 1.1 STEP1–7: 手続き検索 → 施設選択（日付選択）
// → 時間選択 → 利用規約の同意 → 予約内容の入力 → 予約内容の確認 → 予約完了.
// Searching and looking at the calendar needs no login; 「予約する」 does.
#include <charconv>

#include "domain/dates.hpp"
#include "domain/holidays.hpp"
#include "domain/text.hpp"
#include "services/booking.hpp"
#include "services/errors.hpp"
#include "store/booking_store.hpp"
#include "store/store.hpp"
#include "web/app.hpp"
#include "web/page_helpers.hpp"

namespace yoyaku::web {
namespace {

// "2024年08月01日08時00分" without the weekday.
std::string date_time_text(std::int64_t at) { return domain::japanese_date_time(at); }

// "2024年08月20日(火)15時58分", the hold banner's format.
nlohmann::json progress(int step) {
  return {{"progress_select", step == 1}, {"progress_mail", step == 2}, {"progress_input", step == 3},
          {"progress_done", step == 4}};
}

nlohmann::json procedure_json(const store::Procedure& p) {
  return {{"id", std::to_string(p.id)},
          {"title", p.title},
          {"description", p.description},
          {"terms", p.terms},
          {"reception_text", date_time_text(p.reception_start_at) + " ~" +
                                 (p.reception_end_at ? " " + date_time_text(*p.reception_end_at) : std::string())},
          {"contact_name", p.contact_name},
          {"contact_phone", p.contact_phone},
          {"contact_fax", p.contact_fax},
          {"contact_email", p.contact_email}};
}

nlohmann::json slot_json(const services::SlotView& slot) {
  return {{"facility", slot.facility},
          {"frame", slot.frame},
          {"date_text", domain::japanese_date(slot.date)},
          {"time_text", domain::japanese_time_range(slot.start_minute, slot.end_minute)}};
}

domain::Date week_start(domain::Date date) {
  return domain::add_days(date, -static_cast<int>(domain::weekday_of(date).c_encoding()));
}

domain::Date add_months(domain::Date date, int months) {
  auto ym = std::chrono::year_month{date.year(), date.month()} + std::chrono::months{months};
  auto day = std::min(date.day(), (ym / std::chrono::last).day());
  return ym / day;
}

nlohmann::json values_of(const services::ReservationForm& form) {
  return {{"family_name", form.family_name}, {"given_name", form.given_name},
          {"job_seeker_number", form.job_seeker_number}, {"phone", form.phone}, {"staff_note", form.staff_note}};
}

services::ReservationForm form_from(const Form& form, const std::string& hold_id) {
  services::ReservationForm f;
  f.hold_id = hold_id;
  f.family_name = form_field(form, "family_name");
  f.given_name = form_field(form, "given_name");
  f.job_seeker_number = form_field(form, "job_seeker_number");
  f.phone = form_field(form, "phone");
  f.topics = form_fields(form, "topics");
  f.staff_note = form_field(form, "staff_note");
  return f;
}

}  // namespace

std::optional<Response> App::booking_route(Request& request) {
  auto parts = path_segments(request.path);
  if (parts.empty() || (parts[0] != "procedures" && parts[0] != "bookings")) return std::nullopt;
  Visitor& visitor = *request.visitor;
  const std::int64_t now = config_.clock();
  const bool get = request.method == "GET" || request.method == "HEAD";
  const bool post = request.method == "POST";
  Form form;
  if (auto refused = read_page_form(request, form)) return refused;
  auto lease = pool_.acquire();
  db::Connection& db = *lease;
  std::string route;

  auto run = [&]() -> Response {
    // --- STEP1 手続き検索 ---
    if (parts[0] == "procedures" && parts.size() == 1) {
      route = "/procedures";
      if (!get) return not_found(request);
      services::ProcedureQuery query;
      query.text = request.query_param("q").value_or("");
      query.synonyms = request.query_param("synonyms") == std::optional<std::string>("1");
      query.pref_code = request.query_param("pref").value_or("");
      query.kind = request.query_param("kind").value_or("");
      query.oldest_first = request.query_param("sort") == std::optional<std::string>("asc");
      auto page_text = request.query_param("page").value_or("1");
      query.page = static_cast<int>(positive_id(page_text).value_or(1));
      query.per_page = static_cast<int>(positive_id(request.query_param("per_page").value_or("10")).value_or(10));
      const bool searched = request.query.count("q") || request.query.count("pref") || request.query.count("kind");
      auto result = catalog_.search(query);
      auto link = [&](int page) {
        std::string url = "/procedures?q=" + domain::url_encode(query.text);
        if (query.synonyms) url += "&synonyms=1";
        if (!query.pref_code.empty()) url += "&pref=" + domain::url_encode(query.pref_code);
        if (!query.kind.empty()) url += "&kind=" + domain::url_encode(query.kind);
        url += std::string("&sort=") + (query.oldest_first ? "asc" : "desc");
        url += "&per_page=" + std::to_string(result.per_page) + "&page=" + std::to_string(page);
        return url;
      };
      nlohmann::json items = nlohmann::json::array();
      for (const auto& hit : result.items) {
        items.push_back({{"title", hit.title},
                         {"url", "/procedures/" + std::to_string(hit.id)},
                         {"reception_start_text", date_time_text(hit.reception_start_at)},
                         {"reception_end_text", hit.reception_end_at ? date_time_text(*hit.reception_end_at) : "随時"}});
      }
      nlohmann::json pages = nlohmann::json::array();
      for (int p = std::max(1, result.page - 4); p <= std::min(result.pages, result.page + 4); ++p) {
        pages.push_back({{"number", std::to_string(p)}, {"url", link(p)}, {"current", p == result.page}});
      }
      nlohmann::json pref_options = nlohmann::json::array();
      for (const auto& pref : catalog_.prefectures()) {
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
      return page(request, "procedures", context);
    }

    // --- STEP2 施設選択（日付選択）, STEP3 時間選択, 「予約する」 ---
    if (parts[0] == "procedures") {
      auto procedure_id = positive_id(parts[1]);
      if (!procedure_id) return not_found(request);
      services::ProcedureDetails details;
      try {
        details = services::procedure_details(db, *procedure_id);
      } catch (const services::NotFoundError&) {
        return not_found(request);
      }
      const std::string base = "/procedures/" + std::to_string(*procedure_id);
      // 予約変更: the same calendar chooses the new date of reservation `change`.
      std::string change = get ? request.query_param("change").value_or("") : form_field(form, "change");
      if (change.empty() && post) change = request.query_param("change").value_or("");
      if (change.size() > 20) change.clear();
      const std::string change_query = change.empty() ? "" : "change=" + domain::url_encode(change);
      // The user's current hold on this procedure, shown as ✓.
      std::optional<services::HoldView> held;
      if (visitor.signed_in()) {
        for (const auto& h : store::unreleased_holds_of_user(db, visitor.user->id, *procedure_id)) {
          held = services::live_hold(db, visitor.user->id, h.public_id, now);
        }
      }
      const domain::Date today = domain::jst_date_of(now);
      auto [window_first, window_last] = services::booking_window(details.procedure, now);

      if (parts.size() == 2) {
        route = "/procedures/{id}";
        if (!get) return not_found(request);
        auto requested = domain::parse_iso_date(request.query_param("from").value_or(""));
        domain::Date earliest = week_start(today);
        // By default the week of the first bookable day (tomorrow, unless the window says otherwise).
        domain::Date from = week_start(requested.value_or(window_first));
        if (from < earliest) from = earliest;
        if (from > week_start(window_last)) from = week_start(window_last);
        auto rows = services::procedure_calendar(db, *procedure_id, from, 7, now);
        nlohmann::json columns = nlohmann::json::array();
        for (int i = 0; i < 7; ++i) {
          auto date = domain::add_days(from, i);
          auto wd = domain::weekday_of(date).c_encoding();
          char label[32];
          std::snprintf(label, sizeof label, "%02u/%02u (%s)", static_cast<unsigned>(date.month()),
                        static_cast<unsigned>(date.day()), std::string(domain::japanese_weekday(domain::weekday_of(date))).c_str());
          columns.push_back({{"label", label},
                             {"weekend", wd == 0 || wd == 6},
                             {"saturday", wd == 6},
                             {"sunday", wd == 0},
                             {"holiday", domain::is_national_holiday(date)}});
        }
        nlohmann::json row_list = nlohmann::json::array();
        for (const auto& row : rows) {
          nlohmann::json cells = nlohmann::json::array();
          for (const auto& day : row.days) {
            const bool selected = held && held->slot.date == day.date && held->slot.frame_id == row.frame.id;
            std::string mark = selected ? "✓" : day.status == services::DayStatus::available ? "○"
                                             : day.status == services::DayStatus::full     ? "✕"
                                                                                            : "-";
            std::string status_text = selected ? "選択中" : mark == "○" ? "予約可" : mark == "✕" ? "予約不可" : "予約受付期間外";
            std::string date_text = domain::japanese_date(day.date);
            nlohmann::json cell = {{"mark", mark}, {"label", date_text + " " + status_text}};
            if (mark == "○" || mark == "✓") {
              cell["url"] = base + "/days/" + domain::to_iso(day.date) + (change.empty() ? "" : "?" + change_query);
            }
            cells.push_back(cell);
          }
          row_list.push_back({{"facility_id", std::to_string(row.facility.id)},
                              {"facility_anchor", "#facility-" + std::to_string(row.facility.id)},
                              {"facility_name", row.facility.name},
                              {"frame_name", row.frame.name},
                              {"cells", cells}});
        }
        auto nav_link = [&](domain::Date target) -> nlohmann::json {
          domain::Date start = week_start(target);
          if (start < earliest || start > week_start(window_last) || start == from) return nullptr;
          return base + "?from=" + domain::to_iso(start) + (change.empty() ? "" : "&" + change_query);
        };
        nlohmann::json nav = nlohmann::json::object();
        auto put = [&](const char* key, domain::Date target) {
          auto link = nav_link(target);
          if (!link.is_null()) nav[key] = link;
        };
        put("prev_3m", add_months(from, -3));
        put("next_3m", add_months(from, 3));
        put("prev_1m", add_months(from, -1));
        put("next_1m", add_months(from, 1));
        put("prev_1w", domain::add_days(from, -7));
        put("next_1w", domain::add_days(from, 7));
        nlohmann::json facilities = nlohmann::json::array();
        for (const auto& f : details.facilities) {
          facilities.push_back({{"id", std::to_string(f.id)}, {"name", f.name}, {"address", f.address},
                                {"opening_hours", f.opening_hours}, {"phone", f.phone}, {"map_url", f.map_url}});
        }
        char year[16];
        std::snprintf(year, sizeof year, "%d年", static_cast<int>(from.year()));
        auto jst = domain::to_jst(now);
        char now_compact[64];
        std::snprintf(now_compact, sizeof now_compact, "%s%02d時%02d分",
                      domain::japanese_date(jst.date).substr(0, domain::japanese_date(jst.date).find('(')).c_str(),
                      jst.hour, jst.minute);
        nlohmann::json context = progress(1);
        context.update({{"page_title", "施設選択"},
                        {"procedure", procedure_json(details.procedure)},
                        {"now_compact", now_compact},
                        {"year_label", year},
                        {"columns", columns},
                        {"rows", row_list},
                        {"nav", nav},
                        {"back_url", change.empty() ? "/procedures" : "/reservations/" + change + "/edit"},
                        {"facilities", facilities}});
        return page(request, "procedure_calendar", context);
      }

      const std::string calendar_url = base;
      auto times_page = [&](domain::Date date, nlohmann::json extra, int status) {
        auto slots = services::day_slots(db, *procedure_id, date, now);
        nlohmann::json slot_list = nlohmann::json::array();
        int index = 0;
        std::string facility_name = details.facilities.empty() ? "" : details.facilities.front().name;
        for (const auto& slot : slots) {
          bool selected = held && held->slot.id == slot.id;
          slot_list.push_back({{"id", slot.id},
                               {"index", std::to_string(index++)},
                               {"time", domain::format_hh_mm(slot.start_minute)},
                               {"time_range", domain::japanese_time_range(slot.start_minute, slot.end_minute)},
                               {"available", slot.available > 0 || selected},
                               {"selected", selected}});
          facility_name = slot.facility;
        }
        nlohmann::json context = progress(1);
        context.update({{"page_title", "時間選択"},
                        {"procedure", procedure_json(details.procedure)},
                        {"date_text", domain::japanese_date(date)},
                        {"facility_name", facility_name},
                        {"slots", slot_list},
                        {"has_slots", !slot_list.empty()},
                        {"hold_url", base + "/hold" + (change.empty() ? "" : "?" + change_query)},
                        {"calendar_url", calendar_url + "?from=" + domain::to_iso(date) +
                                             (change.empty() ? "" : "&" + change_query)}});
        context.update(extra);
        std::map<std::string, std::string> errors;
        if (extra.contains("slot_error")) errors["slot_id"] = extra["slot_error"];
        return form_page(request, "procedure_times", "時間選択", context, errors, {}, status);
      };

      if (parts.size() == 4 && parts[2] == "days") {
        route = "/procedures/{id}/days/{date}";
        if (!get) return not_found(request);
        auto date = domain::parse_iso_date(parts[3]);
        if (!date) return not_found(request);
        return times_page(*date, nlohmann::json::object(), 200);
      }
      if (parts.size() == 3 && parts[2] == "hold") {
        route = "/procedures/{id}/hold";
        if (!post) return redirect(base);
        const std::string slot_id = form_field(form, "slot_id");
        auto key = services::parse_slot_id(slot_id);
        if (!visitor.signed_in()) {
          std::string back = key ? base + "/days/" + domain::to_iso(key->date) : base;
          return redirect("/login?return_to=" + domain::url_encode(back));
        }
        if (!key) {
          auto date = domain::parse_iso_date(form_field(form, "date")).value_or(window_first);
          return times_page(date, {{"slot_error", "予約したい時間を選択してください。"}}, 422);
        }
        try {
          auto hold = services::place_hold(db, visitor.user->id, slot_id, now);
          if (!change.empty()) return redirect("/reservations/" + change + "/edit?hold=" + hold.id);
          return redirect("/bookings/" + hold.id + "/terms");
        } catch (const services::ConflictError& e) {
          return times_page(key->date, {{"error_message", e.what()}}, 409);
        } catch (const services::NotFoundError& e) {
          return times_page(key->date, {{"error_message", e.what()}}, 404);
        }
      }
      return not_found(request);
    }

    // --- /bookings/{hold}/…: STEP4–7 (signed in) ---
    if (parts.size() == 2 && parts[1] == "complete") {
      route = "/bookings/complete";
      if (!visitor.signed_in()) return require_sign_in(request);
      auto reservation = store::find_reservation_by_number(db, request.query_param("number").value_or(""));
      if (!reservation || reservation->user_id != visitor.user->id) return not_found(request);
      auto procedure = store::find_procedure(db, reservation->procedure_id);
      auto slot = store::find_slot(db, reservation->slot_id);
      auto frame = store::find_frame(db, slot->frame_id);
      auto facility = store::find_facility(db, frame->facility_id);
      services::SlotView view;
      view.facility = facility->name;
      view.frame = frame->name;
      view.date = *domain::parse_iso_date(slot->date);
      view.start_minute = slot->start_minute;
      view.end_minute = slot->end_minute;
      nlohmann::json context = progress(4);
      context.update({{"page_title", "予約完了"},
                      {"procedure", procedure_json(*procedure)},
                      {"number", reservation->number},
                      {"slot", slot_json(view)},
                      {"back_url", "/procedures"}});
      return page(request, "booking_done", context);
    }
    if (parts.size() != 3) return not_found(request);
    route = "/bookings/{hold}/" + parts[2];
    if (!visitor.signed_in()) return require_sign_in(request);
    const std::string& hold_id = parts[1];
    const store::User& user = *visitor.user;
    const std::string hold_base = "/bookings/" + hold_id;
    auto hold = services::live_hold(db, user.id, hold_id, now);
    auto procedure_of_hold = [&]() -> std::optional<store::Procedure> {
      auto row = store::find_hold(db, hold_id);
      if (!row || row->user_id != user.id) return std::nullopt;
      return store::find_procedure(db, row->procedure_id);
    };
    auto lapsed_page = [&](const std::string& message, int status) {
      auto procedure = procedure_of_hold();
      nlohmann::json context = {{"page_title", "仮予約の有効期限が切れました"},
                                {"calendar_url", procedure ? "/procedures/" + std::to_string(procedure->id) : "/procedures"}};
      if (!message.empty()) context["message"] = message;
      return page(request, "booking_lapsed", context, status);
    };
    if (parts[2] == "cancel") {
      if (!post) return redirect(hold_base + "/terms");
      auto procedure = procedure_of_hold();
      services::cancel_hold(db, user.id, hold_id, now);
      return page(request, "booking_cancelled",
                  {{"page_title", "予約をやめました"},
                   {"calendar_url", procedure ? "/procedures/" + std::to_string(procedure->id) : "/procedures"}});
    }
    if (!hold) {
      if (!procedure_of_hold()) return not_found(request);
      return lapsed_page("", 410);
    }
    auto details = services::procedure_details(db, hold->procedure_id);
    nlohmann::json banner = {{"expires_text", hold_expiry_text(hold->expires_at)},
                             {"cancel_url", hold_base + "/cancel"},
                             {"extend_url", hold_base + "/extend"}};
    const std::string calendar_url = "/procedures/" + std::to_string(hold->procedure_id) + "?from=" +
                                     domain::to_iso(hold->slot.date);
    auto form_step = [&](const services::ReservationForm& values, const std::map<std::string, std::string>& errors,
                         int status, nlohmann::json extra) {
      bool has_previous = services::previous_application(db, user.id).has_value();
      nlohmann::json context = progress(3);
      context.update({{"hold", banner},
                      {"procedure", procedure_json(details.procedure)},
                      {"slot", slot_json(hold->slot)},
                      {"change_url", calendar_url},
                      {"autofill_url", hold_base + "/autofill"},
                      {"form_url", hold_base + "/form"},
                      {"has_previous", has_previous},
                      {"topic_options", topic_options_json(values.topics)},
                      {"has_staff_note", !values.staff_note.empty()},
                      {"values", values_of(values)}});
      context.update(extra);
      return form_page(request, "booking_form", "予約内容の入力", context, errors, {}, status);
    };
    auto initial_values = [&]() {
      if (auto saved = services::draft(db, user.id, hold->procedure_id)) return *saved;
      services::ReservationForm values;
      values.family_name = user.family_name;
      values.given_name = user.given_name;
      values.job_seeker_number = user.job_seeker_number;
      values.phone = user.phone;
      return values;
    };

    if (parts[2] == "extend") {
      if (!post) return redirect(hold_base + "/form");
      services::extend_hold(db, user.id, hold_id, now);
      return redirect(hold_base + (hold->agreed ? "/form" : "/terms"));
    }
    if (parts[2] == "terms") {
      if (post) {
        services::agree_to_terms(db, user.id, hold_id, now);
        return redirect(hold_base + "/form");
      }
      nlohmann::json context = progress(2);
      context.update({{"page_title", "利用規約の同意"},
                      {"hold", banner},
                      {"procedure", procedure_json(details.procedure)},
                      {"agree_url", hold_base + "/terms"},
                      {"times_url", "/procedures/" + std::to_string(hold->procedure_id) + "/days/" +
                                        domain::to_iso(hold->slot.date)}});
      return page(request, "booking_terms", context);
    }
    if (!hold->agreed) return redirect(hold_base + "/terms");
    if (parts[2] == "autofill") {
      if (!post) return redirect(hold_base + "/form");
      auto previous = services::previous_application(db, user.id);
      if (!previous) return form_step(initial_values(), {}, 200, {{"info_message", "過去の申込がありません。"}});
      return form_step(*previous, {}, 200, {{"info_message", "過去の申込から入力値を設定しました。内容を確認してください。"}});
    }
    if (parts[2] == "form") {
      if (get) return form_step(initial_values(), {}, 200, nlohmann::json::object());
      auto typed = form_from(form, hold_id);
      if (form_field(form, "action") == "change") {
        // 「変更する」: keep what was typed, choose another date; the hold stays until a new one replaces it.
        services::save_draft(db, user.id, hold->procedure_id, typed, now);
        return redirect(calendar_url);
      }
      try {
        auto clean = services::validate_reservation_form(typed);
        services::save_draft(db, user.id, hold->procedure_id, clean, now);
        nlohmann::json topics = nlohmann::json::array();
        for (const auto& option : services::topic_options()) {
          if (std::find(clean.topics.begin(), clean.topics.end(), option.code) != clean.topics.end()) {
            topics.push_back({{"code", option.code}, {"label", option.label}});
          }
        }
        nlohmann::json context = progress(3);
        context.update({{"page_title", "予約確認"},
                        {"hold", banner},
                        {"procedure", procedure_json(details.procedure)},
                        {"slot", slot_json(hold->slot)},
                        {"values", values_of(clean)},
                        {"topics_selected", topics},
                        {"has_topics", !topics.empty()},
                        {"has_staff_note", !clean.staff_note.empty()},
                        {"form_url", hold_base + "/form"},
                        {"submit_url", hold_base + "/submit"}});
        return page(request, "booking_confirm", context);
      } catch (const services::ValidationError& e) {
        services::save_draft(db, user.id, hold->procedure_id, typed, now);
        return form_step(typed, e.fields, 422, nlohmann::json::object());
      }
    }
    if (parts[2] == "submit") {
      if (!post) return redirect(hold_base + "/form");
      auto typed = form_from(form, hold_id);
      try {
        auto done = services::confirm_reservation(db, user, typed, config_.auth.base_url, now);
        return redirect("/bookings/complete?number=" + done.number);
      } catch (const services::ValidationError& e) {
        return form_step(typed, e.fields, 422, nlohmann::json::object());
      } catch (const services::HoldLapsedError& e) {
        services::save_draft(db, user.id, hold->procedure_id, typed, now);
        return lapsed_page(e.what(), 409);
      }
    }
    return not_found(request);
  };

  Response response;
  try {
    response = run();
  } catch (const services::HoldLapsedError& e) {
    response = page(request, "booking_lapsed",
                    {{"page_title", "仮予約の有効期限が切れました"}, {"message", e.what()}, {"calendar_url", "/procedures"}}, 409);
  } catch (const services::NotFoundError&) {
    response = not_found(request);
  }
  response.route = route.empty() ? "/" + parts[0] : route;
  return response;
}

}  // namespace yoyaku::web
