#pragma once
// The reminder mail the day before each booking (「ハローワーク：明日のオンライン
// 職業相談のご案内」), queued through the outbox by a background thread of
// `yoyaku serve`. Several server processes may run it on one database: each
// reminder is decided by one conditional UPDATE in the same transaction as
// its mail (store::claim_reminder), so it is queued exactly once, also across
// restarts. The rule of when it is due is domain::reminder_due.
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>

#include "db/database.hpp"
#include "domain/reminders.hpp"
#include "services/common/links.hpp"

namespace yoyaku::services {

struct ReminderSettings {
  int minute_of_day = domain::default_reminder_minute;  // when, the day before (JST)
  int interval_seconds = 60;                            // how often the scheduler looks
  int batch_size = 100;                                 // bookings read per query
};

// Queues the reminders due at `now`: for tomorrow's confirmed bookings made
// before today's reminder time that have none yet. Each in its own write
// transaction; a booking with no address (a caller who gave none) is marked
// without a mail. Returns how many mails it queued.
int queue_due_reminders(db::Connection& connection, const ReminderSettings& settings, const Links& links,
                        std::int64_t now);

// Runs queue_due_reminders at once and then every `interval_seconds`; errors
// are logged and the next round tries again. `links` must outlive it.
class ReminderScheduler {
 public:
  ReminderScheduler(db::Pool& pool, ReminderSettings settings, const Links& links,
                    std::function<std::int64_t()> clock);
  ~ReminderScheduler();
  ReminderScheduler(const ReminderScheduler&) = delete;
  ReminderScheduler& operator=(const ReminderScheduler&) = delete;

  void start();
  void stop();  // finishes the round in hand, then returns
  int run_once();

 private:
  db::Pool& pool_;
  ReminderSettings settings_;
  const Links& links_;
  std::function<std::int64_t()> clock_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

}  // namespace yoyaku::services
