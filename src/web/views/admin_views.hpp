#pragma once
// お知らせ and 利用規約 as the administration pages and the admin JSON API show
// them (one view each for both renderings).
#include <cstdint>

#include <nlohmann/json.hpp>

#include "services/admin/notices.hpp"
#include "services/admin/terms.hpp"

namespace yoyaku::web {

// {id, office: {code, name} | null, office_text, title, body, parts, published_at, published_until,
//  period_text, status (scheduled / published / ended), status_text, url}
nlohmann::json admin_notice_view(const store::NoticeRecord& record, std::int64_t now);
// {id, version, text, court, terms_date, issuer, published_at, published_text, in_force}
nlohmann::json terms_version_view(const services::TermsVersion& version, bool in_force);
// {procedure: {id, title}, office: {code, name}, versions: [terms_version_view], latest}
nlohmann::json procedure_terms_view(const services::ProcedureTerms& terms);

}  // namespace yoyaku::web
