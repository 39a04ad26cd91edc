#include "store/idempotency.hpp"

namespace yoyaku::store {

std::optional<IdempotencyRecord> find_idempotency_key(db::Connection& c, std::int64_t user_id,
                                                      std::string_view operation, const std::string& key) {
  auto row = c.query_one(
      "SELECT fingerprint, resource FROM idempotency_keys WHERE user_id = ? AND operation = ? AND idempotency_key = ?",
      {user_id, std::string(operation), key});
  if (!row) return std::nullopt;
  return IdempotencyRecord{row->text(0), row->text(1)};
}

void claim_idempotency_key(db::Connection& c, std::int64_t user_id, std::string_view operation,
                           const std::string& key, const std::string& fingerprint, std::int64_t now) {
  c.query(
      "INSERT INTO idempotency_keys (user_id, operation, idempotency_key, fingerprint, resource, created_at)"
      " VALUES (?, ?, ?, ?, '', ?)",
      {user_id, std::string(operation), key, fingerprint, now});
}

void complete_idempotency_key(db::Connection& c, std::int64_t user_id, std::string_view operation,
                              const std::string& key, const std::string& resource) {
  c.query("UPDATE idempotency_keys SET resource = ? WHERE user_id = ? AND operation = ? AND idempotency_key = ?",
          {resource, user_id, std::string(operation), key});
}

void delete_idempotency_key(db::Connection& c, std::int64_t user_id, std::string_view operation,
                            const std::string& key) {
  c.query("DELETE FROM idempotency_keys WHERE user_id = ? AND operation = ? AND idempotency_key = ?",
          {user_id, std::string(operation), key});
}

std::int64_t purge_idempotency_keys(db::Connection& c, std::int64_t user_id, std::int64_t created_before) {
  c.query("DELETE FROM idempotency_keys WHERE user_id = ? AND created_at < ?", {user_id, created_before});
  return c.changes();
}

}  // namespace yoyaku::store
