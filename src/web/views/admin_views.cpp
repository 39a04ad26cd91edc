#include "web/views/admin_views.hpp"

#include "domain/notices.hpp"
#include "web/respond.hpp"
#include "web/views/booking_views.hpp"
#include "web/views/labels.hpp"

namespace yoyaku::web {

nlohmann::json admin_notice_view(const store::NoticeRecord& record, std::int64_t now) {
  const auto& n = record.notice;
  const bool started = n.published_at <= now;
  const bool visible = domain::notice_visible(n.published_at, n.published_until, now);
  const char* status = visible ? "published" : started ? "ended" : "scheduled";
  const char* status_text = visible ? "掲載中" : started ? "掲載終了" : "掲載予定";
  std::string period = short_date_time_text(n.published_at) + " ～ " +
                       (n.published_until ? short_date_time_text(*n.published_until) : std::string("（終了なし）"));
  nlohmann::json office = nullptr;
  if (n.office_id) office = {{"code", record.office_code}, {"name", record.office_name}};
  return {{"id", n.id},
          {"office", office},
          {"office_text", n.office_id ? "【" + record.office_code + "】" + record.office_name
                                      : std::string("全体（すべての利用者）")},
          {"title", n.title},
          {"body", n.body},
          {"parts", text_with_links(n.body)},
          {"published_at", iso_time(n.published_at)},
          {"published_until", optional_iso_time(n.published_until)},
          {"period_text", period},
          {"status", status},
          {"status_text", status_text},
          {"url", "/staff/admin/notices/" + std::to_string(n.id)}};
}

nlohmann::json terms_version_view(const services::TermsVersion& v, bool in_force) {
  return {{"id", v.id},
          {"version", v.version},
          {"text", v.text},
          {"court", v.court},
          {"terms_date", v.terms_date},
          {"issuer", v.issuer},
          {"published_at", iso_time(v.published_at)},
          {"published_text", short_date_time_text(v.published_at)},
          {"in_force", in_force}};
}

nlohmann::json procedure_terms_view(const services::ProcedureTerms& terms) {
  nlohmann::json versions = nlohmann::json::array();
  for (std::size_t i = 0; i < terms.versions.size(); ++i) versions.push_back(terms_version_view(terms.versions[i], i == 0));
  return {{"procedure", {{"id", terms.procedure.id}, {"title", terms.procedure.title}}},
          {"office", {{"code", terms.office.code}, {"name", terms.office.name}}},
          {"versions", versions},
          {"latest", versions.empty() ? nlohmann::json(nullptr) : versions.front()}};
}

}  // namespace yoyaku::web
