#include "web/json_body.hpp"

namespace yoyaku::web {

std::optional<nlohmann::json> parse_json_object(std::string_view body) {
  if (body.empty()) return nlohmann::json::object();
  auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
  return parsed;
}

}  // namespace yoyaku::web
