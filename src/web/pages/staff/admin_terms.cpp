// 利用規約の管理 (/staff/admin/procedures/{id}/terms), for the managers of the
// procedure's office and administrators (others: 404): every version, and a
// form to publish the next one (prefilled with the one in force). Publishing
// posts a お知らせ for the office at once.
#include "services/admin/terms.hpp"
#include "web/handlers.hpp"
#include "web/respond.hpp"
#include "web/views/admin_views.hpp"

namespace yoyaku::web::staff_pages {
namespace {

std::string terms_path(std::int64_t procedure_id) {
  return "/staff/admin/procedures/" + std::to_string(procedure_id) + "/terms";
}

Response terms_page(RequestContext& ctx, const services::ProcedureTerms& terms, const domain::TermsInput& values,
                    const FieldErrors& errors, int status) {
  nlohmann::json context = procedure_terms_view(terms);
  context.update({{"form_url", terms_path(terms.procedure.id)},
                  {"next_version", terms.versions.empty() ? 1 : terms.versions.front().version + 1},
                  {"values", {{"text", values.text}, {"court", values.court}, {"terms_date", values.terms_date},
                              {"issuer", values.issuer}}},
                  {"done_message", ctx.query_or("done", "") == "published"
                                       ? "新しい版を公開しました。お知らせにも掲載しました。"
                                       : ""}});
  return staff_form_page(ctx, "staff/admin_terms", "利用規約の管理", context, errors, status);
}

}  // namespace

Response procedure_terms(RequestContext& ctx) {
  auto terms = services::procedure_terms(ctx.db(), ctx.principal(), ctx.id_param("id"));
  domain::TermsInput values;
  if (!terms.versions.empty()) {
    const auto& latest = terms.versions.front();
    values = {latest.text, latest.court, latest.terms_date, latest.issuer};
  }
  return terms_page(ctx, terms, values, {}, 200);
}

Response publish_terms(RequestContext& ctx) {
  const std::int64_t id = ctx.id_param("id");
  domain::TermsInput input{ctx.field("text"), ctx.field("court"), ctx.field("terms_date"), ctx.field("issuer")};
  on_invalid_input(ctx, [&ctx, id, input](const FieldErrors& errors) {
    return terms_page(ctx, services::procedure_terms(ctx.db(), ctx.principal(), id), input, errors, 422);
  });
  services::publish_terms(ctx.db(), ctx.principal(), id, input, ctx.client(), ctx.now);
  return redirect(terms_path(id) + "?done=published");
}

}  // namespace yoyaku::web::staff_pages
