#pragma once
// The audit log (leaflet §7): append-only, enforced by database triggers.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "store/scope.hpp"

namespace yoyaku::store {

struct AuditEntry {
  std::int64_t at = 0;
  std::string actor_kind;  // user / staff / system / anonymous
  std::optional<std::int64_t> actor_id;
  std::string action;
  std::string target_kind;
  std::string target_id;
  std::optional<std::int64_t> office_id;
  std::string ip;
  std::string detail;
};

void append_audit(db::Connection& c, const AuditEntry& entry);
// Newest first.
std::vector<AuditEntry> recent_audit(db::Connection& c, int limit);

// The audit log viewer's filters; unset ones match everything. Entries are
// returned newest first (by id), at most `limit`, and only those the scope
// may manage: an administrator every entry, a staff member with 管理 at an
// office the entries of that office (never the ones without an office).
struct AuditFilter {
  AccessScope scope;  // office_staff scopes should ask for StaffRole::manage
  std::optional<std::int64_t> office_id;
  std::optional<std::int64_t> staff_id;      // actor_kind = 'staff' AND actor_id
  std::optional<std::string> reservation;    // target_kind = 'reservation' AND target_id (予約番号)
  std::optional<std::string> action;         // exact
  std::optional<std::int64_t> from, until;   // at >= from AND at < until (Unix seconds)
  std::optional<std::int64_t> before_id;     // paging: entries older than this one
  int limit = 50;
};

// An entry with what the viewer shows beside it.
struct AuditRecord {
  std::int64_t id = 0;
  AuditEntry entry;
  std::string actor_name;   // the staff member's display name ("" for others)
  std::string office_code;  // "" when the entry has no office
  std::string office_name;
};

std::vector<AuditRecord> find_audit(db::Connection& c, const AuditFilter& filter);

}  // namespace yoyaku::store
