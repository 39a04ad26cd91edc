// JSON API: booking (「申込み」) and, after booking, 予約内容照会, 予約詳細,
// 修正, 取下げ and the .ics file — the signed-in job seeker's own only.
#include "domain/dates.hpp"
#include "services/public/booking_form.hpp"
#include "services/public/reservations.hpp"
#include "web/handlers.hpp"
#include "web/respond.hpp"
#include "web/views/booking_views.hpp"
#include "web/views/reservation_views.hpp"

namespace yoyaku::web::api_v1 {
namespace {


// A string member, or `fallback` when it is absent or not a string.
std::string text(const nlohmann::json& body, const char* name, const std::string& fallback = "") {
  auto found = body.find(name);
  return found != body.end() && found->is_string() ? found->get<std::string>() : fallback;
}

std::optional<std::vector<std::string>> topic_list(const nlohmann::json& body) {
  auto topics = body.find("topics");
  if (topics == body.end() || !topics->is_array()) return std::nullopt;
  std::vector<std::string> codes;
  for (const auto& t : *topics) {
    if (t.is_string()) codes.push_back(t.get<std::string>());
  }
  return codes;
}

Response full_view(RequestContext& ctx, const std::string& number) {
  return json_response(200, reservation_view(services::reservation_detail(ctx.db(), ctx.principal(), number, ctx.now),
                                             ReservationDetail::full));
}

}  // namespace

Response list_reservations(RequestContext& ctx) {
  services::ReservationSearch search;
  search.number = ctx.query_or("number", "");
  search.procedure_text = ctx.query_or("procedure", "");
  search.applied_on = domain::parse_iso_date(ctx.query_or("applied_on", ""));
  search.oldest_first = ctx.query("sort") == std::optional<std::string>("applied_at_asc");
  search.page = ctx.query_int("page").value_or(1);
  search.per_page = ctx.query_int("per_page").value_or(20);
  auto page = services::search_reservations(ctx.db(), ctx.principal(), search, ctx.now);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : page.items) items.push_back(reservation_view(r, ReservationDetail::summary));
  return json_response(200, {{"now", iso_time(ctx.now)}, {"total", page.total}, {"page", page.page},
                             {"per_page", page.per_page}, {"pages", page.pages}, {"items", items}});
}

Response create_reservation(RequestContext& ctx) {
  auto body = ctx.json_body();
  services::ReservationForm form;
  form.hold_id = text(body, "hold_id");
  auto agreed = body.find("agreed_to_terms");
  form.agreed_to_terms = agreed != body.end() && agreed->is_boolean() && agreed->get<bool>();
  form.family_name = text(body, "family_name");
  form.given_name = text(body, "given_name");
  form.job_seeker_number = text(body, "job_seeker_number");
  form.phone = text(body, "phone");
  form.staff_note = text(body, "staff_note");
  form.topics = topic_list(body).value_or(std::vector<std::string>{});
  auto done = services::confirm_reservation(ctx.db(), ctx.principal(), form, ctx.links(), ctx.now);
  return json_response(201, {{"number", done.number}, {"slot", slot_view(done.slot)}, {"status", "confirmed"}});
}

Response reservation(RequestContext& ctx) { return full_view(ctx, ctx.param("number")); }

// 修正: omitted fields keep their value.
Response modify_reservation(RequestContext& ctx) {
  const std::string& number = ctx.param("number");
  auto body = ctx.json_body();
  auto current = services::reservation_detail(ctx.db(), ctx.principal(), number, ctx.now);
  services::ModifyForm change;
  change.family_name = text(body, "family_name", current.row.family_name);
  change.given_name = text(body, "given_name", current.row.given_name);
  change.job_seeker_number = text(body, "job_seeker_number", current.row.job_seeker_number);
  change.phone = text(body, "phone", current.row.phone);
  change.staff_note = text(body, "staff_note", current.row.staff_note);
  change.hold_id = text(body, "hold_id");
  change.topics = topic_list(body).value_or(current.topics);
  services::modify_reservation(ctx.db(), ctx.principal(), number, change, ctx.links(), ctx.now);
  return full_view(ctx, number);
}

Response withdraw_reservation(RequestContext& ctx) {
  const std::string& number = ctx.param("number");
  auto body = ctx.json_body();
  services::withdraw_reservation(ctx.db(), ctx.principal(), number, text(body, "reason"), ctx.links(), ctx.now);
  return full_view(ctx, number);
}

Response reservation_ics(RequestContext& ctx) {
  const std::string& number = ctx.param("number");
  auto reservation = services::reservation_detail(ctx.db(), ctx.principal(), number, ctx.now);
  return attachment("text/calendar; charset=utf-8", number + ".ics",
                    services::reservation_ics(reservation, ctx.links(), ctx.now));
}

}  // namespace yoyaku::web::api_v1
