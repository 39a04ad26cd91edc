// JSON API for staff: the offices they serve (an office of another is 404).
#include "services/staff/offices.hpp"
#include "web/handlers.hpp"
#include "web/respond.hpp"
#include "web/views/staff_views.hpp"

namespace yoyaku::web::api_v1 {

Response staff_offices(RequestContext& ctx) {
  nlohmann::json offices = nlohmann::json::array();
  for (const auto& office : services::offices_served(ctx.db(), ctx.principal())) offices.push_back(office_view(office));
  return json_response(200, {{"items", offices}});
}

Response staff_office(RequestContext& ctx) {
  return json_response(200, office_view(services::served_office(ctx.db(), ctx.principal(), ctx.param("office"),
                                                                ctx.client(), ctx.now)));
}

}  // namespace yoyaku::web::api_v1
