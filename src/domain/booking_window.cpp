#include "domain/booking_window.hpp"

#include <algorithm>

#include "domain/holidays.hpp"

namespace yoyaku::domain {

DateRange booking_window(Date today, const BookingWindowRule& rule) {
  return {add_days(today, rule.closes_days_before), add_days(today, rule.opens_days_before)};
}

bool window_respects_change_deadline(const BookingWindowRule& rule, int change_deadline_days_before) {
  return rule.closes_days_before >= change_deadline_days_before && change_deadline_days_before >= 0 &&
         rule.opens_days_before >= rule.closes_days_before;
}

Date first_bookable_day(Date today, const BookingWindowRule& rule) { return booking_window(today, rule).first; }

bool frame_runs_on(int weekday_mask, Date date) {
  return ((weekday_mask >> weekday_of(date).c_encoding()) & 1) != 0;
}

std::vector<int> slot_start_minutes(int first_start_minute, int last_start_minute, int interval_minutes) {
  std::vector<int> starts;
  if (interval_minutes <= 0) return starts;
  for (int minute = first_start_minute; minute <= last_start_minute; minute += interval_minutes) {
    starts.push_back(minute);
  }
  return starts;
}

bool is_bookable_day(const BookingDayRule& rule, Date date) {
  return rule.reception_open && rule.window.contains(date) && !is_closed_day(date) &&
         std::find(rule.office_closures.begin(), rule.office_closures.end(), date) == rule.office_closures.end() &&
         frame_runs_on(rule.weekday_mask, date);
}

bool staff_can_book(const std::vector<Date>& office_closures, int weekday_mask, Date date, int start_minute,
                    std::int64_t now) {
  const Date today = jst_date_of(now);
  return date <= add_days(today, 366) && from_jst(date, 0, 0) + start_minute * std::int64_t{60} > now &&
         !is_closed_day(date) && frame_runs_on(weekday_mask, date) &&
         std::find(office_closures.begin(), office_closures.end(), date) == office_closures.end();
}

bool reception_open(std::int64_t reception_start_at, std::optional<std::int64_t> reception_end_at, std::int64_t now) {
  return reception_start_at <= now && (!reception_end_at || *reception_end_at > now);
}

}  // namespace yoyaku::domain
