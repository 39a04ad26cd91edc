#include "store/scope.hpp"

namespace yoyaku::store {

std::string_view staff_role_code(StaffRole role) {
  switch (role) {
    case StaffRole::view: return "view";
    case StaffRole::manage: return "manage";
    default: return "operate";
  }
}

std::optional<StaffRole> staff_role_of(std::string_view code) {
  if (code == "view") return StaffRole::view;
  if (code == "operate") return StaffRole::operate;
  if (code == "manage") return StaffRole::manage;
  return std::nullopt;
}

Condition office_condition(const AccessScope& scope, std::string_view office_id_column) {
  // The right is a constant of the code, never input.
  static const std::string at_least[] = {"", " AND so.role IN ('operate', 'manage')", " AND so.role = 'manage'"};
  switch (scope.kind) {
    case AccessScope::Kind::everyone:
      return {"1 = 1", {}};
    case AccessScope::Kind::office_staff:
      return {"EXISTS (SELECT 1 FROM staff_offices so WHERE so.staff_id = ? AND so.office_id = " +
                  std::string(office_id_column) + at_least[static_cast<int>(scope.minimum_role)] + ")",
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
