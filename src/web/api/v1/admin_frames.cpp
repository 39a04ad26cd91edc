// JSON API for an office's managers (/api/v1/admin/offices/{code}/frames,
// /api/v1/admin/frames/{id}): 予約枠 — list, create, read, edit. Without the
// 管理 right at the office (or administrator): 404. An edit that would strand
// confirmed bookings answers 409 {"error": "bookings_affected", "reservations"}
// until the body says "bookings": "keep" or "withdraw" (+ "withdrawal_reason").
#include "services/admin/frames.hpp"
#include "services/admin/office_admin.hpp"
#include "web/api/v1/body.hpp"
#include "web/handlers.hpp"
#include "web/respond.hpp"
#include "web/views/catalog_views.hpp"

namespace yoyaku::web::api_v1 {
namespace {

// A number member as the form's text ("" when absent or not a whole number).
std::string number_text(const nlohmann::json& body, const char* name, int fallback) {
  auto found = body.find(name);
  if (found == body.end()) return std::to_string(fallback);
  if (found->is_number_integer()) return std::to_string(found->get<long long>());
  if (found->is_string()) return found->get<std::string>();
  return "";
}

std::int64_t id_member(const nlohmann::json& body, const char* name, std::int64_t fallback) {
  auto found = body.find(name);
  if (found == body.end()) return fallback;
  if (!found->is_number_integer()) throw RequestError(400, "bad_request", std::string(name) + " must be an integer");
  return found->get<std::int64_t>();
}

// The frame's members; absent ones keep `current`'s values.
services::FrameForm frame_form(const nlohmann::json& body, const store::ReservationFrame& current) {
  services::FrameForm form;
  form.procedure_id = id_member(body, "procedure_id", current.procedure_id);
  form.facility_id = id_member(body, "facility_id", current.facility_id);
  form.input.name = text(body, "name", current.name);
  form.input.weekdays = current.weekdays;
  if (auto days = body.find("weekdays"); days != body.end()) {
    if (!days->is_array()) throw RequestError(400, "bad_request", "weekdays must be an array of 0 (Sunday) … 6");
    form.input.weekdays = 0;
    for (const auto& day : *days) {
      if (!day.is_number_integer() || day.get<std::int64_t>() < 0 || day.get<std::int64_t>() > 6) {
        throw RequestError(400, "bad_request", "weekdays must be an array of 0 (Sunday) … 6");
      }
      form.input.weekdays |= 1 << day.get<int>();
    }
  }
  form.input.first_start = text(body, "first_start", domain::format_hh_mm(current.first_start_minute));
  form.input.last_start = text(body, "last_start", domain::format_hh_mm(current.last_start_minute));
  form.input.interval_minutes = number_text(body, "interval_minutes", current.interval_minutes);
  form.input.slot_minutes = number_text(body, "slot_minutes", current.slot_minutes);
  form.input.seats = number_text(body, "seats", current.seats);
  form.bookings.kind = services::affected_choice_from(text(body, "bookings"));
  form.bookings.reason = text(body, "withdrawal_reason");
  return form;
}

}  // namespace

Response admin_office_frames(RequestContext& ctx) {
  auto managed = services::managed_office(ctx.db(), ctx.principal(), ctx.param("code"), ctx.now);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& f : managed.frames) {
    auto view = frame_view(f.frame);
    view["procedure_title"] = f.procedure_title;
    view["facility_name"] = f.facility_name;
    items.push_back(view);
  }
  return json_response(200, {{"items", items}});
}

Response admin_create_frame(RequestContext& ctx) {
  store::ReservationFrame blank;
  blank.name = "";
  auto id = services::create_frame(ctx.db(), ctx.principal(), ctx.param("code"), frame_form(ctx.json_body(), blank),
                                   ctx.client(), ctx.now);
  return json_response(201, frame_view(services::managed_frame(ctx.db(), ctx.principal(), id).frame));
}

Response admin_frame(RequestContext& ctx) {
  return json_response(200, frame_view(services::managed_frame(ctx.db(), ctx.principal(), ctx.id_param("id")).frame));
}

Response admin_update_frame(RequestContext& ctx) {
  const std::int64_t id = ctx.id_param("id");
  auto current = services::managed_frame(ctx.db(), ctx.principal(), id);
  auto outcome = services::update_frame(ctx.db(), ctx.principal(), id, frame_form(ctx.json_body(), current.frame),
                                        ctx.links(), ctx.client(), ctx.now);
  if (!outcome.applied) {
    return json_response(409, {{"error", "bookings_affected"},
                               {"message", "この変更で予約が影響を受けます。予約を残すか取り下げるかを選択してください。"},
                               {"reservations", affected_view(outcome.affected)}});
  }
  auto view = frame_view(services::managed_frame(ctx.db(), ctx.principal(), id).frame);
  view["affected"] = affected_view(outcome.affected);
  view["withdrawn"] = outcome.withdrawn;
  return json_response(200, view);
}

}  // namespace yoyaku::web::api_v1
