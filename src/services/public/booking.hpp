#pragma once
// Reserving an interview (manual 1.1): the procedure, its booking calendar
// and the day's slots (STEP2–3), and 60-minute holds (仮押さえ, 「予約する」).
//
// Capacity: `slots.taken` counts unreleased holds plus confirmed
// reservations and a CHECK keeps it ≤ capacity. Placing a hold locks the
// slot row, releases holds whose time is up, and takes a seat with a
// conditional UPDATE — in one transaction, so no seat is ever given twice,
// whatever the number of server processes. Lapsed holds need no background
// job: they stop counting as soon as their time is up.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "domain/booking_window.hpp"
#include "domain/dates.hpp"
#include "services/common/principal.hpp"
#include "services/public/idempotency.hpp"
#include "store/catalog.hpp"
#include "store/terms.hpp"

namespace yoyaku::services {

using Office = store::Office;
using Facility = store::Facility;
using Procedure = store::Procedure;
using ReservationFrame = store::ReservationFrame;

constexpr int hold_minutes = 60;

struct ProcedureDetails {
  Procedure procedure;
  Office office;
  std::vector<Facility> facilities;
  domain::DateRange window;  // the booking window as of now
  // The 利用規約 in force (procedure.terms holds its text with the office's parts
  // put in); nullopt only for a procedure with no version (procedures.terms then).
  std::optional<store::TermsVersion> terms_version;
};

// Throws NotFoundError.
ProcedureDetails procedure_details(db::Connection& c, std::int64_t procedure_id, std::int64_t now);

enum class DayStatus { available, full, closed };
std::string_view day_status_code(DayStatus status);  // "available" / "full" / "closed"

struct CalendarDay {
  domain::Date date;
  DayStatus status = DayStatus::closed;
};

struct CalendarRow {
  Facility facility;
  ReservationFrame frame;
  std::vector<CalendarDay> days;
};

// STEP2: one row per frame, `days` days from `from`. Throws NotFoundError.
std::vector<CalendarRow> procedure_calendar(db::Connection& c, std::int64_t procedure_id, domain::Date from, int days,
                                            std::int64_t now);

struct SlotView {
  std::string id;  // "FRAME-YYYYMMDD-HHMM"
  std::int64_t frame_id = 0;
  std::string facility;
  std::string frame;
  domain::Date date;
  int start_minute = 0;
  int end_minute = 0;
  int capacity = 0;
  int available = 0;
  bool bookable() const { return available > 0; }
};

// STEP3: the bookable times of one day (empty when the day is closed for booking).
std::vector<SlotView> day_slots(db::Connection& c, std::int64_t procedure_id, domain::Date date, std::int64_t now);

struct HoldView {
  std::string id;  // public id
  std::int64_t procedure_id = 0;
  std::int64_t expires_at = 0;
  bool agreed = false;        // agreed to the terms now in force
  bool terms_changed = false;  // agreed, but a new version was published since: agree again
  SlotView slot;
  bool replayed = false;  // an earlier request with the same Idempotency-Key placed it
};

// 「予約する」: holds one seat of the slot for 60 minutes for the signed-in
// job seeker; their other hold for the same procedure is released. Throws
// SlotUnavailableError (予約不可: full or not bookable) or NotFoundError.
// With an idempotency key, a request sent again gets the hold the first made.
HoldView place_hold(db::Connection& c, const Principal& principal, const std::string& slot_id, std::int64_t now,
                    const std::optional<IdempotencyKey>& idempotency = std::nullopt);
// The caller's live hold with this id (nullopt if lapsed, released or someone else's).
std::optional<HoldView> live_hold(db::Connection& c, const Principal& principal, const std::string& hold_id,
                                  std::int64_t now);
// The caller's live hold with this id. Throws HoldLapsedError when it lapsed
// or was released, NotFoundError when it is not the caller's.
HoldView require_live_hold(db::Connection& c, const Principal& principal, const std::string& hold_id,
                           std::int64_t now);
// The caller's live hold on a procedure (the ✓ of the calendar), if any.
std::optional<HoldView> current_hold(db::Connection& c, const Principal& principal, std::int64_t procedure_id,
                                     std::int64_t now);
// 「延長する」: 60 minutes from now. Throws NotFoundError if the hold is not live.
HoldView extend_hold(db::Connection& c, const Principal& principal, const std::string& hold_id, std::int64_t now);
// 「操作時間を延長する」 (the menu): the caller's live holds get 60 minutes from
// now too, as the STEP5 banner promises. Returns how many.
int extend_live_holds(db::Connection& c, const Principal& principal, std::int64_t now);
// 「予約をやめる」: the seat is free again at once. Returns the procedure of the
// hold, or nullopt if there was nothing of the caller's to release.
std::optional<std::int64_t> cancel_hold(db::Connection& c, const Principal& principal, const std::string& hold_id,
                                        std::int64_t now);
// 「同意する」 (STEP4) to the version the page showed (`shown_version_id`, the
// hidden field; nullopt: the one in force). Throws HoldLapsedError, and
// ConflictError "terms_changed" when a newer version was published since the
// page was shown: the job seeker must read it and agree again.
void agree_to_terms(db::Connection& c, const Principal& principal, const std::string& hold_id,
                    std::optional<std::int64_t> shown_version_id, std::int64_t now);

inline const std::string terms_changed_message =
    "利用規約が改定されました。改定後の利用規約をお読みのうえ、改めて「同意する」を押してください。";

// Whether an agreement given at `agreed_at` covers the version now in force
// (published before that second; a version published in the same second counts as newer).
bool agreement_current(db::Connection& c, std::int64_t procedure_id, std::int64_t agreed_at);

}  // namespace yoyaku::services
