#pragma once
// Inside services/ only: what booking, the booking form, changes and the
// staff's operations on bookings share.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/database.hpp"
#include "domain/booking_window.hpp"
#include "domain/language.hpp"
#include "services/common/links.hpp"
#include "services/common/principal.hpp"
#include "services/public/booking.hpp"
#include "services/public/booking_form.hpp"
#include "services/public/reservations.hpp"
#include "store/reservations.hpp"
#include "store/slots.hpp"

namespace yoyaku::services {

// The signed-in job seeker's id; NotFoundError for anyone else.
std::int64_t job_seeker_id(const Principal& principal);
// A frame's time on a date with `used` of its seats taken, as the pages show it.
SlotView slot_view_at(const ReservationFrame& frame, const Facility& facility, domain::Date date, int start, int used);
// A slot row with its frame and facility, as the pages show it.
SlotView slot_view_of(const store::SlotRecord& record);
// Releases an unreleased hold and gives its seat back (it counted in `taken` until now).
void release_hold(db::Connection& c, const store::HoldRow& hold, std::int64_t now, const std::string& reason);
// A booking's values into the row (form_of is the other way, in booking_form.hpp).
void copy_details(const ReservationForm& form, store::ReservationRow& row);
// The dates in [from, to] on which the frame is closed (office, facility or frame closures).
std::vector<domain::Date> frame_closures(db::Connection& c, const ReservationFrame& frame, std::int64_t office_id,
                                         domain::Date from, domain::Date to);

// A reservation as its pages show it, the clock applied (deadlines, attendance, the meeting box).
ReservationView reservation_view_of(const store::ReservationRecord& record, std::int64_t now);
// What every reservation mail shows (and whether the person has an account to look it up).
nlohmann::json reservation_mail_context(const ReservationView& reservation, const Links& links);
// Where a booking's mail goes: the account's addresses, or the caller's
// address given at 代行入力, or nowhere.
std::vector<std::string> booking_recipients(db::Connection& c, const ReservationRow& row);
// The language of the booking's owner (Japanese for a booking without an account).
domain::Language booking_mail_language(db::Connection& c, const ReservationRow& row);
// Who did it, for 処理履歴.
store::Actor actor_of(const Principal& principal);

// Inside the caller's write transaction, for 修正 by the job seeker or staff:
// stores the new values and returns the names of the fields that changed.
std::vector<std::string> update_booking_details(db::Connection& c, const ReservationRow& row,
                                                const ReservationForm& clean, std::int64_t now);
// Mails 「予約内容を変更しました」 about the booking as it now is.
void mail_booking_change(db::Connection& c, const store::ReservationRecord& changed_record,
                         const std::vector<std::string>& changed, const Links& links, std::int64_t now);
// 取下げ: the status, the seat free again at once, 処理履歴 and the mail.
// False when the booking was not confirmed (nothing changed).
bool withdraw_booking(db::Connection& c, const store::ReservationRecord& record, const std::string& reason,
                      const store::Actor& actor, const std::string& history_detail, const Links& links,
                      std::int64_t now);

}  // namespace yoyaku::services
