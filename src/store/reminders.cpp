#include "store/reminders.hpp"

namespace yoyaku::store {

std::vector<ReminderCandidate> find_reminder_candidates(db::Connection& c, const std::string& interview_date,
                                                        std::int64_t applied_before, int limit) {
  std::vector<ReminderCandidate> candidates;
  for (const auto& row : c.query("SELECT r.id, r.number, s.slot_date, r.applied_at FROM reservations r"
                                 " JOIN slots s ON s.id = r.slot_id"
                                 " WHERE r.status = 'confirmed' AND r.reminder_queued_at IS NULL"
                                 " AND s.slot_date = ? AND r.applied_at < ?"
                                 " ORDER BY r.id LIMIT ?",
                                 {interview_date, applied_before, std::int64_t{limit}})) {
    candidates.push_back({row.integer(0), row.text(1), row.text(2), row.integer(3)});
  }
  return candidates;
}

bool claim_reminder(db::Connection& c, std::int64_t reservation_id, const std::string& interview_date,
                    std::int64_t now) {
  c.query("UPDATE reservations SET reminder_queued_at = ?"
          " WHERE id = ? AND reminder_queued_at IS NULL AND status = 'confirmed'"
          " AND slot_id IN (SELECT id FROM slots WHERE slot_date = ?)",
          {now, reservation_id, interview_date});
  return c.changes() == 1;
}

}  // namespace yoyaku::store
