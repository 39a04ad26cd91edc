// 利用者登録: the form, the mailed verification link (and sending it again),
// and following a link from a mail (verification or a new email address).
#include "services/identity/registration.hpp"
#include "web/handlers.hpp"
#include "web/respond.hpp"
#include "web/site.hpp"

namespace yoyaku::web::public_pages {
namespace {

// A refused form is shown again with the messages next to its fields and what was typed.
void show_form_again_on_error(RequestContext& ctx, const std::string& name, const std::string& title) {
  on_invalid_input(ctx, [&ctx, name, title](const FieldErrors& errors) {
    return form_page(ctx, name, title, nlohmann::json::object(), errors, ctx.form);
  });
}

}  // namespace

Response registration_form(RequestContext& ctx) {
  return form_page(ctx, "public/register", "利用者登録", nlohmann::json::object());
}

Response register_user(RequestContext& ctx) {
  show_form_again_on_error(ctx, "public/register", "利用者登録");
  services::register_user(ctx.db(),
                          {ctx.field("email1"), ctx.field("email2"), ctx.field("password"),
                           ctx.field("password_confirmation"), ctx.field("family_name"), ctx.field("given_name"),
                           ctx.field("job_seeker_number"), ctx.field("phone"), ctx.visitor.language},
                          ctx.site.config.auth, ctx.links(), ctx.client(), ctx.now);
  return page(ctx, "public/register_sent", {{"page_title", "確認メールを送信しました"}, {"email", ctx.field("email1")}});
}

Response resend_form(RequestContext& ctx) {
  return form_page(ctx, "public/register_resend", "確認メールの再送", nlohmann::json::object());
}

Response resend_verification(RequestContext& ctx) {
  show_form_again_on_error(ctx, "public/register_resend", "確認メールの再送");
  services::resend_verification(ctx.db(), ctx.field("email"), ctx.site.config.auth, ctx.links(), ctx.now);
  return form_page(ctx, "public/register_resend", "確認メールの再送", {{"sent", true}});
}

// Opening a link only shows a button: mail scanners that open links must not use them up.
Response email_link_form(RequestContext& ctx) {
  const std::string token = ctx.query_or("token", "");
  return page(ctx, "public/verify_email",
              {{"page_title", "メールアドレスの確認"}, {"token", token}, {"state_confirm", !token.empty()},
               {"state_invalid", token.empty()}});
}

Response follow_email_link(RequestContext& ctx) {
  auto result = services::follow_email_link(ctx.db(), ctx.field("token"), ctx.client(), ctx.now);
  return page(ctx, "public/verify_email",
              {{"page_title", "メールアドレスの確認"},
               {"state_done", result == services::LinkResult::done},
               {"state_expired", result == services::LinkResult::expired},
               {"state_invalid", result == services::LinkResult::invalid}});
}

}  // namespace yoyaku::web::public_pages
