// JSON API for お知らせ and 利用規約 (/api/v1/admin/notices, /api/v1/admin/procedures/{id}/terms):
// administrators, and office managers for their offices; anyone else gets 404.
// Times are JST ISO 8601 as the API writes them ("2026-04-01T09:00:00+09:00").
#include "services/admin/notices.hpp"
#include "services/admin/terms.hpp"
#include "web/api/v1/body.hpp"
#include "web/handlers.hpp"
#include "web/respond.hpp"
#include "web/views/admin_views.hpp"

namespace yoyaku::web::api_v1 {
namespace {

// "2026-04-01T09:00", with optional ":00" seconds and "+09:00": the date and time typed in a form.
void read_time(const nlohmann::json& body, const char* name, std::string& date, std::string& time) {
  auto member = body.find(name);
  if (member == body.end()) return;
  if (member->is_null()) {
    date.clear();
    time.clear();
    return;
  }
  const std::string text = member->is_string() ? member->get<std::string>() : "";
  const std::string rest = text.size() >= 16 ? text.substr(16) : "";
  if (text.size() < 16 || text[10] != 'T' ||
      !(rest.empty() || rest == ":00" || rest == "+09:00" || rest == ":00+09:00")) {
    throw RequestError(400, "bad_request", std::string(name) + " must be a JST time like 2026-04-01T09:00:00+09:00");
  }
  date = text.substr(0, 10);
  time = text.substr(11, 5);
}

// {"office_code" ("" or null: everyone), "title", "body", "published_at", "published_until" (null: no end)}.
services::NoticeForm notice_form(const nlohmann::json& body, const services::NoticeForm& current) {
  services::NoticeForm form = current;
  if (auto code = body.find("office_code"); code != body.end() && code->is_null()) {
    form.office_code.clear();
  } else {
    form.office_code = text(body, "office_code", current.office_code);
  }
  form.title = text(body, "title", current.title);
  form.body = text(body, "body", current.body);
  read_time(body, "published_at", form.from_date, form.from_time);
  read_time(body, "published_until", form.until_date, form.until_time);
  return form;
}

Response notice_response(RequestContext& ctx, std::int64_t id, int status = 200) {
  return json_response(status, admin_notice_view(services::admin_notice(ctx.db(), ctx.principal(), id), ctx.now));
}

}  // namespace

Response admin_notices(RequestContext& ctx) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& record : services::list_admin_notices(ctx.db(), ctx.principal())) {
    items.push_back(admin_notice_view(record, ctx.now));
  }
  return json_response(200, {{"items", items}});
}

Response admin_create_notice(RequestContext& ctx) {
  auto id = services::create_notice(ctx.db(), ctx.principal(), notice_form(ctx.json_body(), {}), ctx.client(), ctx.now);
  return notice_response(ctx, id, 201);
}

Response admin_notice(RequestContext& ctx) { return notice_response(ctx, ctx.id_param("id")); }

Response admin_update_notice(RequestContext& ctx) {
  const std::int64_t id = ctx.id_param("id");
  auto current = services::notice_form_of(services::admin_notice(ctx.db(), ctx.principal(), id));
  services::update_notice(ctx.db(), ctx.principal(), id, notice_form(ctx.json_body(), current), ctx.client(), ctx.now);
  return notice_response(ctx, id);
}

Response admin_delete_notice(RequestContext& ctx) {
  services::delete_notice(ctx.db(), ctx.principal(), ctx.id_param("id"), ctx.client(), ctx.now);
  return no_content();
}

Response admin_procedure_terms(RequestContext& ctx) {
  return json_response(200, procedure_terms_view(services::procedure_terms(ctx.db(), ctx.principal(), ctx.id_param("id"))));
}

// {"text", "court", "terms_date", "issuer"}: 201 with the new version and the お知らせ posted.
Response admin_publish_terms(RequestContext& ctx) {
  auto body = ctx.json_body();
  domain::TermsInput input{text(body, "text"), text(body, "court"), text(body, "terms_date"), text(body, "issuer")};
  auto published = services::publish_terms(ctx.db(), ctx.principal(), ctx.id_param("id"), input, ctx.client(), ctx.now);
  return json_response(201, {{"version", terms_version_view(published.version, true)}, {"notice_id", published.notice_id}});
}

}  // namespace yoyaku::web::api_v1
