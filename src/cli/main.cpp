// yoyaku: one binary with subcommands for the server and its operators.
#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <fstream>
#include <map>
#include <optional>
#include <iostream>
#include <sstream>
#include <thread>
#include <tuple>

#include "db/database.hpp"
#include "services/admin/demo_seed.hpp"
#include "services/admin/office_settings.hpp"
#include "services/admin/office_import.hpp"
#include "services/common/errors.hpp"
#include "services/common/mail.hpp"
#include "services/common/mail_sender.hpp"
#include "services/common/reminders.hpp"
#include "services/identity/accounts.hpp"
#include "domain/client_address.hpp"
#include "domain/dates.hpp"
#include "domain/mime.hpp"
#include "domain/reminders.hpp"
#include "domain/validation.hpp"
#include "util/random.hpp"
#include "util/secret_box.hpp"
#include "store/migrations.hpp"
#include "store/outbox.hpp"
#include "web/app.hpp"
#include "web/http_server.hpp"
#include "web/links.hpp"
#include "web/routes.hpp"

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
std::map<const CLI::App*, std::string> secrets_key_files;

void add_db_option(CLI::App* command, CommonOptions&) {
  db_urls[command] = "sqlite:yoyaku.db";
  command->add_option("--db", db_urls[command], "Database URL: sqlite:PATH or postgresql://USER@HOST:PORT/DB")
      ->envname("YOYAKU_DB")
      ->capture_default_str();
  command
      ->add_option("--secrets-key-file", secrets_key_files[command],
                   "Key that seals TOTP keys in the database (64 hex characters; default for SQLite: PATH.key, "
                   "created when missing)")
      ->envname("YOYAKU_SECRETS_KEY_FILE");
}

