#pragma once
// An office's settings for the staff's day, set by an operator (`yoyaku
// office-settings`): the meeting-link template that 「自動作成」 uses and the
// number of unannounced no-shows after which online booking is refused.
// (Contact data and the rest come with the office administration pages.)
#include <cstdint>
#include <optional>
#include <string>

#include "db/database.hpp"
#include "store/catalog.hpp"

namespace yoyaku::services {

struct OfficeSettings {
  std::optional<std::string> meeting_url_template;  // https://…{meeting_id}…; "" for the default
  std::optional<int> no_show_limit;                 // 1–20
};

// Throws ValidationError, NotFoundError. Audit-logged. Returns the office as it now is.
store::Office update_office_settings(db::Connection& c, const std::string& office_code, const OfficeSettings& settings,
                                     std::int64_t now);

}  // namespace yoyaku::services
