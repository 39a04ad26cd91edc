#pragma once
// View builders of the staff side, shared by its pages and /api/v1/staff/.
#include <string>

#include <nlohmann/json.hpp>

#include "services/admin/staff_accounts.hpp"
#include "services/public/booking.hpp"
#include "services/staff/bookings.hpp"
#include "services/staff/schedule.hpp"

namespace yoyaku::web {

// 閲覧 / 予約操作 / 管理, and the codes view / operate / manage.
std::string staff_role_text(services::StaffRole role);
std::string staff_role_code_of(services::StaffRole role);
std::optional<services::StaffRole> staff_role_from(const std::string& code);
// {id, email, display_name, administrator, totp_enabled, disabled, disabled_at, url,
//  offices[{code, name, role, role_text}]}
nlohmann::json staff_account_view(const services::StaffAccount& account);

// {code, name, prefecture, phone, url}
nlohmann::json office_view(const services::Office& office);
// The tabs of an office's pages (本日の予約 | 週間表示 | 予約の検索); `active`: day, week, search or "".
// `may_manage`: the caller has the 管理 right at the office (then the 安定所の設定 and 予約枠の設定 tabs;
// active "settings" or "admin").
nlohmann::json office_nav_view(const std::string& office_code, const std::string& active, bool may_manage = false);

// One booking in the staff's lists: {number, url, family_name, given_name,
// job_seeker_number, phone, topics, status, attendance, status_text, channel,
// channel_text, meeting_set, withdrawn, slot{…}}.
nlohmann::json staff_booking_line(const services::ReservationView& reservation);

// The whole booking for staff: staff_booking_line plus email, staff_note,
// withdrawal_reason, history (who did what), meeting {id, passcode, join_url,
// sent_at} or null, standing {refused, no_shows, limit, decision}, can_change,
// can_record_attendance, attendance_opens_at(_text), zoom_name, office.
nlohmann::json staff_reservation_view(const services::StaffReservation& reservation);

// {office, from, to, days[{date, date_text, closed}], frames[{facility, frame,
// procedure_id, slots[{…slot, bookable, book_url, reservations[lines]}]}], items[lines]}
nlohmann::json office_schedule_view(const services::OfficeSchedule& schedule);

}  // namespace yoyaku::web
