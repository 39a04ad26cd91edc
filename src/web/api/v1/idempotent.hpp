#pragma once
// Idempotency-Key on the API's booking writes. Apart from body.hpp so that the
// fuzzed JSON readers build without the services.
#include <optional>

#include <nlohmann/json.hpp>

#include "services/public/idempotency.hpp"
#include "web/context.hpp"

namespace yoyaku::web::api_v1 {

// The request's Idempotency-Key header with the fingerprint of `body` (its
// canonical form: member order and spacing do not matter); nullopt without one.
std::optional<services::IdempotencyKey> idempotency_key(const RequestContext& ctx, const nlohmann::json& body);
// A booking's answer, marked "Idempotent-Replayed: true" when an earlier
// request with the same key made what it shows.
Response replayable(Response response, bool replayed);

}  // namespace yoyaku::web::api_v1
