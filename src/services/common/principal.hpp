#pragma once
// Who is asking: nobody, a job seeker, or a staff member with the offices
// they serve (an administrator serves every office). Every use case that
// reads or changes personal data takes the principal and turns it into a
// condition of its SQL (store::AccessScope), so the check is in the query.
#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "store/scope.hpp"

namespace yoyaku::services {

// 閲覧 / 予約操作 / 管理 at an office (store/scope.hpp).
using StaffRole = store::StaffRole;

struct Principal {
  enum class Kind { anonymous, job_seeker, staff };
  Kind kind = Kind::anonymous;
  std::int64_t id = 0;  // users.id or staff.id
  std::string display_name;
  bool administrator = false;           // staff only: every office
  std::vector<std::int64_t> office_ids;  // staff only: the offices they serve
  std::vector<std::pair<std::int64_t, StaffRole>> office_roles;  // staff only: the right at each

  static Principal anonymous() { return {}; }
  static Principal job_seeker(std::int64_t user_id, std::string name) {
    return {Kind::job_seeker, user_id, std::move(name), false, {}, {}};
  }
  static Principal staff(std::int64_t staff_id, std::string name, bool administrator,
                         std::vector<std::pair<std::int64_t, StaffRole>> office_roles) {
    std::vector<std::int64_t> ids;
    for (const auto& [office_id, role] : office_roles) ids.push_back(office_id);
    return {Kind::staff, staff_id, std::move(name), administrator, std::move(ids), std::move(office_roles)};
  }

  bool is_anonymous() const { return kind == Kind::anonymous; }
  bool is_job_seeker() const { return kind == Kind::job_seeker; }
  bool is_staff() const { return kind == Kind::staff; }
  bool serves(std::int64_t office_id) const {
    return is_staff() && (administrator ||
                          std::find(office_ids.begin(), office_ids.end(), office_id) != office_ids.end());
  }
  // Whether the staff member has at least `role` at the office (an administrator everywhere).
  bool may(std::int64_t office_id, StaffRole role) const {
    if (!is_staff()) return false;
    if (administrator) return true;
    return std::any_of(office_roles.begin(), office_roles.end(),
                       [&](const auto& entry) { return entry.first == office_id && entry.second >= role; });
  }
};

}  // namespace yoyaku::services
