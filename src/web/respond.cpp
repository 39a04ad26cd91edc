#include "web/respond.hpp"

#include "domain/dates.hpp"
#include "util/messages.hpp"
#include "web/site.hpp"

namespace yoyaku::web {
namespace {

nlohmann::json error_summary(const FieldErrors& errors) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [name, message] : errors) list.push_back({{"field", name}, {"message", message}});
  return list;
}

// The page's own path and query: where the language switch comes back to.
std::string page_target(const RequestContext& ctx) {
  const std::string& target = ctx.request.target;
  if (ctx.is_get() && !target.empty() && target[0] == '/' && target.rfind("//", 0) != 0) return target;
  return ctx.request.path.empty() ? std::string("/") : ctx.request.path;
}

// What the layout shows on every page: the signed-in person, the colour scheme, the session's end.
nlohmann::json base_context(const RequestContext& ctx) {
  const Visitor& visitor = ctx.visitor;
  const bool english = visitor.language == domain::Language::en;
  nlohmann::json context = {
      {"lang", std::string(domain::language_code(visitor.language))},
      {"language_switch", {{"to", english ? "ja" : "en"}, {"label", english ? "日本語" : "English"},
                           {"label_lang", english ? "ja" : "en"}, {"back", page_target(ctx)}}},
      {"asset_version", ctx.site.asset_version},
      {"color_scheme", visitor.color_scheme},
      {"now_text", domain::japanese_date_time_spaced(ctx.now)},
      {"signed_in", false},
      {"current_path", ctx.request.path.empty() ? std::string("/") : ctx.request.path},
      {"csrf_token", visitor.csrf_token},
  };
  if (!visitor.session || !visitor.session->complete) return context;
  context["signed_in"] = true;
  context["session_expires_at"] = std::to_string(visitor.session->idle_expires_at);
  if (const auto& user = visitor.session->user) {
    context["user"] = {{"family_name", user->family_name}, {"given_name", user->given_name}, {"email1", user->email1}};
  }
  if (const auto& staff = visitor.session->staff) {
    context["staff"] = {{"display_name", staff->display_name}, {"email", staff->email}, {"administrator", staff->is_admin}};
  }
  return context;
}

Response render(RequestContext& ctx, const std::string& name, nlohmann::json context, int status,
                const std::string& layout) {
  nlohmann::json full = base_context(ctx);
  full.update(context);
  Response response;
  response.status = status;
  // Staff pages stay Japanese.
  const domain::Language language = layout == "layout" ? ctx.visitor.language : domain::Language::ja;
  Messages::embedded().localize_all(language, full);
  response.body = ctx.site.templates.render_page(name, std::move(full), layout, language);
  response.set_header("Content-Type", "text/html; charset=utf-8");
  response.set_header("Cache-Control", "no-store");
  return response;
}

}  // namespace

Response redirect(const std::string& location) {
  Response response;
  response.status = 303;
  response.set_header("Location", location);
  response.set_header("Cache-Control", "no-store");
  return response;
}

Response json_response(int status, const nlohmann::json& body) { return json_text_response(status, body.dump()); }

Response json_text_response(int status, std::string body) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  response.set_header("Content-Type", "application/json");
  response.set_header("Cache-Control", "no-store");
  return response;
}

Response json_error(int status, const std::string& code, const std::string& message, const FieldErrors& fields) {
  nlohmann::json field_map = nlohmann::json::object();
  for (const auto& [key, value] : fields) field_map[key] = value;
  return json_response(status, {{"error", code}, {"message", message}, {"fields", field_map}});
}

Response no_content() {
  Response response;
  response.status = 204;
  response.set_header("Cache-Control", "no-store");
  return response;
}

Response attachment(const std::string& content_type, const std::string& filename, std::string body) {
  Response response;
  response.body = std::move(body);
  response.set_header("Content-Type", content_type);
  response.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  response.set_header("Cache-Control", "no-store");
  return response;
}

Response page(RequestContext& ctx, const std::string& name, nlohmann::json context, int status) {
  return render(ctx, name, std::move(context), status, "layout");
}

Response staff_page(RequestContext& ctx, const std::string& name, nlohmann::json context, int status) {
  return render(ctx, name, std::move(context), status, "staff/layout");
}

void add_form_state(nlohmann::json& context, const std::string& title, const FieldErrors& errors) {
  context["page_title"] = title;
  context["has_errors"] = !errors.empty();
  context["error_summary"] = error_summary(errors);
  nlohmann::json error_map = nlohmann::json::object();
  for (const auto& [key, message] : errors) error_map[key] = message;
  context["errors"] = error_map;
  if (!context.contains("values")) context["values"] = nlohmann::json::object();
}

Response form_page(RequestContext& ctx, const std::string& name, const std::string& title, nlohmann::json context,
                   const FieldErrors& errors, const Form& values, int status) {
  add_form_state(context, title, errors);
  for (const auto& [key, value] : values) {
    if (key.find("password") == std::string::npos && key != "csrf_token" && key != "code") context["values"][key] = value;
  }
  return page(ctx, name, std::move(context), status);
}

Response staff_form_page(RequestContext& ctx, const std::string& name, const std::string& title,
                         nlohmann::json context, const FieldErrors& errors, int status) {
  add_form_state(context, title, errors);
  return staff_page(ctx, name, std::move(context), status);
}

void on_invalid_input(RequestContext& ctx, std::function<Response(const FieldErrors& errors)> show_again) {
  ctx.recover = [show_again = std::move(show_again)](const services::ServiceError& e) -> std::optional<Response> {
    if (e.kind != services::ErrorKind::invalid_input) return std::nullopt;
    Response response = show_again(e.fields);
    // A page shown again is 422; a page that sends the browser elsewhere instead (the
    // booking can no longer be changed, say) keeps its redirect, Location and all.
    if (response.status < 300) response.status = 422;
    return response;
  };
}

namespace {
// On https every cookie is a __Host- cookie: Secure, Path=/, no Domain, so
// that a sibling host or a plain-http page cannot set or shadow it.
std::string cookie_name(const RequestContext& ctx, const std::string& name) {
  return ctx.links().https() ? "__Host-" + name : name;
}
}  // namespace

std::optional<std::string> site_cookie(const RequestContext& ctx, const std::string& name) {
  return ctx.request.cookie(cookie_name(ctx, name));
}

std::string cookie(const RequestContext& ctx, const std::string& name, const std::string& value,
                   std::int64_t max_age_seconds) {
  std::string text = cookie_name(ctx, name) + "=" + value + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
                     std::to_string(max_age_seconds);
  if (!ctx.links().plain_http_localhost()) text += "; Secure";
  return text;
}

std::string iso_time(std::int64_t unix_seconds) {
  auto jst = domain::to_jst(unix_seconds);
  char text[40];
  std::snprintf(text, sizeof text, "%sT%02d:%02d:%02d+09:00", domain::to_iso(jst.date).c_str(), jst.hour, jst.minute,
                jst.second);
  return text;
}

nlohmann::json optional_iso_time(const std::optional<std::int64_t>& unix_seconds) {
  return unix_seconds ? nlohmann::json(iso_time(*unix_seconds)) : nlohmann::json(nullptr);
}

nlohmann::json text_or_null(const std::string& text) {
  return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

}  // namespace yoyaku::web
