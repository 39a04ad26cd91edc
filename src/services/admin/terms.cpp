#include "services/admin/terms.hpp"

#include "domain/dates.hpp"
#include "services/common/errors.hpp"
#include "services/common/scope.hpp"
#include "store/audit.hpp"
#include "store/notices.hpp"

namespace yoyaku::services {
namespace {

const std::string not_found_message = "指定された手続きはありません。";

// The procedure and its office, if the caller manages the office (the right is in the query).
std::pair<store::Procedure, store::Office> managed_procedure(db::Connection& c, const Principal& principal,
                                                             std::int64_t procedure_id) {
  if (!principal.is_staff()) throw NotFoundError(not_found_message);
  auto procedure = store::find_procedure(c, procedure_id);
  if (!procedure) throw NotFoundError(not_found_message);
  auto office = store::find_office(c, procedure->office_id);
  if (!office) throw NotFoundError(not_found_message);
  auto managed = store::find_office_in_scope(c, office->code, scope_of(principal, StaffRole::manage));
  if (!managed) throw NotFoundError(not_found_message);
  return {*procedure, *managed};
}

std::string notice_body(const store::Procedure& procedure, const store::Office& office, int version,
                        std::int64_t now) {
  return office.name + "の「" + procedure.title + "」の利用規約を改定しました（第" + std::to_string(version) +
         "版）。\n" + domain::japanese_date_time_spaced(now) +
         "以降に申し込まれる予約には、改定後の利用規約が適用されます。改定後の利用規約は、予約の際に表示されます。"
         "すでに申し込まれた予約には、申込み時に同意いただいた利用規約が引き続き適用されます。";
}

}  // namespace

ProcedureTerms procedure_terms(db::Connection& c, const Principal& principal, std::int64_t procedure_id) {
  return db::in_transaction(c, false, [&](db::Connection& t) {
    auto [procedure, office] = managed_procedure(t, principal, procedure_id);
    return ProcedureTerms{procedure, office, store::terms_versions_of(t, procedure_id)};
  });
}

PublishedTerms publish_terms(db::Connection& c, const Principal& principal, std::int64_t procedure_id,
                             const domain::TermsInput& input, const Client& client, std::int64_t now) {
  return db::in_transaction(c, true, [&](db::Connection& t) {
    auto [procedure, office] = managed_procedure(t, principal, procedure_id);
    auto checked = domain::check_terms(input);
    if (!checked.errors.empty()) throw ValidationError("入力内容に誤りがあります。", checked.errors);
    store::lock_procedure(t, procedure_id);
    store::TermsVersion terms;
    terms.procedure_id = procedure_id;
    terms.text = checked.clean.text;
    terms.court = checked.clean.court;
    terms.terms_date = checked.clean.terms_date;
    terms.issuer = checked.clean.issuer;
    terms.published_at = now;
    terms.published_by_staff_id = principal.id;
    PublishedTerms result;
    result.version = store::insert_terms_version(t, terms);
    store::Notice notice;
    notice.office_id = office.id;
    notice.title = terms_notice_title;
    notice.body = notice_body(procedure, office, result.version.version, now);
    notice.published_at = now;
    result.notice_id = store::insert_notice(t, notice, now);
    store::append_audit(t, {now, "staff", principal.id, "admin.terms_published", "procedure",
                            std::to_string(procedure_id), office.id, client.ip,
                            "第" + std::to_string(result.version.version) + "版"});
    return result;
  });
}

}  // namespace yoyaku::services
