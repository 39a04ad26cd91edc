// パスワードの再設定: asking for the mailed link, and setting a new password from it.
#include "services/identity/account_settings.hpp"
#include "web/handlers.hpp"
#include "web/identity.hpp"
#include "web/respond.hpp"
#include "web/site.hpp"

namespace yoyaku::web::public_pages {

Response password_forgot_form(RequestContext& ctx) {
  return form_page(ctx, "public/password_forgot", "パスワードの再設定", nlohmann::json::object());
}

Response request_password_reset(RequestContext& ctx) {
  on_invalid_input(ctx, [&ctx](const FieldErrors& errors) {
    return form_page(ctx, "public/password_forgot", "パスワードの再設定", nlohmann::json::object(), errors, ctx.form);
  });
  services::request_password_reset(ctx.db(), ctx.field("email"), ctx.site.config.auth, ctx.links(), ctx.client(),
                                   ctx.now);
  return form_page(ctx, "public/password_forgot", "パスワードの再設定", {{"sent", true}});
}

Response password_reset_form(RequestContext& ctx) {
  return form_page(ctx, "public/password_reset", "新しいパスワードの設定",
                   {{"token", ctx.query_or("token", "")}, {"state_form", true}});
}

Response reset_password(RequestContext& ctx) {
  const std::string token = ctx.field("token");
  on_invalid_input(ctx, [&ctx, token](const FieldErrors& errors) {
    return form_page(ctx, "public/password_reset", "新しいパスワードの設定", {{"token", token}, {"state_form", true}},
                     errors, ctx.form);
  });
  auto result = services::reset_password(ctx.db(), token, ctx.field("password"), ctx.field("password_confirmation"),
                                         ctx.client(), ctx.now);
  if (result == services::LinkResult::done) {
    set_session_cookie(ctx, "");
    return redirect("/login?done=reset");
  }
  return form_page(ctx, "public/password_reset", "新しいパスワードの設定",
                   {{"state_expired", result == services::LinkResult::expired},
                    {"state_invalid", result == services::LinkResult::invalid}},
                   {}, {}, 410);
}

}  // namespace yoyaku::web::public_pages
