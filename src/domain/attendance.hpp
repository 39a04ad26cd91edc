#pragma once
// Attendance on the day (leaflet §6(4)): "no contact 10 minutes after the
// start counts as a cancellation", and an office may refuse further online
// bookings to someone who does that repeatedly. Everything here follows from
// the stored status and the clock: a booking nobody marked becomes 不参加
// (連絡なし) by itself, with no job or timer.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "domain/dates.hpp"

namespace yoyaku::domain {

inline constexpr int no_show_grace_minutes = 10;

// 10 minutes after the start (JST): from then attendance can be recorded, and
// an unmarked booking counts as a no-show.
std::int64_t attendance_opens_at(Date date, int start_minute);

// What a booking is, for staff and the job seeker's 予約一覧: the stored status,
// except that a confirmed booking past its grace period is
// "no_show_unannounced" (不参加（連絡なし）).
enum class Attendance { confirmed, withdrawn, attended, no_show, no_show_unannounced };
Attendance attendance_of(std::string_view stored_status, Date date, int start_minute, std::int64_t now);
std::string_view attendance_code(Attendance attendance);  // "confirmed", …, "no_show_unannounced"

// Staff may mark 出席/不参加 from the grace period's end on, on any booking not withdrawn.
bool can_record_attendance(std::string_view stored_status, Date date, int start_minute, std::int64_t now);

// Staff's decision about one person at one office, newest in force.
struct RefusalOverride {
  bool refused = false;  // true: refused whatever the count; false: lifted at `at`
  std::int64_t at = 0;
};

// Online booking at the office is refused when staff said so, or when the
// person has `limit` no-shows there — counting only those after staff last
// lifted a refusal. `no_shows_at`: when each no-show happened (the end of its
// grace period).
bool online_booking_refused(const std::vector<std::int64_t>& no_shows_at, const std::optional<RefusalOverride>& override,
                            int limit);
// The no-shows that count towards the limit (see above).
int counted_no_shows(const std::vector<std::int64_t>& no_shows_at, const std::optional<RefusalOverride>& override);

}  // namespace yoyaku::domain
