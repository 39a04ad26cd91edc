// The home page and the menu's pages: ヘルプ, FAQ, お知らせ, 配色を変更する, the language switch.
#include "domain/dates.hpp"
#include "domain/validation.hpp"
#include "services/common/site.hpp"
#include "services/identity/account_settings.hpp"
#include "web/handlers.hpp"
#include "web/identity.hpp"
#include "web/respond.hpp"
#include "web/views/booking_views.hpp"

namespace yoyaku::web::public_pages {
namespace {

nlohmann::json notices_view(const std::vector<services::NoticeRecord>& notices) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& record : notices) {
    const auto& notice = record.notice;
    std::string date_text = domain::japanese_date(domain::jst_date_of(notice.published_at));
    list.push_back({{"date_text", date_text.substr(0, date_text.find('('))},  // 2024年08月05日
                    {"office_name", record.office_name},                      // "" for everyone
                    {"title", notice.title},
                    {"body", notice.body},
                    {"parts", text_with_links(notice.body)}});
  }
  return list;
}

Response color_scheme_page(RequestContext& ctx, const FieldErrors& errors, int status) {
  const std::string& scheme = ctx.visitor.color_scheme;
  nlohmann::json context = {{"scheme_standard", scheme == "standard"},
                            {"scheme_high_contrast", scheme == "high-contrast"},
                            {"scheme_large_text", scheme == "large-text"}};
  if (ctx.query("done")) context["info_message"] = "配色を変更しました。";
  return form_page(ctx, "public/color_scheme", "配色を変更する", context, errors, ctx.form, status);
}

}  // namespace

Response home(RequestContext& ctx) {
  auto summary = services::home_summary(ctx.db(), ctx.now, 5);
  return page(ctx, "public/home",
              {{"page_title", "ホーム"},
               {"is_home", true},
               {"office_count", summary.offices},
               {"procedure_count", summary.procedures},
               {"notices", notices_view(summary.notices)}});
}

Response help(RequestContext& ctx) { return page(ctx, "public/help", {{"page_title", "ヘルプ"}}); }

Response faq(RequestContext& ctx) { return page(ctx, "public/faq", {{"page_title", "FAQ（よくあるご質問）"}}); }

Response notices(RequestContext& ctx) {
  auto list = notices_view(services::published_notices(ctx.db(), ctx.now, 100));
  return page(ctx, "public/notices", {{"page_title", "お知らせ"}, {"notices", list}, {"has_notices", !list.empty()}});
}

Response color_scheme_form(RequestContext& ctx) { return color_scheme_page(ctx, {}, 200); }

Response change_color_scheme(RequestContext& ctx) {
  const std::string scheme = ctx.field("scheme");
  if (!services::is_color_scheme(scheme)) return color_scheme_page(ctx, {{"scheme", "配色を選択してください。"}}, 422);
  if (ctx.principal().is_job_seeker()) services::set_color_scheme(ctx.db(), ctx.principal(), scheme);
  ctx.set_cookies.push_back(cookie(ctx, scheme_cookie_name, scheme, 60LL * 60 * 24 * 365));
  return redirect("/color-scheme?done=1");
}

Response change_language(RequestContext& ctx) {
  auto language = domain::language_from_code(ctx.field("lang"));
  std::string back = ctx.field("back");
  if (!domain::is_safe_local_path(back)) back = "/";  // never another site
  if (!language) return redirect(back);
  ctx.visitor.language = *language;
  if (ctx.principal().is_job_seeker()) services::set_language(ctx.db(), ctx.principal(), *language);
  ctx.set_cookies.push_back(
      cookie(ctx, language_cookie_name, std::string(domain::language_code(*language)), 60LL * 60 * 24 * 365));
  return redirect(back);
}

}  // namespace yoyaku::web::public_pages
