#include "web/views/labels.hpp"

#include <cstdio>
#include <initializer_list>
#include <utility>

#include "domain/forms.hpp"

namespace yoyaku::web {

namespace {

using Labels = std::initializer_list<std::pair<std::string_view, std::string_view>>;

// The label of a code, or the code itself when it has none.
std::string label_of(Labels labels, std::string_view code) {
  for (const auto& [known, label] : labels) {
    if (known == code) return std::string(label);
  }
  return std::string(code);
}

}  // namespace

std::string status_text(std::string_view status) {
  return label_of({{"confirmed", "予約完了"},
                   {"withdrawn", "取下げ"},
                   {"attended", "面談済み"},
                   {"no_show", "不参加"},
                   {"no_show_unannounced", "不参加（連絡なし）"}},
                  status);
}

std::string staff_status_text(std::string_view status) {
  return status == "attended" ? std::string("出席") : status_text(status);
}

std::string history_text(std::string_view action, bool by_staff) {
  std::string text = label_of({{"apply", "申込"}, {"modify", "修正"}, {"withdraw", "取下げ"}, {"meeting", "面談情報登録"},
                               {"attended", "出席"}, {"no_show", "不参加"}},
                              action);
  return by_staff && (action == "apply" || action == "modify" || action == "withdraw") ? "職員による" + text : text;
}

std::string channel_text(std::string_view channel) {
  return label_of({{"online", "オンライン"}, {"phone", "電話"}, {"counter", "窓口"}}, channel);
}

std::string audit_action_text(std::string_view action) {
  return label_of({{"reservation.created", "予約の申込み（利用者）"},
                   {"staff.office_opened", "安定所の画面を開いた"},
                   {"staff.schedule_viewed", "予約一覧の閲覧"},
                   {"staff.reservations_searched", "予約の検索"},
                   {"staff.reservations_exported", "予約のCSV出力"},
                   {"staff.reservation_viewed", "予約詳細の閲覧"},
                   {"staff.reservation_created", "代行入力"},
                   {"staff.reservation_modified", "職員による予約変更"},
                   {"staff.reservation_withdrawn", "職員による取下げ"},
                   {"staff.meeting_set", "面談情報の登録"},
                   {"staff.attendance_recorded", "出欠の記録"},
                   {"staff.online_booking_refused", "オンライン予約の停止"},
                   {"staff.online_booking_allowed", "オンライン予約の再開"},
                   {"staff.account_looked_up", "利用者アカウントの検索"},
                   {"staff.created", "職員アカウントの作成"},
                   {"admin.staff_updated", "職員アカウントの変更"},
                   {"admin.staff_totp_reset", "職員の認証アプリ解除"},
                   {"admin.staff_disabled", "職員の利用停止"},
                   {"admin.staff_enabled", "職員の利用再開"},
                   {"office.settings_changed", "安定所の設定変更"},
                   {"login.succeeded", "ログイン"},
                   {"login.succeeded_with_code", "ログイン（2段階認証）"},
                   {"login.password_ok_awaiting_code", "パスワード確認（確認コード待ち）"},
                   {"login.password_ok_awaiting_enrollment", "パスワード確認（認証アプリ設定待ち）"},
                   {"login.failed_password", "ログイン失敗（パスワード）"},
                   {"login.failed_unknown_email", "ログイン失敗（未登録のメールアドレス）"},
                   {"login.code_failed", "ログイン失敗（確認コード）"},
                   {"user.created", "利用者の作成"},
                   {"user.registered", "利用者登録"}},
                  action);
}

std::vector<std::string> topic_labels(const std::vector<std::string>& codes) {
  std::vector<std::string> labels;
  for (const auto& code : codes) {
    auto label = domain::topic_label(code);
    if (!label.empty()) labels.emplace_back(label);
  }
  return labels;
}

std::string short_date_time_text(std::int64_t at) {
  auto jst = domain::to_jst(at);
  char text[64];
  std::snprintf(text, sizeof text, "%d年%u月%u日%d時%d分", static_cast<int>(jst.date.year()),
                static_cast<unsigned>(jst.date.month()), static_cast<unsigned>(jst.date.day()), jst.hour, jst.minute);
  return text;
}

std::string short_date_text(domain::Date date) {
  char text[32];
  std::snprintf(text, sizeof text, "%d年%u月%u日", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()));
  return text;
}

std::string hold_expiry_text(std::int64_t at) {
  auto jst = domain::to_jst(at);
  char time[16];
  std::snprintf(time, sizeof time, "%02d時%02d分", jst.hour, jst.minute);
  return domain::japanese_date(jst.date) + time;
}

}  // namespace yoyaku::web
