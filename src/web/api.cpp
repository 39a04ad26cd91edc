// The JSON API: one service call, rendered as JSON. Authenticated calls use
// `Authorization: Bearer TOKEN` from POST /api/v1/sessions (no cookies, so no CSRF).
#include <set>

#include "domain/dates.hpp"
#include "services/errors.hpp"
#include "store/store.hpp"
#include "web/app.hpp"

namespace yoyaku::web {
namespace {

std::optional<std::string> bearer_token(const Request& request) {
  auto header = request.header("authorization");
  const std::string prefix = "Bearer ";
  if (!header || header->rfind(prefix, 0) != 0) return std::nullopt;
  return header->substr(prefix.size());
}

}  // namespace

std::optional<std::pair<store::User, store::LoginSession>> App::api_user(const Request& request) {
  auto token = bearer_token(request);
  if (!token) return std::nullopt;
  auto lease = pool_.acquire();
  auto session = services::find_live_session(*lease, *token, config_.clock());
  if (!session || !session->second_factor_done || !session->user_id) return std::nullopt;
  auto user = store::find_user(*lease, *session->user_id);
  if (!user) return std::nullopt;
  return std::make_pair(*user, *session);
}

std::optional<Response> App::api_route(Request& request) {
  const std::string& path = request.path;
  const std::int64_t now = config_.clock();
  auto respond = [&](Response response, const std::string& route) {
    response.route = route;
    return std::optional<Response>(std::move(response));
  };

  if (path == "/api/v1/sessions") {
    if (request.method != "POST") {
      Response refused = json_error(405, "method_not_allowed", "この操作は許可されていません。");
      refused.set_header("Allow", "POST");
      return respond(refused, path);
    }
    nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object() || !body.value("email", nlohmann::json()).is_string() ||
        !body.value("password", nlohmann::json()).is_string()) {
      return respond(json_error(400, "bad_request", "email と password を JSON で送信してください。"), path);
    }
    auto lease = pool_.acquire();
    auto outcome = services::log_in(*lease, body["email"].get<std::string>(), body["password"].get<std::string>(),
                                     config_.auth, client_of(request), now);
    if (outcome.status == services::LoginOutcome::Status::needs_second_factor) {
      auto otp = body.find("otp");
      if (otp == body.end() || !otp->is_string()) {
        services::log_out(*lease, outcome.session->token, client_of(request), now);
        return respond(json_error(401, "otp_required", "2段階認証の確認コード（otp）が必要です。",
                                  {{"otp", "認証アプリに表示されている6桁の確認コードを入力してください。"}}),
                       path);
      }
      outcome = services::complete_second_factor(*lease, outcome.session->token, otp->get<std::string>(),
                                                 config_.auth, client_of(request), now);
      if (outcome.status == services::LoginOutcome::Status::wrong_credentials) {
        return respond(json_error(401, "invalid_otp", "確認コードが正しくないか、既に使用されています。"), path);
      }
    }
    switch (outcome.status) {
      case services::LoginOutcome::Status::signed_in:
        return respond(json_response(201, {{"token", outcome.session->token},
                                           {"expires_at", iso_time(outcome.session->record.idle_expires_at)},
                                           {"absolute_expires_at",
                                            iso_time(outcome.session->record.absolute_expires_at)}}),
                       path);
      case services::LoginOutcome::Status::locked: {
        Response locked = json_error(429, "locked",
                                     "ログインに続けて失敗したため、一時的にログインできなくなっています。");
        locked.set_header("Retry-After", std::to_string(std::max<std::int64_t>(1, outcome.locked_until - now)));
        return respond(locked, path);
      }
      case services::LoginOutcome::Status::not_verified:
        return respond(json_error(403, "not_verified", "メールアドレスの確認が済んでいません。"), path);
      default:
        return respond(json_error(401, "invalid_credentials", "メールアドレスまたはパスワードが正しくありません。"),
                       path);
    }
  }

  if (auto response = booking_api_route(request)) return response;

  // Everything else needs a bearer token.
  static const std::set<std::string> authenticated = {"/api/v1/sessions/current", "/api/v1/me"};
  if (!authenticated.count(path)) return std::nullopt;
  auto signed_in = api_user(request);
  if (!signed_in) return respond(unauthorized(), path);
  auto token = bearer_token(request);
  auto lease = pool_.acquire();
  auto session = std::optional<store::LoginSession>(signed_in->second);
  if (path == "/api/v1/sessions/current") {
    if (request.method != "DELETE") {
      Response refused = json_error(405, "method_not_allowed", "この操作は許可されていません。");
      refused.set_header("Allow", "DELETE");
      return respond(refused, path);
    }
    services::log_out(*lease, *token, client_of(request), now);
    Response done;
    done.status = 204;
    done.set_header("Cache-Control", "no-store");
    return respond(done, path);
  }
  if (request.method != "GET" && request.method != "HEAD") {
    Response refused = json_error(405, "method_not_allowed", "この操作は許可されていません。");
    refused.set_header("Allow", "GET");
    return respond(refused, path);
  }
  std::int64_t idle = db::in_transaction(*lease, true, [&](db::Connection& c) {
    return services::extend_session(c, *session, config_.auth, now);
  });
  auto user = store::find_user(*lease, *session->user_id);
  auto security = store::user_security(*lease, *session->user_id);
  nlohmann::json me = {{"id", user->id},
                       {"email1", user->email1},
                       {"email2", user->email2 ? nlohmann::json(*user->email2) : nlohmann::json(nullptr)},
                       {"family_name", user->family_name},
                       {"given_name", user->given_name},
                       {"job_seeker_number", user->job_seeker_number},
                       {"phone", user->phone},
                       {"totp_enabled", security->totp_enabled},
                       {"color_scheme", security->color_scheme},
                       {"session_expires_at", iso_time(idle)}};
  return respond(json_response(200, me), path);
}

}  // namespace yoyaku::web
