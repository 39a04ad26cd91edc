#pragma once
// Accounts created by operators (yoyaku create-user / create-staff), load
// tests and the demo data, bypassing the mailed verification link.
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "services/common/principal.hpp"

namespace yoyaku::services {

struct NewJobSeeker {
  std::string email;
  std::optional<std::string> email2;
  std::string password;
  std::string family_name;
  std::string given_name;
  std::string job_seeker_number;  // full-width input is normalised
  std::string phone;
};

// Creates a verified job-seeker account. Throws ValidationError with field
// messages, ConflictError if the email exists.
std::int64_t create_verified_user(db::Connection& connection, const NewJobSeeker& user, std::int64_t now);

struct NewStaffMember {
  std::string email;
  std::string password;
  std::string display_name;
  std::vector<std::string> office_codes;  // empty with is_admin
  std::vector<StaffRole> office_roles;    // the right at each office, in the same order (予約操作 when missing)
  bool is_admin = false;
  std::string totp_secret;  // base32; "" to enrol at the first sign-in
  std::optional<std::int64_t> created_by;  // the administrator, when not an operator command
};

// Throws ValidationError (bad field, unknown office, unusable TOTP secret),
// ConflictError (email exists).
std::int64_t create_staff_member(db::Connection& connection, const NewStaffMember& staff, std::int64_t now);

}  // namespace yoyaku::services
