// The `yoyaku` command line: subcommands, help, configuration and errors.
#include <gtest/gtest.h>

#include "db/database.hpp"
#include "store/migrations.hpp"
#include "store/accounts.hpp"
#include "store/audit.hpp"
#include "store/catalog.hpp"
#include "store/notices.hpp"
#include "store/outbox.hpp"
#include "store/reservations.hpp"
#include "support/http_client.hpp"
#include "support/processes.hpp"
#include "support/test_databases.hpp"

namespace yoyaku::testing {
namespace {

TEST(CliTest, EverySubcommandHasHelp) {
  auto top = run_yoyaku({"--help"});
  EXPECT_EQ(top.exit_code, 0);
  for (const char* command :
       {"serve", "migrate", "import-offices", "seed-demo", "create-user", "create-staff", "office-settings"}) {
    EXPECT_NE(top.out.find(command), std::string::npos) << command;
    auto help = run_yoyaku({command, "--help"});
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_NE(help.out.find("--db"), std::string::npos) << command << help.out;
  }
  // routes needs no database: it prints the route table.
  EXPECT_NE(top.out.find("routes"), std::string::npos);
  auto routes_help = run_yoyaku({"routes", "--help"});
  EXPECT_EQ(routes_help.exit_code, 0);
  EXPECT_NE(routes_help.out.find("--demo-mailbox"), std::string::npos) << routes_help.out;
  auto serve = run_yoyaku({"serve", "--help"});
  for (const char* option : {"--listen", "--threads", "--smtp-url", "--base-url", "--log-level", "YOYAKU_LISTEN",
                             "YOYAKU_DB", "YOYAKU_THREADS", "YOYAKU_SMTP_URL", "YOYAKU_BASE_URL"}) {
    EXPECT_NE(serve.out.find(option), std::string::npos) << option;
  }
}

TEST(CliTest, RoutesPrintsTheRouteTableOneRouteALine) {
  auto routes = run_yoyaku({"routes"});
  ASSERT_EQ(routes.exit_code, 0) << routes.err;
  EXPECT_NE(routes.out.find("GET /healthz open\n"), std::string::npos);
  EXPECT_NE(routes.out.find("POST /bookings/{hold}/form job_seeker\n"), std::string::npos);
  EXPECT_NE(routes.out.find("PATCH /api/v1/admin/staff/{id} administrator\n"), std::string::npos);
  EXPECT_EQ(routes.out.find("/demo/mailbox"), std::string::npos);
  int lines = 0;
  for (char c : routes.out) lines += c == '\n';
  EXPECT_GE(lines, 100);
  EXPECT_NE(run_yoyaku({"routes", "--demo-mailbox"}).out.find("GET /demo/mailbox/{id} open\n"), std::string::npos);
}

TEST(CliTest, BadArgumentsFailWithOneLineAndNonZeroExit) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {},
           {"no-such-command"},
           {"serve", "--listen", "nonsense"},
           {"serve", "--listen", "127.0.0.1:99999"},
           {"serve", "--threads", "0"},
           {"migrate", "--db", "mysql://x/y"},
           {"import-offices"},
           {"create-staff", "--email", "a@example.jp", "--password", "long-enough-1", "--office", "13040", "--admin"},
           {"--log-level", "loud", "migrate"}}) {
    auto result = run_yoyaku(args);
    std::string joined;
    for (const auto& a : args) joined += a + " ";
    EXPECT_NE(result.exit_code, 0) << joined;
    EXPECT_GT(result.exit_code, 0) << "crashed: " << joined;
    EXPECT_FALSE(result.err.empty()) << joined;
    EXPECT_EQ(count_lines(result.err), 1) << joined << "\n" << result.err;
  }
}

TEST(CliTest, AnUnreachableDatabaseGivesAClearErrorNotACrash) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"migrate", "--db", "postgresql://nobody@127.0.0.1:1/none"},
           {"serve", "--db", "postgresql://nobody@127.0.0.1:1/none", "--listen", "127.0.0.1:1"},
           {"seed-demo", "--db", "sqlite:/nonexistent-dir/x/y.db"}}) {
    auto result = run_yoyaku(args);
    EXPECT_GT(result.exit_code, 0) << args[0];
    EXPECT_NE(result.err.find("error:"), std::string::npos) << result.err;
    EXPECT_EQ(count_lines(result.err), 1) << result.err;
  }
}

TEST(CliTest, ServeRefusesADatabaseThatNeedsMigration) {
  TestDatabase database(Backend::sqlite);
  auto result = run_yoyaku({"serve", "--db", database.url(), "--listen", "127.0.0.1:" + std::to_string(free_port())});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("yoyaku migrate"), std::string::npos) << result.err;
}

