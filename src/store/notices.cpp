#include "store/notices.hpp"

#include "store/table.hpp"

namespace yoyaku::store {
namespace {

const Table<Notice> notice_table{"notices",
                                 {{"id", &Notice::id}, {"office_id", &Notice::office_id}, {"title", &Notice::title},
                                  {"body", &Notice::body}, {"published_at", &Notice::published_at}}};

}  // namespace

std::int64_t insert_notice(db::Connection& c, const Notice& n, std::int64_t now) {
  auto row = c.query_one(
      "INSERT INTO notices (office_id, title, body, published_at, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
      {optional_value(n.office_id), n.title, n.body, n.published_at, now});
  return row->integer(0);
}

std::optional<Notice> find_notice_by_title(db::Connection& c, const std::string& title) {
  return notice_table.find(c, "WHERE title = ?", {title});
}

std::vector<Notice> published_notices(db::Connection& c, std::int64_t now, int limit) {
  return notice_table.find_all(c, "WHERE published_at <= ? ORDER BY published_at DESC, id DESC LIMIT ?", {now, std::int64_t{limit}});
}

}  // namespace yoyaku::store
