#include "services/common/reminders.hpp"

#include <spdlog/spdlog.h>

#include "services/common/mail.hpp"
#include "services/public/booking_internal.hpp"
#include "store/reminders.hpp"
#include "store/reservations.hpp"

namespace yoyaku::services {
namespace {

// Claims one booking's reminder and queues its mail in one write transaction.
// False when another process had it first, the booking changed meanwhile, or
// there is nobody to mail.
bool queue_reminder(db::Connection& c, const store::ReminderCandidate& candidate, const Links& links,
                    std::int64_t now) {
  return db::in_transaction(c, true, [&](db::Connection& t) {
    if (!store::claim_reminder(t, candidate.reservation_id, candidate.interview_date, now)) return false;
    // Read after the claim: the details as they are now (e.g. a meeting set since the candidates were read).
    auto record = store::find_reservation(t, candidate.number, store::AccessScope::administrator());
    if (!record) return false;
    auto recipients = booking_recipients(t, record->reservation);
    if (recipients.empty()) return false;  // marked: a caller without an e-mail address gets no mail
    enqueue_mail(t, "reservation_reminder", recipients,
                 reservation_mail_context(reservation_view_of(*record, now), links), now,
                 booking_mail_language(t, record->reservation));
    return true;
  });
}

}  // namespace

int queue_due_reminders(db::Connection& connection, const ReminderSettings& settings, const Links& links,
                        std::int64_t now) {
  const domain::Date interview_date = domain::reminder_interview_date(now);
  const std::int64_t due_from = domain::reminder_instant(interview_date, settings.minute_of_day);
  if (now < due_from) return 0;
  const std::string date = domain::to_iso(interview_date);
  int queued = 0;
  for (;;) {
    auto candidates = store::find_reminder_candidates(connection, date, due_from, settings.batch_size);
    int settled = 0;  // candidates that will not be read again
    for (const auto& candidate : candidates) {
      auto on = domain::parse_iso_date(candidate.interview_date);
      if (!on || !domain::reminder_due(settings.minute_of_day, *on, candidate.applied_at, now)) continue;
      ++settled;
      try {
        if (queue_reminder(connection, candidate, links, now)) ++queued;
      } catch (const db::ConnectionError&) {
        throw;
      } catch (const std::exception& e) {
        // One bad booking must not hold up the others; it is tried again next round.
        --settled;
        spdlog::warn("reminder for reservation {}: {}", candidate.number, e.what());
      }
    }
    if (static_cast<int>(candidates.size()) < settings.batch_size || settled == 0) break;
  }
  return queued;
}

ReminderScheduler::ReminderScheduler(db::Pool& pool, ReminderSettings settings, const Links& links,
                                     std::function<std::int64_t()> clock)
    : pool_(pool), settings_(settings), links_(links), clock_(std::move(clock)) {}

ReminderScheduler::~ReminderScheduler() { stop(); }

void ReminderScheduler::start() {
  thread_ = std::thread([this] {
    spdlog::info("reminder scheduler started: reminders at {} JST the day before, checked every {} s",
                 domain::format_hh_mm(settings_.minute_of_day), settings_.interval_seconds);
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      try {
        if (int queued = run_once(); queued > 0) spdlog::info("reminders: {} mail(s) queued", queued);
      } catch (const std::exception& e) {
        spdlog::warn("reminder scheduler: {}", e.what());
      }
      lock.lock();
      wake_.wait_for(lock, std::chrono::seconds(settings_.interval_seconds), [this] { return stopping_; });
    }
  });
}

void ReminderScheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

int ReminderScheduler::run_once() {
  auto lease = pool_.acquire();
  return queue_due_reminders(*lease, settings_, links_, clock_());
}

}  // namespace yoyaku::services
