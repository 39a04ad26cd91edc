#pragma once
// Staff accounts, run by administrators: create them, assign offices and the
// right at each (閲覧 / 予約操作 / 管理), reset their authenticator app, and
// disable them — a disabled staff member's sessions end at once. Everyone
// else gets "not found". Every change is audit-logged.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/database.hpp"
#include "services/common/principal.hpp"
#include "services/identity/sessions.hpp"
#include "store/catalog.hpp"

namespace yoyaku::services {

struct StaffAssignment {
  store::Office office;
  StaffRole role = StaffRole::operate;
};

struct StaffAccount {
  std::int64_t id = 0;
  std::string email, display_name;
  bool administrator = false;
  bool totp_enabled = false;
  std::optional<std::int64_t> disabled_at;
  std::vector<StaffAssignment> offices;
};

// What an administrator types: offices as (安定所番号, right).
struct StaffAccountForm {
  std::string email;     // new accounts only
  std::string password;  // new accounts only (the staff member changes it… by asking again; no self-service yet)
  std::string display_name;
  bool administrator = false;
  std::vector<std::pair<std::string, StaffRole>> offices;
};

// Throw NotFoundError unless the caller is an administrator.
std::vector<StaffAccount> list_staff_accounts(db::Connection& c, const Principal& principal);
StaffAccount staff_account(db::Connection& c, const Principal& principal, std::int64_t staff_id);
// Throws ValidationError, ConflictError (email taken).
std::int64_t create_staff_account(db::Connection& c, const Principal& principal, const StaffAccountForm& form,
                                  const Client& client, std::int64_t now);
// Name, administrator flag and offices with rights (the list replaces the old one).
void update_staff_account(db::Connection& c, const Principal& principal, std::int64_t staff_id,
                          const StaffAccountForm& form, const Client& client, std::int64_t now);
// The staff member enrols an authenticator app again at the next sign-in; their sessions end.
void reset_staff_totp(db::Connection& c, const Principal& principal, std::int64_t staff_id, const Client& client,
                      std::int64_t now);
// Disabled: no sign-in, and every session ends at once. An administrator cannot disable themselves.
void set_staff_disabled(db::Connection& c, const Principal& principal, std::int64_t staff_id, bool disabled,
                        const Client& client, std::int64_t now);

}  // namespace yoyaku::services
