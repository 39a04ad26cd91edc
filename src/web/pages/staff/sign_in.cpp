// Staff sign-in (/staff/login): password and always a TOTP code; a staff
// member without an authenticator app enrols at the first sign-in (QR code),
// so no staff session ever exists on a password alone.
#include "domain/text.hpp"
#include "web/handlers.hpp"
#include "web/identity.hpp"
#include "web/pages/sign_in_flow.hpp"
#include "web/site.hpp"
#include "web/views/account_views.hpp"

namespace yoyaku::web::staff_pages {
namespace {

const SignInPages& staff_sign_in() {
  static const SignInPages pages{services::AccountKind::staff, "/staff/login", "/staff/login/otp",
                                 "/staff/login/totp-setup", "staff/login", "staff/login_otp", "/staff", staff_page};
  return pages;
}

// The half-signed-in staff session that waits for its authenticator app.
bool awaiting_enrollment(const RequestContext& ctx) {
  const auto& session = ctx.visitor.session;
  return session && !session->complete && session->kind == services::AccountKind::staff &&
         session->awaiting_totp_enrollment;
}

Response enrollment_page(RequestContext& ctx, const std::string& error, int status) {
  auto enrollment = services::sign_in_totp_enrollment(ctx.db(), ctx.visitor.session_token, ctx.now);
  nlohmann::json context = totp_enrollment_view(enrollment);
  context["return_to"] = return_path(ctx, "/staff");
  FieldErrors errors;
  if (!error.empty()) errors["code"] = error;
  add_form_state(context, "2段階認証の設定", errors);
  return staff_page(ctx, "staff/totp_setup", context, status);
}

}  // namespace

Response login_form(RequestContext& ctx) { return sign_in_form(ctx, staff_sign_in()); }

Response log_in(RequestContext& ctx) { return sign_in(ctx, staff_sign_in()); }

Response code_form(RequestContext& ctx) { return web::code_form(ctx, staff_sign_in()); }

Response submit_code(RequestContext& ctx) { return web::submit_code(ctx, staff_sign_in()); }

Response enrollment_form(RequestContext& ctx) {
  if (!awaiting_enrollment(ctx)) return redirect("/staff/login");
  return enrollment_page(ctx, "", 200);
}

Response confirm_enrollment(RequestContext& ctx) {
  if (!awaiting_enrollment(ctx)) return redirect("/staff/login");
  auto outcome = services::confirm_sign_in_totp_enrollment(ctx.db(), ctx.visitor.session_token, ctx.field("code"),
                                                           ctx.site.config.auth, ctx.client(), ctx.now);
  using Status = services::LoginOutcome::Status;
  if (outcome.status == Status::signed_in) return signed_in(ctx, *outcome.session, return_path(ctx, "/staff"));
  if (outcome.status == Status::locked) {
    set_session_cookie(ctx, "");
    nlohmann::json context = {{"lock_message", lock_message(outcome.locked_until)}, {"return_to", "/staff"}};
    add_form_state(context, "ログイン", {});
    return staff_page(ctx, "staff/login", context, 429);
  }
  return enrollment_page(ctx, "確認コードが正しくありません。認証アプリに表示されている6桁の数字を入力してください。", 422);
}

Response logout_form(RequestContext& ctx) {
  nlohmann::json context = nlohmann::json::object();
  add_form_state(context, "ログアウト", {});
  return staff_page(ctx, "staff/logout", context, 200);
}

Response log_out(RequestContext& ctx) {
  if (!ctx.visitor.session_token.empty()) services::log_out(ctx.db(), ctx.visitor.session_token, ctx.client(), ctx.now);
  set_session_cookie(ctx, "");
  return redirect("/staff/login?done=logged_out");
}

}  // namespace yoyaku::web::staff_pages