// The key that seals TOTP keys at rest: the file given, or for an SQLite
// database a key file beside it (created at first use, mode 0600). Without
// either (PostgreSQL and no file) new secrets are stored unsealed, loudly.
void configure_secrets_key(const std::string& db_url, std::string key_file) {
  const std::string sqlite_prefix = "sqlite:";
  if (key_file.empty() && db_url.rfind(sqlite_prefix, 0) == 0 && db_url != "sqlite::memory:") {
    key_file = db_url.substr(sqlite_prefix.size()) + ".key";
    if (create_secret_key_file(key_file)) spdlog::debug("created the secrets key file {}", key_file);
  }
  if (key_file.empty()) {
    if (db_url.rfind("postgres", 0) == 0) {
      spdlog::warn("no --secrets-key-file: TOTP keys are stored unsealed in the database");
    }
    return;
  }
  set_secret_key(read_secret_key_file(key_file));
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

struct ServeOptions {
  std::string listen_address = "127.0.0.1:8080";
  std::optional<unsigned> thread_count;  // unset: as suits the database (below)
  unsigned write_thread_count = 0;       // 0: as suits the database (below)
  std::string base_url = "http://localhost:8080";
  std::string mail_from;
  bool demo_mailbox = false;
  services::MailSenderSettings mail;
  std::string reminder_time = "10:00";
  int reminder_interval_seconds = 60;
  std::vector<std::string> trusted_proxies;  // CIDR
  std::string sqlite_synchronous = "normal";
};

// "no-reply@HOST" for the host of the base URL.
std::string default_mail_from(const std::string& base_url) {
  auto start = base_url.find("://");
  std::string host = start == std::string::npos ? base_url : base_url.substr(start + 3);
  host = host.substr(0, host.find_first_of(":/"));
  return "no-reply@" + (host.empty() ? std::string("localhost") : host);
}

int run_serve(const CommonOptions& common, ServeOptions options, const std::string& secrets_key_file) {
  web::ServerOptions server;
  if (!parse_listen(options.listen_address, server.host, server.port)) {
    throw std::runtime_error("--listen must be HOST:PORT (e.g. 127.0.0.1:8080), got: " + options.listen_address);
  }
  const bool sqlite = db::dialect_of_url(common.db_url) == db::Dialect::sqlite;
  const unsigned cpus = std::max(2u, std::thread::hardware_concurrency());
  // GETs run on the event-loop threads. On SQLite they never wait long, so one
  // a CPU; on PostgreSQL each waits on the server's round trips, and a slot
  // list's reads ran 60 % faster with 16 threads than with 2 on two CPUs,
  // with a p99 of 40 ms instead of 600 (docs/performance.md).
  const unsigned thread_count = options.thread_count.value_or(sqlite ? cpus : 8 * cpus);
  if (thread_count == 0 || thread_count > 256) throw std::runtime_error("--threads must be between 1 and 256");
  if (options.write_thread_count > 256) throw std::runtime_error("--write-threads must be between 1 and 256");
  if (options.write_thread_count == 0) {
    // SQLite commits the writes waiting together, so many waiting is good.
    // PostgreSQL's writers contend for the same rows (the day's number
    // counter, the slot, the frame): measured here, 2 write threads booked
    // twice as fast as 16.
    options.write_thread_count = sqlite ? 16u : cpus;
  }
  if (options.mail.retry_base_seconds < 1) throw std::runtime_error("--mail-retry-base must be at least 1 second");
  auto reminder_time = domain::parse_reminder_time(options.reminder_time);
  if (!reminder_time) {
    throw std::runtime_error("--reminder-time must be HH:MM (JST) or off, got: " + options.reminder_time);
  }
  if (options.reminder_interval_seconds < 1) throw std::runtime_error("--reminder-interval must be at least 1 second");
  if (options.sqlite_synchronous == "full") {
    db::set_sqlite_synchronous(db::SqliteSynchronous::full);
  } else if (options.sqlite_synchronous != "normal") {
    throw std::runtime_error("--sqlite-synchronous must be normal or full, got: " + options.sqlite_synchronous);
  }
  configure_secrets_key(common.db_url, secrets_key_file);
  server.threads = thread_count;
  server.write_threads = options.write_thread_count;
  options.mail.from_address = options.mail_from.empty() ? default_mail_from(options.base_url) : options.mail_from;
  options.mail.demo_mailbox = options.demo_mailbox;
  {
    auto connection = open_database(common.db_url);
    require_current_schema(*connection, common.db_url);
  }
  db::Pool pool(common.db_url, thread_count + options.write_thread_count + 3);
  web::AppConfig config;
  config.base_url = options.base_url;
  config.version = version;
  config.demo_mailbox = options.demo_mailbox;
  for (const auto& cidr : options.trusted_proxies) {
    auto network = domain::parse_network(cidr);
    if (!network) {
      throw std::runtime_error("--trusted-proxy must be an address or network (CIDR, e.g. 127.0.0.1 or 10.0.0.0/8), got: " + cidr);
    }
    config.trusted_proxies.push_back(*network);
  }
  web::App app(config, pool);
  const std::string& smtp_url = options.mail.smtp.url;
  spdlog::info("yoyaku {} starting: database {}, {} threads and {} write threads, base URL {}, SMTP {}", version,
               db::redact_url(common.db_url), thread_count, options.write_thread_count, options.base_url,
               smtp_url.empty() ? "(none)" : db::redact_url(smtp_url));
  std::unique_ptr<services::MailSender> sender;
  if (!smtp_url.empty() || options.demo_mailbox) {
    sender = std::make_unique<services::MailSender>(pool, options.mail, unix_now);
    sender->start();
  } else {
    spdlog::warn("no --smtp-url: mail stays in the outbox until a server with one runs");
  }
  web::SiteLinks reminder_links(options.base_url);
  std::unique_ptr<services::ReminderScheduler> reminders;
  if (reminder_time->enabled) {
    services::ReminderSettings settings;
    settings.minute_of_day = reminder_time->minute_of_day;
    settings.interval_seconds = options.reminder_interval_seconds;
    reminders = std::make_unique<services::ReminderScheduler>(pool, settings, reminder_links, unix_now);
    reminders->start();
  } else {
    spdlog::info("reminder mails are off (--reminder-time off)");
  }
  int status = web::run_http_server(server, app);
  if (reminders) reminders->stop();
  if (sender) sender->stop();
  return status;
}

void add_mail_options(CLI::App* command, ServeOptions& options) {
  command
      ->add_option("--smtp-url", options.mail.smtp.url,
                   "Mail server: smtp://[USER:PASS@]HOST:PORT (STARTTLS when offered, ?starttls=required to insist) "
                   "or smtps://…")
      ->envname("YOYAKU_SMTP_URL");
  command->add_option("--smtp-ca-file", options.mail.smtp.ca_file, "Extra CA certificates (PEM) for the mail server")
      ->envname("YOYAKU_SMTP_CA_FILE");
  command->add_option("--mail-from", options.mail_from, "Sender address (default: no-reply@ the base URL's host)")
      ->envname("YOYAKU_MAIL_FROM");
}

nlohmann::json test_mail_context(const ServeOptions& options) {
  return {{"sent_at_text", domain::japanese_date_time_spaced(unix_now())}, {"base_url", options.base_url}};
}

int send_test_mail(ServeOptions options, const std::string& address) {
  if (options.mail.smtp.url.empty()) throw std::runtime_error("--smtp-url (or YOYAKU_SMTP_URL) is required");
  auto recipient = domain::normalize_email(address);
  if (!recipient) throw std::runtime_error("not an email address: " + address);
  const std::string from = options.mail_from.empty() ? default_mail_from(options.base_url) : options.mail_from;
  auto content = services::render_mail_template("test_message", test_mail_context(options));
  domain::MailMessage mail{from, options.mail.from_name, {*recipient}, content.subject, content.body,
                           "yoyaku.test." + random_hex(8) + "@" + from.substr(from.rfind('@') + 1), unix_now()};
  auto result = services::smtp_send(options.mail.smtp, from, {*recipient}, domain::render_mail(mail));
  if (!result.delivered) throw std::runtime_error("the mail server did not accept the test mail: " + result.reply);
  std::cout << "sent to " << *recipient << ": " << result.reply << "\n";
  return 0;
}

int print_mail_queue(db::Connection& connection, const std::string& status, int limit) {
  std::vector<std::string> statuses = {status};
  if (status == "unsent") statuses = {"pending", "sending", "failed"};
  if (status == "all") statuses = {""};
  auto counts = store::outbox_counts(connection);
  std::cout << "outbox: " << counts["pending"] << " pending, " << counts["sending"] << " sending, " << counts["failed"]
            << " failed, " << counts["sent"] << " sent\n";
  for (const auto& wanted : statuses) {
    for (const auto& m : store::list_outbox(connection, wanted, limit)) {
      std::string to;
      for (const auto& r : m.recipients) to += (to.empty() ? "" : ",") + r;
      std::cout << m.id << "\t" << m.status << "\tattempts " << m.attempts << "\t"
                << domain::japanese_date_time_spaced(m.status == "sent" && m.sent_at ? *m.sent_at : m.next_attempt_at)
                << "\t" << m.kind << "\t" << to << "\t" << m.subject << "\t" << m.last_response.value_or("") << "\n";
    }
  }
  return 0;
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
  ServeOptions serve_options;
  serve->add_option("--listen", serve_options.listen_address, "Address and port to listen on (HOST:PORT)")
      ->envname("YOYAKU_LISTEN")
      ->capture_default_str();
  serve->add_option("--threads", serve_options.thread_count,
                    "Event-loop threads, which also answer GET and HEAD requests (default: the number of CPUs, at least "
                    "2, on SQLite; 8 per CPU on PostgreSQL, where they wait on the server)")
      ->envname("YOYAKU_THREADS");
  serve->add_option("--write-threads", serve_options.write_thread_count,
                    "Threads for requests that may write (all but GET and HEAD): they wait on the database, and SQLite "
                    "commits the writes of those waiting together (0: 16 on SQLite, the number of CPUs on PostgreSQL)")
      ->envname("YOYAKU_WRITE_THREADS")
      ->capture_default_str();
  serve->add_option("--sqlite-synchronous", serve_options.sqlite_synchronous,
                    "SQLite only: normal (nothing lost when the process is killed) or full (nothing lost in a power cut "
                    "either; slower writes)")
      ->envname("YOYAKU_SQLITE_SYNCHRONOUS")
      ->capture_default_str();
  serve->add_option("--base-url", serve_options.base_url, "Public URL of the service, used in links and cookies")
      ->envname("YOYAKU_BASE_URL")
      ->capture_default_str();
  add_mail_options(serve, serve_options);
  serve->add_option("--mail-retry-base", serve_options.mail.retry_base_seconds,
                    "Seconds before the first retry of a failed delivery; doubles each time, at most an hour")
      ->envname("YOYAKU_MAIL_RETRY_BASE")
      ->capture_default_str();
  serve->add_option("--reminder-time", serve_options.reminder_time,
                    "When the reminder mail goes out the day before each booking (HH:MM, JST), or off")
      ->envname("YOYAKU_REMINDER_TIME")
      ->capture_default_str();
  serve->add_option("--reminder-interval", serve_options.reminder_interval_seconds,
                    "Seconds between checks for reminders that are due")
      ->envname("YOYAKU_REMINDER_INTERVAL")
      ->capture_default_str();
  serve->add_option("--trusted-proxy", serve_options.trusted_proxies,
                    "A reverse proxy (address or CIDR, repeatable) whose X-Forwarded-For names the client")
      ->envname("YOYAKU_TRUSTED_PROXY")
      ->delimiter(',');
  serve->add_flag("--demo-mailbox", serve_options.demo_mailbox,
                  "Demo only: list every mail at /demo/mailbox; without --smtp-url nothing is sent")
      ->envname("YOYAKU_DEMO_MAILBOX");
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
  import_offices->add_option("FILE", csv_path, "CSV with the columns of data/hellowork-offices.csv (optional contact columns: postal_code, address, phone, consultation_phone, fax, hours, map_url), or office_code with contact columns only")->required();

  // seed-demo
  auto* seed_demo =
      app.add_subcommand("seed-demo", "Add demo procedures, frames, notices, accounts and bookings (idempotent)");
  add_db_option(seed_demo, common);
  bool list_accounts = false;
  seed_demo->add_flag("--list-accounts", list_accounts, "Only print the demo accounts and their passwords");
  bool without_bookings = false;
  seed_demo->add_flag("--without-bookings", without_bookings,
                      "Leave out the demo bookings at ハローワーク品川 (today and this week)");

  // create-user: every option but --email2 is required.
  auto* create_user = app.add_subcommand("create-user", "Create a verified job-seeker account");
  add_db_option(create_user, common);
  services::NewJobSeeker user;
  for (auto [name, value, help] : {std::tuple{"--email", &user.email, "メールアドレス1"},
                                   {"--password", &user.password, "Password"},
                                   {"--family-name", &user.family_name, "氏"},
                                   {"--given-name", &user.given_name, "名"},
                                   {"--job-seeker-number", &user.job_seeker_number, "求職番号 NNNNN-NNNNNNNN"},
                                   {"--phone", &user.phone, "連絡先電話番号"}}) {
    create_user->add_option(name, *value, help)->required();
  }
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
  create_staff->add_option("--totp-secret", staff.totp_secret,
                           "The authenticator app's secret (base32), so that the first sign-in needs no enrolment");
  office_option->excludes(admin_flag);
  admin_flag->excludes(office_option);

  // office-settings
  auto* office_settings =
      app.add_subcommand("office-settings", "Set an office's meeting-link template and no-show limit");
  add_db_option(office_settings, common);
  std::string settings_office;
  services::OfficeSettings settings;
  office_settings->add_option("--office", settings_office, "Office number (安定所番号)")->required();
  office_settings->add_option("--meeting-url-template", settings.meeting_url_template,
                              "Join URL of generated meetings: https://…{meeting_id}… ({passcode} optional; \"\" = https://zoom.us/j/{meeting_id})");
  office_settings->add_option("--no-show-limit", settings.no_show_limit,
                              "Unannounced no-shows after which online booking at the office is refused (1-20)");

  // mail-test
  auto* mail_test = app.add_subcommand("mail-test", "Send a test mail now to check the SMTP settings");
  ServeOptions mail_test_options;
  std::string mail_test_address;
  bool mail_test_queue = false;
  mail_test->add_option("ADDRESS", mail_test_address, "Where to send the test mail")->required();
  add_mail_options(mail_test, mail_test_options);
  mail_test->add_option("--base-url", mail_test_options.base_url, "Public URL of the service")
      ->envname("YOYAKU_BASE_URL")
      ->capture_default_str();
  add_db_option(mail_test, common);
  mail_test->add_flag("--queue", mail_test_queue,
                      "Write the mail to the outbox (--db) for the running servers to send, instead of sending it");

  // mail-queue
  auto* mail_queue = app.add_subcommand("mail-queue", "List the mail in the outbox (pending and failed by default)");
  add_db_option(mail_queue, common);
  std::string mail_queue_status = "unsent";
  int mail_queue_limit = 50;
  mail_queue->add_option("--status", mail_queue_status, "unsent (pending+sending+failed), pending, sending, failed, sent or all")
      ->check(CLI::IsMember({"unsent", "pending", "sending", "failed", "sent", "all"}))
      ->capture_default_str();
  mail_queue->add_option("--limit", mail_queue_limit, "At most this many messages per status")->capture_default_str();

  // mail-retry
  auto* mail_retry = app.add_subcommand("mail-retry", "Put a failed mail back in the queue");
  add_db_option(mail_retry, common);
  std::int64_t mail_retry_id = 0;
  mail_retry->add_option("ID", mail_retry_id, "The outbox id shown by mail-queue")->required();

  // routes (maintenance: the route table, for the hostile-input suite and operators)
  auto* routes = app.add_subcommand("routes", "Print the route table: METHOD PATTERN ACCESS, one route a line");
  bool routes_with_demo = false;
  routes->add_flag("--demo-mailbox", routes_with_demo, "Include the routes served only with --demo-mailbox");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (!serve_log_level.empty()) common.log_level = serve_log_level;
  spdlog::set_level(spdlog::level::from_str(common.log_level));
  std::string secrets_key_file;
  for (const auto* command : app.get_subcommands()) {
    if (db_urls.count(command)) common.db_url = db_urls[command];
    if (secrets_key_files.count(command)) secrets_key_file = secrets_key_files[command];
  }

  try {
    if (*serve) return run_serve(common, serve_options, secrets_key_file);
    if (*seed_demo && list_accounts) {
      std::cout << "demo accounts (demo data only; never use these on a real service):\n";
      for (const auto& account : services::demo_accounts()) {
        std::cout << "  " << account.role << ": " << account.email << " / " << account.password;
        if (!account.totp_secret.empty()) {
          std::cout << "  (/staff/login; 認証アプリのセットアップキー " << account.totp_secret << ")";
        }
        std::cout << "\n";
      }
      return 0;
    }

    if (*routes) {
      for (const auto& route : web::route_table()) {
        if (route.demo_only && !routes_with_demo) continue;
        std::cout << route.method << ' ' << route.pattern << ' ' << web::access_name(route.access) << '\n';
      }
      return 0;
    }
    if (*mail_test && !mail_test_queue) return send_test_mail(mail_test_options, mail_test_address);

    configure_secrets_key(common.db_url, secrets_key_file);
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
      if (result.contacts_updated) std::cout << ", contact data changed at " << result.contacts_updated;
      std::cout << "\n";
      for (const auto& change : result.changes) std::cout << "  " << change << "\n";
      return 0;
    }
    if (*seed_demo) {
      auto result = services::seed_demo(*connection, unix_now(), !without_bookings);
      std::cout << "demo data: " << result.facilities_created << " facilities, " << result.procedures_created
                << " procedures, " << result.frames_created << " frames, " << result.notices_created << " notices, "
                << result.accounts_created << " accounts, " << result.bookings_created << " bookings created\n";
      return 0;
    }
    if (*create_user) {
      if (!email2.empty()) user.email2 = email2;
      auto id = services::create_verified_user(*connection, user, unix_now());
      std::cout << "created user " << id << "\n";
      return 0;
    }
    if (*mail_test) {
      auto id = db::in_transaction(*connection, true, [&](db::Connection& c) {
        return services::enqueue_mail(c, "test_message", {mail_test_address}, test_mail_context(mail_test_options),
                                      unix_now());
      });
      std::cout << "queued mail " << id << " for " << mail_test_address << "\n";
      return 0;
    }
    if (*mail_queue) return print_mail_queue(*connection, mail_queue_status, mail_queue_limit);
    if (*mail_retry) {
      if (!store::requeue_outbox(*connection, mail_retry_id, unix_now())) {
        throw std::runtime_error("mail " + std::to_string(mail_retry_id) + " is not a failed mail");
      }
      std::cout << "mail " << mail_retry_id << " is queued again\n";
      return 0;
    }
    if (*create_staff) {
      auto id = services::create_staff_member(*connection, staff, unix_now());
      std::cout << "created staff " << id << "\n";
      return 0;
    }
    if (*office_settings) {
      auto office = services::update_office_settings(*connection, settings_office, settings, unix_now());
      std::cout << "office " << office.code << ": meeting URL template \""
                << (office.meeting_url_template.empty() ? "https://zoom.us/j/{meeting_id}" : office.meeting_url_template)
                << "\", no-show limit " << office.no_show_limit << "\n";
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
