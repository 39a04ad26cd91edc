#pragma once
// お知らせ: notices for everyone (office_id NULL) or for one office's users,
// shown from published_at until published_until (NULL: no end).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "store/scope.hpp"

namespace yoyaku::store {

struct Notice {
  std::int64_t id = 0;
  std::optional<std::int64_t> office_id;
  std::string title;
  std::string body;
  std::int64_t published_at = 0;
  std::optional<std::int64_t> published_until;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> updated_at;
};

// A notice with the name of its office ("" for everyone).
struct NoticeRecord {
  Notice notice;
  std::string office_name;
  std::string office_code;
};

std::int64_t insert_notice(db::Connection& c, const Notice& notice, std::int64_t now);
std::optional<Notice> find_notice_by_title(db::Connection& c, const std::string& title);
// Shown at `now` (published_at <= now < published_until), newest first;
// with `office_id`, only that office's own.
std::vector<NoticeRecord> published_notices(db::Connection& c, std::int64_t now, int limit,
                                            std::optional<std::int64_t> office_id = std::nullopt);

// For the administration pages: the notices the scope may edit — service-wide
// ones only for administrators (AccessScope::everyone), an office's for its
// managers — newest first. The scope is in the SQL.
std::vector<NoticeRecord> editable_notices(db::Connection& c, const AccessScope& scope);
std::optional<NoticeRecord> find_editable_notice(db::Connection& c, std::int64_t id, const AccessScope& scope);
// Title, body, office and schedule; false when the notice is not in the scope.
bool update_notice(db::Connection& c, const Notice& notice, const AccessScope& scope, std::int64_t now);
bool delete_notice(db::Connection& c, std::int64_t id, const AccessScope& scope);

}  // namespace yoyaku::store
