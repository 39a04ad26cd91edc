#pragma once
// Who is asking: the session cookie of a page request (with the anonymous
// CSRF cookie, the 配色 and the language cookies), or the bearer token of an API request.
#include "web/context.hpp"

namespace yoyaku::web {

constexpr const char* session_cookie_name = "yoyaku_session";
constexpr const char* csrf_cookie_name = "yoyaku_csrf";
constexpr const char* scheme_cookie_name = "color_scheme";
constexpr const char* language_cookie_name = "lang";

// Fills ctx.visitor; a live session counts as activity (its idle deadline moves).
void identify(RequestContext& ctx);
// Whether a page form carries the visitor's CSRF token (constant-time compare).
bool csrf_ok(const RequestContext& ctx);
// Sets the session cookie (a new token) or clears it ("").
void set_session_cookie(RequestContext& ctx, const std::string& token);

}  // namespace yoyaku::web
