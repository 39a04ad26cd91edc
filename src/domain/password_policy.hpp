#pragma once
// What makes a password acceptable: long enough, and not one of the
// passwords attackers try first.
#include <optional>
#include <string>
#include <string_view>

namespace yoyaku::domain {

// nullopt when acceptable; otherwise the Japanese message for the form.
std::optional<std::string> password_problem(std::string_view password, std::string_view email);

// A well-known password, a trivial pattern (one repeated character, a run of
// keys or digits) or one of those followed by digits and symbols.
bool is_common_password(std::string_view password);

}  // namespace yoyaku::domain
