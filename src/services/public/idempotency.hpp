#pragma once
// Idempotent booking requests (the API's Idempotency-Key header): a request
// sent again with the same key — because its answer was lost to a killed
// server, a failover or a 503 during COMMIT — gets the hold or reservation
// the first one made, never a second one.
//
// Inside the booking's transaction the key is claimed first (a concurrent
// twin waits for it on PostgreSQL, or queues behind the write lock on SQLite)
// and completed with the resource made, so the key is committed exactly when
// the booking is.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "db/database.hpp"
#include "services/common/errors.hpp"

namespace yoyaku::services {

struct IdempotencyKey {
  std::string key;          // as sent: 1–255 printable ASCII characters
  std::string fingerprint;  // of the request body: the same key with another body is refused
};

// nullopt for an absent header; throws ValidationError for a malformed one.
std::optional<IdempotencyKey> idempotency_key(const std::optional<std::string>& header, const std::string& body);

inline constexpr std::string_view hold_operation = "hold";
inline constexpr std::string_view reservation_operation = "reservation";

// In the booking's transaction, before its work: the resource a completed
// earlier request made with this key (then the caller answers with it), or
// nullopt after claiming the key for this request. Throws ServiceError
// "idempotency_key_reused" when the key came with another body.
std::optional<std::string> claim_idempotency(db::Connection& t, std::int64_t user_id, std::string_view operation,
                                             const std::optional<IdempotencyKey>& key, std::int64_t now);
// In the same transaction, once the work made `resource`.
void complete_idempotency(db::Connection& t, std::int64_t user_id, std::string_view operation,
                          const std::optional<IdempotencyKey>& key, const std::string& resource);
// In the same transaction, when it commits without making anything (a lapsed hold).
void forget_idempotency(db::Connection& t, std::int64_t user_id, std::string_view operation,
                        const std::optional<IdempotencyKey>& key);

// Runs `work` in a write transaction (db::in_transaction); when its key was
// claimed by a concurrent twin that committed first, runs it once more, and
// the claim then finds the twin's resource.
template <typename Work>
auto idempotent_write(db::Connection& c, const std::optional<IdempotencyKey>& key, Work&& work)
    -> decltype(work(c)) {
  if (!key) return db::in_transaction(c, true, work);
  try {
    return db::in_transaction(c, true, work);
  } catch (const db::UniqueViolation&) {
    return db::in_transaction(c, true, work);
  }
}

}  // namespace yoyaku::services
