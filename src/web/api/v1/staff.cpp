// JSON API for staff (/api/v1/staff/): the offices they serve, an office's
// bookings by day or range, one booking, 代行入力, changes and withdrawals on
// the person's behalf, meeting details, attendance and online-booking
// refusal. A booking or office the caller does not serve is 404.
#include "domain/dates.hpp"
#include "services/staff/bookings.hpp"
#include "services/staff/offices.hpp"
#include "services/staff/schedule.hpp"
#include "web/api/v1/body.hpp"
#include "web/handlers.hpp"
#include "web/respond.hpp"
#include "web/views/reservations_csv.hpp"
#include "web/views/staff_views.hpp"

namespace yoyaku::web::api_v1 {
namespace {

domain::Date date_query(RequestContext& ctx, const char* name, domain::Date fallback) {
  auto text = ctx.query(name);
  if (!text) return fallback;
  auto date = domain::parse_iso_date(*text);
  if (!date) throw RequestError(400, "bad_request", std::string(name) + " must be a date YYYY-MM-DD");
  return *date;
}

Response staff_view(RequestContext& ctx, const std::string& number) {
  return json_response(
      200, staff_reservation_view(services::staff_reservation(ctx.db(), ctx.principal(), number, ctx.client(), ctx.now)));
}

}  // namespace

Response staff_offices(RequestContext& ctx) {
  nlohmann::json offices = nlohmann::json::array();
  for (const auto& office : services::offices_served(ctx.db(), ctx.principal())) offices.push_back(office_view(office));
  return json_response(200, {{"items", offices}});
}

Response staff_office(RequestContext& ctx) {
  return json_response(200, office_view(services::served_office(ctx.db(), ctx.principal(), ctx.param("office"),
                                                                ctx.client(), ctx.now)));
}

// ?date= (one day), ?from=&to= (at most 31 days), or ?q= (search).
Response staff_office_reservations(RequestContext& ctx) {
  const std::string& office = ctx.param("office");
  if (auto q = ctx.query("q")) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : services::search_office_bookings(ctx.db(), ctx.principal(), office, *q, ctx.client(), ctx.now)) {
      items.push_back(staff_booking_line(r));
    }
    return json_response(200, {{"items", items}});
  }
  const domain::Date today = domain::jst_date_of(ctx.now);
  const domain::Date from = date_query(ctx, ctx.query("date") ? "date" : "from", today);
  const domain::Date to = ctx.query("date") ? from : date_query(ctx, "to", from);
  return json_response(200, office_schedule_view(services::office_schedule(ctx.db(), ctx.principal(), office, from, to,
                                                                           ctx.client(), ctx.now)));
}

// ?from=YYYY-MM-DD&to=YYYY-MM-DD (at most 93 days): text/csv with a BOM, as the page's 「CSVダウンロード」.
Response staff_office_reservations_csv(RequestContext& ctx) { return office_reservations_csv_response(ctx); }

Response staff_accounts(RequestContext& ctx) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& a : services::find_job_seeker_accounts(ctx.db(), ctx.principal(), ctx.param("office"),
                                                          ctx.query_or("q", ""), ctx.client(), ctx.now)) {
    items.push_back({{"family_name", a.family_name}, {"given_name", a.given_name},
                     {"job_seeker_number", a.job_seeker_number}, {"phone", a.phone}, {"email", a.email}});
  }
  return json_response(200, {{"items", items}});
}

Response staff_reservation(RequestContext& ctx) { return staff_view(ctx, ctx.param("number")); }

Response staff_create_reservation(RequestContext& ctx) {
  auto body = ctx.json_body();
  services::OnBehalfBooking booking;
  booking.slot_id = text(body, "slot_id");
  booking.channel = text(body, "channel");
  booking.email = text(body, "email");
  booking.values = reservation_form(body, {});
  auto done = services::book_on_behalf(ctx.db(), ctx.principal(), booking, ctx.links(), ctx.client(), ctx.now);
  auto view = staff_reservation_view(services::staff_reservation(ctx.db(), ctx.principal(), done.number, ctx.client(), ctx.now));
  view["attached_to_account"] = done.attached_to_account;
  view["mailed"] = done.mailed;
  return json_response(201, view);
}

// 修正 on the person's behalf: omitted fields keep their value; "slot_id" moves it; "reason" is required.
Response staff_modify_reservation(RequestContext& ctx) {
  const std::string& number = ctx.param("number");
  auto body = ctx.json_body();
  auto current = services::staff_reservation(ctx.db(), ctx.principal(), number, ctx.client(), ctx.now);
  services::StaffChange change;
  change.values = reservation_form(body, services::form_of(current.reservation.row));
  change.slot_id = text(body, "slot_id");
  change.reason = text(body, "reason");
  services::staff_modify_reservation(ctx.db(), ctx.principal(), number, change, ctx.links(), ctx.client(), ctx.now);
  return staff_view(ctx, number);
}

Response staff_withdraw_reservation(RequestContext& ctx) {
  const std::string& number = ctx.param("number");
  auto body = ctx.json_body();
  services::staff_withdraw_reservation(ctx.db(), ctx.principal(), number, text(body, "reason"), ctx.links(),
                                       ctx.client(), ctx.now);
  return staff_view(ctx, number);
}

// {"meeting_id", "passcode", "join_url"?} or {"generate": true}.
Response staff_set_meeting(RequestContext& ctx) {
  const std::string& number = ctx.param("number");
  auto body = ctx.json_body();
  services::MeetingInput input;
  input.generate = flag(body, "generate");
  input.fields = {text(body, "meeting_id"), text(body, "passcode"), text(body, "join_url")};
  auto result = services::set_meeting(ctx.db(), ctx.principal(), number, input, ctx.links(), ctx.client(), ctx.now);
  auto view = staff_reservation_view(services::staff_reservation(ctx.db(), ctx.principal(), number, ctx.client(), ctx.now));
  view["mailed"] = result.mailed;
  return json_response(200, view);
}

Response staff_record_attendance(RequestContext& ctx) {
  const std::string& number = ctx.param("number");
  auto body = ctx.json_body();
  services::record_attendance(ctx.db(), ctx.principal(), number, text(body, "status"), text(body, "reason"),
                              ctx.client(), ctx.now);
  return staff_view(ctx, number);
}

// {"refused": true|false, "reason"}: staff set or lift the refusal for the booking's person at its office.
Response staff_decide_online_booking(RequestContext& ctx) {
  const std::string& number = ctx.param("number");
  auto body = ctx.json_body();
  auto refused = body.find("refused");
  if (refused == body.end() || !refused->is_boolean()) {
    throw RequestError(400, "bad_request", "refused must be true or false");
  }
  services::decide_online_booking(ctx.db(), ctx.principal(), number, refused->get<bool>(), text(body, "reason"),
                                  ctx.client(), ctx.now);
  return staff_view(ctx, number);
}

}  // namespace yoyaku::web::api_v1
