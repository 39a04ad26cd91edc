// The route table: every route of the service — method, path pattern,
// who may call it, and the one function that answers. The pattern is also
// the route's label in /metrics. The first pattern that fits a path wins;
// a fitting path with another method gets 405 with Allow, anything else 404.
// GET routes answer HEAD too. Page POSTs carry a CSRF token (checked before
// the handler); the JSON API uses bearer tokens instead.
#include "web/routes.hpp"

#include "web/handlers.hpp"

namespace yoyaku::web {

const std::vector<Route>& route_table() {
  using A = Access;
  namespace ops = operations;
  namespace pub = public_pages;
  namespace staff = staff_pages;
  namespace api = api_v1;
  static const std::vector<Route> routes = {
      // --- operations ---
      {"GET", "/healthz", A::open, ops::healthz},
      {"GET", "/metrics", A::open, ops::metrics},
      {"GET", "/static/{path*}", A::open, ops::static_file},
      {"GET", "/demo/mailbox", A::open, ops::demo_mailbox, true},
      {"GET", "/demo/mailbox/{id}", A::open, ops::demo_mail, true},

      // --- job seekers: the menu ---
      {"GET", "/", A::anyone, pub::home},
      {"GET", "/help", A::anyone, pub::help},
      {"GET", "/faq", A::anyone, pub::faq},
      {"GET", "/notices", A::anyone, pub::notices},
      {"GET", "/color-scheme", A::anyone, pub::color_scheme_form},
      {"POST", "/color-scheme", A::anyone, pub::change_color_scheme},
      {"POST", "/language", A::anyone, pub::change_language},

      // --- job seekers: 利用者登録, ログイン, パスワード ---
      {"GET", "/register", A::anyone, pub::registration_form},
      {"POST", "/register", A::anyone, pub::register_user},
      {"GET", "/register/resend", A::anyone, pub::resend_form},
      {"POST", "/register/resend", A::anyone, pub::resend_verification},
      {"GET", "/verify-email", A::anyone, pub::email_link_form},
      {"POST", "/verify-email", A::anyone, pub::follow_email_link},
      {"GET", "/login", A::anyone, pub::login_form},
      {"POST", "/login", A::anyone, pub::log_in},
      {"GET", "/login/otp", A::anyone, pub::code_form},
      {"POST", "/login/otp", A::anyone, pub::submit_code},
      {"GET", "/logout", A::anyone, pub::logout_form},
      {"POST", "/logout", A::anyone, pub::log_out},
      {"GET", "/session/extend", A::anyone, pub::session_extend_form},
      {"POST", "/session/extend", A::anyone, pub::extend_session},
      {"GET", "/password/forgot", A::anyone, pub::password_forgot_form},
      {"POST", "/password/forgot", A::anyone, pub::request_password_reset},
      {"GET", "/password/reset", A::anyone, pub::password_reset_form},
      {"POST", "/password/reset", A::anyone, pub::reset_password},

      // --- job seekers: 利用者情報 ---
      {"GET", "/account", A::job_seeker, pub::account},
      {"GET", "/account/profile", A::job_seeker, pub::back_to_account},
      {"POST", "/account/profile", A::job_seeker, pub::update_profile},
      {"GET", "/account/email1", A::job_seeker, pub::back_to_account},
      {"POST", "/account/email1", A::job_seeker, pub::change_email1},
      {"GET", "/account/email2", A::job_seeker, pub::back_to_account},
      {"POST", "/account/email2", A::job_seeker, pub::change_email2},
      {"GET", "/account/password", A::job_seeker, pub::back_to_account},
      {"POST", "/account/password", A::job_seeker, pub::change_password},
      {"GET", "/account/2fa", A::job_seeker, pub::back_to_account},
      {"POST", "/account/2fa", A::job_seeker, pub::start_totp},
      {"GET", "/account/2fa/confirm", A::job_seeker, pub::back_to_account},
      {"POST", "/account/2fa/confirm", A::job_seeker, pub::confirm_totp},
      {"GET", "/account/2fa/disable", A::job_seeker, pub::back_to_account},
      {"POST", "/account/2fa/disable", A::job_seeker, pub::disable_totp},

      // --- job seekers: reserving, manual 1.1 STEP1–3 (no login needed to look) ---
      {"GET", "/procedures", A::anyone, pub::procedure_search},
      {"GET", "/procedures/{id}", A::anyone, pub::procedure_calendar},
      {"GET", "/procedures/{id}/days/{date}", A::anyone, pub::day_times},
      {"GET", "/procedures/{id}/hold", A::anyone, pub::back_to_calendar},
      {"POST", "/procedures/{id}/hold", A::anyone, pub::place_hold},  // asks for a login itself

      // --- job seekers: reserving, STEP4–7 ---
      {"GET", "/bookings/complete", A::job_seeker, pub::booking_complete},
      {"GET", "/bookings/{hold}/terms", A::job_seeker, pub::terms},
      {"POST", "/bookings/{hold}/terms", A::job_seeker, pub::agree_to_terms},
      {"GET", "/bookings/{hold}/form", A::job_seeker, pub::booking_form},
      {"POST", "/bookings/{hold}/form", A::job_seeker, pub::review_booking},
      {"GET", "/bookings/{hold}/autofill", A::job_seeker, pub::back_to_booking_form},
      {"POST", "/bookings/{hold}/autofill", A::job_seeker, pub::autofill},
      {"GET", "/bookings/{hold}/extend", A::job_seeker, pub::back_to_booking_form},
      {"POST", "/bookings/{hold}/extend", A::job_seeker, pub::extend_hold},
      {"GET", "/bookings/{hold}/submit", A::job_seeker, pub::back_to_booking_form},
      {"POST", "/bookings/{hold}/submit", A::job_seeker, pub::submit_booking},
      {"GET", "/bookings/{hold}/cancel", A::job_seeker, pub::back_to_terms},
      {"POST", "/bookings/{hold}/cancel", A::job_seeker, pub::cancel_booking},

      // --- job seekers: after booking, manual 1.2–1.4, 2.1 ---
      {"GET", "/reservations", A::job_seeker, pub::reservation_list},
      {"GET", "/reservations/{number}", A::job_seeker, pub::reservation_detail},
      {"GET", "/reservations/{number}/calendar.ics", A::job_seeker, pub::reservation_ics},
      {"GET", "/reservations/{number}/reapply", A::job_seeker, pub::reservation_detail},  // a bookmark: the detail
      {"POST", "/reservations/{number}/reapply", A::job_seeker, pub::reapply},  // writes a draft: a form with CSRF
      {"GET", "/reservations/{number}/edit", A::job_seeker, pub::edit_form},
      {"POST", "/reservations/{number}/edit", A::job_seeker, pub::edit_step},
      {"GET", "/reservations/{number}/modify", A::job_seeker, pub::back_to_edit},
      {"POST", "/reservations/{number}/modify", A::job_seeker, pub::modify},
      {"GET", "/reservations/{number}/withdraw", A::job_seeker, pub::withdraw_form},
      {"POST", "/reservations/{number}/withdraw", A::job_seeker, pub::withdraw_step},
      {"GET", "/reservations/{number}/withdrawal", A::job_seeker, pub::back_to_withdraw},
      {"POST", "/reservations/{number}/withdrawal", A::job_seeker, pub::withdraw},

      // --- staff: sign-in (password and always a TOTP code) ---
      {"GET", "/staff/login", A::anyone, staff::login_form},
      {"POST", "/staff/login", A::anyone, staff::log_in},
      {"GET", "/staff/login/otp", A::anyone, staff::code_form},
      {"POST", "/staff/login/otp", A::anyone, staff::submit_code},
      {"GET", "/staff/login/totp-setup", A::anyone, staff::enrollment_form},
      {"POST", "/staff/login/totp-setup", A::anyone, staff::confirm_enrollment},
      {"GET", "/staff/logout", A::anyone, staff::logout_form},
      {"POST", "/staff/logout", A::anyone, staff::log_out},
      // --- staff: their offices, the day and the week, 代行入力 ---
      {"GET", "/staff", A::staff, staff::home},
      {"GET", "/staff/offices/{office}", A::office_staff, staff::office},
      {"GET", "/staff/offices/{office}/week", A::office_staff, staff::office_week},
      {"GET", "/staff/offices/{office}/search", A::office_staff, staff::office_search},
      {"GET", "/staff/offices/{office}/reservations.csv", A::office_staff, staff::office_reservations_csv},
      {"GET", "/staff/offices/{office}/book", A::office_staff, staff::book_form},
      {"POST", "/staff/offices/{office}/book", A::office_staff, staff::book},
      // --- staff: 安定所の設定 (the 管理 right; 404 otherwise) ---
      {"GET", "/staff/offices/{office}/settings", A::office_staff, staff::office_settings},
      {"POST", "/staff/offices/{office}/settings/contact", A::office_staff, staff::update_office_contact},
      {"POST", "/staff/offices/{office}/settings/closures", A::office_staff, staff::add_office_closure},
      {"POST", "/staff/offices/{office}/settings/closures/{id}/delete", A::office_staff, staff::remove_office_closure},
      // --- staff: one booking (404 unless the staff member serves its office) ---
      {"GET", "/staff/reservations/{number}", A::staff, staff::reservation},
      {"POST", "/staff/reservations/{number}/meeting", A::staff, staff::set_meeting},
      {"POST", "/staff/reservations/{number}/attendance", A::staff, staff::record_attendance},
      {"POST", "/staff/reservations/{number}/online-booking", A::staff, staff::decide_online_booking},
      {"GET", "/staff/reservations/{number}/edit", A::staff, staff::edit_form},
      {"POST", "/staff/reservations/{number}/edit", A::staff, staff::edit},
      {"GET", "/staff/reservations/{number}/withdraw", A::staff, staff::withdraw_form},
      {"POST", "/staff/reservations/{number}/withdraw", A::staff, staff::withdraw},
      // --- staff: an office's managers (管理; 404 for anyone else) ---
      {"GET", "/staff/offices/{office}/admin/frames", A::staff, staff::office_frames},
      {"POST", "/staff/offices/{office}/admin/frames", A::staff, staff::create_frame},
      {"GET", "/staff/offices/{office}/admin/frames/new", A::staff, staff::new_frame},
      {"GET", "/staff/offices/{office}/admin/frames/{id}", A::staff, staff::frame},
      {"POST", "/staff/offices/{office}/admin/frames/{id}", A::staff, staff::update_frame},
      {"POST", "/staff/offices/{office}/admin/procedures", A::staff, staff::create_procedure},
      {"GET", "/staff/offices/{office}/admin/procedures/new", A::staff, staff::new_procedure},
      {"GET", "/staff/offices/{office}/admin/procedures/{id}", A::staff, staff::procedure},
      {"POST", "/staff/offices/{office}/admin/procedures/{id}", A::staff, staff::update_procedure},
      {"POST", "/staff/offices/{office}/admin/facilities", A::staff, staff::create_facility},
      {"GET", "/staff/offices/{office}/admin/facilities/new", A::staff, staff::new_facility},
      {"GET", "/staff/offices/{office}/admin/facilities/{id}", A::staff, staff::facility},
      {"POST", "/staff/offices/{office}/admin/facilities/{id}", A::staff, staff::update_facility},
      // --- staff: administrators ---
      {"GET", "/staff/admin/staff", A::administrator, staff::staff_accounts},
      {"POST", "/staff/admin/staff", A::administrator, staff::create_staff_account},
      {"GET", "/staff/admin/staff/new", A::administrator, staff::new_staff_account},
      {"GET", "/staff/admin/staff/{id}", A::administrator, staff::staff_account},
      {"POST", "/staff/admin/staff/{id}", A::administrator, staff::update_staff_account},
      {"POST", "/staff/admin/staff/{id}/totp-reset", A::administrator, staff::reset_staff_totp},
      {"POST", "/staff/admin/staff/{id}/disabled", A::administrator, staff::set_staff_disabled},
      // --- staff: the audit log (administrators, and 管理 at an office: that office's entries; others 404) ---
      {"GET", "/staff/admin/audit", A::staff, staff::audit_log},
      // --- staff: managers of an office and administrators (checked in the query: others get 404) ---
      {"GET", "/staff/admin/notices", A::staff, staff::admin_notices},
      {"POST", "/staff/admin/notices", A::staff, staff::create_admin_notice},
      {"GET", "/staff/admin/notices/new", A::staff, staff::new_admin_notice},
      {"GET", "/staff/admin/notices/{id}", A::staff, staff::admin_notice},
      {"POST", "/staff/admin/notices/{id}", A::staff, staff::update_admin_notice},
      {"POST", "/staff/admin/notices/{id}/delete", A::staff, staff::delete_admin_notice},
      {"GET", "/staff/admin/procedures/{id}/terms", A::staff, staff::procedure_terms},
      {"POST", "/staff/admin/procedures/{id}/terms", A::staff, staff::publish_terms},

      // --- JSON API: sessions ---
      {"POST", "/api/v1/sessions", A::anyone, api::create_session},
      {"DELETE", "/api/v1/sessions/current", A::signed_in, api::end_session},
      {"GET", "/api/v1/me", A::signed_in, api::me},
      // --- JSON API: reserving ---
      {"GET", "/api/v1/procedures", A::anyone, api::search_procedures},
      {"GET", "/api/v1/procedures/{id}", A::anyone, api::procedure},
      {"GET", "/api/v1/procedures/{id}/calendar", A::anyone, api::procedure_calendar},
      {"GET", "/api/v1/procedures/{id}/slots", A::anyone, api::procedure_slots},
      {"POST", "/api/v1/holds", A::job_seeker, api::place_hold},
      {"GET", "/api/v1/holds/{id}", A::job_seeker, api::hold},
      {"DELETE", "/api/v1/holds/{id}", A::job_seeker, api::cancel_hold},
      {"POST", "/api/v1/holds/{id}/extend", A::job_seeker, api::extend_hold},
      {"GET", "/api/v1/reservations", A::job_seeker, api::list_reservations},
      {"POST", "/api/v1/reservations", A::job_seeker, api::create_reservation},
      {"GET", "/api/v1/reservations/{number}", A::job_seeker, api::reservation},
      {"PATCH", "/api/v1/reservations/{number}", A::job_seeker, api::modify_reservation},
      {"POST", "/api/v1/reservations/{number}/withdrawal", A::job_seeker, api::withdraw_reservation},
      {"GET", "/api/v1/reservations/{number}/calendar.ics", A::job_seeker, api::reservation_ics},
      // --- JSON API: staff ---
      {"GET", "/api/v1/staff/offices", A::staff, api::staff_offices},
      {"GET", "/api/v1/staff/offices/{office}", A::office_staff, api::staff_office},
      {"GET", "/api/v1/staff/offices/{office}/reservations", A::office_staff, api::staff_office_reservations},
      {"GET", "/api/v1/staff/offices/{office}/accounts", A::office_staff, api::staff_accounts},
      {"GET", "/api/v1/staff/offices/{office}/reservations.csv", A::office_staff, api::staff_office_reservations_csv},
      {"POST", "/api/v1/staff/reservations", A::staff, api::staff_create_reservation},
      {"GET", "/api/v1/staff/reservations/{number}", A::staff, api::staff_reservation},
      {"PATCH", "/api/v1/staff/reservations/{number}", A::staff, api::staff_modify_reservation},
      {"POST", "/api/v1/staff/reservations/{number}/withdrawal", A::staff, api::staff_withdraw_reservation},
      {"PUT", "/api/v1/staff/reservations/{number}/meeting", A::staff, api::staff_set_meeting},
      {"POST", "/api/v1/staff/reservations/{number}/attendance", A::staff, api::staff_record_attendance},
      {"POST", "/api/v1/staff/reservations/{number}/online-booking", A::staff, api::staff_decide_online_booking},
      // --- JSON API: running an office (the 管理 right at it, or administrators; 404 otherwise) ---
      {"GET", "/api/v1/admin/offices/{office}", A::staff, api::admin_office},
      {"PATCH", "/api/v1/admin/offices/{office}", A::staff, api::admin_update_office},
      {"POST", "/api/v1/admin/offices/{office}/closures", A::staff, api::admin_add_closure},
      {"DELETE", "/api/v1/admin/offices/{office}/closures/{id}", A::staff, api::admin_remove_closure},
      // --- JSON API: an office's managers (管理; 404 for anyone else) ---
      {"GET", "/api/v1/admin/offices/{code}/frames", A::staff, api::admin_office_frames},
      {"POST", "/api/v1/admin/offices/{code}/frames", A::staff, api::admin_create_frame},
      {"GET", "/api/v1/admin/frames/{id}", A::staff, api::admin_frame},
      {"PATCH", "/api/v1/admin/frames/{id}", A::staff, api::admin_update_frame},
      {"GET", "/api/v1/admin/offices/{code}/procedures", A::staff, api::admin_office_procedures},
      {"POST", "/api/v1/admin/offices/{code}/procedures", A::staff, api::admin_create_procedure},
      {"GET", "/api/v1/admin/procedures/{id}", A::staff, api::admin_procedure},
      {"PATCH", "/api/v1/admin/procedures/{id}", A::staff, api::admin_update_procedure},
      {"GET", "/api/v1/admin/offices/{code}/facilities", A::staff, api::admin_office_facilities},
      {"POST", "/api/v1/admin/offices/{code}/facilities", A::staff, api::admin_create_facility},
      {"GET", "/api/v1/admin/facilities/{id}", A::staff, api::admin_facility},
      {"PATCH", "/api/v1/admin/facilities/{id}", A::staff, api::admin_update_facility},
      // --- JSON API: administrators ---
      {"GET", "/api/v1/admin/staff", A::administrator, api::admin_staff_list},
      {"POST", "/api/v1/admin/staff", A::administrator, api::admin_create_staff},
      {"GET", "/api/v1/admin/staff/{id}", A::administrator, api::admin_staff},
      {"PATCH", "/api/v1/admin/staff/{id}", A::administrator, api::admin_update_staff},
      {"POST", "/api/v1/admin/staff/{id}/totp-reset", A::administrator, api::admin_reset_staff_totp},
      {"POST", "/api/v1/admin/staff/{id}/disabled", A::administrator, api::admin_set_staff_disabled},
      {"GET", "/api/v1/admin/audit", A::staff, api::admin_audit},  // 管理 at an office suffices (scoped)
      {"GET", "/api/v1/admin/notices", A::staff, api::admin_notices},
      {"POST", "/api/v1/admin/notices", A::staff, api::admin_create_notice},
      {"GET", "/api/v1/admin/notices/{id}", A::staff, api::admin_notice},
      {"PATCH", "/api/v1/admin/notices/{id}", A::staff, api::admin_update_notice},
      {"DELETE", "/api/v1/admin/notices/{id}", A::staff, api::admin_delete_notice},
      {"GET", "/api/v1/admin/procedures/{id}/terms", A::staff, api::admin_procedure_terms},
      {"POST", "/api/v1/admin/procedures/{id}/terms", A::staff, api::admin_publish_terms},
  };
  return routes;
}

}  // namespace yoyaku::web
