#pragma once
// When a booking can still be changed or withdrawn online, and when its
// meeting link shows (leaflet §6(4), manual 1.3). All in JST.
#include <cstdint>

#include "domain/dates.hpp"

namespace yoyaku::domain {

// The last second a booking can be changed online: 23:59:59 JST,
// `days_before` days before the interview (default 2).
std::int64_t change_deadline(Date interview_date, int days_before);
bool can_change_online(Date interview_date, int days_before, std::int64_t now);

// Withdrawing on the day of the interview (or after it) is by phone only.
bool can_withdraw_online(Date interview_date, std::int64_t now);

// The meeting link shows from `minutes_before` the start until the end.
bool meeting_link_open(Date date, int start_minute, int end_minute, int minutes_before, std::int64_t now);
std::int64_t meeting_link_opens_at(Date date, int start_minute, int minutes_before);

}  // namespace yoyaku::domain
