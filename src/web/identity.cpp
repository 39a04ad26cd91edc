#include "web/identity.hpp"

#include "services/identity/account_settings.hpp"
#include "util/random.hpp"
#include "web/respond.hpp"
#include "web/site.hpp"

namespace yoyaku::web {
namespace {

std::optional<std::string> bearer_token(const Request& request) {
  auto header = request.header("authorization");
  const std::string prefix = "Bearer ";
  if (!header || header->rfind(prefix, 0) != 0) return std::nullopt;
  return header->substr(prefix.size());
}

void take_session(RequestContext& ctx, services::SignedIn session, const std::string& token) {
  Visitor& visitor = ctx.visitor;
  visitor.session_token = token;
  visitor.csrf_token = session.csrf_token;
  if (session.complete) visitor.principal = session.principal;
  if (session.complete && session.user) visitor.color_scheme = session.user->color_scheme;
  visitor.session = std::move(session);
}

// The switch's cookie, then the browser's Accept-Language, then Japanese; a
// signed-in job seeker's account remembers the last one used (for the mail
// sent to them), written only when it changes.
void choose_language(RequestContext& ctx) {
  Visitor& visitor = ctx.visitor;
  std::optional<domain::Language> chosen;
  if (auto code = site_cookie(ctx, language_cookie_name)) chosen = domain::language_from_code(*code);
  if (!chosen) {
    if (auto header = ctx.request.header("accept-language")) chosen = domain::language_from_accept_header(*header);
  }
  visitor.language = chosen.value_or(domain::Language::ja);
  if (visitor.principal.is_job_seeker() && visitor.session && visitor.session->user &&
      visitor.session->user->language != domain::language_code(visitor.language)) {
    services::set_language(ctx.db(), visitor.principal, visitor.language);
  }
}

}  // namespace

void identify(RequestContext& ctx) {
  const auto& settings = ctx.site.config.auth;
  // A bearer token (always on the API, and a page asked for with one) counts
  // once fully signed in; it uses no cookies, so a page form still needs the
  // CSRF token of a page.
  if (auto token = bearer_token(ctx.request); token || ctx.is_api()) {
    if (token) {
      auto session = services::resume_session(ctx.db(), *token, settings, ctx.now);
      if (session && session->complete) take_session(ctx, std::move(*session), *token);
    }
    if (ctx.is_api()) return;
  }
  if (auto token = site_cookie(ctx, session_cookie_name); token && !token->empty() && !ctx.visitor.session) {
    if (auto session = services::resume_session(ctx.db(), *token, settings, ctx.now)) {
      take_session(ctx, std::move(*session), *token);
    } else {
      set_session_cookie(ctx, "");  // ended or expired
    }
  }
  Visitor& visitor = ctx.visitor;
  choose_language(ctx);
  if (!visitor.principal.is_job_seeker()) {
    if (auto scheme = site_cookie(ctx, scheme_cookie_name); scheme && services::is_color_scheme(*scheme)) {
      visitor.color_scheme = *scheme;
    }
  }
  if (visitor.csrf_token.empty()) {
    auto anonymous = site_cookie(ctx, csrf_cookie_name);
    if (anonymous && anonymous->size() == 48) {
      visitor.csrf_token = *anonymous;
    } else {
      visitor.csrf_token = random_hex(24);
      ctx.set_cookies.push_back(cookie(ctx, csrf_cookie_name, visitor.csrf_token, 60 * 60 * 24 * 7));
    }
  }
}

bool csrf_ok(const RequestContext& ctx) {
  auto sent = ctx.form.find("csrf_token");
  return sent != ctx.form.end() && !ctx.visitor.csrf_token.empty() &&
         constant_time_equal(sent->second, ctx.visitor.csrf_token);
}

void set_session_cookie(RequestContext& ctx, const std::string& token) {
  ctx.set_cookies.push_back(
      cookie(ctx, session_cookie_name, token, token.empty() ? 0 : ctx.site.config.auth.absolute_timeout_seconds));
}

}  // namespace yoyaku::web
