#pragma once
// Inside services/ only: the principal as a condition of the store's queries.
#include "services/common/principal.hpp"
#include "store/scope.hpp"

namespace yoyaku::services {

inline store::AccessScope scope_of(const Principal& principal) {
  switch (principal.kind) {
    case Principal::Kind::job_seeker:
      return store::AccessScope::job_seeker(principal.id);
    case Principal::Kind::staff:
      return principal.administrator ? store::AccessScope::administrator()
                                     : store::AccessScope::office_staff(principal.id);
    default:
      return {};
  }
}

}  // namespace yoyaku::services
