// Accounts in the browser: 利用者登録, email links, ログイン (with 2FA),
// ログアウト, 利用者情報, password reset, 配色, and the menu's help pages.
#include <spdlog/spdlog.h>

#include <set>

#include "domain/dates.hpp"
#include "domain/text.hpp"
#include "services/errors.hpp"
#include "store/store.hpp"
#include "util/random.hpp"
#include "web/app.hpp"
#include "web/page_helpers.hpp"

namespace yoyaku::web {
namespace {

constexpr const char* session_cookie_name = "yoyaku_session";
constexpr const char* csrf_cookie_name = "yoyaku_csrf";
constexpr const char* scheme_cookie_name = "color_scheme";

// Only local paths, so that a link cannot send the user elsewhere after login.
std::string safe_return_path(const std::string& path) {
  if (path.empty() || path[0] != '/' || (path.size() > 1 && (path[1] == '/' || path[1] == '\\'))) return "/account";
  return path;
}

std::string lock_message(std::int64_t until) {
  auto jst = domain::to_jst(until);
  char text[32];
  std::snprintf(text, sizeof text, "%02d時%02d分", jst.hour, jst.minute);
  return std::string("ログインに続けて失敗したため、一時的にログインできなくなっています。") + text +
         "以降に、もう一度お試しください。お急ぎの場合はヘルプデスクへご連絡ください。";
}

const std::string wrong_credentials_message = "メールアドレスまたはパスワードが正しくありません。";
const std::string not_verified_message =
    "メールアドレスの確認が済んでいません。登録時にお送りしたメールのリンクを開いてください。メールが届かない場合は「確認メールを再送する」から再送できます。";

nlohmann::json error_summary(const std::map<std::string, std::string>& errors) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [name, message] : errors) list.push_back({{"field", name}, {"message", message}});
  return list;
}

}  // namespace

std::string App::cookie(const std::string& name, const std::string& value, std::int64_t max_age_seconds) const {
  // Secure everywhere but on plain-HTTP localhost (development and the demo).
  const std::string& base = config_.auth.base_url;
  bool local_http = base.rfind("http://localhost", 0) == 0 || base.rfind("http://127.0.0.1", 0) == 0;
  std::string text = name + "=" + value + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age_seconds);
  if (!local_http) text += "; Secure";
  return text;
}

services::Client App::client_of(const Request& request) const {
  return {request.remote_ip, request.header("user-agent").value_or("")};
}

std::shared_ptr<Visitor> App::identify(const Request& request) {
  auto visitor = std::make_shared<Visitor>();
  const std::int64_t now = config_.clock();
  if (auto token = request.cookie(session_cookie_name); token && !token->empty()) {
    auto lease = pool_.acquire();
    auto found = db::in_transaction(*lease, false, [&](db::Connection& c) {
      auto session = services::find_live_session(c, *token, now);
      std::optional<store::User> user;
      std::optional<store::UserSecurity> security;
      if (session && session->user_id && session->second_factor_done) {
        user = store::find_user(c, *session->user_id);
        security = store::user_security(c, *session->user_id);
      }
      return std::make_tuple(session, user, security);
    });
    auto& [session, user, security] = found;
    if (session) {
      visitor->session = session;
      visitor->session_token = *token;
      visitor->csrf_token = session->csrf_token;
      if (user) {
        visitor->user = user;
        visitor->color_scheme = security->color_scheme;
        // Any request counts as activity: the idle deadline slides.
        visitor->session->idle_expires_at = db::in_transaction(*lease, true, [&](db::Connection& c) {
          return services::extend_session(c, *session, config_.auth, now);
        });
      }
    } else {
      visitor->set_cookies.push_back(cookie(session_cookie_name, "", 0));  // ended or expired
    }
  }
  if (!visitor->user) {
    if (auto scheme = request.cookie(scheme_cookie_name); scheme && services::is_color_scheme(*scheme)) {
      visitor->color_scheme = *scheme;
    }
  }
  if (visitor->csrf_token.empty()) {
    auto anonymous = request.cookie(csrf_cookie_name);
    if (anonymous && anonymous->size() == 48) {
      visitor->csrf_token = *anonymous;
    } else {
      visitor->csrf_token = random_hex(24);
      visitor->set_cookies.push_back(cookie(csrf_cookie_name, visitor->csrf_token, 60 * 60 * 24 * 7));
    }
  }
  return visitor;
}

