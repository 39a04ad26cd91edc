#pragma once
// Whose data a query may return. Services turn the signed-in principal into
// an AccessScope and pass it down; the store writes it into the WHERE clause,
// so a row outside the scope is never read (it is simply "not found").
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace yoyaku::store {

// A staff member's right at one office: 閲覧 (view: the day and the bookings),
// 予約操作 (operate: book, change, meeting details, attendance), 管理 (manage:
// the office's settings and its audit log). Each includes the ones before.
enum class StaffRole { view, operate, manage };
std::string_view staff_role_code(StaffRole role);  // "view" / "operate" / "manage"
std::optional<StaffRole> staff_role_of(std::string_view code);

struct AccessScope {
  enum class Kind { nobody, job_seeker, office_staff, everyone };
  Kind kind = Kind::nobody;
  std::int64_t account_id = 0;  // users.id or staff.id
  StaffRole minimum_role = StaffRole::view;  // office_staff: the right the query needs at the office

  static AccessScope job_seeker(std::int64_t user_id) { return {Kind::job_seeker, user_id}; }
  static AccessScope office_staff(std::int64_t staff_id, StaffRole minimum_role = StaffRole::view) {
    return {Kind::office_staff, staff_id, minimum_role};
  }
  static AccessScope administrator() { return {Kind::everyone, 0}; }
};

struct Condition {
  std::string sql;
  std::vector<db::Value> params;
};

// Rows of an office the scope may manage (job seekers manage none).
Condition office_condition(const AccessScope& scope, std::string_view office_id_column);
// Rows about a person the scope may see: their own (job seeker), or those of
// an office the staff member serves.
Condition personal_data_condition(const AccessScope& scope, std::string_view user_id_column,
                                  std::string_view office_id_column);

}  // namespace yoyaku::store
