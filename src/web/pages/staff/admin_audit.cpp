// 監査ログ (/staff/admin/audit): the audit log, filtered and paged, for
// administrators and staff with 管理 at an office (that office's entries).
// Read-only: the page has no form that changes anything, and looking at it
// writes nothing.
#include "domain/text.hpp"
#include "services/admin/audit_log.hpp"
#include "web/handlers.hpp"
#include "web/respond.hpp"
#include "web/views/audit_views.hpp"

namespace yoyaku::web::staff_pages {
namespace {

const char* const filter_names[] = {"office", "staff", "number", "action", "from", "to"};

services::AuditLogQuery query_of(RequestContext& ctx) {
  return {ctx.query_or("office", ""), ctx.query_or("staff", ""), ctx.query_or("number", ""),
          ctx.query_or("action", ""), ctx.query_or("from", ""),  ctx.query_or("to", ""),
          ctx.query_or("before_id", "")};
}

// The page's own address with the filters (and optionally the page's position).
std::string audit_url(RequestContext& ctx, const std::string& before_id) {
  std::string url = "/staff/admin/audit";
  char separator = '?';
  for (const char* name : filter_names) {
    const std::string value = ctx.query_or(name, "");
    if (value.empty()) continue;
    url += separator + std::string(name) + "=" + domain::url_encode(value);
    separator = '&';
  }
  if (!before_id.empty()) url += separator + std::string("before_id=") + before_id;
  return url;
}

}  // namespace

Response audit_log(RequestContext& ctx) {
  const auto query = query_of(ctx);
  const auto choices = services::audit_log_choices(ctx.db(), ctx.principal());  // 404 unless allowed
  nlohmann::json offices = nlohmann::json::array();
  for (const auto& office : choices.offices) {
    offices.push_back({{"code", office.code}, {"name", office.name}, {"selected", office.code == query.office}});
  }
  nlohmann::json staff = nlohmann::json::array();  // not "staff": the layout's signed-in staff member
  for (const auto& member : choices.staff) {
    const std::string id = std::to_string(member.id);
    staff.push_back({{"id", id}, {"name", member.display_name}, {"selected", id == query.staff}});
  }
  nlohmann::json context = {
      {"offices", offices},
      {"staff_choices", staff},
      {"values", {{"number", query.number}, {"action", query.action}, {"from", query.from}, {"to", query.to}}},
      {"filtered", !query.office.empty() || !query.staff.empty() || !query.number.empty() || !query.action.empty() ||
                       !query.from.empty() || !query.to.empty()},
      {"paged", !query.before_id.empty()},
      {"first_url", audit_url(ctx, "")}};
  on_invalid_input(ctx, [&ctx, context](const FieldErrors& errors) {
    return staff_form_page(ctx, "staff/admin_audit", "監査ログ", context, errors);
  });
  const auto page = services::search_audit_log(ctx.db(), ctx.principal(), query);
  context["entries"] = audit_page_view(page)["items"];
  context["count"] = page.entries.size();
  context["more"] = page.more;
  if (page.next_before_id) context["next_url"] = audit_url(ctx, std::to_string(*page.next_before_id));
  return staff_form_page(ctx, "staff/admin_audit", "監査ログ", context);
}

}  // namespace yoyaku::web::staff_pages