TEST(CliTest, SeedingBeforeImportingOfficesSaysWhatToDo) {
  TestDatabase database(Backend::sqlite);
  ASSERT_EQ(run_yoyaku({"migrate", "--db", database.url()}).exit_code, 0);
  auto result = run_yoyaku({"seed-demo", "--db", database.url()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("import-offices"), std::string::npos) << result.err;
}

TEST(CliTest, CommandsAreIdempotent) {
  TestDatabase database(Backend::sqlite);
  prepare_database(database.url());
  auto migrate = run_yoyaku({"migrate", "--db", database.url()});
  EXPECT_EQ(migrate.exit_code, 0);
  EXPECT_NE(migrate.out.find("up to date"), std::string::npos);
  auto import = run_yoyaku({"import-offices", "--db", database.url(), source_dir() + "/data/hellowork-offices.csv"});
  EXPECT_EQ(import.exit_code, 0);
  EXPECT_NE(import.out.find("534 unchanged"), std::string::npos) << import.out;
  auto seed = run_yoyaku({"seed-demo", "--db", database.url()});
  EXPECT_EQ(seed.exit_code, 0);
  EXPECT_NE(seed.out.find("0 facilities, 0 procedures, 0 frames, 0 notices, 0 accounts"), std::string::npos)
      << seed.out;
}

TEST(CliTest, SeedDemoLeavesBookingsAtShinagawaOnce) {
  TestDatabase database(Backend::sqlite);
  prepare_database(database.url());  // --without-bookings
  auto connection = db::connect(database.url());
  EXPECT_EQ(connection->query_one("SELECT COUNT(*) FROM reservations")->integer(0), 0);
  auto first = run_yoyaku({"seed-demo", "--db", database.url()});
  EXPECT_EQ(first.exit_code, 0) << first.err;
  const auto made = connection->query_one("SELECT COUNT(*) FROM reservations")->integer(0);
  EXPECT_GE(made, 4);  // today's or the next open day's, and the week's
  EXPECT_NE(first.out.find(std::to_string(made) + " bookings created"), std::string::npos) << first.out;
  // Every one at 品川, within a week, the demo job seeker's own among them.
  EXPECT_EQ(connection
                ->query_one("SELECT COUNT(*) FROM reservations r JOIN procedures p ON p.id = r.procedure_id"
                            " JOIN offices o ON o.id = p.office_id WHERE o.code = '13040'")
                ->integer(0),
            made);
  EXPECT_EQ(connection->query_one("SELECT COUNT(*) FROM reservations r JOIN users u ON u.id = r.user_id"
                                  " WHERE u.email1 = 'koyou.taro@example.jp'")->integer(0), 1);
  auto again = run_yoyaku({"seed-demo", "--db", database.url()});
  EXPECT_NE(again.out.find("0 bookings created"), std::string::npos) << again.out;
  EXPECT_EQ(connection->query_one("SELECT COUNT(*) FROM reservations")->integer(0), made);
}

TEST(CliTest, OfficeSettingsSetTheMeetingTemplateAndTheNoShowLimitAndRefuseBadValues) {
  TestDatabase database(Backend::sqlite);
  prepare_database(database.url());
  auto set = run_yoyaku({"office-settings", "--db", database.url(), "--office", "13040", "--meeting-url-template",
                         "https://hellowork.zoom.us/j/{meeting_id}?pwd={passcode}", "--no-show-limit", "3"});
  EXPECT_EQ(set.exit_code, 0) << set.err;
  auto connection = db::connect(database.url());
  auto row = connection->query_one("SELECT meeting_url_template, no_show_limit FROM offices WHERE code = '13040'");
  EXPECT_EQ(row->text(0), "https://hellowork.zoom.us/j/{meeting_id}?pwd={passcode}");
  EXPECT_EQ(row->integer(1), 3);
  for (const auto& bad : std::vector<std::vector<std::string>>{
           {"--meeting-url-template", "http://zoom.us/j/{meeting_id}"},
           {"--meeting-url-template", "https://zoom.us/j/"},
           {"--no-show-limit", "0"}}) {
    std::vector<std::string> args = {"office-settings", "--db", database.url(), "--office", "13040", bad[0], bad[1]};
    auto refused = run_yoyaku(args);
    EXPECT_EQ(refused.exit_code, 2) << bad[0] << " " << bad[1];
  }
  row = connection->query_one("SELECT meeting_url_template, no_show_limit FROM offices WHERE code = '13040'");
  EXPECT_EQ(row->integer(1), 3);  // unchanged
  EXPECT_NE(run_yoyaku({"office-settings", "--db", database.url(), "--office", "99999", "--no-show-limit", "2"}).exit_code,
            0);
}

TEST(CliTest, TheDatabaseCanComeFromTheEnvironment) {
  TestDatabase database(Backend::sqlite);
  auto result = run_yoyaku({"migrate"}, {{"YOYAKU_DB", database.url()}});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  auto connection = db::connect(database.url());
  EXPECT_GE(connection->query_one("SELECT COUNT(*) FROM schema_migrations")->integer(0), 1);
}

TEST(CliTest, ADatabaseFlagWinsOverTheVariable) {
  TestDatabase by_variable(Backend::sqlite);
  TestDatabase by_flag(Backend::sqlite);
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"migrate", "--db", by_flag.url()},
           {"import-offices", "--db", by_flag.url(), source_dir() + "/data/hellowork-offices.csv"},
           {"seed-demo", "--db", by_flag.url()}}) {
    auto result = run_yoyaku(args, {{"YOYAKU_DB", by_variable.url()}});
    EXPECT_EQ(result.exit_code, 0) << args[0] << result.err;
  }
  auto flagged = db::connect(by_flag.url());
  EXPECT_EQ(flagged->query_one("SELECT COUNT(*) FROM users")->integer(0), 1);  // the demo job seeker
  auto variable = db::connect(by_variable.url());
  EXPECT_EQ(store::schema_version(*variable), 0);
}

