// JSON API for an office's managers: its procedures (手続き) and facilities
// (施設) — list, create, read, edit. Without the 管理 right at the office (or
// administrator): 404. Neither strands a booking, so there is no 409 here.
#include "services/admin/catalog_admin.hpp"
#include "services/admin/office_admin.hpp"
#include "web/api/v1/body.hpp"
#include "web/handlers.hpp"
#include "web/respond.hpp"
#include "web/views/catalog_views.hpp"

namespace yoyaku::web::api_v1 {
namespace {

// A member as the form's text: strings as they are, whole numbers in decimal,
// null as "" (受付終了 随時); absent: `fallback`.
std::string typed(const nlohmann::json& body, const char* name, const nlohmann::json& fallback) {
  auto found = body.find(name);
  const nlohmann::json& value = found == body.end() ? fallback : *found;
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<long long>());
  return "";
}

domain::ProcedureInput procedure_input(const nlohmann::json& body, const nlohmann::json& current) {
  domain::ProcedureInput in;
  auto field = [&](const char* name) { return typed(body, name, current.value(name, nlohmann::json(""))); };
  in.kind = field("kind");
  in.title = field("title");
  in.description = field("description");
  in.contact_name = field("contact_name");
  in.contact_phone = field("contact_phone");
  in.contact_fax = field("contact_fax");
  in.contact_email = field("contact_email");
  in.reception_start = field("reception_start");
  in.reception_end = field("reception_end");
  in.booking_opens_days_before = field("booking_opens_days_before");
  in.booking_closes_days_before = field("booking_closes_days_before");
  in.change_deadline_days_before = field("change_deadline_days_before");
  in.meeting_link_minutes_before = field("meeting_link_minutes_before");
  return in;
}

domain::FacilityInput facility_input(const nlohmann::json& body, const nlohmann::json& current) {
  auto field = [&](const char* name) { return typed(body, name, current.value(name, nlohmann::json(""))); };
  return {field("name"), field("address"), field("phone"), field("opening_hours"), field("map_url")};
}

nlohmann::json new_procedure_defaults() {
  store::Procedure defaults;  // the leaflet's window: 92 days ahead up to 2 days before
  auto view = admin_procedure_view(defaults);
  view["reception_start"] = "";
  view["kind"] = "";
  return view;
}

}  // namespace

Response admin_office_procedures(RequestContext& ctx) {
  auto managed = services::managed_office(ctx.db(), ctx.principal(), ctx.param("code"), ctx.now);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& p : managed.procedures) items.push_back(admin_procedure_view(p));
  return json_response(200, {{"items", items}});
}

Response admin_create_procedure(RequestContext& ctx) {
  auto id = services::create_procedure(ctx.db(), ctx.principal(), ctx.param("code"),
                                       procedure_input(ctx.json_body(), new_procedure_defaults()), ctx.client(),
                                       ctx.now);
  return json_response(201, admin_procedure_view(services::managed_procedure(ctx.db(), ctx.principal(), id).procedure));
}

Response admin_procedure(RequestContext& ctx) {
  return json_response(
      200, admin_procedure_view(services::managed_procedure(ctx.db(), ctx.principal(), ctx.id_param("id")).procedure));
}

Response admin_update_procedure(RequestContext& ctx) {
  const std::int64_t id = ctx.id_param("id");
  auto current = admin_procedure_view(services::managed_procedure(ctx.db(), ctx.principal(), id).procedure);
  services::update_procedure(ctx.db(), ctx.principal(), id, procedure_input(ctx.json_body(), current), ctx.client(),
                             ctx.now);
  return json_response(200, admin_procedure_view(services::managed_procedure(ctx.db(), ctx.principal(), id).procedure));
}

Response admin_office_facilities(RequestContext& ctx) {
  auto managed = services::managed_office(ctx.db(), ctx.principal(), ctx.param("code"), ctx.now);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& f : managed.facilities) items.push_back(admin_facility_view(f));
  return json_response(200, {{"items", items}});
}

Response admin_create_facility(RequestContext& ctx) {
  auto id = services::create_facility(ctx.db(), ctx.principal(), ctx.param("code"),
                                      facility_input(ctx.json_body(), nlohmann::json::object()), ctx.client(), ctx.now);
  return json_response(201, admin_facility_view(services::managed_facility(ctx.db(), ctx.principal(), id).facility));
}

Response admin_facility(RequestContext& ctx) {
  return json_response(
      200, admin_facility_view(services::managed_facility(ctx.db(), ctx.principal(), ctx.id_param("id")).facility));
}

Response admin_update_facility(RequestContext& ctx) {
  const std::int64_t id = ctx.id_param("id");
  auto current = admin_facility_view(services::managed_facility(ctx.db(), ctx.principal(), id).facility);
  services::update_facility(ctx.db(), ctx.principal(), id, facility_input(ctx.json_body(), current), ctx.client(),
                            ctx.now);
  return json_response(200, admin_facility_view(services::managed_facility(ctx.db(), ctx.principal(), id).facility));
}

}  // namespace yoyaku::web::api_v1
