// yoyaku: one binary with subcommands for the server and its operators.
#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <fstream>
#include <map>
#include <iostream>
#include <sstream>
#include <thread>

#include "db/database.hpp"
#include "services/accounts.hpp"
#include "services/demo_seed.hpp"
#include "services/errors.hpp"
#include "services/office_import.hpp"
#include "store/migrations.hpp"
#include "store/store.hpp"
#include "web/app.hpp"
#include "web/http_server.hpp"

namespace {

using namespace yoyaku;

constexpr const char* version = "0.1.0";

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct CommonOptions {
  std::string db_url;
  std::string log_level = "info";
};

// Each subcommand binds its own --db: CLI11 applies YOYAKU_DB to every
// subcommand's option, so a shared variable would let one overwrite another.
std::map<const CLI::App*, std::string> db_urls;

void add_db_option(CLI::App* command, CommonOptions&) {
  db_urls[command] = "sqlite:yoyaku.db";
  command->add_option("--db", db_urls[command], "Database URL: sqlite:PATH or postgresql://USER@HOST:PORT/DB")
      ->envname("YOYAKU_DB")
      ->capture_default_str();
}

// "HOST:PORT" or "[IPv6]:PORT".
bool parse_listen(const std::string& text, std::string& host, unsigned short& port) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) return false;
  host = text.substr(0, colon);
  if (host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  unsigned long value = 0;
  try {
    std::size_t used = 0;
    value = std::stoul(text.substr(colon + 1), &used);
    if (used != text.size() - colon - 1) return false;
  } catch (const std::exception&) {
    return false;
  }
  if (value == 0 || value > 65535) return false;
  port = static_cast<unsigned short>(value);
  return true;
}

std::unique_ptr<db::Connection> open_database(const std::string& url) { return db::connect(url); }

// Fails with a clear message unless the schema is current.
void require_current_schema(db::Connection& connection, const std::string& url) {
  int current = store::schema_version(connection);
  int latest = store::latest_schema_version(connection.dialect());
  if (current < latest) {
    throw std::runtime_error("database schema is at version " + std::to_string(current) + ", this yoyaku needs " +
                             std::to_string(latest) + ": run `yoyaku migrate --db " + db::redact_url(url) + "`");
  }
  if (current > latest) {
    throw std::runtime_error("database schema version " + std::to_string(current) +
                             " is newer than this yoyaku knows (" + std::to_string(latest) + ")");
  }
}

int run_serve(const CommonOptions& common, const std::string& listen, unsigned threads, const std::string& smtp_url,
              const std::string& base_url) {
  web::ServerOptions server;
  if (!parse_listen(listen, server.host, server.port)) {
    throw std::runtime_error("--listen must be HOST:PORT (e.g. 127.0.0.1:8080), got: " + listen);
  }
  if (threads == 0 || threads > 256) throw std::runtime_error("--threads must be between 1 and 256");
  server.threads = threads;
  {
    auto connection = open_database(common.db_url);
    require_current_schema(*connection, common.db_url);
  }
  db::Pool pool(common.db_url, threads + 2);
  web::AppConfig config;
  config.base_url = base_url;
  config.version = version;
  web::App app(config, pool);
  spdlog::info("yoyaku {} starting: database {}, {} threads, base URL {}, SMTP {}", version,
               db::redact_url(common.db_url), threads, base_url, smtp_url.empty() ? "(none)" : db::redact_url(smtp_url));
  return web::run_http_server(server, app);
}

