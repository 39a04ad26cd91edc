// JSON API for reserving (manual 1.1): procedures, calendar, slots, holds and
// reservations. Reading procedures needs no login; holds and reservations
// need a bearer token from POST /api/v1/sessions.
#include <algorithm>
#include <charconv>

#include "domain/dates.hpp"
#include "domain/text.hpp"
#include "services/booking.hpp"
#include "services/errors.hpp"
#include "services/reservations.hpp"
#include "store/store.hpp"
#include "web/app.hpp"
#include "web/page_helpers.hpp"

namespace yoyaku::web {
namespace {

int to_int(const std::optional<std::string>& text, int fallback) {
  if (!text) return fallback;
  int value = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  return (error == std::errc() && end == text->data() + text->size()) ? value : fallback;
}

nlohmann::json optional_time(const std::optional<std::int64_t>& at) {
  return at ? nlohmann::json(iso_time(*at)) : nlohmann::json(nullptr);
}

nlohmann::json slot_json(const services::SlotView& slot) {
  return {{"id", slot.id},
          {"facility", slot.facility},
          {"frame", slot.frame},
          {"date", domain::to_iso(slot.date)},
          {"start", domain::format_hh_mm(slot.start_minute)},
          {"end", domain::format_hh_mm(slot.end_minute)},
          {"capacity", slot.capacity},
          {"available", slot.available},
          {"status", slot.status}};
}

nlohmann::json hold_json(const services::HoldView& hold) {
  return {{"hold_id", hold.id}, {"expires_at", iso_time(hold.expires_at)}, {"slot", slot_json(hold.slot)},
          {"procedure_id", hold.procedure_id}};
}

Response method_not_allowed(const std::string& allow) {
  Response response = json_error(405, "method_not_allowed", "この操作は許可されていません。");
  response.set_header("Allow", allow);
  return response;
}

std::string string_field(const nlohmann::json& body, const char* name) {
  auto found = body.find(name);
  return found != body.end() && found->is_string() ? found->get<std::string>() : std::string();
}

nlohmann::json reservation_json(const services::ReservationView& r, bool full) {
  nlohmann::json json = {{"number", r.row.number},
                         {"procedure", {{"id", r.procedure.id}, {"title", r.procedure.title}}},
                         {"status", r.row.status},
                         {"status_text", r.status_text},
                         {"applied_at", iso_time(r.row.applied_at)},
                         {"slot", slot_json(r.slot)}};
  if (!full) return json;
  nlohmann::json topics = nlohmann::json::array();
  for (const auto& code : r.topic_labels) topics.push_back(code);
  nlohmann::json history = nlohmann::json::array();
  for (const auto& h : r.history) history.push_back({{"action", h.action}, {"action_text", h.action_text}, {"at", iso_time(h.at)}});
  json.update({{"family_name", r.row.family_name},
               {"given_name", r.row.given_name},
               {"job_seeker_number", r.row.job_seeker_number},
               {"phone", r.row.phone},
               {"topics", topics},
               {"staff_note", r.row.staff_note},
               {"withdrawal_reason", r.row.withdrawal_reason ? nlohmann::json(*r.row.withdrawal_reason) : nlohmann::json(nullptr)},
               {"change_deadline", iso_time(r.change_deadline)},
               {"can_modify", r.can_modify},
               {"can_withdraw", r.can_withdraw},
               {"history", history},
               {"office", {{"name", r.office.name}, {"phone", services::phone_for(r.office)}}}});
  nlohmann::json meeting = nullptr;
  if (r.row.meeting_id) {
    meeting = {{"opens_at", iso_time(r.meeting_link_opens_at)}, {"open", r.meeting_link_open}};
    if (r.meeting_link_open) {
      meeting["id"] = *r.row.meeting_id;
      meeting["passcode"] = r.row.meeting_passcode.value_or("");
      meeting["join_url"] = r.row.meeting_url.value_or("");
      meeting["display_name"] = r.row.job_seeker_number + " " + r.row.family_name + " " + r.row.given_name;
    }
  }
  json["meeting"] = meeting;
  return json;
}

}  // namespace

std::optional<Response> App::booking_api_route(Request& request) {
  auto parts = path_segments(request.path);  // api, v1, …
  if (parts.size() < 3 || parts[0] != "api" || parts[1] != "v1") return std::nullopt;
  const std::string& resource = parts[2];
  if (resource != "procedures" && resource != "holds" && resource != "reservations") return std::nullopt;
  const std::int64_t now = config_.clock();
  const bool get = request.method == "GET" || request.method == "HEAD";
  std::string route = "/api/v1/" + resource;
  auto respond = [&](Response response) {
    response.route = route;
    return std::optional<Response>(std::move(response));
  };

  try {
    if (resource == "procedures") {
      if (!get) return respond(method_not_allowed("GET"));
      if (parts.size() == 3) {
        services::ProcedureQuery query;
        query.text = request.query_param("q").value_or("");
        query.synonyms = request.query_param("synonyms") == std::optional<std::string>("1");
        query.pref_code = request.query_param("pref").value_or("");
        query.kind = request.query_param("kind").value_or("");
        query.oldest_first = request.query_param("sort") == std::optional<std::string>("reception_start_asc");
        query.page = to_int(request.query_param("page"), 1);
        query.per_page = to_int(request.query_param("per_page"), 10);
        auto page = catalog_.search(query);
        nlohmann::json items = nlohmann::json::array();
        for (const auto& hit : page.items) {
          items.push_back({{"id", hit.id},
                           {"office_code", hit.office_code},
                           {"title", hit.title},
                           {"kind", hit.kind},
                           {"reception_start", iso_time(hit.reception_start_at)},
                           {"reception_end", optional_time(hit.reception_end_at)}});
        }
        return respond(json_response(200, {{"now", iso_time(now)},
                                           {"total", page.total},
                                           {"page", page.page},
                                           {"per_page", page.per_page},
                                           {"pages", page.pages},
                                           {"items", items}}));
      }
      auto id = positive_id(parts[3]);
      if (!id) return respond(json_error(404, "not_found", "指定された手続きはありません。"));
      auto lease = pool_.acquire();
      if (parts.size() == 4) {
        route = "/api/v1/procedures/{id}";
        auto details = services::procedure_details(*lease, *id);
        auto [first, last] = services::booking_window(details.procedure, now);
        nlohmann::json facilities = nlohmann::json::array();
        for (const auto& f : details.facilities) {
          facilities.push_back({{"id", f.id}, {"name", f.name}, {"address", f.address}, {"phone", f.phone},
                                {"opening_hours", f.opening_hours}, {"map_url", f.map_url}});
        }
        const auto& p = details.procedure;
        return respond(json_response(
            200, {{"id", p.id},
                  {"title", p.title},
                  {"kind", p.kind},
                  {"office", {{"code", details.office.code}, {"name", details.office.name},
                              {"prefecture", details.office.pref_name}}},
                  {"description", p.description},
                  {"terms", p.terms},
                  {"contact", {{"name", p.contact_name}, {"phone", p.contact_phone}, {"fax", p.contact_fax},
                               {"email", p.contact_email}}},
                  {"reception_start", iso_time(p.reception_start_at)},
                  {"reception_end", optional_time(p.reception_end_at)},
                  {"booking_window", {{"from", domain::to_iso(first)}, {"to", domain::to_iso(last)}}},
                  {"facilities", facilities}}));
      }
      if (parts.size() == 5 && parts[4] == "calendar") {
        route = "/api/v1/procedures/{id}/calendar";
        auto from = domain::parse_iso_date(request.query_param("from").value_or(""));
        if (!from) from = domain::jst_date_of(now);
        int days = to_int(request.query_param("days"), 7);
        if (days < 1 || days > 100) {
          return respond(json_error(400, "bad_request", "days は1から100までで指定してください。",
                                    {{"days", "1から100までの数を指定してください。"}}));
        }
        auto rows = services::procedure_calendar(*lease, *id, *from, days, now);
        nlohmann::json facilities = nlohmann::json::array();
        for (const auto& row : rows) {
          nlohmann::json day_list = nlohmann::json::array();
          for (const auto& day : row.days) {
            day_list.push_back({{"date", domain::to_iso(day.date)},
                                {"status", std::string(services::day_status_code(day.status))}});
          }
          nlohmann::json frame = {{"id", row.frame.id}, {"name", row.frame.name}, {"days", day_list}};
          auto existing = std::find_if(facilities.begin(), facilities.end(),
                                       [&](const nlohmann::json& f) { return f["id"] == row.facility.id; });
          if (existing == facilities.end()) {
            facilities.push_back({{"id", row.facility.id}, {"name", row.facility.name}, {"frames", {frame}}});
          } else {
            (*existing)["frames"].push_back(frame);
          }
        }
        return respond(json_response(200, {{"procedure_id", *id}, {"from", domain::to_iso(*from)},
                                           {"days", days}, {"facilities", facilities}}));
      }
      if (parts.size() == 5 && parts[4] == "slots") {
        route = "/api/v1/procedures/{id}/slots";
        auto date = domain::parse_iso_date(request.query_param("date").value_or(""));
        if (!date) {
          return respond(json_error(400, "bad_request", "date を YYYY-MM-DD で指定してください。",
                                    {{"date", "YYYY-MM-DD の形式で指定してください。"}}));
        }
        nlohmann::json slots = nlohmann::json::array();
        for (const auto& slot : services::day_slots(*lease, *id, *date, now)) slots.push_back(slot_json(slot));
        return respond(json_response(200, slots));
      }
      return respond(json_error(404, "not_found", "指定されたAPIはありません。"));
    }

    // holds and reservations need a signed-in user
    auto signed_in = api_user(request);
    if (!signed_in) return respond(unauthorized());
    const store::User& user = signed_in->first;
    auto lease = pool_.acquire();
    nlohmann::json body = request.body.empty() ? nlohmann::json::object()
                                               : nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
      return respond(json_error(400, "bad_request", "JSON のオブジェクトを送信してください。"));
    }

    if (resource == "holds") {
      if (parts.size() == 3) {
        if (request.method != "POST") return respond(method_not_allowed("POST"));
        auto hold = services::place_hold(*lease, user.id, string_field(body, "slot_id"), now);
        return respond(json_response(201, hold_json(hold)));
      }
      route = "/api/v1/holds/{id}";
      const std::string& hold_id = parts[3];
      if (parts.size() == 5 && parts[4] == "extend") {
        route = "/api/v1/holds/{id}/extend";
        if (request.method != "POST") return respond(method_not_allowed("POST"));
        return respond(json_response(200, hold_json(services::extend_hold(*lease, user.id, hold_id, now))));
      }
      if (parts.size() == 4) {
        if (request.method == "DELETE") {
          if (!services::cancel_hold(*lease, user.id, hold_id, now)) {
            return respond(json_error(404, "not_found", "仮予約が見つかりません。"));
          }
          Response done;
          done.status = 204;
          done.set_header("Cache-Control", "no-store");
          return respond(done);
        }
        if (get) {
          auto hold = services::live_hold(*lease, user.id, hold_id, now);
          if (!hold) return respond(json_error(404, "not_found", "仮予約が見つからないか、有効期限が切れています。"));
          return respond(json_response(200, hold_json(*hold)));
        }
        return respond(method_not_allowed("GET, DELETE"));
      }
      return respond(json_error(404, "not_found", "指定されたAPIはありません。"));
    }

    // reservations
    if (parts.size() == 3 && get) {
      services::ReservationSearch search;
      search.number = request.query_param("number").value_or("");
      search.procedure_text = request.query_param("procedure").value_or("");
      search.applied_on = domain::parse_iso_date(request.query_param("applied_on").value_or(""));
      search.oldest_first = request.query_param("sort") == std::optional<std::string>("applied_at_asc");
      search.page = to_int(request.query_param("page"), 1);
      search.per_page = to_int(request.query_param("per_page"), 20);
      auto page = services::search_reservations(*lease, user.id, search, now);
      nlohmann::json items = nlohmann::json::array();
      for (const auto& r : page.items) items.push_back(reservation_json(r, false));
      return respond(json_response(200, {{"now", iso_time(now)}, {"total", page.total}, {"page", page.page},
                                         {"per_page", page.per_page}, {"pages", page.pages}, {"items", items}}));
    }
    if (parts.size() >= 4) {
      const std::string& number = parts[3];
      route = "/api/v1/reservations/{number}";
      auto reservation = services::own_reservation(*lease, user.id, number, now);
      // Someone else's number is simply not there.
      if (!reservation) return respond(json_error(404, "not_found", "指定された予約はありません。"));
      if (parts.size() == 4 && get) return respond(json_response(200, reservation_json(*reservation, true)));
      if (parts.size() == 5 && parts[4] == "calendar.ics" && get) {
        route = "/api/v1/reservations/{number}/calendar.ics";
        Response ics;
        ics.body = services::reservation_ics(*reservation, config_.auth.base_url, now);
        ics.set_header("Content-Type", "text/calendar; charset=utf-8");
        ics.set_header("Content-Disposition", "attachment; filename=\"" + number + ".ics\"");
        ics.set_header("Cache-Control", "no-store");
        return respond(ics);
      }
      if (parts.size() == 4 && request.method == "PATCH") {
        services::ModifyForm change;
        auto text = [&](const char* name, const std::string& current) {
          auto found = body.find(name);
          return found != body.end() && found->is_string() ? found->get<std::string>() : current;
        };
        change.family_name = text("family_name", reservation->row.family_name);
        change.given_name = text("given_name", reservation->row.given_name);
        change.job_seeker_number = text("job_seeker_number", reservation->row.job_seeker_number);
        change.phone = text("phone", reservation->row.phone);
        change.staff_note = text("staff_note", reservation->row.staff_note);
        change.hold_id = text("hold_id", "");
        if (auto topics = body.find("topics"); topics != body.end() && topics->is_array()) {
          for (const auto& t : *topics) {
            if (t.is_string()) change.topics.push_back(t.get<std::string>());
          }
        } else {
          change.topics = domain::split_list(reservation->row.topics);
        }
        try {
          services::modify_reservation(*lease, user, number, change, config_.auth.base_url, now);
        } catch (const services::DeadlinePassedError& e) {
          return respond(json_error(409, "deadline_passed", e.what()));
        } catch (const services::HoldLapsedError& e) {
          return respond(json_error(409, "hold_lapsed", e.what()));
        }
        auto updated = services::own_reservation(*lease, user.id, number, now);
        return respond(json_response(200, reservation_json(*updated, true)));
      }
      if (parts.size() == 5 && parts[4] == "withdrawal") {
        route = "/api/v1/reservations/{number}/withdrawal";
        if (request.method != "POST") return respond(method_not_allowed("POST"));
        try {
          services::withdraw_reservation(*lease, user, number, string_field(body, "reason"), config_.auth.base_url, now);
        } catch (const services::DeadlinePassedError& e) {
          return respond(json_error(409, "same_day", e.what()));
        }
        auto updated = services::own_reservation(*lease, user.id, number, now);
        return respond(json_response(200, reservation_json(*updated, true)));
      }
      return respond(method_not_allowed("GET, PATCH"));
    }
    if (parts.size() == 3) {
      if (request.method != "POST") return respond(method_not_allowed("GET, POST"));
      services::ReservationForm form;
      form.hold_id = string_field(body, "hold_id");
      form.agreed_to_terms = body.value("agreed_to_terms", nlohmann::json(false)).is_boolean() &&
                             body.value("agreed_to_terms", false);
      form.family_name = string_field(body, "family_name");
      form.given_name = string_field(body, "given_name");
      form.job_seeker_number = string_field(body, "job_seeker_number");
      form.phone = string_field(body, "phone");
      form.staff_note = string_field(body, "staff_note");
      if (auto topics = body.find("topics"); topics != body.end() && topics->is_array()) {
        for (const auto& t : *topics) {
          if (t.is_string()) form.topics.push_back(t.get<std::string>());
        }
      }
      try {
        auto done = services::confirm_reservation(*lease, user, form, config_.auth.base_url, now);
        return respond(json_response(201, {{"number", done.number}, {"slot", slot_json(done.slot)},
                                           {"status", "confirmed"}}));
      } catch (const services::HoldLapsedError& e) {
        return respond(json_error(409, "hold_lapsed", e.what()));
      }
    }
    return std::nullopt;
  } catch (const services::ValidationError& e) {
    return respond(json_error(422, "validation_failed", e.what(), e.fields));
  } catch (const services::ConflictError& e) {
    return respond(json_error(409, "slot_unavailable", e.what()));
  } catch (const services::NotFoundError& e) {
    return respond(json_error(404, "not_found", e.what()));
  }
}

}  // namespace yoyaku::web
