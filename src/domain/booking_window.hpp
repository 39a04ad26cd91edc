#pragma once
// Which days a procedure takes bookings (manual 1.1 STEP2, leaflet): the
// booking window counted from today in JST, the weekdays a reservation frame
// runs, its start times, and whether one date can be booked at all.
#include <cstdint>
#include <optional>
#include <vector>

#include "domain/dates.hpp"

namespace yoyaku::domain {

// How far ahead a procedure takes bookings, in days counted from today (JST).
struct BookingWindowRule {
  int opens_days_before = 92;  // the last bookable day is today + this
  int closes_days_before = 2;  // the first bookable day is today + this (the manual: the day after tomorrow)
};

// Whether a window agrees with a change deadline `change_deadline_days_before`
// days before the interview (at 23:59:59): a booking made on any day, at any
// time, can still be changed when it is made — the window never opens before
// the deadline of its first day. Also: it is not empty.
bool window_respects_change_deadline(const BookingWindowRule& rule, int change_deadline_days_before);

struct DateRange {
  Date first;
  Date last;
  bool contains(Date date) const { return date >= first && date <= last; }
};

DateRange booking_window(Date today, const BookingWindowRule& rule);
Date first_bookable_day(Date today, const BookingWindowRule& rule);

// Weekday mask of a reservation frame: bit 0 = Sunday … bit 6 = Saturday (62 = Mon–Fri).
bool frame_runs_on(int weekday_mask, Date date);

// The start minutes of a frame's slots: first, first + interval, … up to last.
std::vector<int> slot_start_minutes(int first_start_minute, int last_start_minute, int interval_minutes);

// Everything that decides whether one date of one frame takes bookings.
struct BookingDayRule {
  DateRange window;
  bool reception_open = false;        // 受付開始 has passed and 受付終了 has not
  int weekday_mask = 62;
  std::vector<Date> office_closures;  // the office's own closed days
};

// Inside the window, reception open, not a weekend, national holiday or
// 12/29–1/3, not an office closure, and a weekday the frame runs.
bool is_bookable_day(const BookingDayRule& rule, Date date);

// 代行入力 and staff moving a booking: past the online window (tomorrow, or
// later today), on a day the office is open and the frame runs, for a time
// that has not started yet, and at most a year ahead.
bool staff_can_book(const std::vector<Date>& office_closures, int weekday_mask, Date date, int start_minute,
                    std::int64_t now);

// 受付開始 ≤ now < 受付終了 (no end: 随時).
bool reception_open(std::int64_t reception_start_at, std::optional<std::int64_t> reception_end_at, std::int64_t now);

}  // namespace yoyaku::domain
