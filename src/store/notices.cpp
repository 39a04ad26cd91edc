#include "store/notices.hpp"

#include "store/table.hpp"

namespace yoyaku::store {
namespace {

const Table<Notice> notice_table{"notices",
                                 {{"id", &Notice::id}, {"office_id", &Notice::office_id}, {"title", &Notice::title},
                                  {"body", &Notice::body}, {"published_at", &Notice::published_at},
                                  {"published_until", &Notice::published_until}, {"created_at", &Notice::created_at},
                                  {"updated_at", &Notice::updated_at}}};

// SELECT <notice columns>, office name and code FROM notices n LEFT JOIN offices o … WHERE
const std::string& select_records() {
  static const std::string sql =
      select_from(notice_table.columns("n") + ", COALESCE(o.name, ''), COALESCE(o.code, '')",
                  "FROM notices n LEFT JOIN offices o ON o.id = n.office_id WHERE ");
  return sql;
}

std::vector<NoticeRecord> records(db::Connection& c, const std::string& sql, const std::vector<db::Value>& params) {
  return query_all_as(c, sql, params, [](ColumnReader& r) {
    NoticeRecord record;
    record.notice = notice_table.read(r);
    record.office_name = r.text();
    record.office_code = r.text();
    return record;
  });
}

// Service-wide notices (office NULL) belong to administrators only: office_condition
// is "1 = 1" for them, and an EXISTS over staff_offices, never true for NULL, for managers.
Condition editable(const AccessScope& scope) { return office_condition(scope, "n.office_id"); }

}  // namespace

std::int64_t insert_notice(db::Connection& c, const Notice& n, std::int64_t now) {
  auto row = c.query_one(
      "INSERT INTO notices (office_id, title, body, published_at, published_until, created_at) VALUES (?, ?, ?, ?, ?, ?)"
      " RETURNING id",
      {optional_value(n.office_id), n.title, n.body, n.published_at, optional_value(n.published_until), now});
  return row->integer(0);
}

std::optional<Notice> find_notice_by_title(db::Connection& c, const std::string& title) {
  return notice_table.find(c, "WHERE title = ?", {title});
}

std::vector<NoticeRecord> published_notices(db::Connection& c, std::int64_t now, int limit,
                                            std::optional<std::int64_t> office_id) {
  std::string sql = select_records() + "n.published_at <= ? AND (n.published_until IS NULL OR ? < n.published_until)";
  std::vector<db::Value> params = {now, now};
  if (office_id) {
    sql += " AND n.office_id = ?";
    params.push_back(*office_id);
  }
  sql += " ORDER BY n.published_at DESC, n.id DESC LIMIT ?";
  params.push_back(std::int64_t{limit});
  return records(c, sql, params);
}

std::vector<NoticeRecord> editable_notices(db::Connection& c, const AccessScope& scope) {
  Condition where = editable(scope);
  return records(c, select_records() + where.sql + " ORDER BY n.published_at DESC, n.id DESC", where.params);
}

std::optional<NoticeRecord> find_editable_notice(db::Connection& c, std::int64_t id, const AccessScope& scope) {
  Condition where = editable(scope);
  where.params.insert(where.params.begin(), id);
  auto found = records(c, select_records() + "n.id = ? AND " + where.sql, where.params);
  if (found.empty()) return std::nullopt;
  return found.front();
}

bool update_notice(db::Connection& c, const Notice& n, const AccessScope& scope, std::int64_t now) {
  Condition where = office_condition(scope, "notices.office_id");
  std::vector<db::Value> params = {optional_value(n.office_id), n.title, n.body, n.published_at,
                                   optional_value(n.published_until), now, n.id};
  params.insert(params.end(), where.params.begin(), where.params.end());
  c.query("UPDATE notices SET office_id = ?, title = ?, body = ?, published_at = ?, published_until = ?,"
          " updated_at = ? WHERE id = ? AND " + where.sql,
          params);
  return c.changes() > 0;
}

bool delete_notice(db::Connection& c, std::int64_t id, const AccessScope& scope) {
  Condition where = office_condition(scope, "notices.office_id");
  std::vector<db::Value> params = {id};
  params.insert(params.end(), where.params.begin(), where.params.end());
  c.query("DELETE FROM notices WHERE id = ? AND " + where.sql, params);
  return c.changes() > 0;
}

}  // namespace yoyaku::store
