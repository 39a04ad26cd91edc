#pragma once
// The web application: turns a Request into a Response through one service
// call, rendered as an HTML page or as JSON under /api/. Never throws.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "db/database.hpp"
#include "web/http.hpp"
#include "web/metrics.hpp"
#include "util/templates.hpp"

namespace yoyaku::web {

struct AppConfig {
  std::string base_url = "http://localhost:8080";
  std::string version = "dev";
  // Demo only: /demo/mailbox lists every mail in the outbox (personal data!).
  bool demo_mailbox = false;
  // Seconds since the Unix epoch; replaceable so that tests can fix the clock.
  std::function<std::int64_t()> clock;
};

class App {
 public:
  App(AppConfig config, db::Pool& pool);
  ~App();

  Response handle(const Request& request);
  Metrics& metrics() { return metrics_; }
  // While draining (shutting down), new requests are refused with 503.
  void start_draining() { draining_ = true; }

 private:
  struct Route;
  Response dispatch(const Request& request);
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
};

}  // namespace yoyaku::web
