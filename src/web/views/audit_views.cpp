#include "web/views/audit_views.hpp"

#include "domain/dates.hpp"
#include "web/links.hpp"
#include "web/respond.hpp"
#include "web/views/labels.hpp"

namespace yoyaku::web {
namespace {

std::string id_text(const std::optional<std::int64_t>& id) { return id ? std::to_string(*id) : std::string(); }

std::string actor_text(const services::AuditRecord& r) {
  const auto& e = r.entry;
  if (e.actor_kind == "staff") {
    return "職員 " + (r.actor_name.empty() ? "ID " + id_text(e.actor_id) : r.actor_name);
  }
  if (e.actor_kind == "user") return "利用者 ID " + id_text(e.actor_id);
  if (e.actor_kind == "system") return "システム（運用コマンド）";
  return "未ログイン";
}

std::string target_text(const services::AuditRecord& r) {
  const auto& e = r.entry;
  if (e.target_kind == "reservation") return "予約 " + e.target_id;
  if (e.target_kind == "office") return "安定所 " + e.target_id;
  if (e.target_kind == "staff") return "職員 ID " + e.target_id;
  if (e.target_kind == "user") return "利用者 ID " + e.target_id;
  return e.target_kind.empty() ? std::string() : e.target_kind + " " + e.target_id;
}

}  // namespace

nlohmann::json audit_entry_view(const services::AuditRecord& r) {
  const auto& e = r.entry;
  nlohmann::json office = nullptr;
  if (!r.office_code.empty()) office = {{"code", r.office_code}, {"name", r.office_name}};
  return {{"id", r.id},
          {"at", iso_time(e.at)},
          {"at_text", domain::japanese_date_time_spaced(e.at)},
          {"actor_kind", e.actor_kind},
          {"actor_id", e.actor_id ? nlohmann::json(*e.actor_id) : nlohmann::json(nullptr)},
          {"actor_text", actor_text(r)},
          {"action", e.action},
          {"action_text", audit_action_text(e.action)},
          {"action_labelled", audit_action_text(e.action) != e.action},
          {"target_kind", e.target_kind},
          {"target_id", e.target_id},
          {"target_text", target_text(r)},
          {"target_url", e.target_kind == "reservation" ? nlohmann::json(SiteLinks::staff_reservation_path(e.target_id))
                                                        : nlohmann::json(nullptr)},
          {"office", office},
          {"ip", e.ip},
          {"detail", e.detail}};
}

nlohmann::json audit_page_view(const services::AuditLogPage& page) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& record : page.entries) items.push_back(audit_entry_view(record));
  return {{"items", items},
          {"more", page.more},
          {"next_before_id", page.next_before_id ? nlohmann::json(*page.next_before_id) : nlohmann::json(nullptr)}};
}

}  // namespace yoyaku::web
