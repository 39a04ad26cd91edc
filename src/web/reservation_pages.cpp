// After booking in the browser (manual 1.2–1.4, 2.1): 予約一覧, 予約詳細,
// 予約変更 → 予約変更確認, 取消事由入力 → 予約取下げ確認, 再申込, .ics.
#include <charconv>

#include "domain/dates.hpp"
#include "domain/search_text.hpp"
#include "domain/text.hpp"
#include "services/booking.hpp"
#include "services/errors.hpp"
#include "services/reservations.hpp"
#include "store/booking_store.hpp"
#include "web/app.hpp"
#include "web/page_helpers.hpp"

namespace yoyaku::web {
namespace {

// "2024年8月20日16時3分", as the manual writes 申込日時 and 処理履歴.
std::string short_date_time(std::int64_t at) {
  auto jst = domain::to_jst(at);
  char text[64];
  std::snprintf(text, sizeof text, "%d年%u月%u日%d時%d分", static_cast<int>(jst.date.year()),
                static_cast<unsigned>(jst.date.month()), static_cast<unsigned>(jst.date.day()), jst.hour, jst.minute);
  return text;
}

std::string short_date(domain::Date date) {
  char text[32];
  std::snprintf(text, sizeof text, "%d年%u月%u日", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()));
  return text;
}

nlohmann::json view_json(const services::ReservationView& r) {
  nlohmann::json topics = nlohmann::json::array();
  for (const auto& label : r.topic_labels) topics.push_back({{"label", label}});
  nlohmann::json history = nlohmann::json::array();
  for (const auto& h : r.history) history.push_back({{"at_text", short_date_time(h.at)}, {"action_text", h.action_text}});
  nlohmann::json json = {{"number", r.row.number},
                         {"procedure_title", r.procedure.title},
                         {"facility", r.slot.facility},
                         {"frame", r.slot.frame},
                         {"date_text", domain::japanese_date(r.slot.date)},
                         {"time_text", domain::japanese_time_range(r.slot.start_minute, r.slot.end_minute)},
                         {"applied_text", short_date_time(r.row.applied_at)},
                         {"reserved_date_text", short_date(r.slot.date)},
                         {"status_text", r.status_text},
                         {"family_name", r.row.family_name},
                         {"given_name", r.row.given_name},
                         {"job_seeker_number", r.row.job_seeker_number},
                         {"phone", r.row.phone},
                         {"topics", topics},
                         {"has_topics", !topics.empty()},
                         {"staff_note", r.row.staff_note},
                         {"has_staff_note", !r.row.staff_note.empty()},
                         {"office_name", r.office.name},
                         {"help_desk_phone", "0570-028-609"},
                         {"history", history}};
  if (!r.office.phone.empty()) json["office_phone"] = r.office.phone;
  if (r.row.withdrawal_reason) json["withdrawal_reason"] = *r.row.withdrawal_reason;
  return json;
}

services::ModifyForm modify_form_from(const Form& form) {
  services::ModifyForm m;
  m.family_name = form_field(form, "family_name");
  m.given_name = form_field(form, "given_name");
  m.job_seeker_number = form_field(form, "job_seeker_number");
  m.phone = form_field(form, "phone");
  m.topics = form_fields(form, "topics");
  m.staff_note = form_field(form, "staff_note");
  m.hold_id = form_field(form, "hold_id");
  return m;
}

services::ReservationForm as_booking_form(const services::ModifyForm& m) {
  services::ReservationForm f;
  f.family_name = m.family_name;
  f.given_name = m.given_name;
  f.job_seeker_number = m.job_seeker_number;
  f.phone = m.phone;
  f.topics = m.topics;
  f.staff_note = m.staff_note;
  return f;
}

}  // namespace

