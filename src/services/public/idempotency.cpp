#include "services/public/idempotency.hpp"

#include <algorithm>

#include "store/idempotency.hpp"
#include "util/random.hpp"

namespace yoyaku::services {

namespace {
constexpr std::int64_t kept_seconds = 24 * 60 * 60;
}  // namespace

std::optional<IdempotencyKey> idempotency_key(const std::optional<std::string>& header, const std::string& body) {
  if (!header) return std::nullopt;
  const std::string& key = *header;
  const bool printable = std::all_of(key.begin(), key.end(), [](char ch) { return ch >= 0x20 && ch <= 0x7e; });
  if (key.empty() || key.size() > 255 || !printable) {
    throw ValidationError("Idempotency-Key ヘッダーに誤りがあります。",
                          {{"Idempotency-Key", "1〜255文字の半角英数字・記号で指定してください。"}});
  }
  return IdempotencyKey{key, sha256_hex(body)};
}

std::optional<std::string> claim_idempotency(db::Connection& t, std::int64_t user_id, std::string_view operation,
                                             const std::optional<IdempotencyKey>& key, std::int64_t now) {
  if (!key) return std::nullopt;
  if (auto earlier = store::find_idempotency_key(t, user_id, operation, key->key)) {
    if (earlier->fingerprint != key->fingerprint) {
      throw ServiceError(ErrorKind::invalid_input, "idempotency_key_reused",
                         "この Idempotency-Key は別の内容の申込みに使用されています。新しいキーを指定してください。");
    }
    if (!earlier->resource.empty()) return earlier->resource;
  }
  store::purge_idempotency_keys(t, user_id, now - kept_seconds);
  store::claim_idempotency_key(t, user_id, operation, key->key, key->fingerprint, now);
  return std::nullopt;
}

void complete_idempotency(db::Connection& t, std::int64_t user_id, std::string_view operation,
                          const std::optional<IdempotencyKey>& key, const std::string& resource) {
  if (key) store::complete_idempotency_key(t, user_id, operation, key->key, resource);
}

void forget_idempotency(db::Connection& t, std::int64_t user_id, std::string_view operation,
                        const std::optional<IdempotencyKey>& key) {
  if (key) store::delete_idempotency_key(t, user_id, operation, key->key);
}

}  // namespace yoyaku::services
