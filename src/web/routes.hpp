#pragma once
#include <vector>

#include "web/router.hpp"

namespace yoyaku::web {

// Every route of the service, in one table (web/routes.cpp).
const std::vector<Route>& route_table();

}  // namespace yoyaku::web