std::optional<Response> App::reservation_route(Request& request) {
  const std::string& path = request.path;
  if (path != "/reservations" && path.rfind("/reservations/", 0) != 0) return std::nullopt;
  Visitor& visitor = *request.visitor;
  const std::int64_t now = config_.clock();
  const bool get = request.method == "GET" || request.method == "HEAD";
  if (!visitor.signed_in()) return require_sign_in(request);
  Form form;
  if (auto refused = read_page_form(request, form)) return refused;
  const store::User& user = *visitor.user;
  auto lease = pool_.acquire();
  db::Connection& db = *lease;
  std::string route = "/reservations";

  auto run = [&]() -> Response {
    // --- 予約一覧 ---
    if (path == "/reservations") {
      if (!get) return not_found(request);
      services::ReservationSearch search;
      search.number = request.query_param("number").value_or("");
      search.procedure_text = request.query_param("procedure").value_or("");
      const std::string applied_text = request.query_param("applied_on").value_or("");
      search.applied_on = domain::parse_iso_date(applied_text);
      search.oldest_first = request.query_param("sort") == std::optional<std::string>("asc");
      int page_number = 1;
      auto page_text = request.query_param("page").value_or("1");
      std::from_chars(page_text.data(), page_text.data() + page_text.size(), page_number);
      search.page = page_number;
      std::map<std::string, std::string> errors;
      if (!applied_text.empty() && !search.applied_on) errors["applied_on"] = "申込日は YYYY-MM-DD の形式で入力してください。";
      auto result = services::search_reservations(db, user.id, search, now);
      auto link = [&](int p) {
        return "/reservations?number=" + domain::url_encode(search.number) + "&procedure=" +
               domain::url_encode(search.procedure_text) + "&applied_on=" + domain::url_encode(applied_text) +
               "&sort=" + (search.oldest_first ? "asc" : "desc") + "&page=" + std::to_string(p);
      };
      nlohmann::json items = nlohmann::json::array();
      for (const auto& r : result.items) {
        nlohmann::json item = view_json(r);
        item["url"] = "/reservations/" + r.row.number;
        item["withdrawn"] = r.row.status == "withdrawn";
        items.push_back(item);
      }
      nlohmann::json pages = nlohmann::json::array();
      for (int p = std::max(1, result.page - 4); p <= std::min(result.pages, result.page + 4); ++p) {
        pages.push_back({{"number", std::to_string(p)}, {"url", link(p)}, {"current", p == result.page}});
      }
      nlohmann::json context = {{"total", std::to_string(result.total)},
                                {"items", items},
                                {"has_items", !items.empty()},
                                {"pages", pages},
                                {"has_pages", result.pages > 1},
                                {"sort_desc", !search.oldest_first},
                                {"sort_asc", search.oldest_first},
                                {"values", {{"number", search.number}, {"procedure", search.procedure_text},
                                            {"applied_on", applied_text}}}};
      if (result.page > 1) context["prev_url"] = link(result.page - 1);
      if (result.page < result.pages) context["next_url"] = link(result.page + 1);
      return form_page(request, "reservations", "予約一覧", context, errors);
    }

    // /reservations/{number}[/…]
    std::string rest = path.substr(std::string("/reservations/").size());
    auto slash = rest.find('/');
    const std::string number = rest.substr(0, slash);
    const std::string action = slash == std::string::npos ? "" : rest.substr(slash + 1);
    route = "/reservations/{number}" + (action.empty() ? std::string() : "/" + action);
    auto reservation = services::own_reservation(db, user.id, number, now);
    if (!reservation) return not_found(request);  // someone else's number is simply not there
    const std::string base = "/reservations/" + number;
    const nlohmann::json r = view_json(*reservation);
    auto done_page = [&](const std::string& heading, const std::string& message) {
      return page(request, "reservation_done",
                  {{"page_title", heading}, {"heading", heading}, {"message", message}, {"r", r},
                   {"detail_url", base}, {"list_url", "/reservations"}});
    };

    if (action.empty()) {
      if (!get) return not_found(request);
      nlohmann::json meeting = nlohmann::json::object();
      if (reservation->row.status == "confirmed") {
        if (reservation->meeting_link_open) {
          std::string url = reservation->row.meeting_url.value_or("");
          std::string id_digits;
          for (char ch : reservation->row.meeting_id.value_or("")) {
            if (ch >= '0' && ch <= '9') id_digits += ch;
          }
          meeting = {{"show_link", true},
                     {"id", *reservation->row.meeting_id},
                     {"passcode", reservation->row.meeting_passcode.value_or("")},
                     {"display_name", reservation->row.job_seeker_number + " " + reservation->row.family_name + " " +
                                          reservation->row.given_name},
                     {"app_url", "zoommtg://zoom.us/join?confno=" + id_digits +
                                     (reservation->row.meeting_passcode
                                          ? "&pwd=" + domain::url_encode(*reservation->row.meeting_passcode)
                                          : std::string())},
                     {"join_url", url.empty() ? "https://zoom.us/j/" + id_digits : url}};
        } else if (reservation->row.meeting_id) {
          meeting = {{"known", true},
                     {"id", *reservation->row.meeting_id},
                     {"passcode", reservation->row.meeting_passcode.value_or("")},
                     {"opens_text", domain::japanese_date_time_spaced(reservation->meeting_link_opens_at)}};
        } else {
          meeting = {{"pending", true}};
        }
      }
      const bool confirmed = reservation->row.status == "confirmed";
      nlohmann::json context = {{"page_title", "予約詳細"},
                                {"r", r},
                                {"meeting", meeting},
                                {"ics_url", base + "/calendar.ics"},
                                {"list_url", "/reservations"},
                                {"reapply_url", base + "/reapply"},
                                {"edit_url", base + "/edit"},
                                {"withdraw_url", base + "/withdraw"},
                                {"can_reapply", true},
                                {"can_modify", reservation->can_modify},
                                {"can_withdraw", reservation->can_withdraw},
                                {"same_day", reservation->same_day},
                                {"deadline_passed", confirmed && !reservation->can_modify},
                                {"deadline_text", domain::japanese_date_time_spaced(reservation->change_deadline)}};
      if (auto done = request.query_param("done"); done == std::optional<std::string>("modified")) {
        context["info_message"] = "予約内容を修正しました。";
      }
      return page(request, "reservation_detail", context);
    }
    if (action == "calendar.ics") {
      Response ics;
      ics.body = services::reservation_ics(*reservation, config_.auth.base_url, now);
      ics.set_header("Content-Type", "text/calendar; charset=utf-8");
      ics.set_header("Content-Disposition", "attachment; filename=\"" + number + ".ics\"");
      ics.set_header("Cache-Control", "no-store");
      return ics;
    }
    if (action == "reapply") {
      // 再申込する: a new booking of the same procedure, the form filled from this one.
      services::ReservationForm values;
      values.family_name = reservation->row.family_name;
      values.given_name = reservation->row.given_name;
      values.job_seeker_number = reservation->row.job_seeker_number;
      values.phone = reservation->row.phone;
      values.topics = domain::split_list(reservation->row.topics);
      values.staff_note = reservation->row.staff_note;
      services::save_draft(db, user.id, reservation->procedure.id, values, now);
      return redirect("/procedures/" + std::to_string(reservation->procedure.id));
    }

    // --- 予約変更 ---
    if (action == "edit" || action == "modify") {
      if (!reservation->can_modify) return redirect(base);
      const std::string hold_id = get ? request.query_param("hold").value_or("") : form_field(form, "hold_id");
      auto new_hold = hold_id.empty() ? std::nullopt : services::live_hold(db, user.id, hold_id, now);
      auto edit_page = [&](const services::ModifyForm& values, const std::map<std::string, std::string>& errors,
                           int status) {
        nlohmann::json context = {
            {"r", r},
            {"slot", {{"facility", r["facility"]}, {"date_text", r["date_text"]}, {"time_text", r["time_text"]},
                      {"frame", r["frame"]}}},
            {"hold_id", new_hold ? hold_id : ""},
            {"deadline_text", domain::japanese_date_time_spaced(reservation->change_deadline)},
            {"detail_url", base},
            {"form_url", base + "/edit"},
            {"topic_options", topic_options_json(values.topics)},
            {"values", {{"family_name", values.family_name}, {"given_name", values.given_name},
                        {"job_seeker_number", values.job_seeker_number}, {"phone", values.phone},
                        {"staff_note", values.staff_note}}}};
        if (new_hold) {
          context["new_slot"] = {{"facility", new_hold->slot.facility},
                                 {"date_text", domain::japanese_date(new_hold->slot.date)},
                                 {"time_text", domain::japanese_time_range(new_hold->slot.start_minute, new_hold->slot.end_minute)},
                                 {"frame", new_hold->slot.frame}};
          context["hold_expires_text"] = hold_expiry_text(new_hold->expires_at);
        }
        return form_page(request, "reservation_edit", "予約変更", context, errors, {}, status);
      };
      services::ModifyForm values;
      if (get) {
        auto draft = services::draft(db, user.id, reservation->procedure.id);
        const bool use_draft = draft && request.query_param("hold");
        values.family_name = use_draft ? draft->family_name : reservation->row.family_name;
        values.given_name = use_draft ? draft->given_name : reservation->row.given_name;
        values.job_seeker_number = use_draft ? draft->job_seeker_number : reservation->row.job_seeker_number;
        values.phone = use_draft ? draft->phone : reservation->row.phone;
        values.topics = use_draft ? draft->topics : domain::split_list(reservation->row.topics);
        values.staff_note = use_draft ? draft->staff_note : reservation->row.staff_note;
        return edit_page(values, {}, 200);
      }
      values = modify_form_from(form);
      if (!new_hold) values.hold_id.clear();
      if (action == "edit") {
        const std::string step = form_field(form, "action");
        if (step == "change_date") {
          // 「変更する」: keep the typed values, choose a new date in the same calendar.
          services::save_draft(db, user.id, reservation->procedure.id, as_booking_form(values), now);
          return redirect("/procedures/" + std::to_string(reservation->procedure.id) + "?change=" + number);
        }
        if (step == "back") return edit_page(values, {}, 200);
        try {
          auto preview = services::preview_modification(db, user, *reservation, values, now);
          // 予約変更確認: every row, the changed ones marked.
          nlohmann::json rows = nlohmann::json::array();
          auto add = [&](const std::string& label, const std::string& before, const std::string& after) {
            rows.push_back({{"label", label}, {"value", after}, {"changed", before != after}});
          };
          std::string topics_after;
          nlohmann::json topics_selected = nlohmann::json::array();
          for (const auto& option : services::topic_options()) {
            if (std::find(preview.clean.topics.begin(), preview.clean.topics.end(), option.code) != preview.clean.topics.end()) {
              topics_after += (topics_after.empty() ? "" : "、") + option.label;
              topics_selected.push_back({{"code", option.code}});
            }
          }
          std::string topics_before;
          for (const auto& label : reservation->topic_labels) topics_before += (topics_before.empty() ? "" : "、") + label;
          std::string when_before = r["date_text"].get<std::string>() + " " + r["time_text"].get<std::string>() + " " +
                                    r["frame"].get<std::string>();
          std::string when_after = when_before;
          if (preview.new_slot) {
            when_after = domain::japanese_date(preview.new_slot->slot.date) + " " +
                         domain::japanese_time_range(preview.new_slot->slot.start_minute, preview.new_slot->slot.end_minute) +
                         " " + preview.new_slot->slot.frame;
          }
          add("手続き名", reservation->procedure.title, reservation->procedure.title);
          add("予約施設", reservation->slot.facility, preview.new_slot ? preview.new_slot->slot.facility : reservation->slot.facility);
          add("予約日時と予約対象", when_before, when_after);
          add("氏名", reservation->row.family_name + " " + reservation->row.given_name,
              preview.clean.family_name + " " + preview.clean.given_name);
          add("求職番号", reservation->row.job_seeker_number, preview.clean.job_seeker_number);
          add("連絡先電話番号", reservation->row.phone, preview.clean.phone);
          add("ご相談内容", topics_before, topics_after);
          add("ハローワーク職員用項目", reservation->row.staff_note, preview.clean.staff_note);
          nlohmann::json context = {{"page_title", "予約変更確認"},
                                    {"rows", rows},
                                    {"hold_id", preview.new_slot ? hold_id : ""},
                                    {"topics_selected", topics_selected},
                                    {"edit_url", base + "/edit"},
                                    {"submit_url", base + "/modify"},
                                    {"values", {{"family_name", preview.clean.family_name},
                                                {"given_name", preview.clean.given_name},
                                                {"job_seeker_number", preview.clean.job_seeker_number},
                                                {"phone", preview.clean.phone},
                                                {"staff_note", preview.clean.staff_note}}}};
          if (preview.new_slot) {
            context["new_slot"] = true;
            context["hold_expires_text"] = hold_expiry_text(preview.new_slot->expires_at);
          }
          return page(request, "reservation_edit_confirm", context);
        } catch (const services::ValidationError& e) {
          return edit_page(values, e.fields, 422);
        } catch (const services::HoldLapsedError& e) {
          new_hold.reset();
          values.hold_id.clear();
          return edit_page(values, {{"hold_id", e.what()}}, 409);
        }
      }
      // action == "modify": 「修正する」
      try {
        services::modify_reservation(db, user, number, values, config_.auth.base_url, now);
        store::delete_booking_draft(db, user.id, reservation->procedure.id);
        return done_page("予約内容を修正しました", "予約内容の修正が完了しました。変更内容を記載したメールを送信しました。");
      } catch (const services::ValidationError& e) {
        return edit_page(values, e.fields, 422);
      } catch (const services::HoldLapsedError& e) {
        new_hold.reset();
        values.hold_id.clear();
        return edit_page(values, {{"hold_id", e.what()}}, 409);
      } catch (const services::DeadlinePassedError&) {
        return redirect(base);
      }
    }

    // --- 取下げ ---
    if (action == "withdraw" || action == "withdrawal") {
      if (!reservation->can_withdraw) return redirect(base);
      auto withdraw_page = [&](const std::string& reason, const std::map<std::string, std::string>& errors, int status) {
        std::string normalised;
        for (std::size_t i = 0; i < reason.size(); ++i) {
          if (reason[i] == '\r' && i + 1 < reason.size() && reason[i + 1] == '\n') continue;
          normalised += reason[i];
        }
        return form_page(request, "reservation_withdraw", "取消事由入力",
                         {{"r", r},
                          {"detail_url", base},
                          {"form_url", base + "/withdraw"},
                          {"reason_count", std::to_string(domain::count_user_characters(normalised))},
                          {"values", {{"reason", reason}}}},
                         errors, {}, status);
      };
      if (get) return withdraw_page("", {}, 200);
      const std::string reason = form_field(form, "reason");
      if (action == "withdraw") {
        if (form_field(form, "action") == "back") return withdraw_page(reason, {}, 200);
        try {
          std::string clean = services::validate_withdrawal_reason(reason);
          return page(request, "reservation_withdraw_confirm",
                      {{"page_title", "予約取下げ確認"},
                       {"r", r},
                       {"values", {{"reason", clean}}},
                       {"form_url", base + "/withdraw"},
                       {"submit_url", base + "/withdrawal"}});
        } catch (const services::ValidationError& e) {
          return withdraw_page(reason, e.fields, 422);
        }
      }
      try {
        services::withdraw_reservation(db, user, number, reason, config_.auth.base_url, now);
        return done_page("予約を取下げました", "予約の取下げが完了しました。取下げの内容を記載したメールを送信しました。");
      } catch (const services::ValidationError& e) {
        return withdraw_page(reason, e.fields, 422);
      } catch (const services::DeadlinePassedError&) {
        return redirect(base);
      }
    }
    return not_found(request);
  };

  Response response;
  try {
    response = run();
  } catch (const services::NotFoundError&) {
    response = not_found(request);
  }
  response.route = route;
  return response;
}

}  // namespace yoyaku::web
