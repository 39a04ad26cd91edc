// /api/v1/admin/offices/{code}: an office's contact data and closures, for
// its staff with the 管理 right and administrators (404 for anyone else).
#include "services/admin/office_admin.hpp"
#include "web/api/v1/body.hpp"
#include "web/handlers.hpp"
#include "web/respond.hpp"
#include "web/views/office_views.hpp"

namespace yoyaku::web::api_v1 {
namespace {

Response office_response(RequestContext& ctx, int status = 200) {
  return json_response(status,
                       managed_office_view(services::managed_office(ctx.db(), ctx.principal(), ctx.param("office"), ctx.now)));
}

// An optional positive id member ("frame_id", "facility_id"); 400 when present but not one.
std::optional<std::int64_t> optional_id(const nlohmann::json& body, const char* name) {
  auto member = body.find(name);
  if (member == body.end() || member->is_null()) return std::nullopt;
  if (!member->is_number_integer() || member->get<std::int64_t>() <= 0) {
    throw RequestError(400, "bad_request", std::string(name) + " must be a positive integer");
  }
  return member->get<std::int64_t>();
}

}  // namespace

Response admin_office(RequestContext& ctx) { return office_response(ctx); }

// Any of {"postal_code", "address", "phone", "consultation_phone", "fax", "opening_hours", "map_url"};
// absent members keep their value, "" clears one.
Response admin_update_office(RequestContext& ctx) {
  auto body = ctx.json_body();
  auto current = services::managed_office(ctx.db(), ctx.principal(), ctx.param("office"), ctx.now).office;
  domain::OfficeContact contact = current;
  contact.postal_code = text(body, "postal_code", contact.postal_code);
  contact.address = text(body, "address", contact.address);
  contact.phone = text(body, "phone", contact.phone);
  contact.consultation_phone = text(body, "consultation_phone", contact.consultation_phone);
  contact.fax = text(body, "fax", contact.fax);
  contact.opening_hours = text(body, "opening_hours", contact.opening_hours);
  contact.map_url = text(body, "map_url", contact.map_url);
  services::update_office_contact(ctx.db(), ctx.principal(), ctx.param("office"), contact, ctx.client(), ctx.now);
  return office_response(ctx);
}

// {"from", "to"?, "reason", "facility_id"?, "frame_id"?, "bookings"?: "keep"|"withdraw", "withdrawal_reason"?}.
// 409 bookings_affected with the list when bookings fall on the days and "bookings" is absent.
Response admin_add_closure(RequestContext& ctx) {
  auto body = ctx.json_body();
  services::ClosureForm form;
  form.from = text(body, "from");
  form.to = text(body, "to");
  form.reason = text(body, "reason");
  form.facility_id = optional_id(body, "facility_id");
  form.frame_id = optional_id(body, "frame_id");
  const std::string choice = text(body, "bookings");
  form.bookings.kind = services::affected_choice_from(choice);
  if (!choice.empty() && form.bookings.kind == services::AffectedBookingsChoice::Kind::undecided) {
    throw RequestError(400, "bad_request", "bookings must be keep or withdraw");
  }
  form.bookings.reason = text(body, "withdrawal_reason");
  auto outcome = services::add_closure(ctx.db(), ctx.principal(), ctx.param("office"), form, ctx.links(),
                                       ctx.client(), ctx.now);
  if (!outcome.applied) {
    return json_response(409, {{"error", "bookings_affected"},
                               {"message", "この期間には予約があります。bookings に keep か withdraw を指定してください。"},
                               {"reservations", affected_bookings_view(outcome.affected)}});
  }
  auto view = managed_office_view(services::managed_office(ctx.db(), ctx.principal(), ctx.param("office"), ctx.now));
  view["affected"] = affected_bookings_view(outcome.affected);
  view["withdrawn"] = outcome.withdrawn;
  view["closure_id"] = outcome.id;
  return json_response(201, view);
}

Response admin_remove_closure(RequestContext& ctx) {
  services::remove_closure(ctx.db(), ctx.principal(), ctx.param("office"), ctx.id_param("id"), ctx.client(), ctx.now);
  return no_content();
}

}  // namespace yoyaku::web::api_v1
