#include "store/audit.hpp"

#include "store/table.hpp"

namespace yoyaku::store {
namespace {

using E = AuditEntry;
const Table<E> audit_table{
    "audit_log",
    {{"at", &E::at}, {"actor_kind", &E::actor_kind}, {"actor_id", &E::actor_id}, {"action", &E::action},
     {"target_kind", &E::target_kind}, {"target_id", &E::target_id}, {"office_id", &E::office_id}, {"ip", &E::ip},
     {"detail", &E::detail}}};

}  // namespace

void append_audit(db::Connection& c, const AuditEntry& e) {
  static const std::string sql =
      std::string("INSERT INTO audit_log (") + audit_table.columns() + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  c.query(sql, {e.at, e.actor_kind, optional_value(e.actor_id), e.action, e.target_kind, e.target_id,
                optional_value(e.office_id), e.ip, e.detail});
}

std::vector<AuditEntry> recent_audit(db::Connection& c, int limit) {
  return audit_table.find_all(c, "ORDER BY id DESC LIMIT ?", {std::int64_t{limit}});
}

}  // namespace yoyaku::store
