// The staff home (/staff): the offices the staff member serves. Each office's
// pages (schedule.cpp) are found by a query that only finds an office the
// staff member serves: staff of another office get 404.
#include "services/admin/notices.hpp"
#include "services/staff/offices.hpp"
#include "web/handlers.hpp"
#include "web/respond.hpp"
#include "web/views/staff_views.hpp"

namespace yoyaku::web::staff_pages {

Response home(RequestContext& ctx) {
  nlohmann::json offices = nlohmann::json::array();
  for (const auto& office : services::offices_served(ctx.db(), ctx.principal())) offices.push_back(office_view(office));
  return staff_page(ctx, "staff/home",
                    {{"page_title", "職員メニュー"},
                     {"offices", offices},
                     {"has_offices", !offices.empty()},
                     {"administrator", ctx.principal().administrator},
                     // Administrators and office managers: お知らせ (and 職員アカウント for administrators).
                     {"admin_menu", services::may_run_notices(ctx.principal())}});
}

}  // namespace yoyaku::web::staff_pages
