#pragma once
// What every request shares: configuration, the database pool, parsed
// templates, metrics, the search index and the links of the site.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "domain/client_address.hpp"
#include "services/identity/sessions.hpp"
#include "services/public/search.hpp"
#include "util/templates.hpp"
#include "web/links.hpp"
#include "web/metrics.hpp"

namespace yoyaku::web {

struct AppConfig {
  std::string version = "dev";
  // Public URL of the service: links in mail, Secure cookies, HSTS.
  std::string base_url = "http://localhost:8080";
  // Demo only: /demo/mailbox lists every mail in the outbox (personal data!).
  bool demo_mailbox = false;
  // Seconds since the Unix epoch; replaceable so that tests can fix the clock.
  std::function<std::int64_t()> clock;
  services::AuthSettings auth;
  // Reverse proxies whose X-Forwarded-For names the client (--trusted-proxy).
  std::vector<domain::Network> trusted_proxies;
};

class Site {
 public:
  Site(AppConfig config, db::Pool& pool);
  AppConfig config;
  db::Pool& pool;
  const Templates& templates = Templates::embedded();
  Metrics metrics;
  services::ProcedureCatalog catalog;
  SiteLinks links;
  const std::string asset_version;
  std::atomic<bool> draining{false};
};

}  // namespace yoyaku::web
