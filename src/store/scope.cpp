#include "store/scope.hpp"

namespace yoyaku::store {

Condition office_condition(const AccessScope& scope, std::string_view office_id_column) {
  switch (scope.kind) {
    case AccessScope::Kind::everyone:
      return {"1 = 1", {}};
    case AccessScope::Kind::office_staff:
      return {"EXISTS (SELECT 1 FROM staff_offices so WHERE so.staff_id = ? AND so.office_id = " +
                  std::string(office_id_column) + ")",
              {scope.account_id}};
    default:
      return {"1 = 0", {}};
  }
}

Condition personal_data_condition(const AccessScope& scope, std::string_view user_id_column,
                                  std::string_view office_id_column) {
  if (scope.kind == AccessScope::Kind::job_seeker) return {std::string(user_id_column) + " = ?", {scope.account_id}};
  return office_condition(scope, office_id_column);
}

}  // namespace yoyaku::store
