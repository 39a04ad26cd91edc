#pragma once
// The reminder mail the day before an interview: which bookings still wait
// for theirs, and the claim that decides, in the database, which server
// process queues it. `reservations.reminder_queued_at` (migration 0008) is
// set once the reminder is decided: queued, or none because there is no
// address to send it to.
#include <cstdint>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace yoyaku::store {

struct ReminderCandidate {
  std::int64_t reservation_id = 0;
  std::string number;
  std::string interview_date;  // YYYY-MM-DD (JST)
  std::int64_t applied_at = 0;
};

// Confirmed bookings on `interview_date` (YYYY-MM-DD) made before
// `applied_before` whose reminder is not decided yet: at most `limit`, oldest first.
std::vector<ReminderCandidate> find_reminder_candidates(db::Connection& c, const std::string& interview_date,
                                                        std::int64_t applied_before, int limit);

// Marks the booking's reminder as decided at `now`, inside the caller's write
// transaction, if it is still confirmed, still on `interview_date` and not
// decided yet. True for exactly one caller: the row lock (PostgreSQL) or the
// write lock (SQLite) serialises concurrent claims, and a second claim finds
// the mark and changes nothing. Queue the mail in the same transaction.
bool claim_reminder(db::Connection& c, std::int64_t reservation_id, const std::string& interview_date,
                    std::int64_t now);

}  // namespace yoyaku::store