void print_validation_error(const services::ValidationError& e) {
  std::cerr << "error: " << e.what() << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  auto logger = spdlog::stderr_color_mt("yoyaku");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");

  CLI::App app{"yoyaku — ハローワーク 面談予約サービス (online interview reservations)", "yoyaku"};
  app.set_version_flag("--version", version);
  app.require_subcommand(1);
  // One line per error, for operators and scripts.
  app.failure_message([](const CLI::App*, const CLI::Error& e) {
    return "error: " + std::string(e.what()) + " (see --help)\n";
  });
  CommonOptions common;
  app.add_option("--log-level", common.log_level, "trace, debug, info, warn, error")
      ->envname("YOYAKU_LOG_LEVEL")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}))
      ->capture_default_str();

  // serve
  auto* serve = app.add_subcommand("serve", "Run the web server");
  add_db_option(serve, common);
  std::string listen = "127.0.0.1:8080";
  unsigned threads = std::max(2u, std::thread::hardware_concurrency());
  std::string smtp_url;
  std::string base_url = "http://localhost:8080";
  serve->add_option("--listen", listen, "Address and port to listen on (HOST:PORT)")
      ->envname("YOYAKU_LISTEN")
      ->capture_default_str();
  serve->add_option("--threads", threads, "Request-handling threads")->envname("YOYAKU_THREADS")->capture_default_str();
  serve->add_option("--smtp-url", smtp_url, "Mail server: smtp://[USER:PASS@]HOST:PORT or smtps://…")
      ->envname("YOYAKU_SMTP_URL");
  serve->add_option("--base-url", base_url, "Public URL of the service, used in links and cookies")
      ->envname("YOYAKU_BASE_URL")
      ->capture_default_str();
  std::string serve_log_level;
  serve->add_option("--log-level", serve_log_level, "trace, debug, info, warn, error (also YOYAKU_LOG_LEVEL)")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));

  // migrate
  auto* migrate = app.add_subcommand("migrate", "Create or upgrade the database schema (idempotent)");
  add_db_option(migrate, common);

  // import-offices
  auto* import_offices = app.add_subcommand("import-offices", "Import the office list CSV (idempotent)");
  add_db_option(import_offices, common);
  std::string csv_path;
  import_offices->add_option("FILE", csv_path, "CSV with the columns of data/hellowork-offices.csv")->required();

  // seed-demo
  auto* seed_demo = app.add_subcommand("seed-demo", "Add demo procedures, frames, notices and accounts (idempotent)");
  add_db_option(seed_demo, common);
  bool list_accounts = false;
  seed_demo->add_flag("--list-accounts", list_accounts, "Only print the demo accounts and their passwords");

  // create-user
  auto* create_user = app.add_subcommand("create-user", "Create a verified job-seeker account");
  add_db_option(create_user, common);
  services::NewJobSeeker user;
  create_user->add_option("--email", user.email, "メールアドレス1")->required();
  create_user->add_option("--password", user.password, "Password")->required();
  create_user->add_option("--family-name", user.family_name, "氏")->required();
  create_user->add_option("--given-name", user.given_name, "名")->required();
  create_user->add_option("--job-seeker-number", user.job_seeker_number, "求職番号 NNNNN-NNNNNNNN")->required();
  create_user->add_option("--phone", user.phone, "連絡先電話番号")->required();
  std::string email2;
  create_user->add_option("--email2", email2, "メールアドレス2 (optional)");

  // create-staff
  auto* create_staff = app.add_subcommand("create-staff", "Create a staff account for an office, or an administrator");
  add_db_option(create_staff, common);
  services::NewStaffMember staff;
  create_staff->add_option("--email", staff.email, "Email address")->required();
  create_staff->add_option("--password", staff.password, "Password")->required();
  create_staff->add_option("--name", staff.display_name, "Display name");
  auto* office_option = create_staff->add_option("--office", staff.office_codes, "Office number (安定所番号), repeatable");
  auto* admin_flag = create_staff->add_flag("--admin", staff.is_admin, "An administrator of all offices");
  office_option->excludes(admin_flag);
  admin_flag->excludes(office_option);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (!serve_log_level.empty()) common.log_level = serve_log_level;
  spdlog::set_level(spdlog::level::from_str(common.log_level));
  for (const auto* command : app.get_subcommands()) {
    if (db_urls.count(command)) common.db_url = db_urls[command];
  }

  try {
    if (*serve) return run_serve(common, listen, threads, smtp_url, base_url);
    if (*seed_demo && list_accounts) {
      std::cout << "demo accounts (demo data only; never use these on a real service):\n";
      for (const auto& account : services::demo_accounts()) {
        std::cout << "  " << account.role << ": " << account.email << " / " << account.password << "\n";
      }
      return 0;
    }

    auto connection = open_database(common.db_url);
    if (*migrate) {
      auto result = store::migrate(*connection, unix_now());
      if (result.applied.empty()) {
        std::cout << "schema is up to date (version " << result.to_version << ")\n";
      } else {
        for (const auto& name : result.applied) std::cout << "applied " << name << "\n";
        std::cout << "schema version " << result.from_version << " -> " << result.to_version << "\n";
      }
      return 0;
    }
    require_current_schema(*connection, common.db_url);
    if (*import_offices) {
      std::ifstream file(csv_path, std::ios::binary);
      if (!file) throw std::runtime_error("cannot read " + csv_path);
      std::stringstream text;
      text << file.rdbuf();
      auto result = services::import_offices_csv(*connection, text.str(), unix_now());
      std::cout << "offices: " << result.rows << " in file, " << result.inserted << " added, " << result.updated
                << " updated, " << result.unchanged << " unchanged";
      if (result.procedures_renamed) std::cout << ", " << result.procedures_renamed << " procedure titles renumbered";
      std::cout << "\n";
      return 0;
    }
    if (*seed_demo) {
      auto result = services::seed_demo(*connection, unix_now());
      std::cout << "demo data: " << result.facilities_created << " facilities, " << result.procedures_created
                << " procedures, " << result.frames_created << " frames, " << result.notices_created << " notices, "
                << result.accounts_created << " accounts created\n";
      return 0;
    }
    if (*create_user) {
      if (!email2.empty()) user.email2 = email2;
      auto id = services::create_verified_user(*connection, user, unix_now());
      std::cout << "created user " << id << "\n";
      return 0;
    }
    if (*create_staff) {
      auto id = services::create_staff_member(*connection, staff, unix_now());
      std::cout << "created staff " << id << "\n";
      return 0;
    }
  } catch (const services::ValidationError& e) {
    print_validation_error(e);
    return 2;
  } catch (const services::ConflictError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 3;
  } catch (const db::ConnectionError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 4;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
