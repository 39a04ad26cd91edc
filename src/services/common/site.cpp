#include "services/common/site.hpp"

#include "store/catalog.hpp"
#include "store/migrations.hpp"

namespace yoyaku::services {

HomeSummary home_summary(db::Connection& c, std::int64_t now, int notice_count) {
  return db::in_transaction(c, false, [&](db::Connection& t) {
    auto counts = store::count_everything(t);
    return HomeSummary{counts.offices, counts.procedures, store::published_notices(t, now, notice_count)};
  });
}

std::vector<NoticeRecord> published_notices(db::Connection& c, std::int64_t now, int limit,
                                            std::optional<std::int64_t> office_id) {
  return store::published_notices(c, now, limit, office_id);
}

Health check_health(db::Connection& c) {
  c.ping();
  return {store::schema_version(c), store::latest_schema_version(c.dialect())};
}

std::vector<OutboxMessage> outbox_messages(db::Connection& c, int limit) { return store::list_outbox(c, "", limit); }

std::optional<OutboxMessage> outbox_message(db::Connection& c, std::int64_t id) { return store::find_outbox(c, id); }

}  // namespace yoyaku::services
