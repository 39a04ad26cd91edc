#include "web/pages/sign_in_flow.hpp"

#include "domain/dates.hpp"
#include "domain/text.hpp"
#include "domain/validation.hpp"
#include "web/identity.hpp"
#include "web/site.hpp"

namespace yoyaku::web {
namespace {

using Status = services::LoginOutcome::Status;

const std::string wrong_credentials_message = "メールアドレスまたはパスワードが正しくありません。";
const std::string not_verified_message =
    "メールアドレスの確認が済んでいません。登録時にお送りしたメールのリンクを開いてください。メールが届かない場合は「確認メールを再送する」から再送できます。";
const std::string wrong_code_message =
    "確認コードが正しくないか、既に使用されています。認証アプリに表示されている新しいコードを入力してください。";

bool signed_in_as(const RequestContext& ctx, services::AccountKind kind) {
  return kind == services::AccountKind::job_seeker ? ctx.principal().is_job_seeker() : ctx.principal().is_staff();
}

Response form(RequestContext& ctx, const SignInPages& pages, const std::string& name, const std::string& title,
              nlohmann::json context, const Form& values, int status) {
  add_form_state(context, title, {});
  for (const auto& [key, value] : values) {
    if (key.find("password") == std::string::npos && key != "csrf_token" && key != "code") context["values"][key] = value;
  }
  return pages.render(ctx, name, std::move(context), status);
}

}  // namespace

std::string safe_return_path(const std::string& path, const std::string& fallback) {
  return domain::is_safe_local_path(path) ? path : fallback;
}

std::string return_path(const RequestContext& ctx, const std::string& fallback) {
  return safe_return_path(ctx.is_get() ? ctx.query_or("return_to", fallback) : ctx.field("return_to"), fallback);
}

std::string lock_message(std::int64_t until) {
  auto jst = domain::to_jst(until);
  char text[32];
  std::snprintf(text, sizeof text, "%02d時%02d分", jst.hour, jst.minute);
  return std::string("ログインに続けて失敗したため、一時的にログインできなくなっています。") + text +
         "以降に、もう一度お試しください。お急ぎの場合はヘルプデスクへご連絡ください。";
}

Response signed_in(RequestContext& ctx, const services::NewSession& session, const std::string& return_to) {
  set_session_cookie(ctx, session.token);
  return redirect(return_to);
}

Response sign_in_form(RequestContext& ctx, const SignInPages& pages) {
  const std::string return_to = return_path(ctx, pages.home_path);
  if (signed_in_as(ctx, pages.kind)) return redirect(return_to);
  nlohmann::json context = {{"return_to", return_to}};
  const auto done = ctx.query("done");
  if (done == std::optional<std::string>("logged_out")) context["info_message"] = "ログアウトしました。";
  if (done == std::optional<std::string>("reset")) {
    context["info_message"] = "パスワードを再設定しました。新しいパスワードでログインしてください。";
  }
  if (ctx.query("expired") == std::optional<std::string>("1")) {
    context["info_message"] = "操作時間が終了したため、ログアウトしました。もう一度ログインしてください。";
  }
  return form(ctx, pages, pages.login_template, "ログイン", context, {}, 200);
}

Response sign_in(RequestContext& ctx, const SignInPages& pages) {
  const std::string return_to = return_path(ctx, pages.home_path);
  auto outcome = services::sign_in(ctx.db(), pages.kind, ctx.field("email"), ctx.field("password"),
                                   ctx.site.config.auth, ctx.client(), ctx.now);
  nlohmann::json context = {{"return_to", return_to}};
  switch (outcome.status) {
    case Status::signed_in:
    case Status::needs_second_factor:
    case Status::needs_totp_enrollment: {
      // A new session replaces whatever this browser had.
      if (!ctx.visitor.session_token.empty()) services::log_out(ctx.db(), ctx.visitor.session_token, ctx.client(), ctx.now);
      const std::string next = outcome.status == Status::signed_in ? return_to
                               : outcome.status == Status::needs_second_factor
                                   ? pages.code_path + "?return_to=" + domain::url_encode(return_to)
                                   : pages.enrollment_path + "?return_to=" + domain::url_encode(return_to);
      return signed_in(ctx, *outcome.session, next);
    }
    case Status::locked:
      context["lock_message"] = lock_message(outcome.locked_until);
      return form(ctx, pages, pages.login_template, "ログイン", context, ctx.form, 429);
    case Status::not_verified:
      context["error_message"] = not_verified_message;
      return form(ctx, pages, pages.login_template, "ログイン", context, ctx.form, 403);
    case Status::wrong_credentials:
      break;
  }
  context["error_message"] = wrong_credentials_message;
  return form(ctx, pages, pages.login_template, "ログイン", context, ctx.form, 401);
}

Response code_form(RequestContext& ctx, const SignInPages& pages) {
  const auto& session = ctx.visitor.session;
  if (!session || session->complete || session->kind != pages.kind) return redirect(pages.login_path);
  if (session->awaiting_totp_enrollment) return redirect(pages.enrollment_path);
  return form(ctx, pages, pages.code_template, "2段階認証", {{"return_to", return_path(ctx, pages.home_path)}}, {}, 200);
}

Response submit_code(RequestContext& ctx, const SignInPages& pages) {
  const std::string return_to = return_path(ctx, pages.home_path);
  const auto& session = ctx.visitor.session;
  if (!session || session->complete || session->kind != pages.kind) return redirect(pages.login_path);
  auto outcome = services::complete_second_factor(ctx.db(), ctx.visitor.session_token, ctx.field("code"),
                                                  ctx.site.config.auth, ctx.client(), ctx.now);
  nlohmann::json context = {{"return_to", return_to}};
  if (outcome.status == Status::signed_in) return signed_in(ctx, *outcome.session, return_to);
  if (outcome.status == Status::locked) {
    context["lock_message"] = lock_message(outcome.locked_until);
    return form(ctx, pages, pages.code_template, "2段階認証", context, {}, 429);
  }
  context["error_message"] = wrong_code_message;
  return form(ctx, pages, pages.code_template, "2段階認証", context, {}, 401);
}

}  // namespace yoyaku::web
