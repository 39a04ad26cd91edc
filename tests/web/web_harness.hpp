#pragma once
// The web layer in-process: App::handle on a fresh database (SQLite, or a
// new database on the test PostgreSQL server) with the offices and demo data,
// a clock the test sets, and a cookie jar — no sockets, no real time, so time
// rules are tested at their exact edges.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "db/database.hpp"
#include "support/test_databases.hpp"
#include "web/app.hpp"

namespace yoyaku::testing {

class WebHarness {
 public:
  explicit WebHarness(std::int64_t start_time, Backend backend = Backend::sqlite);
  ~WebHarness();

  std::int64_t now = 0;  // what the application's clock says

  // A browser: keeps cookies and the last page's CSRF token.
  class Browser {
   public:
    explicit Browser(WebHarness& harness) : harness_(harness) {}
    web::Response get(const std::string& target);
    // Posts a form; the CSRF token of the last page is added unless given.
    web::Response post(const std::string& target, std::map<std::string, std::string> fields);
    web::Response send(const std::string& method, const std::string& target, const std::string& body,
                       std::map<std::string, std::string> headers = {});
    std::optional<std::string> cookie(const std::string& name) const;

   private:
    WebHarness& harness_;
    std::map<std::string, std::string> cookies_;
    std::string csrf_;
  };

  // A JSON API call with a bearer token ("" for none), from a fresh client without cookies.
  struct ApiResult {
    int status = 0;
    nlohmann::json body;  // null when the answer is not JSON
  };
  ApiResult api(const std::string& method, const std::string& path, const std::string& token,
                const nlohmann::json& body = nullptr);

  // A browser signed in at /login as the job seeker `email` (a test failure if it cannot).
  Browser signed_in(const std::string& email, const std::string& password);

  web::Response handle(web::Request request);
  db::Connection& db() { return *connection_; }
  std::int64_t procedure_id(const std::string& office_code);

 private:
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<db::Connection> connection_;
  std::unique_ptr<web::App> app_;
};

// The value of <input name="NAME" value="…"> in a page, or "".
std::string input_of(const std::string& html, const std::string& name);
// JST wall-clock time as Unix seconds.
std::int64_t jst(int year, int month, int day, int hour, int minute, int second = 0);

}  // namespace yoyaku::testing
