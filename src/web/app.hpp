#pragma once
// The web application: turns a Request into a Response through one service
// call, rendered as an HTML page or as JSON under /api/. Never throws.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "db/database.hpp"
#include "services/auth.hpp"
#include "services/search.hpp"
#include "store/store.hpp"
#include "web/http.hpp"
#include "web/metrics.hpp"
#include "util/templates.hpp"

namespace yoyaku::web {

// Who is asking, worked out once per request from the cookies.
struct Visitor {
  std::optional<store::LoginSession> session;  // live (maybe still waiting for the 2FA code)
  std::optional<store::User> user;             // set once fully signed in
  std::string session_token;
  std::string csrf_token;  // the session's, or the anonymous cookie's
  std::string color_scheme = "standard";
  std::vector<std::string> set_cookies;
  bool signed_in() const { return user.has_value(); }
};

struct AppConfig {
  std::string version = "dev";
  // Demo only: /demo/mailbox lists every mail in the outbox (personal data!).
  bool demo_mailbox = false;
  // Seconds since the Unix epoch; replaceable so that tests can fix the clock.
  std::function<std::int64_t()> clock;
  services::AuthSettings auth;
};

// A JSON answer that is never cached.
Response json_response(int status, const nlohmann::json& body);
// {"error": code, "message": Japanese text, "fields": {…}}
Response json_error(int status, const std::string& code, const std::string& message,
                    const std::map<std::string, std::string>& fields = {});
// 401 with WWW-Authenticate: Bearer.
Response unauthorized();
// "2024-08-20T15:58:00+09:00"
std::string iso_time(std::int64_t unix_seconds);

class App {
 public:
  App(AppConfig config, db::Pool& pool);
  ~App();

  Response handle(const Request& request);
  Metrics& metrics() { return metrics_; }
  // While draining (shutting down), new requests are refused with 503.
  void start_draining() { draining_ = true; }

 private:
  Response dispatch(Request& request);
  // Page and API routes that know the visitor (web/account_pages.cpp, web/api.cpp).
  std::optional<Response> account_route(Request& request);
  std::optional<Response> api_route(Request& request);
  std::optional<Response> booking_api_route(Request& request);   // web/booking_api.cpp
  std::optional<Response> booking_route(Request& request);       // web/booking_pages.cpp
  std::optional<Response> reservation_route(Request& request);   // web/reservation_pages.cpp
  // The user of a live bearer token (API) and the session's id.
  std::optional<std::pair<store::User, store::LoginSession>> api_user(const Request& request);
  std::shared_ptr<Visitor> identify(const Request& request);
  bool csrf_ok(const Request& request, const std::multimap<std::string, std::string>& form) const;
  // For page routes: refuses methods other than GET, HEAD and POST, and for a
  // POST reads the form and checks its CSRF token. An error page, or nullopt.
  std::optional<Response> read_page_form(const Request& request, std::multimap<std::string, std::string>& form);
  Response redirect(const std::string& location) const;
  Response require_sign_in(const Request& request);
  Response form_page(const Request& request, const std::string& name, const std::string& title, nlohmann::json context,
                     const std::map<std::string, std::string>& errors = {},
                     const std::multimap<std::string, std::string>& values = {}, int status = 200);
  std::string cookie(const std::string& name, const std::string& value, std::int64_t max_age_seconds) const;
  services::Client client_of(const Request& request) const;
  nlohmann::json account_view(const store::User& user);
  Response home(const Request& request);
  Response coming_soon(const Request& request, const std::string& feature_name);
  Response static_file(const Request& request);
  Response demo_mailbox(const Request& request);
  Response demo_mail(const Request& request, const std::string& id_text);
  Response healthz(const Request& request);
  Response metrics_text(const Request& request);
  Response not_found(const Request& request);
  Response error(const Request& request, int status, const std::string& code, const std::string& message);
  Response page(const Request& request, const std::string& name, nlohmann::json context, int status = 200);
  nlohmann::json base_context(const Request& request) const;
  void add_common_headers(Response& response) const;

  AppConfig config_;
  db::Pool& pool_;
  const Templates& templates_ = Templates::embedded();
  Metrics metrics_;
  std::string asset_version_;
  std::atomic<bool> draining_{false};
  services::ProcedureCatalog catalog_{pool_};
};

}  // namespace yoyaku::web
