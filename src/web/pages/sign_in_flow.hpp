#pragma once
// The sign-in pages of job seekers (/login) and staff (/staff/login) are the
// same flow on different accounts: email and password, then the code from an
// authenticator app when the account needs one (staff always), with locks
// after repeated failures. Each side describes its pages here.
#include <string>

#include "services/identity/sessions.hpp"
#include "web/context.hpp"
#include "web/respond.hpp"

namespace yoyaku::web {

struct SignInPages {
  services::AccountKind kind;
  std::string login_path;       // "/login"
  std::string code_path;        // "/login/otp"
  std::string enrollment_path;  // staff: "/staff/login/totp-setup"
  std::string login_template;   // "public/login"
  std::string code_template;    // "public/login_otp"
  std::string home_path;        // where to go after signing in by default
  Response (*render)(RequestContext&, const std::string&, nlohmann::json, int);  // page or staff_page
};

// Only same-site paths, so that a link cannot send the user elsewhere after login.
std::string safe_return_path(const std::string& path, const std::string& fallback);
// return_to from the query (GET) or the form (POST).
std::string return_path(const RequestContext& ctx, const std::string& fallback);

Response sign_in_form(RequestContext& ctx, const SignInPages& pages);
Response sign_in(RequestContext& ctx, const SignInPages& pages);
Response code_form(RequestContext& ctx, const SignInPages& pages);
Response submit_code(RequestContext& ctx, const SignInPages& pages);
// After a step that completed the sign-in: the new session's cookie and the way on.
Response signed_in(RequestContext& ctx, const services::NewSession& session, const std::string& return_to);
// 429 / 401 pages of a refused step.
std::string lock_message(std::int64_t until);

}  // namespace yoyaku::web
