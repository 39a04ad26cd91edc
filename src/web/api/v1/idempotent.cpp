#include "web/api/v1/idempotent.hpp"

namespace yoyaku::web::api_v1 {

std::optional<services::IdempotencyKey> idempotency_key(const RequestContext& ctx, const nlohmann::json& body) {
  return services::idempotency_key(ctx.request.header("idempotency-key"), body.dump());
}

Response replayable(Response response, bool replayed) {
  if (replayed) response.set_header("Idempotent-Replayed", "true");
  return response;
}

}  // namespace yoyaku::web::api_v1
