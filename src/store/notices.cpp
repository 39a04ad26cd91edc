#include "store/notices.hpp"

#include "store/rows.hpp"

namespace yoyaku::store {
namespace {

constexpr const char* notice_columns = "id, office_id, title, body, published_at";

Notice read_notice(ColumnReader& r) {
  Notice n;
  n.id = r.integer();
  n.office_id = r.optional_integer();
  n.title = r.text();
  n.body = r.text();
  n.published_at = r.integer();
  return n;
}

}  // namespace

std::int64_t insert_notice(db::Connection& c, const Notice& n, std::int64_t now) {
  auto row = c.query_one(
      "INSERT INTO notices (office_id, title, body, published_at, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
      {optional_value(n.office_id), n.title, n.body, n.published_at, now});
  return row->integer(0);
}

std::optional<Notice> find_notice_by_title(db::Connection& c, const std::string& title) {
  static const std::string sql = select_from(notice_columns, "FROM notices WHERE title = ?");
  return query_one_as(c, sql, {title}, read_notice);
}

std::vector<Notice> published_notices(db::Connection& c, std::int64_t now, int limit) {
  static const std::string sql =
      select_from(notice_columns, "FROM notices WHERE published_at <= ? ORDER BY published_at DESC, id DESC LIMIT ?");
  return query_all_as(c, sql, {now, std::int64_t{limit}}, read_notice);
}

}  // namespace yoyaku::store
