#pragma once
// Building responses: pages (a template inside the layout, with what every
// page shows), forms with their field errors and kept values, redirects,
// JSON, cookies.
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "web/context.hpp"
#include "web/http.hpp"

namespace yoyaku::web {

using FieldErrors = std::map<std::string, std::string>;

Response redirect(const std::string& location);
Response json_response(int status, const nlohmann::json& body);
// The same for a body already written as JSON text.
Response json_text_response(int status, std::string body);
// {"error": code, "message": Japanese text, "fields": {…}}
Response json_error(int status, const std::string& code, const std::string& message, const FieldErrors& fields = {});
Response no_content();
// A file to download.
Response attachment(const std::string& content_type, const std::string& filename, std::string body);

// A job seeker's page: templates/<name>.mustache inside the layout.
Response page(RequestContext& ctx, const std::string& name, nlohmann::json context, int status = 200);
// A staff page: inside templates/staff/layout.mustache.
Response staff_page(RequestContext& ctx, const std::string& name, nlohmann::json context, int status = 200);
// A page with a form: `errors` next to their fields and in the summary, and
// what the user typed kept (never passwords, codes or the CSRF token).
Response form_page(RequestContext& ctx, const std::string& name, const std::string& title, nlohmann::json context,
                   const FieldErrors& errors = {}, const Form& values = {}, int status = 200);
// The same inside the staff layout.
Response staff_form_page(RequestContext& ctx, const std::string& name, const std::string& title,
                         nlohmann::json context, const FieldErrors& errors = {}, int status = 200);
// Adds the form parts (page title, errors, summary) to a context.
void add_form_state(nlohmann::json& context, const std::string& title, const FieldErrors& errors);

// When a use case refuses the input (a ValidationError), the page is shown
// again by `show_again` with the messages next to their fields (status 422).
void on_invalid_input(RequestContext& ctx, std::function<Response(const FieldErrors& errors)> show_again);

// A Set-Cookie value: HttpOnly, SameSite=Lax, Secure unless the site is plain-HTTP
// localhost; on an https site the name gets the __Host- prefix.
std::string cookie(const RequestContext& ctx, const std::string& name, const std::string& value,
                   std::int64_t max_age_seconds);

// The value of the site's cookie `name` (its __Host- name on https).
std::optional<std::string> site_cookie(const RequestContext& ctx, const std::string& name);

// "2024-08-20T15:58:00+09:00"
std::string iso_time(std::int64_t unix_seconds);
nlohmann::json optional_iso_time(const std::optional<std::int64_t>& unix_seconds);
// null for "" (nothing on record): false in templates, explicit in the API.
nlohmann::json text_or_null(const std::string& text);

}  // namespace yoyaku::web
