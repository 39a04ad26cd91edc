#pragma once
// Idempotency keys of the booking API (table idempotency_keys): a key is
// claimed at the start of the booking's transaction and completed with the
// resource it made, so it exists exactly when the booking does.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "db/database.hpp"

namespace yoyaku::store {

struct IdempotencyRecord {
  std::string fingerprint;
  std::string resource;  // "" while the claiming transaction has not finished
};

std::optional<IdempotencyRecord> find_idempotency_key(db::Connection& c, std::int64_t user_id,
                                                      std::string_view operation, const std::string& key);
// Throws db::UniqueViolation when the key is taken; on PostgreSQL it first
// waits for a concurrent transaction holding the same key to end.
void claim_idempotency_key(db::Connection& c, std::int64_t user_id, std::string_view operation,
                           const std::string& key, const std::string& fingerprint, std::int64_t now);
void complete_idempotency_key(db::Connection& c, std::int64_t user_id, std::string_view operation,
                              const std::string& key, const std::string& resource);
void delete_idempotency_key(db::Connection& c, std::int64_t user_id, std::string_view operation,
                            const std::string& key);
// A user's keys are kept a day (a client retries within minutes): older ones
// go when the user claims a new one. Returns how many went.
std::int64_t purge_idempotency_keys(db::Connection& c, std::int64_t user_id, std::int64_t created_before);

}  // namespace yoyaku::store