bool App::csrf_ok(const Request& request, const Form& form) const {
  auto sent = form.find("csrf_token");
  return request.visitor && sent != form.end() && !request.visitor->csrf_token.empty() &&
         constant_time_equal(sent->second, request.visitor->csrf_token);
}

std::optional<Response> App::read_page_form(const Request& request, Form& form) {
  if (request.method == "GET" || request.method == "HEAD") return std::nullopt;
  if (request.method != "POST") {
    Response refused = error(request, 405, "method_not_allowed", "この操作は許可されていません。");
    refused.set_header("Allow", "GET, HEAD, POST");
    return refused;
  }
  if (!parse_query_string(request.body, form)) {
    return error(request, 400, "bad_request", "送信された内容を読み取れませんでした。");
  }
  if (!csrf_ok(request, form)) {
    return error(request, 403, "csrf",
                 "画面の有効期限が切れたか、正しくない画面から送信されました。お手数ですが、もう一度操作してください。");
  }
  return std::nullopt;
}

Response App::redirect(const std::string& location) const {
  Response response;
  response.status = 303;
  response.set_header("Location", location);
  response.set_header("Cache-Control", "no-store");
  return response;
}

Response App::require_sign_in(const Request& request) {
  return redirect("/login?return_to=" + domain::url_encode(request.path));
}

Response App::form_page(const Request& request, const std::string& name, const std::string& title,
                        nlohmann::json context, const std::map<std::string, std::string>& errors, const Form& values,
                        int status) {
  context["page_title"] = title;
  context["has_errors"] = !errors.empty();
  context["error_summary"] = error_summary(errors);
  nlohmann::json error_map = nlohmann::json::object();
  for (const auto& [key, message] : errors) error_map[key] = message;
  context["errors"] = error_map;
  if (!context.contains("values")) context["values"] = nlohmann::json::object();
  for (const auto& [key, value] : values) {
    if (key.find("password") == std::string::npos && key != "csrf_token" && key != "code") context["values"][key] = value;
  }
  return page(request, name, context, status);
}

nlohmann::json App::account_view(const store::User& user) {
  auto lease = pool_.acquire();
  auto [security, codes_left] = db::in_transaction(*lease, false, [&](db::Connection& c) {
    return std::make_pair(store::user_security(c, user.id), store::unused_recovery_codes(c, user.id));
  });
  nlohmann::json view = {{"email1", user.email1},
                         {"totp_enabled", security->totp_enabled},
                         {"recovery_codes_left", std::to_string(codes_left)}};
  if (user.email2) view["email2"] = *user.email2;
  return view;
}

