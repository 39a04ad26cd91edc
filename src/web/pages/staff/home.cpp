// The staff home (/staff): the offices the staff member serves. Each office's
// pages (schedule.cpp) are found by a query that only finds an office the
// staff member serves: staff of another office get 404.
#include "services/admin/audit_log.hpp"
#include "services/admin/notices.hpp"
#include "services/staff/offices.hpp"
#include "web/handlers.hpp"
#include "web/respond.hpp"
#include "web/views/staff_views.hpp"

namespace yoyaku::web::staff_pages {

Response home(RequestContext& ctx) {
  nlohmann::json offices = nlohmann::json::array();
  for (const auto& office : services::offices_served(ctx.db(), ctx.principal())) {
    auto view = office_view(office);
    if (ctx.principal().may(office.id, services::StaffRole::manage)) {
      view["settings_url"] = SiteLinks::staff_office_path(office.code) + "/settings";
    }
    offices.push_back(view);
  }
  return staff_page(ctx, "staff/home",
                    {{"page_title", "職員メニュー"},
                     {"offices", offices},
                     {"has_offices", !offices.empty()},
                     {"administrator", ctx.principal().administrator},
                     {"audit_log", services::may_view_audit_log(ctx.principal())},
                     // Administrators and office managers: お知らせ, 監査ログ (and 職員アカウント for administrators).
                     {"admin_menu", services::may_run_notices(ctx.principal())}});
}

}  // namespace yoyaku::web::staff_pages
