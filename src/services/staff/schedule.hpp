#pragma once
// The office's day and week for staff (本日の予約 / 週間表示) and the search
// across an office's bookings. Every query is bounded by the staff member's
// offices (store::AccessScope in the WHERE clause): another office's bookings
// are "not found". Each view of personal data is audit-logged.
#include <cstdint>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "domain/dates.hpp"
#include "services/common/principal.hpp"
#include "services/identity/sessions.hpp"
#include "services/public/reservations.hpp"

namespace yoyaku::services {

struct StaffSlot {
  SlotView slot;                          // available: seats left now (live holds count)
  bool bookable = false;                  // staff may book it for a person now (代行入力)
  std::vector<ReservationView> bookings;  // by application time, withdrawn ones too
};

struct StaffFrame {
  Facility facility;
  ReservationFrame frame;
  Procedure procedure;
  std::vector<StaffSlot> slots;  // by date and time
};

struct OfficeSchedule {
  Office office;
  domain::Date from, to;
  std::vector<domain::Date> days;
  std::vector<domain::Date> closed_days;  // weekends, holidays, 年末年始, the office's closures
  std::vector<StaffFrame> frames;
  std::vector<ReservationView> bookings;  // every booking of the range, by time
};

inline constexpr int max_schedule_days = 31;

// The office's bookings and seats from `from` to `to` (inclusive, at most 31
// days). Throws NotFoundError (not the caller's office) or ValidationError.
OfficeSchedule office_schedule(db::Connection& c, const Principal& principal, const std::string& office_code,
                               domain::Date from, domain::Date to, const Client& client, std::int64_t now);

// The CSV export (「CSVダウンロード」): every booking of the office from `from`
// to `to` (JST dates YYYY-MM-DD as typed, inclusive, at most 93 days), by
// interview time, withdrawn ones too. Audit-logged as
// staff.reservations_exported with the range and the count. Throws
// NotFoundError (not the caller's office) or ValidationError (the dates).
struct OfficeBookings {
  Office office;
  domain::Date from, to;
  std::vector<ReservationView> bookings;
};
inline constexpr int max_export_days = 93;
inline constexpr int max_export_rows = 20000;
OfficeBookings export_office_bookings(db::Connection& c, const Principal& principal, const std::string& office_code,
                                      const std::string& from, const std::string& to, const Client& client,
                                      std::int64_t now);

// 予約番号, 求職番号 or (part of) the name, across the office's bookings; newest interview first.
std::vector<ReservationView> search_office_bookings(db::Connection& c, const Principal& principal,
                                                    const std::string& office_code, const std::string& text,
                                                    const Client& client, std::int64_t now);

}  // namespace yoyaku::services
