// JSON API: booking (「申込み」) and, after booking, 予約内容照会, 予約詳細,
// 修正, 取下げ and the .ics file — the signed-in job seeker's own only.
#include "domain/dates.hpp"
#include "services/public/booking_form.hpp"
#include "services/public/reservations.hpp"
#include "web/api/v1/body.hpp"
#include "web/api/v1/idempotent.hpp"
#include "web/handlers.hpp"
#include "web/respond.hpp"
#include "web/views/booking_views.hpp"
#include "web/views/reservation_views.hpp"

namespace yoyaku::web::api_v1 {
namespace {


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
  services::ReservationForm form = reservation_form(body, {});
  form.hold_id = text(body, "hold_id");
  form.agreed_to_terms = flag(body, "agreed_to_terms");
  if (auto shown = body.find("terms_version_id"); shown != body.end() && shown->is_number_integer()) {
    form.terms_version_id = shown->get<std::int64_t>();
  }
  auto done = services::confirm_reservation(ctx.db(), ctx.principal(), form, ctx.links(), ctx.client(), ctx.now,
                                           idempotency_key(ctx, body));
  return replayable(
      json_response(201, {{"number", done.number}, {"slot", slot_view(done.slot)}, {"status", "confirmed"}}),
      done.replayed);
}

Response reservation(RequestContext& ctx) { return full_view(ctx, ctx.param("number")); }

// 修正: omitted fields keep their value.
Response modify_reservation(RequestContext& ctx) {
  const std::string& number = ctx.param("number");
  auto body = ctx.json_body();
  auto current = services::reservation_detail(ctx.db(), ctx.principal(), number, ctx.now);
  services::ModifyForm change = reservation_form(body, services::form_of(current.row));
  change.hold_id = text(body, "hold_id");
  services::modify_reservation(ctx.db(), ctx.principal(), number, change, ctx.links(), ctx.client(), ctx.now);
  return full_view(ctx, number);
}

Response withdraw_reservation(RequestContext& ctx) {
  const std::string& number = ctx.param("number");
  auto body = ctx.json_body();
  services::withdraw_reservation(ctx.db(), ctx.principal(), number, text(body, "reason"), ctx.links(), ctx.client(),
                               ctx.now);
  return full_view(ctx, number);
}

Response reservation_ics(RequestContext& ctx) {
  const std::string& number = ctx.param("number");
  auto reservation = services::reservation_detail(ctx.db(), ctx.principal(), number, ctx.now);
  return attachment("text/calendar; charset=utf-8", number + ".ics",
                    services::reservation_ics(reservation, ctx.links(), ctx.now));
}

}  // namespace yoyaku::web::api_v1
