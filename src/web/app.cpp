#include "web/app.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "domain/text.hpp"
#include "web/context.hpp"
#include "web/errors.hpp"
#include "web/identity.hpp"
#include "web/router.hpp"
#include "web/routes.hpp"

namespace yoyaku::web {
namespace {

constexpr std::size_t max_target_length = 8 * 1024;
constexpr std::size_t max_body_bytes = 1024 * 1024;
constexpr std::size_t max_header_fields = 100;
constexpr std::size_t max_header_value_bytes = 8 * 1024;
constexpr std::size_t max_header_bytes = 32 * 1024;

constexpr const char* content_security_policy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";

void add_common_headers(Response& response, const SiteLinks& links) {
  response.set_header("Content-Security-Policy", content_security_policy);
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("X-Frame-Options", "DENY");
  response.set_header("Referrer-Policy", "same-origin");
  response.set_header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  response.set_header("Cross-Origin-Opener-Policy", "same-origin");
  if (links.https()) response.set_header("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
}

// A route's access, enforced before its handler runs: visitors are sent to
// the right login page (401 on the API), the wrong kind of account gets 404.
std::optional<Response> refuse_unless_allowed(RequestContext& ctx, Access access) {
  const auto& principal = ctx.principal();
  auto sign_in_first = [&](bool staff) -> Response {
    if (ctx.is_api()) {
      Response response = json_error(401, "unauthorized", "ログインが必要です。");
      response.set_header("WWW-Authenticate", "Bearer");
      return response;
    }
    return redirect(staff ? SiteLinks::staff_login_path(ctx.request.path) : SiteLinks::login_path(ctx.request.path));
  };
  switch (access) {
    case Access::open:
    case Access::anyone:
      return std::nullopt;
    case Access::signed_in:
      if (!principal.is_anonymous()) return std::nullopt;
      return sign_in_first(false);
    case Access::job_seeker:
      if (principal.is_job_seeker()) return std::nullopt;
      if (principal.is_staff()) return not_found(ctx);
      return sign_in_first(false);
    case Access::staff:
    case Access::office_staff:
      if (principal.is_staff()) return std::nullopt;
      if (principal.is_job_seeker()) return not_found(ctx);
      return sign_in_first(true);
    case Access::administrator:
      if (principal.is_staff() && principal.administrator) return std::nullopt;
      if (!principal.is_anonymous()) return not_found(ctx);
      return sign_in_first(true);
  }
  return not_found(ctx);
}


}  // namespace

App::App(AppConfig config, db::Pool& pool) {
  if (!config.clock) {
    config.clock = [] {
      return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
  }
  const bool demo_mailbox = config.demo_mailbox;
  site_ = std::make_unique<Site>(std::move(config), pool);
  router_ = std::make_unique<Router>(route_table(), demo_mailbox);
}

App::~App() = default;

Metrics& App::metrics() { return site_->metrics; }

void App::start_draining() { site_->draining = true; }

Response App::handle(const Request& incoming) {
  Request request = incoming;
  RequestContext ctx(*site_, request, site_->config.clock());
  Response response;
  try {
    // Refusals become error pages here; what escapes even that is a 503 or a 500 below.
    try {
      response = dispatch(ctx, request);
    } catch (const services::ServiceError& e) {
      response = service_error_response(ctx, e);
    } catch (const RequestError& e) {
      response = request_error_response(ctx, e);
    }
  } catch (const db::ConnectionError& e) {
    // Nothing was committed, or (CommitUnknownError) the outcome is unknown:
    // either way the client may retry, a booking safely with its Idempotency-Key.
    const bool unknown = dynamic_cast<const db::CommitUnknownError*>(&e) != nullptr;
    spdlog::error("database {} on {} {}: {}", unknown ? "lost during commit" : "unavailable", request.method,
                  request.path, e.what());
    response = error_response(ctx, 503, "service_unavailable",
                              "ただいまサービスを利用できません。しばらくしてから再度お試しください。");
    response.set_header("Retry-After", "1");
    ctx.route = "error";
  } catch (const std::exception& e) {
    spdlog::error("unhandled error on {} {}: {}", request.method, request.path, e.what());
    response = error_response(ctx, 500, "internal_error", "システムエラーが発生しました。しばらくしてから再度お試しください。");
    ctx.route = "error";
  }
  response.route = ctx.route;
  if (request.method == "HEAD") response.body.clear();
  add_common_headers(response, site_->links);
  for (const auto& set_cookie : ctx.set_cookies) response.add_header("Set-Cookie", set_cookie);
  refuse_unsafe_headers(ctx, request, response);
  return response;
}

// The last guard before the wire: a header name or value with CR, LF, NUL or
// another control character is never sent, whoever built it (a redirect to a
// URL taken from the request, say). The whole response is replaced, since a
// half-built answer without its Location or cookie would mislead.
void App::refuse_unsafe_headers(RequestContext& ctx, const Request& request, Response& response) {
  bool safe = std::all_of(response.headers.begin(), response.headers.end(),
                          [](const auto& header) { return is_safe_header(header.first, header.second); });
  if (safe) return;
  for (const auto& [name, value] : response.headers) {
    if (!is_safe_header(name, value)) {
      spdlog::error("refused to send an unsafe response header \"{}\" on {} {} (route {})",
                    domain::sanitize_utf8(name), request.method, domain::sanitize_utf8(request.path), ctx.route);
    }
  }
  ctx.route = "unsafe_header";
  ctx.recover = nullptr;
  Response refused = error_response(ctx, 400, "bad_request", "リクエストに使用できない文字が含まれています。");
  refused.route = ctx.route;
  if (request.method == "HEAD") refused.body.clear();
  add_common_headers(refused, site_->links);
  // Cookies already decided (a new session, say) are kept when they are safe themselves.
  for (const auto& set_cookie : ctx.set_cookies) {
    if (is_safe_header("Set-Cookie", set_cookie)) refused.add_header("Set-Cookie", set_cookie);
  }
  response = std::move(refused);
}

Response App::dispatch(RequestContext& ctx, Request& request) {
  if (site_->draining) {
    ctx.route = "draining";
    Response response = error_response(ctx, 503, "shutting_down",
                                       "サーバーを停止しています。しばらくしてから再度お試しください。");
    response.set_header("Connection", "close");
    return response;
  }
  if (request.header_fields > max_header_fields || request.header_bytes > max_header_bytes ||
      request.longest_header_value > max_header_value_bytes) {
    ctx.route = "bad_request";
    return error_response(ctx, 431, "headers_too_large", "リクエストのヘッダーが大きすぎます。");
  }
  if (request.body.size() > max_body_bytes) {
    ctx.route = "bad_request";
    return error_response(ctx, 413, "payload_too_large", "送信されたデータが大きすぎます（上限は1MBです）。");
  }
  if (request.target.size() > max_target_length) {
    ctx.route = "bad_request";
    return error_response(ctx, 414, "uri_too_long", "URLが長すぎます。");
  }
  switch (parse_target(request.target, request.path, request.query)) {
    case Decoded::ok:
      break;
    case Decoded::malformed:
      ctx.route = "bad_request";
      return error_response(ctx, 400, "bad_request", "URLの形式が正しくありません。");
    case Decoded::bad_text:
      ctx.route = "bad_request";
      return error_response(ctx, 400, "bad_request",
                            "URLに使用できない文字（UTF-8として読めない文字や制御文字）が含まれています。");
  }
  auto match = router_->match(request.method, request.path);
  // A page that is not there is still a page: it shows the visitor's 配色 (high contrast, large text) and name.
  if (!match.route && !ctx.is_api()) identify(ctx);
  if (match.pattern.empty()) return not_found(ctx);
  ctx.route = match.pattern;
  if (!match.route) return method_not_allowed(ctx, match.allow);
  ctx.params = std::move(match.params);
  const Route& route = *match.route;
  if (route.access != Access::open) identify(ctx);
  if (auto refused = refuse_unless_allowed(ctx, route.access)) return *refused;
  if (!ctx.is_api() && !ctx.is_get()) {
    switch (parse_query_string(request.body, ctx.form)) {
      case Decoded::ok:
        break;
      case Decoded::malformed:
        return error_response(ctx, 400, "bad_request", "送信された内容を読み取れませんでした。");
      case Decoded::bad_text:
        return error_response(ctx, 400, "bad_request",
                              "入力された内容に使用できない文字（UTF-8として読めない文字やNUL文字）が含まれています。"
                              "入力内容を確認して、もう一度送信してください。");
    }
    if (!csrf_ok(ctx)) {
      return error_response(
          ctx, 403, "csrf",
          "画面の有効期限が切れたか、正しくない画面から送信されました。お手数ですが、もう一度操作してください。");
    }
  }
  return route.handler(ctx);
}

}  // namespace yoyaku::web
