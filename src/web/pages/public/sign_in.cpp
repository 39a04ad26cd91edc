// ログイン (with 2段階認証), ログアウト, and 操作時間を延長する for job seekers.
#include "domain/dates.hpp"
#include "domain/text.hpp"
#include "services/identity/sessions.hpp"
#include "services/public/booking.hpp"
#include "web/handlers.hpp"
#include "web/identity.hpp"
#include "web/site.hpp"
#include "web/pages/sign_in_flow.hpp"

namespace yoyaku::web::public_pages {
namespace {

const SignInPages& job_seeker_sign_in() {
  static const SignInPages pages{
      services::AccountKind::job_seeker, "/login", "/login/otp", "", "public/login", "public/login_otp", "/", page};
  return pages;
}

}  // namespace

Response login_form(RequestContext& ctx) { return sign_in_form(ctx, job_seeker_sign_in()); }

Response log_in(RequestContext& ctx) { return sign_in(ctx, job_seeker_sign_in()); }

Response code_form(RequestContext& ctx) { return web::code_form(ctx, job_seeker_sign_in()); }

Response submit_code(RequestContext& ctx) { return web::submit_code(ctx, job_seeker_sign_in()); }

Response logout_form(RequestContext& ctx) {
  return form_page(ctx, "public/logout", "ログアウト", nlohmann::json::object());
}

Response log_out(RequestContext& ctx) {
  if (!ctx.visitor.session_token.empty()) services::log_out(ctx.db(), ctx.visitor.session_token, ctx.client(), ctx.now);
  set_session_cookie(ctx, "");
  return redirect("/login?done=logged_out");
}

Response session_extend_form(RequestContext& ctx) {
  nlohmann::json context = {{"return_to", return_path(ctx, "/")}};
  if (ctx.visitor.session && ctx.visitor.session->complete) {
    context["session_expires_text"] = domain::japanese_date_time_spaced(ctx.visitor.session->idle_expires_at);
  }
  return form_page(ctx, "public/session_extend", "操作時間を延長する", context);
}

// Identifying the visitor already moved the session's idle deadline; a
// job seeker's 仮予約 get their 60 minutes again too (the STEP5 banner says so).
Response extend_session(RequestContext& ctx) {
  const std::string return_to = return_path(ctx, "/");
  if (!ctx.visitor.session || !ctx.visitor.session->complete) {
    return redirect("/login?expired=1&return_to=" + domain::url_encode(return_to));
  }
  services::extend_session(ctx.db(), *ctx.visitor.session, ctx.site.config.auth, ctx.now);
  services::extend_live_holds(ctx.db(), ctx.principal(), ctx.now);
  return redirect(return_to);
}

}  // namespace yoyaku::web::public_pages
