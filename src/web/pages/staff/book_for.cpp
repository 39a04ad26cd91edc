// 代行入力 (/staff/offices/{office}/book?slot=…): staff book a free seat for
// someone who phoned or came to the counter (leaflet ①) — a registered job
// seeker found by 求職番号 or e-mail, or a caller without an account — with
// the same capacity rule and reservation numbers as online booking.
#include "services/staff/bookings.hpp"
#include "services/staff/offices.hpp"
#include "web/handlers.hpp"
#include "web/links.hpp"
#include "web/respond.hpp"
#include "web/views/booking_views.hpp"
#include "web/views/form_views.hpp"
#include "web/views/staff_views.hpp"

namespace yoyaku::web::staff_pages {
namespace {

struct Typed {
  services::ReservationForm values;
  std::string channel = "phone";
  std::string email;
};

Response book_page(RequestContext& ctx, const Typed& typed, const nlohmann::json& lookup, const FieldErrors& errors,
                   int status) {
  const std::string& code = ctx.param("office");
  const std::string slot_id = ctx.query_or("slot", ctx.field("slot_id"));
  auto office = services::served_office(ctx.db(), ctx.principal(), code, ctx.client(), ctx.now);
  nlohmann::json context = {{"office", office_view(office)},
                            {"office_nav", office_nav_view(code, "")},
                            {"office_url", SiteLinks::staff_office_path(code)},
                            {"form_url", SiteLinks::staff_office_path(code) + "/book"},
                            {"slot_id", slot_id},
                            {"lookup", lookup},
                            {"account_query", ctx.query_or("account", "")},
                            {"phone_channel", typed.channel != "counter"},
                            {"counter_channel", typed.channel == "counter"},
                            {"topic_options", topic_options_view(typed.values.topics)},
                            {"values", form_values_view(typed.values)}};
  context["values"]["email"] = typed.email;
  try {
    auto slot = services::slot_for_booking(ctx.db(), ctx.principal(), code, slot_id, ctx.now);
    context["slot"] = slot_view(slot);
    context["back_url"] = SiteLinks::staff_office_path(code) + "?date=" + domain::to_iso(slot.date);
  } catch (const services::ServiceError& e) {
    if (e.kind == services::ErrorKind::not_found) throw;
    context["slot_gone"] = e.what();  // taken meanwhile: say so, keep what was typed
    context["back_url"] = SiteLinks::staff_office_path(code);
  }
  return staff_form_page(ctx, "staff/book", "代行入力", context, errors, status);
}

}  // namespace

Response book_form(RequestContext& ctx) {
  Typed typed;
  nlohmann::json lookup = nullptr;
  if (auto query = ctx.query("account"); query && !query->empty()) {
    on_invalid_input(ctx, [&ctx](const FieldErrors& errors) { return book_page(ctx, {}, nullptr, errors, 422); });
    auto matches = services::find_job_seeker_accounts(ctx.db(), ctx.principal(), ctx.param("office"), *query,
                                                      ctx.client(), ctx.now);
    // One match fills the form (求職番号 and e-mail tie the booking to that account); several are listed.
    if (matches.size() == 1) {
      const auto& m = matches.front();
      typed.values.family_name = m.family_name;
      typed.values.given_name = m.given_name;
      typed.values.job_seeker_number = m.job_seeker_number;
      typed.values.phone = m.phone;
      typed.email = m.email;
    }
    nlohmann::json list = nlohmann::json::array();
    for (const auto& m : matches) {
      list.push_back({{"name", m.family_name + " " + m.given_name}, {"job_seeker_number", m.job_seeker_number},
                      {"email", m.email}});
    }
    lookup = {{"count", matches.size()}, {"one", matches.size() == 1}, {"none", matches.empty()},
              {"several", matches.size() > 1}, {"matches", list}};
  }
  return book_page(ctx, typed, lookup, {}, 200);
}

Response book(RequestContext& ctx) {
  Typed typed;
  typed.values = posted_reservation_form(ctx, "");
  typed.channel = ctx.field("channel");
  typed.email = ctx.field("email");
  ctx.recover = [&ctx, typed](const services::ServiceError& e) -> std::optional<Response> {
    if (e.kind == services::ErrorKind::invalid_input) return book_page(ctx, typed, nullptr, e.fields, 422);
    if (e.code == "slot_unavailable") return book_page(ctx, typed, nullptr, {{"slot_id", e.what()}}, 409);
    return std::nullopt;
  };
  services::OnBehalfBooking booking;
  booking.slot_id = ctx.field("slot_id");
  booking.channel = typed.channel;
  booking.email = typed.email;
  booking.values = typed.values;
  auto done = services::book_on_behalf(ctx.db(), ctx.principal(), booking, ctx.links(), ctx.client(), ctx.now);
  return redirect(SiteLinks::staff_reservation_path(done.number) + (done.mailed ? "?done=booked_mailed" : "?done=booked"));
}

}  // namespace yoyaku::web::staff_pages
