#pragma once
// After booking (manual 1.2–1.4, 2.1): 予約内容照会, 予約詳細 with 処理履歴,
// 修正 (予約変更), 取下げ, 再申込, the calendar file and the meeting on the day.
// A reservation is read only through the caller's scope, in the query: a
// job seeker's own, never anyone else's ("not found").
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "domain/language.hpp"
#include "domain/attendance.hpp"
#include "services/common/links.hpp"
#include "services/common/principal.hpp"
#include "services/public/booking.hpp"
#include "services/public/booking_form.hpp"
#include "store/reservations.hpp"

namespace yoyaku::services {

using ReservationRow = store::ReservationRow;

struct HistoryEntry {
  std::string action;  // apply / modify / withdraw / meeting / attended / no_show
  std::int64_t at = 0;
  std::optional<std::int64_t> staff_id;  // set when a staff member did it
  std::string detail;
  std::string staff_name;  // that staff member's display name (shown to staff only)
};

struct ReservationView {
  ReservationRow row;
  Procedure procedure;
  Office office;
  SlotView slot;
  std::vector<std::string> topics;     // codes, in the manual's order
  std::vector<HistoryEntry> history;   // newest first (detail only)
  std::int64_t change_deadline = 0;    // the last second a change is accepted online
  bool can_modify = false;
  bool can_withdraw = false;
  bool same_day = false;
  bool meeting_link_open = false;
  std::int64_t meeting_link_opens_at = 0;
  // The status with the clock applied: unmarked 10 minutes after the start is 不参加（連絡なし）.
  domain::Attendance attendance = domain::Attendance::confirmed;
};

// The reservation with this number, with its history. Throws NotFoundError
// unless the caller may see it.
ReservationView reservation_detail(db::Connection& c, const Principal& principal, const std::string& number,
                                   std::int64_t now);

struct ReservationSearch {
  std::string number;
  std::string procedure_text;
  std::optional<domain::Date> applied_on;  // JST date
  bool oldest_first = false;
  int page = 1;
  int per_page = 20;
};

struct ReservationPage {
  std::int64_t total = 0;
  int page = 1;
  int pages = 1;
  int per_page = 20;
  std::vector<ReservationView> items;  // without history
};

// 予約内容照会: two queries (the count and one joined page), whatever the page size.
ReservationPage search_reservations(db::Connection& c, const Principal& principal, const ReservationSearch& search,
                                    std::int64_t now);

// 予約変更 takes the fields of the booking form; hold_id is a live hold on a
// new date/time, or "" to keep the current one.
using ModifyForm = ReservationForm;

// 予約変更's first values: the values kept while choosing a new date (when
// coming back from the calendar), else the reservation's.
ModifyForm modification_values(db::Connection& c, const Principal& principal, const ReservationView& reservation,
                               bool back_from_calendar);
// 「変更する」: keeps the typed values while a new date is chosen.
void keep_modification(db::Connection& c, const Principal& principal, const ReservationView& reservation,
                       const ModifyForm& form, std::int64_t now);

struct ModifyPreview {
  ReservationForm clean;
  std::optional<HoldView> new_slot;
};
// 予約変更確認: checks a change (deadline, fields, the new hold) without making it.
// Throws DeadlinePassedError, ValidationError, HoldLapsedError, NotFoundError.
ModifyPreview preview_modification(db::Connection& c, const Principal& principal, const std::string& number,
                                   const ModifyForm& form, std::int64_t now);
// 「修正する」: one transaction. With a new hold, the reservation moves to its
// seat and the old seat is given back; the kept values are dropped; 修正 is
// recorded and mailed. If anything fails nothing changes. Throws as above.
void modify_reservation(db::Connection& c, const Principal& principal, const std::string& number,
                        const ModifyForm& form, const Links& links, const Client& client, std::int64_t now);

// Checks the 取消事由 (1–2,000 characters as the user counts them); returns it
// cleaned. Throws ValidationError.
std::string check_withdrawal_reason(const std::string& reason);
// 「取下げる」: status 取下げ, the seat is free at once, history and mail.
// Throws ValidationError, DeadlinePassedError (same day: by phone only), NotFoundError.
void withdraw_reservation(db::Connection& c, const Principal& principal, const std::string& number,
                          const std::string& reason, const Links& links, const Client& client, std::int64_t now);

// 再申込する: keeps this booking's values for a new booking of the same
// procedure; returns the procedure id.
std::int64_t reapply(db::Connection& c, const Principal& principal, const std::string& number, std::int64_t now);

// An iCalendar file for the booking (Asia/Tokyo; CANCELLED once withdrawn).
// In `language`: its labels; the procedure and facility names stay as registered.
std::string reservation_ics(const ReservationView& reservation, const Links& links, std::int64_t now,
                            domain::Language language = domain::Language::ja);

// Where to phone about a booking: the office, or — when it has no number on
// record — the help desk, said plainly (a sentence for messages).
std::string call_the_office(const Office& office);
constexpr const char* help_desk_phone = "0570-028-609";

}  // namespace yoyaku::services
