#pragma once
// View builders of the staff side, shared by its pages and /api/v1/staff/.
#include <nlohmann/json.hpp>

#include "services/public/booking.hpp"

namespace yoyaku::web {

// {code, name, prefecture, phone, url}
nlohmann::json office_view(const services::Office& office);

}  // namespace yoyaku::web
