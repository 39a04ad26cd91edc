#include "domain/attendance.hpp"

#include <algorithm>

namespace yoyaku::domain {

std::int64_t attendance_opens_at(Date date, int start_minute) {
  return from_jst(date, 0, 0) + (start_minute + no_show_grace_minutes) * std::int64_t{60};
}

Attendance attendance_of(std::string_view stored_status, Date date, int start_minute, std::int64_t now) {
  if (stored_status == "withdrawn") return Attendance::withdrawn;
  if (stored_status == "attended") return Attendance::attended;
  if (stored_status == "no_show") return Attendance::no_show;
  return now >= attendance_opens_at(date, start_minute) ? Attendance::no_show_unannounced : Attendance::confirmed;
}

std::string_view attendance_code(Attendance attendance) {
  switch (attendance) {
    case Attendance::withdrawn: return "withdrawn";
    case Attendance::attended: return "attended";
    case Attendance::no_show: return "no_show";
    case Attendance::no_show_unannounced: return "no_show_unannounced";
    default: return "confirmed";
  }
}

bool can_record_attendance(std::string_view stored_status, Date date, int start_minute, std::int64_t now) {
  return stored_status != "withdrawn" && now >= attendance_opens_at(date, start_minute);
}

int counted_no_shows(const std::vector<std::int64_t>& no_shows_at, const std::optional<RefusalOverride>& override) {
  const std::int64_t since = override && !override->refused ? override->at : INT64_MIN;
  return static_cast<int>(std::count_if(no_shows_at.begin(), no_shows_at.end(), [&](auto at) { return at > since; }));
}

bool online_booking_refused(const std::vector<std::int64_t>& no_shows_at, const std::optional<RefusalOverride>& override,
                            int limit) {
  if (override && override->refused) return true;
  return counted_no_shows(no_shows_at, override) >= std::max(limit, 1);
}

}  // namespace yoyaku::domain
