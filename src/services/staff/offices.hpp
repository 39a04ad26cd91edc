#pragma once
// The offices a staff member works for: the staff home lists them, and every
// office page starts from served_office, whose query only finds an office the
// staff member serves (an administrator serves all).
#include <cstdint>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "services/common/principal.hpp"
#include "services/identity/sessions.hpp"
#include "services/public/booking.hpp"

namespace yoyaku::services {

// By prefecture and office number. Empty for anyone but staff.
std::vector<Office> offices_served(db::Connection& c, const Principal& principal);

// The office with this number if the caller serves it; NotFoundError
// otherwise (also for job seekers and visitors). The access is audit-logged.
Office served_office(db::Connection& c, const Principal& principal, const std::string& office_code,
                     const Client& client, std::int64_t now);

}  // namespace yoyaku::services
