#pragma once
// What every visitor sees of the service as a whole: the home page's figures
// and お知らせ, and the health of the process's database.
#include <cstdint>
#include <optional>
#include <vector>

#include "db/database.hpp"
#include "store/notices.hpp"
#include "store/outbox.hpp"

namespace yoyaku::services {

using Notice = store::Notice;
using NoticeRecord = store::NoticeRecord;  // with its office's name
using OutboxMessage = store::OutboxMessage;

struct HomeSummary {
  std::int64_t offices = 0;
  std::int64_t procedures = 0;
  std::vector<NoticeRecord> notices;  // the newest shown ones
};
HomeSummary home_summary(db::Connection& c, std::int64_t now, int notice_count);

// Shown at `now` (published_at <= now < published_until), newest first; with
// an office, only its own (the procedure page). Every public list uses it.
std::vector<NoticeRecord> published_notices(db::Connection& c, std::int64_t now, int limit,
                                            std::optional<std::int64_t> office_id = std::nullopt);

struct Health {
  int schema_version = 0;
  int expected_schema_version = 0;
  bool current() const { return schema_version == expected_schema_version; }
};
// A round trip to the database and its schema version; throws when unreachable.
Health check_health(db::Connection& c);

// The demo mailbox (--demo-mailbox only): every mail in the outbox, newest first.
std::vector<OutboxMessage> outbox_messages(db::Connection& c, int limit);
std::optional<OutboxMessage> outbox_message(db::Connection& c, std::int64_t id);

}  // namespace yoyaku::services
