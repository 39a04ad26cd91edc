#pragma once
// Reading the members of a JSON request body, shared by the API endpoints.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "services/public/booking_form.hpp"
#include "web/context.hpp"

namespace yoyaku::web::api_v1 {

// A string member, or `fallback` when it is absent or not a string.
std::string text(const nlohmann::json& body, const char* name, const std::string& fallback = "");
// A boolean member, or `fallback`.
bool flag(const nlohmann::json& body, const char* name, bool fallback = false);
// "topics": the string codes of the array, or nullopt when absent.
std::optional<std::vector<std::string>> topic_list(const nlohmann::json& body);
// The booking form's fields; absent members keep `current`'s values.
services::ReservationForm reservation_form(const nlohmann::json& body, const services::ReservationForm& current);

}  // namespace yoyaku::web::api_v1
