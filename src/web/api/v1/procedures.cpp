// JSON API for reserving, manual 1.1 STEP1–3: 手続き検索, the procedure, its
// booking calendar and a day's slots. No login needed.
#include <charconv>

#include "domain/dates.hpp"
#include "services/public/booking.hpp"
#include "web/handlers.hpp"
#include "web/respond.hpp"
#include "web/site.hpp"
#include "web/views/booking_views.hpp"
#include "web/views/form_views.hpp"

namespace yoyaku::web::api_v1 {
Response search_procedures(RequestContext& ctx) {
  auto page = ctx.site.catalog.search(procedure_query(ctx, "reception_start_asc"));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& hit : page.items) items.push_back(procedure_hit_view(hit));
  return json_response(200, {{"now", iso_time(ctx.now)},
                             {"total", page.total},
                             {"page", page.page},
                             {"per_page", page.per_page},
                             {"pages", page.pages},
                             {"items", items}});
}

Response procedure(RequestContext& ctx) {
  return json_response(200, procedure_details_view(services::procedure_details(ctx.db(), ctx.id_param("id"), ctx.now)));
}

Response procedure_calendar(RequestContext& ctx) {
  const std::int64_t id = ctx.id_param("id");
  auto from = domain::parse_iso_date(ctx.query_or("from", ""));
  if (!from) from = domain::jst_date_of(ctx.now);
  const int days = ctx.query_int("days").value_or(7);
  if (days < 1 || days > 100) {
    return json_error(400, "bad_request", "days は1から100までで指定してください。",
                      {{"days", "1から100までの数を指定してください。"}});
  }
  return json_text_response(
      200, calendar_json(id, *from, days, services::procedure_calendar(ctx.db(), id, *from, days, ctx.now)));
}

Response procedure_slots(RequestContext& ctx) {
  const std::int64_t id = ctx.id_param("id");
  auto date = domain::parse_iso_date(ctx.query_or("date", ""));
  if (!date) {
    return json_error(400, "bad_request", "date を YYYY-MM-DD で指定してください。",
                      {{"date", "YYYY-MM-DD の形式で指定してください。"}});
  }
  return json_text_response(200, slot_list_json(services::day_slots(ctx.db(), id, *date, ctx.now)));
}

}  // namespace yoyaku::web::api_v1
