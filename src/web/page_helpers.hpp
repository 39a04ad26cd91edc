#pragma once
// Small helpers shared by the page and API handlers.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace yoyaku::web {

using Form = std::multimap<std::string, std::string>;

// The first value of a form field, or "".
std::string form_field(const Form& form, const std::string& name);
// Every value of a repeated field (checkboxes).
std::vector<std::string> form_fields(const Form& form, const std::string& name);
// "/a/b/c" -> {"a", "b", "c"}
std::vector<std::string> path_segments(const std::string& path);
// A positive decimal id, or nullopt.
std::optional<std::int64_t> positive_id(const std::string& text);
// 「仮予約 2024年08月20日(火)15時58分まで有効」's time.
std::string hold_expiry_text(std::int64_t unix_seconds);
// ご相談内容 checkboxes: [{code, label, checked}].
nlohmann::json topic_options_json(const std::vector<std::string>& chosen);

}  // namespace yoyaku::web