std::optional<Response> App::account_route(Request& request) {
  const std::string& path = request.path;
  const bool get = request.method == "GET" || request.method == "HEAD";
  const bool post = request.method == "POST";
  static const std::set<std::string> routes = {
      "/register",      "/register/resend", "/verify-email",       "/login",          "/login/otp",
      "/logout",        "/session/extend",  "/account",           "/account/profile", "/account/email1",
      "/account/email2", "/account/password", "/account/2fa",      "/account/2fa/confirm", "/account/2fa/disable",
      "/password/forgot", "/password/reset", "/color-scheme",     "/help",           "/faq",
      "/notices"};
  if (!routes.count(path)) return std::nullopt;
  Visitor& visitor = *request.visitor;
  const std::int64_t now = config_.clock();
  const services::Client client = client_of(request);

  Form form;
  if (auto refused = read_page_form(request, form)) {
    refused->route = path;
    return refused;
  }

  auto lease = pool_.acquire();
  db::Connection& db = *lease;
  auto run = [&]() -> Response {
    // --- 利用者登録 ---
    if (path == "/register") {
      if (get) return form_page(request, "register", "利用者登録", {});
      services::RegistrationForm registration{form_field(form, "email1"),      form_field(form, "email2"),
                                              form_field(form, "password"),    form_field(form, "password_confirmation"),
                                              form_field(form, "family_name"), form_field(form, "given_name"),
                                              form_field(form, "job_seeker_number"), form_field(form, "phone")};
      try {
        services::register_user(db, registration, config_.auth, client, now);
      } catch (const services::ValidationError& e) {
        return form_page(request, "register", "利用者登録", {}, e.fields, form, 422);
      }
      return page(request, "register_sent", {{"page_title", "確認メールを送信しました"}, {"email", form_field(form, "email1")}});
    }
    if (path == "/register/resend") {
      if (get) return form_page(request, "register_resend", "確認メールの再送", {});
      try {
        services::resend_verification(db, form_field(form, "email"), config_.auth, now);
      } catch (const services::ValidationError& e) {
        return form_page(request, "register_resend", "確認メールの再送", {}, e.fields, form, 422);
      }
      return form_page(request, "register_resend", "確認メールの再送", {{"sent", true}});
    }
    if (path == "/verify-email") {
      // GET only shows a button: mail scanners that open links must not use them up.
      const std::string token = get ? request.query_param("token").value_or("") : form_field(form, "token");
      if (get) {
        return page(request, "verify_email",
                    {{"page_title", "メールアドレスの確認"}, {"token", token}, {"state_confirm", !token.empty()},
                     {"state_invalid", token.empty()}});
      }
      auto result = services::follow_email_link(db, token, client, now);
      return page(request, "verify_email",
                  {{"page_title", "メールアドレスの確認"},
                   {"state_done", result == services::LinkResult::done},
                   {"state_expired", result == services::LinkResult::expired},
                   {"state_invalid", result == services::LinkResult::invalid}});
    }
    // --- ログイン ---
    if (path == "/login") {
      const std::string return_to = safe_return_path(get ? request.query_param("return_to").value_or("/account")
                                                         : form_field(form, "return_to"));
      if (get) {
        if (visitor.signed_in()) return redirect(return_to);
        nlohmann::json context = {{"return_to", return_to}};
        if (request.query_param("done") == std::optional<std::string>("logged_out")) context["info_message"] = "ログアウトしました。";
        if (request.query_param("done") == std::optional<std::string>("reset")) {
          context["info_message"] = "パスワードを再設定しました。新しいパスワードでログインしてください。";
        }
        if (request.query_param("expired") == std::optional<std::string>("1")) {
          context["info_message"] = "操作時間が終了したため、ログアウトしました。もう一度ログインしてください。";
        }
        return form_page(request, "login", "ログイン", context);
      }
      auto outcome = services::log_in(db, form_field(form, "email"), form_field(form, "password"), config_.auth, client, now);
      nlohmann::json context = {{"return_to", return_to}};
      switch (outcome.status) {
        case services::LoginOutcome::Status::signed_in:
        case services::LoginOutcome::Status::needs_second_factor: {
          if (!visitor.session_token.empty()) services::log_out(db, visitor.session_token, client, now);
          Response response = redirect(outcome.status == services::LoginOutcome::Status::signed_in
                                           ? return_to
                                           : "/login/otp?return_to=" + domain::url_encode(return_to));
          visitor.set_cookies.push_back(
              cookie(session_cookie_name, outcome.session->token, config_.auth.absolute_timeout_seconds));
          return response;
        }
        case services::LoginOutcome::Status::locked:
          context["lock_message"] = lock_message(outcome.locked_until);
          return form_page(request, "login", "ログイン", context, {}, form, 429);
        case services::LoginOutcome::Status::not_verified:
          context["error_message"] = not_verified_message;
          return form_page(request, "login", "ログイン", context, {}, form, 403);
        case services::LoginOutcome::Status::wrong_credentials:
          break;
      }
      context["error_message"] = wrong_credentials_message;
      return form_page(request, "login", "ログイン", context, {}, form, 401);
    }
    if (path == "/login/otp") {
      const std::string return_to = safe_return_path(get ? request.query_param("return_to").value_or("/account")
                                                         : form_field(form, "return_to"));
      if (!visitor.session || visitor.session->second_factor_done) return redirect("/login");
      if (get) return form_page(request, "login_otp", "2段階認証", {{"return_to", return_to}});
      auto outcome = services::complete_second_factor(db, visitor.session_token, form_field(form, "code"), config_.auth,
                                                      client, now);
      nlohmann::json context = {{"return_to", return_to}};
      if (outcome.status == services::LoginOutcome::Status::signed_in) {
        Response response = redirect(return_to);
        visitor.set_cookies.push_back(
            cookie(session_cookie_name, outcome.session->token, config_.auth.absolute_timeout_seconds));
        return response;
      }
      if (outcome.status == services::LoginOutcome::Status::locked) {
        context["lock_message"] = lock_message(outcome.locked_until);
        return form_page(request, "login_otp", "2段階認証", context, {}, {}, 429);
      }
      context["error_message"] = "確認コードが正しくないか、既に使用されています。認証アプリに表示されている新しいコードを入力してください。";
      return form_page(request, "login_otp", "2段階認証", context, {}, {}, 401);
    }
    if (path == "/logout") {
      if (get) return form_page(request, "logout", "ログアウト", {});
      if (!visitor.session_token.empty()) services::log_out(db, visitor.session_token, client, now);
      Response response = redirect("/login?done=logged_out");
      visitor.set_cookies.push_back(cookie(session_cookie_name, "", 0));
      return response;
    }
    if (path == "/session/extend") {
      const std::string return_to = safe_return_path(get ? request.query_param("return_to").value_or("/")
                                                         : form_field(form, "return_to"));
      if (!visitor.signed_in()) {
        if (post) return redirect("/login?expired=1&return_to=" + domain::url_encode(return_to));
        return form_page(request, "session_extend", "操作時間を延長する", {{"return_to", return_to}});
      }
      if (post) return redirect(return_to);  // identify() already pushed the deadline
      return form_page(request, "session_extend", "操作時間を延長する",
                       {{"return_to", return_to},
                        {"session_expires_text", domain::japanese_date_time_spaced(visitor.session->idle_expires_at)}});
    }
    // --- パスワードの再設定 ---
    if (path == "/password/forgot") {
      if (get) return form_page(request, "password_forgot", "パスワードの再設定", {});
      try {
        services::request_password_reset(db, form_field(form, "email"), config_.auth, client, now);
      } catch (const services::ValidationError& e) {
        return form_page(request, "password_forgot", "パスワードの再設定", {}, e.fields, form, 422);
      }
      return form_page(request, "password_forgot", "パスワードの再設定", {{"sent", true}});
    }
    if (path == "/password/reset") {
      const std::string token = get ? request.query_param("token").value_or("") : form_field(form, "token");
      nlohmann::json context = {{"token", token}, {"state_form", true}};
      if (get) return form_page(request, "password_reset", "新しいパスワードの設定", context);
      try {
        auto result = services::reset_password(db, token, form_field(form, "password"),
                                               form_field(form, "password_confirmation"), client, now);
        if (result == services::LinkResult::done) {
          Response response = redirect("/login?done=reset");
          visitor.set_cookies.push_back(cookie(session_cookie_name, "", 0));
          return response;
        }
        return form_page(request, "password_reset", "新しいパスワードの設定",
                         {{"state_expired", result == services::LinkResult::expired},
                          {"state_invalid", result == services::LinkResult::invalid}},
                         {}, {}, 410);
      } catch (const services::ValidationError& e) {
        return form_page(request, "password_reset", "新しいパスワードの設定", context, e.fields, form, 422);
      }
    }
    // --- 配色・ヘルプ・FAQ・お知らせ ---
    if (path == "/color-scheme") {
      if (post) {
        std::string scheme = form_field(form, "scheme");
        if (!services::is_color_scheme(scheme)) {
          return form_page(request, "color_scheme", "配色を変更する", {},
                           {{"scheme", "配色を選択してください。"}}, form, 422);
        }
        if (visitor.signed_in()) services::set_color_scheme(db, visitor.user->id, scheme);
        visitor.set_cookies.push_back(cookie(scheme_cookie_name, scheme, 60LL * 60 * 24 * 365));
        return redirect("/color-scheme?done=1");
      }
      nlohmann::json context = {{"scheme_standard", visitor.color_scheme == "standard"},
                                {"scheme_high_contrast", visitor.color_scheme == "high-contrast"},
                                {"scheme_large_text", visitor.color_scheme == "large-text"}};
      if (request.query_param("done")) context["info_message"] = "配色を変更しました。";
      return form_page(request, "color_scheme", "配色を変更する", context);
    }
    if (path == "/help" || path == "/faq" || path == "/notices") {
      if (post) {
        Response refused = error(request, 405, "method_not_allowed", "この操作は許可されていません。");
        refused.set_header("Allow", "GET, HEAD");
        return refused;
      }
      if (path == "/help") return page(request, "help", {{"page_title", "ヘルプ"}});
      if (path == "/faq") return page(request, "faq", {{"page_title", "FAQ（よくあるご質問）"}});
      nlohmann::json notices = nlohmann::json::array();
      for (const auto& notice : store::published_notices(db, now, 100)) {
        std::string date_text = domain::japanese_date(domain::jst_date_of(notice.published_at));
        notices.push_back({{"date_text", date_text.substr(0, date_text.find('('))},
                           {"title", notice.title},
                           {"body", notice.body}});
      }
      return page(request, "notices", {{"page_title", "お知らせ"}, {"notices", notices}, {"has_notices", !notices.empty()}});
    }
    // --- 利用者情報 (signed in only) ---
    if (!visitor.signed_in()) return require_sign_in(request);
    const store::User& user = *visitor.user;
    auto account_page = [&](nlohmann::json context, const std::map<std::string, std::string>& errors = {},
                            const Form& values = {}, int status = 200) {
      context["account"] = account_view(user);
      if (!context.contains("values")) {
        context["values"] = {{"family_name", user.family_name}, {"given_name", user.given_name},
                             {"job_seeker_number", user.job_seeker_number}, {"phone", user.phone}};
      }
      return form_page(request, "account", "利用者情報", context, errors, values, status);
    };
    static const std::map<std::string, std::string> done_messages = {
        {"profile", "氏名・求職番号・連絡先電話番号を変更しました。"},
        {"email", "確認メールを送信しました。メールのリンクを開くと、新しいメールアドレスに変更されます。"},
        {"email2_removed", "メールアドレス2を削除しました。"},
        {"password", "パスワードを変更しました。他の端末でのログインは終了しました。"},
        {"totp_disabled", "2段階認証を解除しました。"}};
    if (path == "/account") {
      nlohmann::json context = nlohmann::json::object();
      if (auto done = request.query_param("done"); done && done_messages.count(*done)) {
        context["info_message"] = done_messages.at(*done);
      }
      return account_page(context);
    }
    if (get) return redirect("/account");
    try {
      if (path == "/account/profile") {
        services::update_profile(db, user.id,
                                 {form_field(form, "family_name"), form_field(form, "given_name"),
                                  form_field(form, "job_seeker_number"), form_field(form, "phone")},
                                 client, now);
        return redirect("/account?done=profile");
      }
      if (path == "/account/email1" || path == "/account/email2") {
        int which = path.back() == '1' ? 1 : 2;
        std::string value = form_field(form, which == 1 ? "email1" : "email2");
        services::request_email_change(db, user.id, which, value, config_.auth, client, now);
        return redirect(which == 2 && value.empty() ? "/account?done=email2_removed" : "/account?done=email");
      }
      if (path == "/account/password") {
        services::change_password(db, user.id, visitor.session->id, form_field(form, "current_password"),
                                  form_field(form, "password"), form_field(form, "password_confirmation"), client, now);
        return redirect("/account?done=password");
      }
      if (path == "/account/2fa") {
        auto enrollment = services::begin_totp_enrollment(db, user.id);
        std::string grouped;
        for (std::size_t i = 0; i < enrollment.secret.size(); i += 4) {
          grouped += (grouped.empty() ? "" : " ") + enrollment.secret.substr(i, 4);
        }
        return form_page(request, "totp_setup", "2段階認証の設定",
                         {{"qr_svg", enrollment.qr_svg}, {"secret", enrollment.secret}, {"secret_grouped", grouped},
                          {"otpauth_uri", enrollment.otpauth_uri}});
      }
      if (path == "/account/2fa/confirm") {
        try {
          auto codes = services::confirm_totp_enrollment(db, user.id, form_field(form, "code"), client, now);
          return page(request, "totp_codes", {{"page_title", "リカバリーコード"}, {"codes", codes}});
        } catch (const services::ValidationError& e) {
          auto pending = services::pending_totp_enrollment(db, user.id);
          if (!pending) return redirect("/account");
          std::string grouped;
          for (std::size_t i = 0; i < pending->secret.size(); i += 4) {
            grouped += (grouped.empty() ? "" : " ") + pending->secret.substr(i, 4);
          }
          return form_page(request, "totp_setup", "2段階認証の設定",
                           {{"qr_svg", pending->qr_svg}, {"secret", pending->secret}, {"secret_grouped", grouped},
                            {"otpauth_uri", pending->otpauth_uri}},
                           e.fields, {}, 422);
        }
      }
      if (path == "/account/2fa/disable") {
        services::disable_totp(db, user.id, form_field(form, "code"), client, now);
        return redirect("/account?done=totp_disabled");
      }
    } catch (const services::ValidationError& e) {
      return account_page(nlohmann::json::object(), e.fields, form, 422);
    }
    return not_found(request);
  };
  Response response = run();
  response.route = path;
  return response;
}

}  // namespace yoyaku::web
