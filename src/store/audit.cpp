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

std::vector<AuditRecord> find_audit(db::Connection& c, const AuditFilter& f) {
  Condition where = office_condition(f.scope, "a.office_id");
  auto add = [&](const char* sql, db::Value value) {
    where.sql += sql;
    where.params.push_back(std::move(value));
  };
  if (f.office_id) add(" AND a.office_id = ?", *f.office_id);
  if (f.staff_id) add(" AND a.actor_kind = 'staff' AND a.actor_id = ?", *f.staff_id);
  if (f.reservation) add(" AND a.target_kind = 'reservation' AND a.target_id = ?", *f.reservation);
  if (f.action) add(" AND a.action = ?", *f.action);
  if (f.from) add(" AND a.at >= ?", *f.from);
  if (f.until) add(" AND a.at < ?", *f.until);
  if (f.before_id) add(" AND a.id < ?", *f.before_id);
  where.params.push_back(std::int64_t{f.limit});
  // The SQL is built from fixed parts only (a bounded set of statements to prepare).
  const std::string sql = "SELECT a.id, " + audit_table.columns("a") +
                          ", COALESCE(st.display_name, ''), COALESCE(o.code, ''), COALESCE(o.name, '')"
                          " FROM audit_log a"
                          " LEFT JOIN staff st ON a.actor_kind = 'staff' AND st.id = a.actor_id"
                          " LEFT JOIN offices o ON o.id = a.office_id"
                          " WHERE " + where.sql + " ORDER BY a.id DESC LIMIT ?";
  return query_all_as(c, sql, where.params, [](ColumnReader& r) {
    AuditRecord record;
    record.id = r.integer();
    record.entry = audit_table.read(r);
    record.actor_name = r.text();
    record.office_code = r.text();
    record.office_name = r.text();
    return record;
  });
}

}  // namespace yoyaku::store
