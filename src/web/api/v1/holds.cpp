// JSON API: 60-minute holds (仮押さえ) of the signed-in job seeker.
#include "services/public/booking.hpp"
#include "web/handlers.hpp"
#include "web/respond.hpp"
#include "web/views/booking_views.hpp"
#include "web/api/v1/body.hpp"
#include "web/api/v1/idempotent.hpp"

namespace yoyaku::web::api_v1 {

Response place_hold(RequestContext& ctx) {
  auto body = ctx.json_body();
  auto slot = body.find("slot_id");
  const std::string slot_id = slot != body.end() && slot->is_string() ? slot->get<std::string>() : "";
  auto placed = services::place_hold(ctx.db(), ctx.principal(), slot_id, ctx.now, idempotency_key(ctx, body));
  return replayable(json_response(201, hold_view(placed)), placed.replayed);
}

Response hold(RequestContext& ctx) {
  auto hold = services::live_hold(ctx.db(), ctx.principal(), ctx.param("id"), ctx.now);
  if (!hold) return json_error(404, "not_found", "仮予約が見つからないか、有効期限が切れています。");
  return json_response(200, hold_view(*hold));
}

Response extend_hold(RequestContext& ctx) {
  return json_response(200, hold_view(services::extend_hold(ctx.db(), ctx.principal(), ctx.param("id"), ctx.now)));
}

Response cancel_hold(RequestContext& ctx) {
  if (!services::cancel_hold(ctx.db(), ctx.principal(), ctx.param("id"), ctx.now)) {
    return json_error(404, "not_found", "仮予約が見つかりません。");
  }
  return no_content();
}

}  // namespace yoyaku::web::api_v1
