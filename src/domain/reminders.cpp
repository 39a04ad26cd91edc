#include "domain/reminders.hpp"

namespace yoyaku::domain {

std::optional<ReminderTime> parse_reminder_time(std::string_view text) {
  if (text == "off") return ReminderTime{false, 0};
  auto minute = parse_hh_mm(text);
  if (!minute) return std::nullopt;
  return ReminderTime{true, *minute};
}

Date reminder_interview_date(std::int64_t now) { return add_days(jst_date_of(now), 1); }

std::int64_t reminder_instant(Date interview_date, int minute_of_day) {
  return from_jst(add_days(interview_date, -1), 0, minute_of_day);
}

bool reminder_due(int minute_of_day, Date interview_date, std::int64_t applied_at, std::int64_t now) {
  const std::int64_t due_at = reminder_instant(interview_date, minute_of_day);
  return now >= due_at && jst_date_of(now) < interview_date && applied_at < due_at;
}

}  // namespace yoyaku::domain
