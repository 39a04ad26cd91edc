// JSON API for administrators (/api/v1/admin/): staff accounts — create,
// offices and rights, reset the authenticator app, disable. Anyone else: 404.
#include "services/admin/audit_log.hpp"
#include "services/admin/staff_accounts.hpp"
#include "web/api/v1/body.hpp"
#include "web/handlers.hpp"
#include "web/respond.hpp"
#include "web/views/audit_views.hpp"
#include "web/views/staff_views.hpp"

namespace yoyaku::web::api_v1 {
namespace {

// {"email", "password", "display_name", "administrator", "offices": [{"code", "role"}]}; `current` fills what is absent.
services::StaffAccountForm staff_form(const nlohmann::json& body, const services::StaffAccountForm& current) {
  services::StaffAccountForm form = current;
  form.email = text(body, "email", current.email);
  form.password = text(body, "password", current.password);
  form.display_name = text(body, "display_name", current.display_name);
  form.administrator = flag(body, "administrator", current.administrator);
  auto offices = body.find("offices");
  if (offices == body.end()) return form;
  if (!offices->is_array()) throw RequestError(400, "bad_request", "offices must be an array of {code, role}");
  form.offices.clear();
  for (const auto& office : *offices) {
    if (!office.is_object()) throw RequestError(400, "bad_request", "offices must be an array of {code, role}");
    auto role = staff_role_from(text(office, "role", "operate"));
    if (!role) throw RequestError(400, "bad_request", "role must be view, operate or manage");
    form.offices.emplace_back(text(office, "code"), *role);
  }
  return form;
}

Response account_response(RequestContext& ctx, std::int64_t id, int status = 200) {
  return json_response(status, staff_account_view(services::staff_account(ctx.db(), ctx.principal(), id)));
}

}  // namespace

Response admin_staff_list(RequestContext& ctx) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& account : services::list_staff_accounts(ctx.db(), ctx.principal())) {
    items.push_back(staff_account_view(account));
  }
  return json_response(200, {{"items", items}});
}

Response admin_create_staff(RequestContext& ctx) {
  auto id = services::create_staff_account(ctx.db(), ctx.principal(), staff_form(ctx.json_body(), {}), ctx.client(),
                                           ctx.now);
  return account_response(ctx, id, 201);
}

Response admin_staff(RequestContext& ctx) { return account_response(ctx, ctx.id_param("id")); }

Response admin_update_staff(RequestContext& ctx) {
  const std::int64_t id = ctx.id_param("id");
  auto current = services::staff_account(ctx.db(), ctx.principal(), id);
  services::StaffAccountForm values;
  values.display_name = current.display_name;
  values.administrator = current.administrator;
  for (const auto& a : current.offices) values.offices.emplace_back(a.office.code, a.role);
  services::update_staff_account(ctx.db(), ctx.principal(), id, staff_form(ctx.json_body(), values), ctx.client(),
                                 ctx.now);
  return account_response(ctx, id);
}

Response admin_reset_staff_totp(RequestContext& ctx) {
  const std::int64_t id = ctx.id_param("id");
  services::reset_staff_totp(ctx.db(), ctx.principal(), id, ctx.client(), ctx.now);
  return account_response(ctx, id);
}

// {"disabled": true|false}
Response admin_set_staff_disabled(RequestContext& ctx) {
  const std::int64_t id = ctx.id_param("id");
  auto body = ctx.json_body();
  auto disabled = body.find("disabled");
  if (disabled == body.end() || !disabled->is_boolean()) throw RequestError(400, "bad_request", "disabled must be true or false");
  services::set_staff_disabled(ctx.db(), ctx.principal(), id, disabled->get<bool>(), ctx.client(), ctx.now);
  return account_response(ctx, id);
}

// ?office=&staff=&number=&action=&from=&to=&before_id= — newest first, 50 at a time. Read-only.
Response admin_audit(RequestContext& ctx) {
  services::AuditLogQuery query{ctx.query_or("office", ""), ctx.query_or("staff", ""), ctx.query_or("number", ""),
                                ctx.query_or("action", ""), ctx.query_or("from", ""),  ctx.query_or("to", ""),
                                ctx.query_or("before_id", "")};
  return json_response(200, audit_page_view(services::search_audit_log(ctx.db(), ctx.principal(), query)));
}

}  // namespace yoyaku::web::api_v1
