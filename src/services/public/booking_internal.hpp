#pragma once
// Inside services/public only: what booking, the booking form and changes share.
#include <cstdint>
#include <string>

#include "db/database.hpp"
#include "domain/booking_window.hpp"
#include "services/common/principal.hpp"
#include "services/public/booking.hpp"
#include "services/public/booking_form.hpp"
#include "store/reservations.hpp"
#include "store/slots.hpp"

namespace yoyaku::services {

// The signed-in job seeker's id; NotFoundError for anyone else.
std::int64_t job_seeker_id(const Principal& principal);
// A slot row with its frame and facility, as the pages show it.
SlotView slot_view_of(const store::SlotRecord& record);
// Releases an unreleased hold and gives its seat back (it counted in `taken` until now).
void release_hold(db::Connection& c, const store::HoldRow& hold, std::int64_t now, const std::string& reason);
// A booking's values as the booking form holds them, and back.
ReservationForm form_of(const store::ReservationRow& row);
void copy_details(const ReservationForm& form, store::ReservationRow& row);
// Everything but the frame's weekdays that decides which days of a procedure take bookings.
domain::BookingDayRule booking_day_rule(db::Connection& c, const Procedure& procedure, std::int64_t now);

}  // namespace yoyaku::services
