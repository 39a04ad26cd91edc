#pragma once
// Running an office: its contact data and its closures (休業). Open to the
// office's staff with the 管理 right and to administrators; for anyone else
// the office does not exist (NotFoundError), checked in the query's scope.
// Every change is audit-logged.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "domain/office_contact.hpp"
#include "services/admin/affected_bookings.hpp"
#include "services/common/links.hpp"
#include "services/common/principal.hpp"
#include "services/identity/sessions.hpp"
#include "store/catalog.hpp"
#include "store/closures.hpp"

namespace yoyaku::services {

struct OfficeFrame {
  store::ReservationFrame frame;
  std::string procedure_title;
  std::string facility_name;
};

struct ManagedOffice {
  store::Office office;
  std::vector<store::Facility> facilities;
  std::vector<store::Procedure> procedures;
  std::vector<OfficeFrame> frames;
  std::vector<store::Closure> closures;  // from today on, by start date
};

// The office, inside the caller's transaction, if the principal may manage
// it (checked in the query's scope); NotFoundError otherwise.
store::Office office_to_manage(db::Connection& c, const Principal& principal, const std::string& office_code);

// Throws NotFoundError unless the principal may manage the office.
ManagedOffice managed_office(db::Connection& c, const Principal& principal, const std::string& office_code,
                             std::int64_t now);

// Replaces the contact data. Throws ValidationError (field messages), NotFoundError.
store::Office update_office_contact(db::Connection& c, const Principal& principal, const std::string& office_code,
                                    domain::OfficeContact contact, const Client& client, std::int64_t now);

struct ClosureForm {
  std::string from, to;  // YYYY-MM-DD; `to` "" for the one day `from`
  std::string reason;    // 研修, 庁舎点検 …
  std::optional<std::int64_t> facility_id, frame_id;  // neither: the whole office
  AffectedBookingsChoice bookings;
};

// Closes the office, a facility or a frame for the dates. Not applied while
// confirmed bookings fall on them and `form.bookings` is undecided (the
// result lists them). Throws ValidationError, NotFoundError.
AdministrativeChange add_closure(db::Connection& c, const Principal& principal, const std::string& office_code,
                                 const ClosureForm& form, const Links& links, const Client& client,
                                 std::int64_t now);
// The bookings the closure would strand, changing nothing (empty when the form is invalid).
std::vector<AffectedBooking> bookings_a_closure_strands(db::Connection& c, const Principal& principal,
                                                        const std::string& office_code, const ClosureForm& form,
                                                        std::int64_t now);
// Reopens: deletes the closure. Throws NotFoundError.
void remove_closure(db::Connection& c, const Principal& principal, const std::string& office_code,
                    std::int64_t closure_id, const Client& client, std::int64_t now);

}  // namespace yoyaku::services
