// Reserving in the browser: STEP1–7 (web pages come in a later step).
#include "web/app.hpp"

namespace yoyaku::web {

std::optional<Response> App::booking_route(Request&) { return std::nullopt; }

}  // namespace yoyaku::web
