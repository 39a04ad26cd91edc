#pragma once
// お知らせ, run by staff: service-wide notices by administrators, an office's
// notices by administrators and the office's managers (管理). Scheduled from
// 掲載開始 until 掲載終了 (none: no end). Anyone else gets "not found"; the
// scope is in the SQL. Every change is audit-logged.
#include <cstdint>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "services/common/principal.hpp"
#include "services/identity/sessions.hpp"
#include "store/catalog.hpp"
#include "store/notices.hpp"

namespace yoyaku::services {

// What staff type: the office by its 安定所番号 ("" = everyone), the schedule
// as JST "YYYY-MM-DD" / "HH:MM" (domain::check_notice).
struct NoticeForm {
  std::string office_code;
  std::string title, body;
  std::string from_date, from_time, until_date, until_time;
};

// Whether the caller may run notices at all (an administrator, or a manager somewhere).
bool may_run_notices(const Principal& principal);

// Throw NotFoundError unless the caller may run notices / edit this one.
std::vector<store::NoticeRecord> list_admin_notices(db::Connection& c, const Principal& principal);
store::NoticeRecord admin_notice(db::Connection& c, const Principal& principal, std::int64_t id);
// The offices the caller may post for (their managed ones; every office for an administrator).
std::vector<store::Office> notice_offices(db::Connection& c, const Principal& principal);
// Throw ValidationError (fields: office_code, title, body, published_at, published_until), NotFoundError.
std::int64_t create_notice(db::Connection& c, const Principal& principal, const NoticeForm& form,
                           const Client& client, std::int64_t now);
void update_notice(db::Connection& c, const Principal& principal, std::int64_t id, const NoticeForm& form,
                   const Client& client, std::int64_t now);
void delete_notice(db::Connection& c, const Principal& principal, std::int64_t id, const Client& client,
                   std::int64_t now);

// For the forms: a stored notice as typed values.
NoticeForm notice_form_of(const store::NoticeRecord& record);

}  // namespace yoyaku::services
