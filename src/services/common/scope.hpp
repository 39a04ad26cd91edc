#pragma once
// Inside services/ only: the principal as a condition of the store's queries.
#include "services/common/principal.hpp"
#include "store/scope.hpp"

namespace yoyaku::services {

// `minimum`: the right a staff member needs at the office of the rows (viewing by default).
inline store::AccessScope scope_of(const Principal& principal, StaffRole minimum = StaffRole::view) {
  switch (principal.kind) {
    case Principal::Kind::job_seeker:
      return store::AccessScope::job_seeker(principal.id);
    case Principal::Kind::staff:
      return principal.administrator ? store::AccessScope::administrator()
                                     : store::AccessScope::office_staff(principal.id, minimum);
    default:
      return {};
  }
}

}  // namespace yoyaku::services
