#pragma once
// The reminder mail the day before an interview (「明日のオンライン職業相談のご案内」):
// when it is due. Pure: the reminder time of day and the clock are passed in;
// everything is in JST (fixed UTC+9).
//
// A booking's reminder is due from the reminder time on the day before its
// interview until that day ends (a server that was down at the reminder time
// still sends it later the same day), never on the day of the interview, and
// only for bookings made before the reminder time: a booking made after it
// for the next day already has everything in its confirmation mail.
#include <cstdint>
#include <optional>
#include <string_view>

#include "domain/dates.hpp"

namespace yoyaku::domain {

inline constexpr int default_reminder_minute = 10 * 60;  // 10:00 JST

// The --reminder-time setting: "HH:MM" (JST, 00:00..23:59) or "off".
struct ReminderTime {
  bool enabled = true;
  int minute_of_day = default_reminder_minute;  // meaningful when enabled
};
// nullopt when the text is neither "HH:MM" nor "off".
std::optional<ReminderTime> parse_reminder_time(std::string_view text);

// The interview date whose reminders go out on the JST day of `now`: tomorrow.
Date reminder_interview_date(std::int64_t now);
// The instant the reminder of an interview on `interview_date` is due: the
// day before at `minute_of_day` (minutes after midnight JST).
std::int64_t reminder_instant(Date interview_date, int minute_of_day);
// Whether the reminder of a booking is due at `now`: the reminder instant
// has come, the interview is still after today (JST), and the booking was
// made before the reminder instant.
bool reminder_due(int minute_of_day, Date interview_date, std::int64_t applied_at, std::int64_t now);

}  // namespace yoyaku::domain
