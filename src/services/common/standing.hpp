#pragma once
// A person's standing at an office (leaflet §6(4)): unannounced no-shows and
// staff's decisions, which together say whether online booking is refused.
// Used inside the caller's transaction by booking online and by staff pages.
#include <cstdint>
#include <optional>
#include <string>

#include "db/database.hpp"
#include "store/booking_overrides.hpp"
#include "store/catalog.hpp"

namespace yoyaku::services {

struct PersonStanding {
  bool refused = false;  // online booking at this office is refused
  int no_shows = 0;      // the no-shows that count towards the limit
  int limit = 2;
  std::optional<store::BookingOverride> decision;  // staff's newest decision, if any
};

PersonStanding person_standing(db::Connection& c, const store::Office& office, const std::string& job_seeker_number,
                               std::int64_t now);

// Throws ConflictError "online_booking_refused" (with the office's phone, or
// the help desk's) when online booking at the office is refused for the person.
void ensure_online_booking_allowed(db::Connection& c, const store::Office& office,
                                   const std::string& job_seeker_number, std::int64_t now);

}  // namespace yoyaku::services
