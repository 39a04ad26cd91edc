#include "services/admin/office_settings.hpp"

#include "domain/meetings.hpp"
#include "services/common/errors.hpp"
#include "store/audit.hpp"

namespace yoyaku::services {

store::Office update_office_settings(db::Connection& c, const std::string& office_code, const OfficeSettings& settings,
                                     std::int64_t now) {
  std::map<std::string, std::string> errors;
  if (settings.meeting_url_template && !settings.meeting_url_template->empty() &&
      !domain::valid_meeting_url_template(*settings.meeting_url_template)) {
    errors["meeting_url_template"] = "https:// で始まり {meeting_id} を含むURLの形式を指定してください。";
  }
  if (settings.no_show_limit && (*settings.no_show_limit < 1 || *settings.no_show_limit > 20)) {
    errors["no_show_limit"] = "1から20までの回数を指定してください。";
  }
  if (!errors.empty()) throw ValidationError("設定内容に誤りがあります。", errors);
  return db::in_transaction(c, true, [&](db::Connection& t) {
    auto office = store::find_office_by_code(t, office_code);
    if (!office) throw NotFoundError("指定された安定所はありません: " + office_code);
    if (settings.meeting_url_template) store::set_office_meeting_url_template(t, office->id, *settings.meeting_url_template, now);
    if (settings.no_show_limit) store::set_office_no_show_limit(t, office->id, *settings.no_show_limit, now);
    store::append_audit(t, {now, "system", std::nullopt, "office.settings_changed", "office", office->code, office->id,
                            "", "by operator command"});
    return *store::find_office(t, office->id);
  });
}

}  // namespace yoyaku::services
