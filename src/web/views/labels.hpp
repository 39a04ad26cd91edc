#pragma once
// The Japanese wording of the codes services return (manual wording), and
// the date and time texts of the pages.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/dates.hpp"

namespace yoyaku::web {

// 予約完了 / 取下げ / 面談済み / 不参加 / 不参加（連絡なし） (the attendance code)
std::string status_text(std::string_view status);
// The same for staff, who say 出席 for attended.
std::string staff_status_text(std::string_view status);
// 申込 / 修正 / 取下げ / 面談情報登録 / 出席 / 不参加; 職員による… when staff did it.
std::string history_text(std::string_view action, bool by_staff);
// オンライン / 電話 / 窓口
std::string channel_text(std::string_view channel);
// The labels of topic codes, in the manual's order.
std::vector<std::string> topic_labels(const std::vector<std::string>& codes);

// 予約の閲覧, 代行入力, ログイン … for an audit log action code (the code itself when unknown).
std::string audit_action_text(std::string_view action);

// "2024年8月20日16時3分", as the manual writes 申込日時 and 処理履歴.
std::string short_date_time_text(std::int64_t at);
// "2024年8月22日"
std::string short_date_text(domain::Date date);
// 「仮予約 2024年08月20日(火)15時58分まで有効」's time.
std::string hold_expiry_text(std::int64_t at);

}  // namespace yoyaku::web
