#pragma once
// The email outbox: mail is written in the transaction of the change it
// reports, and claimed by sender threads with leases (see docs/architecture.md).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace yoyaku::store {

struct OutboxMessage {
  std::int64_t id = 0;
  std::string kind;
  std::vector<std::string> recipients;
  std::string subject;
  std::string body;
  std::string message_id;
  std::string status;  // pending / sending / sent / failed
  int attempts = 0;
  std::int64_t next_attempt_at = 0;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> sent_at;
  std::optional<std::string> last_response;
};

// Written in the caller's transaction, so the mail exists only if the change does.
std::int64_t insert_outbox(db::Connection& c, const OutboxMessage& message);
// Claims up to `limit` due messages for `worker` until `lease_until`: pending
// ones whose next attempt is due, and ones left "sending" by a worker whose
// lease ran out (it crashed). Each message is claimed by one worker only.
// Runs its own write transaction.
std::vector<OutboxMessage> claim_due_outbox(db::Connection& c, const std::string& worker, std::int64_t now,
                                            std::int64_t lease_until, int limit);
// These only change a message still claimed by `worker`; false otherwise.
bool mark_outbox_sent(db::Connection& c, std::int64_t id, const std::string& worker, std::int64_t now,
                      const std::string& response);
bool mark_outbox_retry(db::Connection& c, std::int64_t id, const std::string& worker, std::int64_t next_attempt_at,
                       const std::string& response);
bool mark_outbox_failed(db::Connection& c, std::int64_t id, const std::string& worker, const std::string& response);
// Messages by status ("" for all), newest first.
std::vector<OutboxMessage> list_outbox(db::Connection& c, const std::string& status, int limit);
std::optional<OutboxMessage> find_outbox(db::Connection& c, std::int64_t id);
// Puts a failed message back in the queue; false if it is not failed.
bool requeue_outbox(db::Connection& c, std::int64_t id, std::int64_t now);
std::map<std::string, std::int64_t> outbox_counts(db::Connection& c);

}  // namespace yoyaku::store
