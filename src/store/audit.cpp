#include "store/audit.hpp"

#include "store/rows.hpp"

namespace yoyaku::store {
namespace {

constexpr const char* audit_columns = "at, actor_kind, actor_id, action, target_kind, target_id, office_id, ip, detail";

AuditEntry read_audit(ColumnReader& r) {
  AuditEntry e;
  e.at = r.integer();
  e.actor_kind = r.text();
  e.actor_id = r.optional_integer();
  e.action = r.text();
  e.target_kind = r.text();
  e.target_id = r.text();
  e.office_id = r.optional_integer();
  e.ip = r.text();
  e.detail = r.text();
  return e;
}

}  // namespace

void append_audit(db::Connection& c, const AuditEntry& e) {
  static const std::string sql = std::string("INSERT INTO audit_log (") + audit_columns +
                                 ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  c.query(sql, {e.at, e.actor_kind, optional_value(e.actor_id), e.action, e.target_kind, e.target_id,
                optional_value(e.office_id), e.ip, e.detail});
}

std::vector<AuditEntry> recent_audit(db::Connection& c, int limit) {
  static const std::string sql = select_from(audit_columns, "FROM audit_log ORDER BY id DESC LIMIT ?");
  return query_all_as(c, sql, {std::int64_t{limit}}, read_audit);
}

}  // namespace yoyaku::store
