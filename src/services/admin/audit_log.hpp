#pragma once
// The audit log viewer (leaflet §7): read-only. Administrators see every
// entry; a staff member with 管理 at an office sees that office's entries
// (the scope is in the query); anyone else gets "not found". Looking writes
// nothing — not even an audit row — so the viewer can never change the log.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "services/common/principal.hpp"
#include "store/audit.hpp"
#include "store/catalog.hpp"

namespace yoyaku::services {

using AuditRecord = store::AuditRecord;

// The filters as typed (page form or API query); "" = any.
struct AuditLogQuery {
  std::string office;     // 安定所番号
  std::string staff;      // staff.id
  std::string number;     // 予約番号
  std::string action;     // exact action code, e.g. staff.reservation_viewed
  std::string from, to;   // JST dates YYYY-MM-DD, inclusive
  std::string before_id;  // paging: entries older than this id
};

struct AuditLogPage {
  std::vector<store::AuditRecord> entries;  // newest first
  bool more = false;                        // older entries match too
  std::optional<std::int64_t> next_before_id;
};

struct AuditStaffChoice {
  std::int64_t id = 0;
  std::string display_name;
};

// What the filter form offers the caller: the offices whose log they may
// read and the staff members of those offices (everyone for administrators).
struct AuditLogChoices {
  std::vector<store::Office> offices;
  std::vector<AuditStaffChoice> staff;
};

inline constexpr int audit_log_page_size = 50;

// Whether the caller may open the viewer at all (an administrator, or 管理 at an office).
bool may_view_audit_log(const Principal& principal);

// Throws NotFoundError (not allowed) or ValidationError (a filter, with its field's message).
AuditLogPage search_audit_log(db::Connection& c, const Principal& principal, const AuditLogQuery& query);
AuditLogChoices audit_log_choices(db::Connection& c, const Principal& principal);

}  // namespace yoyaku::services
