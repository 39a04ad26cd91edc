// Changes staff make on a person's behalf (phone calls: leaflet ①, §6(4)
// 当日キャンセルは電話のみ), past the online deadline and on the day:
// 予約変更 (/staff/reservations/{number}/edit, the fields and optionally a new
// time of a chosen day) and 取下げ (/staff/reservations/{number}/withdraw),
// each with a reason that 処理履歴 keeps.
#include "domain/dates.hpp"
#include "services/staff/bookings.hpp"
#include "web/handlers.hpp"
#include "web/links.hpp"
#include "web/respond.hpp"
#include "web/views/booking_views.hpp"
#include "web/views/form_views.hpp"
#include "web/views/staff_views.hpp"

namespace yoyaku::web::staff_pages {
namespace {

std::string detail_path(RequestContext& ctx) { return SiteLinks::staff_reservation_path(ctx.param("number")); }

services::StaffReservation current(RequestContext& ctx) {
  return services::staff_reservation(ctx.db(), ctx.principal(), ctx.param("number"), ctx.client(), ctx.now);
}

// The free times of `date` as radio choices ("" keeps the current time).
nlohmann::json time_choices(RequestContext& ctx, domain::Date date, const std::string& chosen) {
  nlohmann::json choices = nlohmann::json::array();
  for (const auto& time : services::times_to_move_to(ctx.db(), ctx.principal(), ctx.param("number"), date, ctx.now)) {
    nlohmann::json view = slot_view(time);
    view["free"] = time.bookable();
    view["checked"] = time.id == chosen;
    choices.push_back(view);
  }
  return choices;
}

Response edit_page(RequestContext& ctx, const services::ReservationForm& values, const std::string& slot_id,
                   const std::string& reason, const FieldErrors& errors, int status) {
  auto reservation = current(ctx);
  nlohmann::json r = staff_reservation_view(reservation);
  if (!reservation.can_change) return redirect(detail_path(ctx));
  auto date = domain::parse_iso_date(ctx.query_or("date", ctx.field("date")));
  const domain::Date day = date ? *date : reservation.reservation.slot.date;
  nlohmann::json context = {{"r", r},
                            {"office", r["office"]},
                            {"office_nav", office_nav_view(reservation.reservation.office.code, "")},
                            {"date", domain::to_iso(day)},
                            {"date_text", domain::japanese_date(day)},
                            {"times", time_choices(ctx, day, slot_id)},
                            {"keep_time", slot_id.empty()},
                            {"topic_options", topic_options_view(values.topics)},
                            {"detail_url", detail_path(ctx)},
                            {"form_url", detail_path(ctx) + "/edit"},
                            {"values", form_values_view(values)}};
  context["values"]["reason"] = reason;
  return staff_form_page(ctx, "staff/reservation_edit", "予約変更（職員） " + reservation.reservation.row.number, context,
                         errors, status);
}

Response withdraw_page(RequestContext& ctx, const std::string& reason, const FieldErrors& errors, int status) {
  auto reservation = current(ctx);
  if (!reservation.can_change) return redirect(detail_path(ctx));
  return staff_form_page(ctx, "staff/reservation_withdraw", "予約の取下げ（職員） " + reservation.reservation.row.number,
                         {{"r", staff_reservation_view(reservation)},
                          {"office", office_view(reservation.reservation.office)},
                          {"office_nav", office_nav_view(reservation.reservation.office.code, "")},
                          {"detail_url", detail_path(ctx)},
                          {"form_url", detail_path(ctx) + "/withdraw"},
                          {"values", {{"reason", reason}}}},
                         errors, status);
}

}  // namespace

Response edit_form(RequestContext& ctx) {
  auto reservation = current(ctx);
  return edit_page(ctx, services::form_of(reservation.reservation.row), "", "", {}, 200);
}

Response edit(RequestContext& ctx) {
  services::StaffChange change;
  change.values = posted_reservation_form(ctx, "");
  change.slot_id = ctx.field("slot_id");
  change.reason = ctx.field("reason");
  ctx.recover = [&ctx, change](const services::ServiceError& e) -> std::optional<Response> {
    if (e.kind == services::ErrorKind::invalid_input) {
      return edit_page(ctx, change.values, change.slot_id, change.reason, e.fields, 422);
    }
    if (e.code == "slot_unavailable") {
      return edit_page(ctx, change.values, "", change.reason, {{"slot_id", e.what()}}, 409);
    }
    return std::nullopt;
  };
  services::staff_modify_reservation(ctx.db(), ctx.principal(), ctx.param("number"), change, ctx.links(), ctx.client(),
                                     ctx.now);
  return redirect(detail_path(ctx) + "?done=modified");
}

Response withdraw_form(RequestContext& ctx) { return withdraw_page(ctx, "", {}, 200); }

Response withdraw(RequestContext& ctx) {
  const std::string reason = ctx.field("reason");
  on_invalid_input(ctx, [&ctx, reason](const FieldErrors& errors) { return withdraw_page(ctx, reason, errors, 422); });
  services::staff_withdraw_reservation(ctx.db(), ctx.principal(), ctx.param("number"), reason, ctx.links(),
                                       ctx.client(), ctx.now);
  return redirect(detail_path(ctx) + "?done=withdrawn");
}

}  // namespace yoyaku::web::staff_pages
