#pragma once
// An office's procedures (手続き) and facilities (施設), created and edited by
// its managers (管理, or administrators); for anyone else they do not exist
// (NotFoundError), checked in the query's scope. Audit-logged.
//
// Neither strands a booking: a procedure's booking window, reception period
// and deadlines decide only what may be booked or changed from now on — the
// bookings already made stay valid (a narrower window simply offers fewer
// days); a facility's name, address, phone, hours and map are shown as they
// are now. One procedure per kind and office (UNIQUE (office_id, kind)): a
// second one of a kind is refused with a message at the kind.
#include <cstdint>
#include <string>

#include "db/database.hpp"
#include "domain/procedure_rules.hpp"
#include "services/common/principal.hpp"
#include "services/identity/sessions.hpp"
#include "store/catalog.hpp"

namespace yoyaku::services {

struct ManagedProcedure {
  store::Procedure procedure;
  store::Office office;
};
struct ManagedFacility {
  store::Facility facility;
  store::Office office;
};

// Throw NotFoundError unless the principal may manage the office of the procedure / facility.
ManagedProcedure managed_procedure(db::Connection& c, const Principal& principal, std::int64_t procedure_id);
ManagedFacility managed_facility(db::Connection& c, const Principal& principal, std::int64_t facility_id);

// A new procedure takes its 利用規約 from one of the office's procedures (the
// office's own parts included); an edit leaves the terms as they are.
// Throw ValidationError (field messages), NotFoundError.
std::int64_t create_procedure(db::Connection& c, const Principal& principal, const std::string& office_code,
                              const domain::ProcedureInput& input, const Client& client, std::int64_t now);
void update_procedure(db::Connection& c, const Principal& principal, std::int64_t procedure_id,
                      const domain::ProcedureInput& input, const Client& client, std::int64_t now);

std::int64_t create_facility(db::Connection& c, const Principal& principal, const std::string& office_code,
                             const domain::FacilityInput& input, const Client& client, std::int64_t now);
void update_facility(db::Connection& c, const Principal& principal, std::int64_t facility_id,
                     const domain::FacilityInput& input, const Client& client, std::int64_t now);

}  // namespace yoyaku::services
