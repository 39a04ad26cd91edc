#pragma once
// The audit log (leaflet §7): append-only, enforced by database triggers.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

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

}  // namespace yoyaku::store
