#pragma once
// お知らせ: notices for everyone or for one office's users.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace yoyaku::store {

struct Notice {
  std::int64_t id = 0;
  std::optional<std::int64_t> office_id;
  std::string title;
  std::string body;
  std::int64_t published_at = 0;
};

std::int64_t insert_notice(db::Connection& c, const Notice& notice, std::int64_t now);
std::optional<Notice> find_notice_by_title(db::Connection& c, const std::string& title);
// Published at or before `now`, newest first.
std::vector<Notice> published_notices(db::Connection& c, std::int64_t now, int limit);

}  // namespace yoyaku::store
