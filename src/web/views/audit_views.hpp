#pragma once
// View builders of the audit log viewer, shared by /staff/admin/audit and
// GET /api/v1/admin/audit.
#include <nlohmann/json.hpp>

#include "services/admin/audit_log.hpp"

namespace yoyaku::web {

// {id, at, at_text, actor_kind, actor_id, actor_text, action, action_text, action_labelled,
//  target_kind, target_id, target_text, target_url, office{code, name} | null, ip, detail}
nlohmann::json audit_entry_view(const services::AuditRecord& record);

// {items[audit_entry_view], more, next_before_id | null}
nlohmann::json audit_page_view(const services::AuditLogPage& page);

}  // namespace yoyaku::web
