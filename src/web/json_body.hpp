#pragma once
// The JSON object of an API request body, apart from the request context so
// that it can be tested and fuzzed on its own.
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

namespace yoyaku::web {

// {} for an empty body; the object for a JSON object; nullopt for anything
// else (malformed JSON, invalid UTF-8, an array or a scalar). Never throws on input.
std::optional<nlohmann::json> parse_json_object(std::string_view body);

}  // namespace yoyaku::web
