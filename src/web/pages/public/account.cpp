// 利用者情報: the signed-in job seeker's profile, email addresses, password
// and 2段階認証 (enrolment by QR code, recovery codes, turning it off).
#include "services/identity/account_settings.hpp"
#include "services/identity/registration.hpp"
#include "web/handlers.hpp"
#include "web/respond.hpp"
#include "web/site.hpp"
#include "web/views/account_views.hpp"

namespace yoyaku::web::public_pages {
namespace {

const std::map<std::string, std::string>& done_messages() {
  static const std::map<std::string, std::string> messages = {
      {"profile", "氏名・求職番号・連絡先電話番号を変更しました。"},
      {"email", "確認メールを送信しました。メールのリンクを開くと、新しいメールアドレスに変更されます。"},
      {"email2_removed", "メールアドレス2を削除しました。"},
      {"password", "パスワードを変更しました。他の端末でのログインは終了しました。"},
      {"totp_disabled", "2段階認証を解除しました。"}};
  return messages;
}

Response account_page(RequestContext& ctx, nlohmann::json context, const FieldErrors& errors, const Form& values) {
  auto summary = services::account_summary(ctx.db(), ctx.principal());
  const auto& user = summary.user;
  context["account"] = {{"email1", user.email1},
                        {"totp_enabled", summary.totp_enabled},
                        {"recovery_codes_left", std::to_string(summary.recovery_codes_left)}};
  if (user.email2) context["account"]["email2"] = *user.email2;
  if (!context.contains("values")) {
    context["values"] = {{"family_name", user.family_name}, {"given_name", user.given_name},
                         {"job_seeker_number", user.job_seeker_number}, {"phone", user.phone}};
  }
  return form_page(ctx, "public/account", "利用者情報", context, errors, values);
}

// Every change on 利用者情報 that is refused shows the page again with the messages.
void show_account_again_on_error(RequestContext& ctx) {
  on_invalid_input(ctx, [&ctx](const FieldErrors& errors) {
    return account_page(ctx, nlohmann::json::object(), errors, ctx.form);
  });
}

// The password (and code) typed into one of the forms, with its own field names.
services::Proof proof_from(const RequestContext& ctx, const std::string& password_field, const std::string& code_field) {
  return {ctx.field(password_field), ctx.field(code_field), password_field, code_field};
}

std::int64_t session_id(const RequestContext& ctx) { return ctx.visitor.session->session_id; }

Response totp_setup_page(RequestContext& ctx, const services::TotpEnrollment& enrollment, const FieldErrors& errors) {
  return form_page(ctx, "public/totp_setup", "2段階認証の設定", totp_enrollment_view(enrollment), errors);
}

}  // namespace

Response account(RequestContext& ctx) {
  nlohmann::json context = nlohmann::json::object();
  if (auto done = ctx.query("done"); done && done_messages().count(*done)) {
    context["info_message"] = done_messages().at(*done);
  }
  return account_page(ctx, context, {}, {});
}

Response back_to_account(RequestContext&) { return redirect("/account"); }

Response update_profile(RequestContext& ctx) {
  show_account_again_on_error(ctx);
  services::update_profile(ctx.db(), ctx.principal(),
                           {ctx.field("family_name"), ctx.field("given_name"), ctx.field("job_seeker_number"),
                            ctx.field("phone")},
                           ctx.client(), ctx.now);
  return redirect("/account?done=profile");
}

Response change_email1(RequestContext& ctx) {
  show_account_again_on_error(ctx);
  services::request_email_change(ctx.db(), ctx.principal(), session_id(ctx), 1, ctx.field("email1"),
                                 proof_from(ctx, "email1_password", "email1_code"), ctx.site.config.auth, ctx.links(),
                                 ctx.client(), ctx.now);
  return redirect("/account?done=email");
}

Response change_email2(RequestContext& ctx) {
  show_account_again_on_error(ctx);
  const std::string email = ctx.field("email2");
  services::request_email_change(ctx.db(), ctx.principal(), session_id(ctx), 2, email,
                                 proof_from(ctx, "email2_password", "email2_code"), ctx.site.config.auth, ctx.links(),
                                 ctx.client(), ctx.now);
  return redirect(email.empty() ? "/account?done=email2_removed" : "/account?done=email");
}

Response change_password(RequestContext& ctx) {
  show_account_again_on_error(ctx);
  services::change_password(ctx.db(), ctx.principal(), session_id(ctx),
                            proof_from(ctx, "current_password", "password_code"), ctx.field("password"),
                            ctx.field("password_confirmation"), ctx.site.config.auth, ctx.client(), ctx.now);
  return redirect("/account?done=password");
}

Response start_totp(RequestContext& ctx) {
  show_account_again_on_error(ctx);
  return totp_setup_page(ctx,
                         services::begin_totp_enrollment(ctx.db(), ctx.principal(), session_id(ctx),
                                                         proof_from(ctx, "totp_password", "totp_code"),
                                                         ctx.site.config.auth, ctx.client(), ctx.now),
                         {});
}

Response confirm_totp(RequestContext& ctx) {
  // A wrong code shows the same QR code again.
  ctx.recover = [&ctx](const services::ServiceError& e) -> std::optional<Response> {
    if (e.kind != services::ErrorKind::invalid_input) return std::nullopt;
    auto pending = services::pending_totp_enrollment(ctx.db(), ctx.principal());
    if (!pending) return redirect("/account");
    Response response = totp_setup_page(ctx, *pending, e.fields);
    response.status = 422;
    return response;
  };
  auto codes = services::confirm_totp_enrollment(ctx.db(), ctx.principal(), ctx.field("code"), ctx.client(), ctx.now);
  return page(ctx, "public/totp_codes", {{"page_title", "リカバリーコード"}, {"codes", codes}});
}

Response disable_totp(RequestContext& ctx) {
  show_account_again_on_error(ctx);
  services::disable_totp(ctx.db(), ctx.principal(), ctx.field("code"), ctx.client(), ctx.now);
  return redirect("/account?done=totp_disabled");
}

}  // namespace yoyaku::web::public_pages
