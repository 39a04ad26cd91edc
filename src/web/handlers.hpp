#pragma once
// Every endpoint of the service, one function each, by audience and area.
// web/routes.cpp says which method and path reach which, and who may call it.
#include "web/context.hpp"

namespace yoyaku::web {

// pages/system/: health, metrics, static files, the demo mailbox.
namespace operations {
Response healthz(RequestContext& ctx);
Response metrics(RequestContext& ctx);
Response static_file(RequestContext& ctx);
Response demo_mailbox(RequestContext& ctx);
Response demo_mail(RequestContext& ctx);
}  // namespace operations

// pages/public/: the job seeker's side (manual 1.1–1.4, 2.1, and the menu).
namespace public_pages {
// home.cpp, info.cpp
Response home(RequestContext& ctx);
Response help(RequestContext& ctx);
Response faq(RequestContext& ctx);
Response notices(RequestContext& ctx);
Response color_scheme_form(RequestContext& ctx);
Response change_color_scheme(RequestContext& ctx);
// registration.cpp
Response registration_form(RequestContext& ctx);
Response register_user(RequestContext& ctx);
Response resend_form(RequestContext& ctx);
Response resend_verification(RequestContext& ctx);
Response email_link_form(RequestContext& ctx);
Response follow_email_link(RequestContext& ctx);
// sign_in.cpp
Response login_form(RequestContext& ctx);
Response log_in(RequestContext& ctx);
Response code_form(RequestContext& ctx);
Response submit_code(RequestContext& ctx);
Response logout_form(RequestContext& ctx);
Response log_out(RequestContext& ctx);
Response session_extend_form(RequestContext& ctx);
Response extend_session(RequestContext& ctx);
// password_reset.cpp
Response password_forgot_form(RequestContext& ctx);
Response request_password_reset(RequestContext& ctx);
Response password_reset_form(RequestContext& ctx);
Response reset_password(RequestContext& ctx);
// account.cpp (利用者情報)
Response account(RequestContext& ctx);
Response back_to_account(RequestContext& ctx);
Response update_profile(RequestContext& ctx);
Response change_email1(RequestContext& ctx);
Response change_email2(RequestContext& ctx);
Response change_password(RequestContext& ctx);
Response start_totp(RequestContext& ctx);
Response confirm_totp(RequestContext& ctx);
Response disable_totp(RequestContext& ctx);
// procedures.cpp: STEP1–3
Response procedure_search(RequestContext& ctx);
Response procedure_calendar(RequestContext& ctx);
Response day_times(RequestContext& ctx);
Response place_hold(RequestContext& ctx);
Response back_to_calendar(RequestContext& ctx);
// booking.cpp: STEP4–7
Response terms(RequestContext& ctx);
Response agree_to_terms(RequestContext& ctx);
Response booking_form(RequestContext& ctx);
Response review_booking(RequestContext& ctx);
Response autofill(RequestContext& ctx);
Response extend_hold(RequestContext& ctx);
Response submit_booking(RequestContext& ctx);
Response cancel_booking(RequestContext& ctx);
Response back_to_booking_form(RequestContext& ctx);
Response back_to_terms(RequestContext& ctx);
Response booking_complete(RequestContext& ctx);
// reservations.cpp, reservation_changes.cpp: manual 1.2–1.4
Response reservation_list(RequestContext& ctx);
Response reservation_detail(RequestContext& ctx);
Response reservation_ics(RequestContext& ctx);
Response reapply(RequestContext& ctx);
Response edit_form(RequestContext& ctx);
Response edit_step(RequestContext& ctx);
Response modify(RequestContext& ctx);
Response back_to_edit(RequestContext& ctx);
Response withdraw_form(RequestContext& ctx);
Response withdraw_step(RequestContext& ctx);
Response withdraw(RequestContext& ctx);
Response back_to_withdraw(RequestContext& ctx);
}  // namespace public_pages

// pages/staff/: the office's side.
namespace staff_pages {
Response login_form(RequestContext& ctx);
Response log_in(RequestContext& ctx);
Response code_form(RequestContext& ctx);
Response submit_code(RequestContext& ctx);
Response enrollment_form(RequestContext& ctx);
Response confirm_enrollment(RequestContext& ctx);
Response logout_form(RequestContext& ctx);
Response log_out(RequestContext& ctx);
Response home(RequestContext& ctx);
Response office(RequestContext& ctx);
}  // namespace staff_pages

// api/v1/: the JSON API (docs/api.md).
namespace api_v1 {
// sessions.cpp
Response create_session(RequestContext& ctx);
Response end_session(RequestContext& ctx);
Response me(RequestContext& ctx);
// procedures.cpp
Response search_procedures(RequestContext& ctx);
Response procedure(RequestContext& ctx);
Response procedure_calendar(RequestContext& ctx);
Response procedure_slots(RequestContext& ctx);
// holds.cpp
Response place_hold(RequestContext& ctx);
Response hold(RequestContext& ctx);
Response extend_hold(RequestContext& ctx);
Response cancel_hold(RequestContext& ctx);
// reservations.cpp
Response list_reservations(RequestContext& ctx);
Response create_reservation(RequestContext& ctx);
Response reservation(RequestContext& ctx);
Response modify_reservation(RequestContext& ctx);
Response withdraw_reservation(RequestContext& ctx);
Response reservation_ics(RequestContext& ctx);
// staff.cpp
Response staff_offices(RequestContext& ctx);
Response staff_office(RequestContext& ctx);
}  // namespace api_v1

}  // namespace yoyaku::web
