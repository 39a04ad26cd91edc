#pragma once

// Calendar dates, Japan Standard Time and the date/time texts of the service.
// Pure functions: no clock, no time zone database (JST is fixed UTC+9, no DST).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace yoyaku::domain {

using Date = std::chrono::year_month_day;

// Unless stated otherwise, a Date argument must be valid (date.ok()), and the
// texts are exact for years 0000..9999.

// Strict "YYYY-MM-DD": exactly 10 characters, ASCII digits, a real date.
std::optional<Date> parse_iso_date(std::string_view text);
std::string to_iso(Date date);      // "2024-08-22"
std::string to_compact(Date date);  // "20240822" (for reservation numbers)
// Appends `value` in decimal, zero-padded to `width` digits: the dates' and
// times' texts, made on every slot of a list (snprintf cost a tenth of one).
void append_padded(std::string& out, long long value, int width);

Date add_days(Date date, int days);
int days_between(Date from, Date to);  // to - from, in days
std::chrono::weekday weekday_of(Date date);
std::string_view japanese_weekday(std::chrono::weekday wd);  // "日", "月", …, "土"; "" if !wd.ok()
std::string japanese_date(Date date);                        // "2024年08月22日(木)"

// Instants are Unix seconds. Supported instants are those whose JST date lies
// in years 0000..9999; others throw std::out_of_range.
struct JstDateTime {
  Date date;
  int hour;
  int minute;
  int second;
  friend bool operator==(const JstDateTime&, const JstDateTime&) = default;
};
JstDateTime to_jst(std::int64_t unix_seconds);
// Plain arithmetic: hour 24 or minute 60 carry into the next day/hour.
std::int64_t from_jst(Date date, int hour, int minute, int second = 0);
Date jst_date_of(std::int64_t unix_seconds);
std::string japanese_date_time(std::int64_t unix_seconds);         // "2024年08月01日08時00分"
std::string japanese_date_time_spaced(std::int64_t unix_seconds);  // "2024年08月20日 14時06分"

// Minutes of the day (0..1440; 1440 is the end of the day, "24時00分").
std::string japanese_time_range(int start_minute_of_day, int end_minute_of_day);  // "14時00分～14時30分"
std::optional<int> parse_hh_mm(std::string_view text);  // strict "HH:MM", 00:00..23:59
std::string format_hh_mm(int minute_of_day);            // 840 -> "14:00"

}  // namespace yoyaku::domain
