// JSON API: signing in and out with bearer tokens, and who the token is.
// Job seekers and staff use the same endpoint; staff always send their code.
#include "services/identity/sessions.hpp"
#include "services/staff/offices.hpp"
#include "web/handlers.hpp"
#include "web/respond.hpp"
#include "web/site.hpp"
#include "web/views/staff_views.hpp"

namespace yoyaku::web::api_v1 {
namespace {

using Status = services::LoginOutcome::Status;

std::optional<std::string> string_member(const nlohmann::json& body, const char* name) {
  auto found = body.find(name);
  if (found == body.end() || !found->is_string()) return std::nullopt;
  return found->get<std::string>();
}

Response locked(const RequestContext& ctx, std::int64_t until) {
  Response response = json_error(429, "locked", "ログインに続けて失敗したため、一時的にログインできなくなっています。");
  response.set_header("Retry-After", std::to_string(std::max<std::int64_t>(1, until - ctx.now)));
  return response;
}

}  // namespace

Response create_session(RequestContext& ctx) {
  nlohmann::json body = nlohmann::json::parse(ctx.request.body, nullptr, false);
  if (!body.is_discarded()) require_clean_json_text(body);
  auto email = body.is_object() ? string_member(body, "email") : std::nullopt;
  auto password = body.is_object() ? string_member(body, "password") : std::nullopt;
  if (!email || !password) return json_error(400, "bad_request", "email と password を JSON で送信してください。");
  auto kind = services::account_kind_for(ctx.db(), *email);
  if (auto asked = string_member(body, "kind")) {
    if (*asked != "job_seeker" && *asked != "staff") {
      return json_error(400, "bad_request", "kind は job_seeker か staff を指定してください。",
                        {{"kind", "job_seeker か staff を指定してください。"}});
    }
    kind = *asked == "staff" ? services::AccountKind::staff : services::AccountKind::job_seeker;
  }
  const auto& settings = ctx.site.config.auth;
  auto outcome = services::sign_in(ctx.db(), kind, *email, *password, settings, ctx.client(), ctx.now);
  if (outcome.status == Status::needs_totp_enrollment) {
    services::log_out(ctx.db(), outcome.session->token, ctx.client(), ctx.now);
    return json_error(403, "totp_enrollment_required",
                      "2段階認証の設定が必要です。職員ログイン画面（/staff/login）で認証アプリを設定してください。");
  }
  if (outcome.status == Status::needs_second_factor) {
    auto otp = string_member(body, "otp");
    if (!otp) {
      services::log_out(ctx.db(), outcome.session->token, ctx.client(), ctx.now);
      return json_error(401, "otp_required", "2段階認証の確認コード（otp）が必要です。",
                        {{"otp", "認証アプリに表示されている6桁の確認コードを入力してください。"}});
    }
    const std::string half_token = outcome.session->token;
    outcome = services::complete_second_factor(ctx.db(), half_token, *otp, settings, ctx.client(), ctx.now);
    if (outcome.status != Status::signed_in) {
      services::log_out(ctx.db(), half_token, ctx.client(), ctx.now);  // each request starts from the password
    }
    if (outcome.status == Status::wrong_credentials) {
      return json_error(401, "invalid_otp", "確認コードが正しくないか、既に使用されています。");
    }
  }
  switch (outcome.status) {
    case Status::signed_in:
      return json_response(201, {{"token", outcome.session->token},
                                 {"kind", kind == services::AccountKind::staff ? "staff" : "job_seeker"},
                                 {"expires_at", iso_time(outcome.session->idle_expires_at)},
                                 {"absolute_expires_at", iso_time(outcome.session->absolute_expires_at)}});
    case Status::locked:
      return locked(ctx, outcome.locked_until);
    case Status::not_verified:
      return json_error(403, "not_verified", "メールアドレスの確認が済んでいません。");
    default:
      return json_error(401, "invalid_credentials", "メールアドレスまたはパスワードが正しくありません。");
  }
}

Response end_session(RequestContext& ctx) {
  services::log_out(ctx.db(), ctx.visitor.session_token, ctx.client(), ctx.now);
  return no_content();
}

Response me(RequestContext& ctx) {
  const auto& session = *ctx.visitor.session;
  if (const auto& staff = session.staff) {
    nlohmann::json offices = nlohmann::json::array();
    for (const auto& office : services::offices_served(ctx.db(), ctx.principal())) offices.push_back(office_view(office));
    return json_response(200, {{"kind", "staff"},
                               {"id", staff->id},
                               {"email", staff->email},
                               {"display_name", staff->display_name},
                               {"administrator", staff->is_admin},
                               {"offices", offices},
                               {"session_expires_at", iso_time(session.idle_expires_at)}});
  }
  const auto& user = *session.user;
  return json_response(200, {{"kind", "job_seeker"},
                             {"id", user.id},
                             {"email1", user.email1},
                             {"email2", user.email2 ? nlohmann::json(*user.email2) : nlohmann::json(nullptr)},
                             {"family_name", user.family_name},
                             {"given_name", user.given_name},
                             {"job_seeker_number", user.job_seeker_number},
                             {"phone", user.phone},
                             {"totp_enabled", user.totp_enabled},
                             {"color_scheme", user.color_scheme},
                             {"session_expires_at", iso_time(session.idle_expires_at)}});
}

}  // namespace yoyaku::web::api_v1
