#include "web/views/labels.hpp"

#include <cstdio>

#include "domain/forms.hpp"

namespace yoyaku::web {

std::string status_text(std::string_view status) {
  if (status == "confirmed") return "予約完了";
  if (status == "withdrawn") return "取下げ";
  if (status == "attended") return "面談済み";
  if (status == "no_show") return "不参加";
  return std::string(status);
}

std::string history_text(std::string_view action) {
  if (action == "apply") return "申込";
  if (action == "modify") return "修正";
  if (action == "withdraw") return "取下げ";
  if (action == "meeting") return "面談情報登録";
  if (action == "attended") return "面談済み";
  if (action == "no_show") return "不参加";
  return std::string(action);
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
