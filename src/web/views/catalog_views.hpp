#pragma once
// What the office administration pages and the admin JSON API show of the
// catalog (予約枠) and of the bookings a change would affect.
#include <vector>

#include <nlohmann/json.hpp>

#include "services/admin/affected_bookings.hpp"
#include "store/catalog.hpp"

namespace yoyaku::web {

// {id, procedure_id, facility_id, name, weekdays[0..6, 0 = Sunday], weekdays_text "月火水木金",
//  first_start "10:00", last_start, interval_minutes, slot_minutes, seats}
nlohmann::json frame_view(const store::ReservationFrame& frame);
// {id, kind, kind_text, title, description, contact_name, contact_phone, contact_fax, contact_email,
//  reception_start "2026-04-01T08:30" (JST), reception_end (null: 随時), booking_opens_days_before,
//  booking_closes_days_before, change_deadline_days_before, meeting_link_minutes_before}
nlohmann::json admin_procedure_view(const store::Procedure& procedure);
// {id, name, address, phone, opening_hours, map_url}
nlohmann::json admin_facility_view(const store::Facility& facility);
// [{number, date, start "10:00", end, name, date_text, time_text, frame, facility}]
nlohmann::json affected_view(const std::vector<services::AffectedBooking>& affected);
// The weekday bitmask of codes "0".."6" (checkboxes); others are ignored.
int weekday_mask_of(const std::vector<std::string>& codes);

}  // namespace yoyaku::web
