#pragma once
// Inside services/admin: the demo's bookings at ハローワーク品川, so that the staff
// demo account sees a populated day and week.
#include <cstdint>

#include "db/database.hpp"

namespace yoyaku::services {

// Bookings today and on the next open days of the week (one seat of a time,
// never at 10:00 or 14:00), for the demo job seeker (`demo_user_id`) and for
// callers booked by the demo staff member (`demo_staff_id`); today's have
// meeting details. Only when 品川 has
// no booking yet. Returns how many were made.
int seed_demo_bookings(db::Connection& c, std::int64_t demo_user_id, std::int64_t demo_staff_id, std::int64_t now);

}  // namespace yoyaku::services
