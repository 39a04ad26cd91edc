#pragma once
// Who is asking: nobody, a job seeker, or a staff member with the offices
// they serve (an administrator serves every office). Every use case that
// reads or changes personal data takes the principal and turns it into a
// condition of its SQL (store::AccessScope), so the check is in the query.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace yoyaku::services {

struct Principal {
  enum class Kind { anonymous, job_seeker, staff };
  Kind kind = Kind::anonymous;
  std::int64_t id = 0;  // users.id or staff.id
  std::string display_name;
  bool administrator = false;           // staff only: every office
  std::vector<std::int64_t> office_ids;  // staff only: the offices they serve

  static Principal anonymous() { return {}; }
  static Principal job_seeker(std::int64_t user_id, std::string name) {
    return {Kind::job_seeker, user_id, std::move(name), false, {}};
  }
  static Principal staff(std::int64_t staff_id, std::string name, bool administrator,
                         std::vector<std::int64_t> office_ids) {
    return {Kind::staff, staff_id, std::move(name), administrator, std::move(office_ids)};
  }

  bool is_anonymous() const { return kind == Kind::anonymous; }
  bool is_job_seeker() const { return kind == Kind::job_seeker; }
  bool is_staff() const { return kind == Kind::staff; }
  bool serves(std::int64_t office_id) const {
    return is_staff() && (administrator ||
                          std::find(office_ids.begin(), office_ids.end(), office_id) != office_ids.end());
  }
};

}  // namespace yoyaku::services
