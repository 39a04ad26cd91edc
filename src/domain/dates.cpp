#include "domain/dates.hpp"

#include <array>
#include <stdexcept>

namespace yoyaku::domain {

namespace {

using namespace std::chrono;

constexpr std::int64_t seconds_per_day = 86'400;
constexpr std::int64_t jst_offset_seconds = 9 * 3'600;

// Unix seconds of the first and last second (in JST) of years 0000..9999.
constexpr std::int64_t first_supported_instant =
    sys_days{year{0} / January / 1}.time_since_epoch().count() * seconds_per_day - jst_offset_seconds;
constexpr std::int64_t last_supported_instant =
    (sys_days{year{9999} / December / 31}.time_since_epoch().count() + 1) * seconds_per_day -
    jst_offset_seconds - 1;

// Parses exactly text.size() ASCII digits; no sign, no spaces.
std::optional<int> parse_digits(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

int year_of(Date date) { return static_cast<int>(date.year()); }
unsigned month_of(Date date) { return static_cast<unsigned>(date.month()); }
unsigned day_of(Date date) { return static_cast<unsigned>(date.day()); }

std::string japanese_ymd(Date date) {
  std::string text;
  append_padded(text, year_of(date), 4);
  text += "年";
  append_padded(text, month_of(date), 2);
  text += "月";
  append_padded(text, day_of(date), 2);
  text += "日";
  return text;
}

std::string japanese_hm(int hour, int minute) {
  std::string text;
  append_padded(text, hour, 2);
  text += "時";
  append_padded(text, minute, 2);
  text += "分";
  return text;
}

std::string japanese_hm_of_minute(int minute_of_day) {
  return japanese_hm(minute_of_day / 60, minute_of_day % 60);
}

}  // namespace

std::optional<Date> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto y = parse_digits(text.substr(0, 4));
  const auto m = parse_digits(text.substr(5, 2));
  const auto d = parse_digits(text.substr(8, 2));
  if (!y || !m || !d) return std::nullopt;
  const Date date{year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

void append_padded(std::string& out, long long value, int width) {
  if (value < 0) {
    out += std::to_string(value);
    return;
  }
  char digits[24];
  int count = 0;
  do {
    digits[count++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value > 0);
  for (int i = count; i < width; ++i) out += '0';
  while (count > 0) out += digits[--count];
}

std::string to_iso(Date date) {
  std::string text;
  text.reserve(10);
  append_padded(text, year_of(date), 4);
  text += '-';
  append_padded(text, month_of(date), 2);
  text += '-';
  append_padded(text, day_of(date), 2);
  return text;
}

std::string to_compact(Date date) {
  std::string text;
  text.reserve(8);
  append_padded(text, year_of(date), 4);
  append_padded(text, month_of(date), 2);
  append_padded(text, day_of(date), 2);
  return text;
}

Date add_days(Date date, int days_to_add) { return Date{sys_days{date} + days{days_to_add}}; }

int days_between(Date from, Date to) {
  return static_cast<int>((sys_days{to} - sys_days{from}).count());
}

weekday weekday_of(Date date) { return weekday{sys_days{date}}; }

std::string_view japanese_weekday(weekday wd) {
  static constexpr std::array<std::string_view, 7> names{"日", "月", "火", "水", "木", "金", "土"};
  if (!wd.ok()) return {};
  return names[wd.c_encoding()];
}

std::string japanese_date(Date date) {
  std::string text = japanese_ymd(date);
  text += '(';
  text += japanese_weekday(weekday_of(date));
  text += ')';
  return text;
}

JstDateTime to_jst(std::int64_t unix_seconds) {
  if (unix_seconds < first_supported_instant || unix_seconds > last_supported_instant) {
    throw std::out_of_range("to_jst: instant outside years 0000..9999");
  }
  const std::int64_t local = unix_seconds + jst_offset_seconds;
  // Floor division, so that negative instants fall on the previous day.
  std::int64_t day_number = local / seconds_per_day;
  std::int64_t second_of_day = local % seconds_per_day;
  if (second_of_day < 0) {
    second_of_day += seconds_per_day;
    --day_number;
  }
  const int seconds = static_cast<int>(second_of_day);
  return JstDateTime{Date{sys_days{days{day_number}}}, seconds / 3'600, seconds / 60 % 60, seconds % 60};
}

std::int64_t from_jst(Date date, int hour, int minute, int second) {
  const std::int64_t day_number = sys_days{date}.time_since_epoch().count();
  return day_number * seconds_per_day + std::int64_t{hour} * 3'600 + std::int64_t{minute} * 60 + second -
         jst_offset_seconds;
}

Date jst_date_of(std::int64_t unix_seconds) { return to_jst(unix_seconds).date; }

std::string japanese_date_time(std::int64_t unix_seconds) {
  const JstDateTime jst = to_jst(unix_seconds);
  return japanese_ymd(jst.date) + japanese_hm(jst.hour, jst.minute);
}

std::string japanese_date_time_spaced(std::int64_t unix_seconds) {
  const JstDateTime jst = to_jst(unix_seconds);
  return japanese_ymd(jst.date) + ' ' + japanese_hm(jst.hour, jst.minute);
}

std::string japanese_time_range(int start_minute_of_day, int end_minute_of_day) {
  return japanese_hm_of_minute(start_minute_of_day) + "～" + japanese_hm_of_minute(end_minute_of_day);
}

std::optional<int> parse_hh_mm(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  const auto hour = parse_digits(text.substr(0, 2));
  const auto minute = parse_digits(text.substr(3, 2));
  if (!hour || !minute || *hour > 23 || *minute > 59) return std::nullopt;
  return *hour * 60 + *minute;
}

std::string format_hh_mm(int minute_of_day) {
  std::string text;
  append_padded(text, minute_of_day / 60, 2);
  text += ':';
  append_padded(text, minute_of_day % 60, 2);
  return text;
}

}  // namespace yoyaku::domain
