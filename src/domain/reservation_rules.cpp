#include "domain/reservation_rules.hpp"

namespace yoyaku::domain {

std::int64_t change_deadline(Date interview_date, int days_before) {
  return from_jst(add_days(interview_date, -days_before), 23, 59, 59);
}

bool can_change_online(Date interview_date, int days_before, std::int64_t now) {
  return now <= change_deadline(interview_date, days_before);
}

bool can_withdraw_online(Date interview_date, std::int64_t now) { return jst_date_of(now) < interview_date; }

std::int64_t meeting_link_opens_at(Date date, int start_minute, int minutes_before) {
  return from_jst(date, 0, start_minute - minutes_before);
}

bool meeting_link_open(Date date, int start_minute, int end_minute, int minutes_before, std::int64_t now) {
  return now >= meeting_link_opens_at(date, start_minute, minutes_before) && now < from_jst(date, 0, end_minute);
}

}  // namespace yoyaku::domain