TEST(CliTest, AListenFlagWinsOverTheVariable) {
  TestDatabase database(Backend::sqlite);
  prepare_database(database.url());
  const int env_port = free_port();
  // ServerProcess passes --listen with its own port; the variable names another.
  ServerProcess server(database.url(), {}, {{"YOYAKU_LISTEN", "127.0.0.1:" + std::to_string(env_port)}});
  EXPECT_EQ(http_get(server.base_url() + "/healthz").status, 200);
  EXPECT_THROW(http_get("http://127.0.0.1:" + std::to_string(env_port) + "/healthz"), std::runtime_error);
}

TEST(CliTest, TheListenVariableIsUsedWithoutAFlag) {
  TestDatabase database(Backend::sqlite);
  prepare_database(database.url());
  ServerProcess server(database.url(), {}, {}, /*listen_by_variable=*/true);
  EXPECT_EQ(http_get(server.base_url() + "/healthz").status, 200);
  EXPECT_EQ(server.terminate(), 0);
}

TEST(CliTest, CreatesUsersAndStaffAndReportsMistakes) {
  TestDatabase database(Backend::sqlite);
  prepare_database(database.url());
  std::vector<std::string> user = {"create-user", "--db", database.url(), "--email", "load1@example.jp",
                                   "--password", "load-test-password", "--family-name", "負荷", "--given-name",
                                   "試験", "--job-seeker-number", "１２３４５－００００００01", "--phone",
                                   "03-1234-5678"};
  auto created = run_yoyaku(user);
  EXPECT_EQ(created.exit_code, 0) << created.err;
  auto duplicate = run_yoyaku(user);
  EXPECT_EQ(duplicate.exit_code, 3);
  EXPECT_NE(duplicate.err.find("既に登録"), std::string::npos) << duplicate.err;

  auto bad = run_yoyaku({"create-user", "--db", database.url(), "--email", "x@example.jp", "--password",
                         "load-test-password", "--family-name", "負荷", "--given-name", "試験",
                         "--job-seeker-number", "123", "--phone", "03-1234-5678"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("求職番号"), std::string::npos) << bad.err;

  auto staff = run_yoyaku({"create-staff", "--db", database.url(), "--email", "s@example.jp", "--password",
                           "staff-password-1", "--office", "13040"});
  EXPECT_EQ(staff.exit_code, 0) << staff.err;
  auto admin = run_yoyaku(
      {"create-staff", "--db", database.url(), "--email", "a@example.jp", "--password", "staff-password-1", "--admin"});
  EXPECT_EQ(admin.exit_code, 0) << admin.err;
  auto unknown_office = run_yoyaku({"create-staff", "--db", database.url(), "--email", "u@example.jp", "--password",
                                    "staff-password-1", "--office", "99999"});
  EXPECT_EQ(unknown_office.exit_code, 2);

  auto connection = db::connect(database.url());
  auto user_row = store::find_user_by_email(*connection, "load1@example.jp");
  ASSERT_TRUE(user_row);
  EXPECT_EQ(user_row->job_seeker_number, "12345-00000001");
  EXPECT_TRUE(user_row->email_verified_at.has_value());
  auto staff_row = store::find_staff_by_email(*connection, "s@example.jp");
  ASSERT_TRUE(staff_row);
  EXPECT_EQ(staff_row->office_ids.size(), 1u);
  EXPECT_TRUE(store::find_staff_by_email(*connection, "a@example.jp")->is_admin);
}

TEST(CliTest, SeedDemoListsTheDemoAccounts) {
  auto result = run_yoyaku({"seed-demo", "--list-accounts"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find("koyou.taro@example.jp"), std::string::npos);
  EXPECT_NE(result.out.find("admin@example.jp"), std::string::npos);
}

}  // namespace
}  // namespace yoyaku::testing
