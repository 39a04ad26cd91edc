#pragma once
// Every endpoint of the service, one function each, by audience and area.
// web/routes.cpp says which method and path reach which, and who may call it.
#include "web/context.hpp"

namespace yoyaku::web {

// Response endpoint(RequestContext& ctx)
using Endpoint = Response(RequestContext& ctx);

// pages/system/operations.cpp: health, metrics, static files, the demo mailbox.
namespace operations {
Endpoint healthz, metrics, static_file, demo_mailbox, demo_mail;
}

// pages/public/: the job seeker's side (manual 1.1–1.4, 2.1, and the menu).
namespace public_pages {
// home.cpp: the home page and the menu's pages
Endpoint home, help, faq, notices, color_scheme_form, change_color_scheme, change_language;
// registration.cpp: 利用者登録 and email links
Endpoint registration_form, register_user, resend_form, resend_verification, email_link_form, follow_email_link;
// sign_in.cpp: ログイン, 2段階認証, ログアウト, 操作時間を延長する
Endpoint login_form, log_in, code_form, submit_code, logout_form, log_out, session_extend_form, extend_session;
// password_reset.cpp
Endpoint password_forgot_form, request_password_reset, password_reset_form, reset_password;
// account.cpp: 利用者情報
Endpoint account, back_to_account, update_profile, change_email1, change_email2, change_password, start_totp,
    confirm_totp, disable_totp;
// procedures.cpp: STEP1–3
Endpoint procedure_search, procedure_calendar, day_times, place_hold, back_to_calendar;
// booking.cpp: STEP4–7
Endpoint terms, agree_to_terms, booking_form, review_booking, autofill, extend_hold, submit_booking, cancel_booking,
    back_to_booking_form, back_to_terms, booking_complete;
// reservations.cpp: 予約一覧, 予約詳細, .ics, 再申込
Endpoint reservation_list, reservation_detail, reservation_ics, reapply;
// reservation_changes.cpp: 予約変更 and 取下げ
Endpoint edit_form, edit_step, modify, back_to_edit, withdraw_form, withdraw_step, withdraw, back_to_withdraw;
}  // namespace public_pages

// pages/staff/: the office's side.
namespace staff_pages {
// sign_in.cpp: password and always a TOTP code (enrolment at the first sign-in)
Endpoint login_form, log_in, code_form, submit_code, enrollment_form, confirm_enrollment, logout_form, log_out;
// home.cpp: the offices served
Endpoint home;
// schedule.cpp: 本日の予約 (a day), 週間表示, the search, 「CSVダウンロード」
Endpoint office, office_week, office_search, office_reservations_csv;
// book_for.cpp: 代行入力
Endpoint book_form, book;
// reservation.cpp: 予約詳細 with the meeting, attendance and online-booking forms
Endpoint reservation, set_meeting, record_attendance, decide_online_booking;
// reservation_changes.cpp: 予約変更 and 取下げ on the person's behalf
Endpoint edit_form, edit, withdraw_form, withdraw;
// office_settings.cpp: 安定所の設定 (contact data, closures; the 管理 right)
Endpoint office_settings, update_office_contact, add_office_closure, remove_office_closure;
// admin_frames.cpp: 予約枠の設定 (the office's managers)
Endpoint office_frames, new_frame, create_frame, frame, update_frame;
// admin_catalog.cpp: 手続き and 施設 (the office's managers)
Endpoint new_procedure, create_procedure, procedure, update_procedure, new_facility, create_facility, facility,
    update_facility;
// admin_staff.cpp: 職員アカウント (administrators)
Endpoint staff_accounts, new_staff_account, create_staff_account, staff_account, update_staff_account,
    reset_staff_totp, set_staff_disabled;
// admin_audit.cpp: 監査ログ (administrators, and staff with 管理 for their offices), read-only
Endpoint audit_log;
// admin_notices.cpp: お知らせの管理 (administrators; managers for their offices)
Endpoint admin_notices, new_admin_notice, create_admin_notice, admin_notice, update_admin_notice, delete_admin_notice;
// admin_terms.cpp: 利用規約の版 (the office's managers and administrators)
Endpoint procedure_terms, publish_terms;
}  // namespace staff_pages

// api/v1/: the JSON API (docs/api.md).
namespace api_v1 {
// sessions.cpp
Endpoint create_session, end_session, me;
// procedures.cpp
Endpoint search_procedures, procedure, procedure_calendar, procedure_slots;
// holds.cpp
Endpoint place_hold, hold, extend_hold, cancel_hold;
// reservations.cpp
Endpoint list_reservations, create_reservation, reservation, modify_reservation, withdraw_reservation, reservation_ics;
// staff.cpp
Endpoint staff_offices, staff_office, staff_office_reservations, staff_accounts, staff_reservation,
    staff_create_reservation, staff_modify_reservation, staff_withdraw_reservation, staff_set_meeting,
    staff_record_attendance, staff_decide_online_booking, staff_office_reservations_csv;
// offices_admin.cpp: an office's contact data and closures (the 管理 right, administrators)
Endpoint admin_office, admin_update_office, admin_add_closure, admin_remove_closure;
// admin_frames.cpp: reservation frames (the office's managers)
Endpoint admin_office_frames, admin_create_frame, admin_frame, admin_update_frame;
// admin_catalog.cpp: procedures and facilities (the office's managers)
Endpoint admin_office_procedures, admin_create_procedure, admin_procedure, admin_update_procedure,
    admin_office_facilities, admin_create_facility, admin_facility, admin_update_facility;
// admin.cpp: staff accounts (administrators)
Endpoint admin_staff_list, admin_create_staff, admin_staff, admin_update_staff, admin_reset_staff_totp,
    admin_set_staff_disabled;
// admin.cpp: the audit log (administrators, and staff with 管理 for their offices), read-only
Endpoint admin_audit;
// admin_notices.cpp: お知らせ and 利用規約 (administrators; managers for their offices)
Endpoint admin_notices, admin_create_notice, admin_notice, admin_update_notice, admin_delete_notice,
    admin_procedure_terms, admin_publish_terms;
}  // namespace api_v1

}  // namespace yoyaku::web
