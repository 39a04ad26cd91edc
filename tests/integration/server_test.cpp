// The real `yoyaku serve` binary over real HTTP, on SQLite and on PostgreSQL.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <regex>
#include <sstream>
#include <thread>

#include "db/database.hpp"
#include "support/http_client.hpp"
#include "support/processes.hpp"
#include "support/test_databases.hpp"

namespace yoyaku::testing {
namespace {

void expect_security_headers(const HttpResponse& response, const std::string& what) {
  SCOPED_TRACE(what);
  const std::string csp = response.header("content-security-policy");
  EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
  EXPECT_EQ(response.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(response.header("referrer-policy"), "same-origin");
  EXPECT_EQ(response.header("x-frame-options"), "DENY");
}

class ServerTest : public ::testing::TestWithParam<Backend> {
 protected:
  static void SetUpTestSuite() {}
  void SetUp() override {
    database_ = std::make_unique<TestDatabase>(GetParam());
    prepare_database(database_->url());
    server_ = std::make_unique<ServerProcess>(database_->url());
  }
  void TearDown() override {
    server_.reset();
    database_.reset();
  }
  std::string url(const std::string& path) const { return server_->base_url() + path; }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_P(ServerTest, HomePageShowsTheServiceAndTheOfficeCount) {
  auto response = http_get(url("/"));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(response.body.find("オンライン・ハローワークシステム 面談予約サービス"), std::string::npos);
  EXPECT_NE(response.body.find("534"), std::string::npos);  // 全国534か所
  EXPECT_NE(response.body.find("予約手続きへ"), std::string::npos);  // manual 1.1 STEP1
  EXPECT_NE(response.body.find("面談予約サービスについて"), std::string::npos);  // the seeded notice
  EXPECT_EQ(response.header("cache-control"), "no-store");
  expect_security_headers(response, "home");
}

TEST_P(ServerTest, MenuPagesHaveTheirContentAndAccountPagesNeedALogin) {
  // The built menu pages have their real content.
  for (const auto& [path, text] : std::vector<std::pair<std::string, std::string>>{
           {"/help", "ヘルプ"}, {"/faq", "録画・録音"}, {"/notices", "面談予約サービスについて"},
           {"/login", "パスワード"}, {"/register", "求職番号"}, {"/color-scheme", "ハイコントラスト"},
           {"/procedures", "絞り込みで検索する"}}) {
    auto response = http_get(url(path));
    EXPECT_EQ(response.status, 200) << path;
    EXPECT_NE(response.body.find(text), std::string::npos) << path;
  }
  // 利用者情報 needs a login.
  auto account = http_get(url("/account"));
  EXPECT_EQ(account.status, 303);
  EXPECT_EQ(account.header("location"), "/login?return_to=%2Faccount");
  EXPECT_EQ(http_get(url("/reservations")).status, 303);
}

TEST_P(ServerTest, HealthCheckReportsTheDatabaseAndSchema) {
  auto response = http_get(url("/healthz"));
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.header("content-type"), "application/json");
  auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["status"], "ok");
  EXPECT_EQ(body["database"], "ok");
  EXPECT_EQ(body["schema_version"], body["expected_schema_version"]);
  expect_security_headers(response, "healthz");
}

TEST_P(ServerTest, MetricsCountRequestsByRouteAndStatusWithALatencyHistogram) {
  http_get(url("/"));
  http_get(url("/"));
  http_get(url("/no-such-page"));
  auto response = http_get(url("/metrics"));
  ASSERT_EQ(response.status, 200);
  EXPECT_NE(response.header("content-type").find("text/plain"), std::string::npos);
  const std::string& text = response.body;
  std::smatch match;
  ASSERT_TRUE(std::regex_search(
      text, match, std::regex(R"re(yoyaku_http_requests_total\{route="/",method="GET",status="200"\} (\d+))re")))
      << text;
  EXPECT_EQ(std::stoi(match[1]), 2);
  EXPECT_NE(text.find(R"(yoyaku_http_requests_total{route="unmatched",method="GET",status="404"} 1)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("# TYPE yoyaku_http_request_duration_seconds histogram"), std::string::npos);
  EXPECT_NE(text.find(R"(yoyaku_http_request_duration_seconds_bucket{route="/",le="+Inf"} 2)"), std::string::npos)
      << text;
  EXPECT_NE(text.find(R"(yoyaku_http_request_duration_seconds_count{route="/"} 2)"), std::string::npos);
}

TEST_P(ServerTest, MetricsLabelsComeFromTheRouteTableNotFromWhatClientsSend) {
  const std::size_t before = http_get(url("/metrics")).body.size();
  http_get(url("/bookings/x/abc%22%7D%201%0Ayoyaku_injected%7Broute%3D%22x%22%7D%201"));
  http_get(url("/reservations/abc%22%7D%0Ayoyaku_injected%201"));
  for (int i = 0; i < 300; ++i) http_get(url("/unknown-" + std::to_string(i) + "-" + std::string(200, 'p')));
  auto response = http_get(url("/metrics"));
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.body.find("yoyaku_injected"), std::string::npos) << response.body;
  EXPECT_EQ(response.body.find("unknown-"), std::string::npos);
  // 300 different paths add a handful of series (404 by route "unmatched"), not 300.
  EXPECT_LT(response.body.size(), before + 4000) << response.body;
  // Every sample line is well formed: name{labels} value.
  std::istringstream lines(response.body);
  std::string line;
  const std::regex sample(R"re([a-z_]+(\{([a-z]+="([^"\\]|\\.)*",?)+\})? [0-9.e+-]+)re");
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    EXPECT_TRUE(std::regex_match(line, sample)) << line;
  }
}

TEST_P(ServerTest, ApiErrorsAreJsonWithAJapaneseMessage) {
  auto response = http_get(url("/api/v1/no-such-thing"));
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.header("content-type"), "application/json");
  auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["error"], "not_found");
  EXPECT_FALSE(body["message"].get<std::string>().empty());
  EXPECT_TRUE(body["fields"].is_object());
  expect_security_headers(response, "api 404");

  auto bad = http_get(url("/api/v1/%zz"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(nlohmann::json::parse(bad.body)["error"], "bad_request");
}

TEST_P(ServerTest, UnknownPagesGetAJapaneseErrorPage) {
  auto response = http_get(url("/no-such-page"));
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(response.body.find("ページが見つかりません"), std::string::npos);
  EXPECT_NE(response.body.find("トップページへ戻る"), std::string::npos);
  expect_security_headers(response, "404 page");

  auto post = http_request("POST", url("/"), {{"Content-Type", "application/x-www-form-urlencoded"}}, "a=1");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.header("allow"), "GET, HEAD");
}

TEST_P(ServerTest, StaticFilesAreCachedByVersionAndRevalidatedByEtag) {
  auto home = http_get(url("/")).body;
  std::smatch match;
  ASSERT_TRUE(std::regex_search(home, match, std::regex(R"re(/static/css/style\.css\?v=([0-9a-f]+))re")));
  const std::string versioned = "/static/css/style.css?v=" + match[1].str();
  auto css = http_get(url(versioned));
  ASSERT_EQ(css.status, 200);
  EXPECT_EQ(css.header("content-type"), "text/css; charset=utf-8");
  EXPECT_EQ(css.header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_FALSE(css.body.empty());
  expect_security_headers(css, "static");

  auto unversioned = http_get(url("/static/css/style.css"));
  EXPECT_EQ(unversioned.header("cache-control"), "public, max-age=300");

  const std::string etag = css.header("etag");
  ASSERT_FALSE(etag.empty());
  auto revalidated = http_get(url(versioned), {{"If-None-Match", etag}});
  EXPECT_EQ(revalidated.status, 304);
  EXPECT_TRUE(revalidated.body.empty());

  EXPECT_EQ(http_get(url("/static/../CMakeLists.txt")).status, 404);
  EXPECT_EQ(http_get(url("/static/%2e%2e/%2e%2e/etc/passwd")).status, 404);
  EXPECT_EQ(http_get(url("/static/missing.css")).status, 404);
}

TEST_P(ServerTest, HostileInputNeverCausesA500OrACrash) {
  const std::vector<std::string> targets = {
      "/%", "/%zz", "/?q=%ff%fe", "/%00", "/?" + std::string(7000, 'a'), "/static/%c0%ae%c0%ae/x",
      "/api/v1/%E3%81", "/?q=" + std::string(100, '%'), "/healthz?x=<script>", "/\xe3\x81\x82"};
  for (const auto& target : targets) {
    auto response = http_get(url(target));
    EXPECT_GE(response.status, 200) << target;
    EXPECT_LT(response.status, 500) << target;
  }
  // Too long a URL, too big a body, garbage on the wire.
  EXPECT_EQ(http_get(url("/?q=" + std::string(20000, 'x'))).status, 414);
  EXPECT_EQ(http_get(url("/api/v1/x?q=" + std::string(20000, 'x'))).header("content-type"), "application/json");
  // Over 1 MiB: 413 with the error page (JSON under /api/), never a closed connection.
  auto huge_body = http_request("POST", url("/"), {{"Content-Type", "text/plain"}}, std::string(2 << 20, 'x'));
  EXPECT_EQ(huge_body.status, 413);
  EXPECT_NE(huge_body.body.find("送信されたデータが大きすぎます"), std::string::npos) << huge_body.body;
  auto huge_json = http_request("POST", url("/api/v1/sessions"), {{"Content-Type", "application/json"}},
                                "{\"email\":\"" + std::string((1 << 20) + 1, 'x') + "\"}");
  EXPECT_EQ(huge_json.status, 413);
  EXPECT_EQ(huge_json.header("content-type"), "application/json");
  EXPECT_NE(huge_json.body.find("\"payload_too_large\""), std::string::npos) << huge_json.body;
  // Oversized headers: 431, not a closed connection.
  auto huge_header = http_get(url("/"), {{"X-Filler", std::string(20000, 'h')}});
  EXPECT_EQ(huge_header.status, 431);
  std::map<std::string, std::string> many;
  for (int i = 0; i < 150; ++i) many["X-Filler-" + std::to_string(i)] = "v";
  auto many_headers = http_get(url("/api/v1/procedures"), many);
  EXPECT_EQ(many_headers.status, 431);
  EXPECT_NE(many_headers.body.find("\"headers_too_large\""), std::string::npos) << many_headers.body;
  raw_exchange(server_->port(), "\x16\x03\x01\x02\x00garbage\r\n\r\n");
  raw_exchange(server_->port(), "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n");
  raw_exchange(server_->port(), "BREW /coffee HTCPCP/1.0\r\n\r\n");
  EXPECT_TRUE(server_->running());
  EXPECT_EQ(http_get(url("/healthz")).status, 200);
}

TEST_P(ServerTest, HeadRequestsGetHeadersOnly) {
  auto response = http_request("HEAD", url("/"));
  EXPECT_EQ(response.status, 200);
  EXPECT_TRUE(response.body.empty());
  expect_security_headers(response, "HEAD");
}

TEST_P(ServerTest, ConcurrentRequestsAreAllAnswered) {
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        if (http_get(url("/")).status == 200) ++ok;
      }
    });
  }
  for (auto& c : clients) c.join();
  EXPECT_EQ(ok, 80);
}

TEST_P(ServerTest, SigtermFinishesGracefullyAndLogsOneLinePerRequest) {
  http_get(url("/"));
  http_get(url("/healthz"));
  // Requests in flight when SIGTERM arrives still complete.
  std::vector<std::thread> clients;
  std::atomic<int> completed{0};
  std::atomic<int> refused{0};
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&] {
      try {
        auto status = http_get(url("/")).status;
        if (status == 200) ++completed;
        if (status == 503) ++refused;
      } catch (const std::exception&) {
        ++refused;
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  int exit_code = server_->terminate();
  for (auto& c : clients) c.join();
  EXPECT_EQ(exit_code, 0);
  EXPECT_EQ(completed + refused, 4);
  const std::string log = server_->log();
  EXPECT_NE(log.find("GET / 200"), std::string::npos) << log;
  EXPECT_NE(log.find("GET /healthz 200"), std::string::npos) << log;
  EXPECT_NE(log.find("server stopped"), std::string::npos) << log;
}

INSTANTIATE_TEST_SUITE_P(Databases, ServerTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return backend_name(info.param); });

TEST(ServerDatabaseLossTest, HealthAndPagesAnswer503WhenPostgresqlGoesAway) {
  auto database = std::make_unique<TestDatabase>(Backend::postgresql);
  prepare_database(database->url());
  ServerProcess server(database->url());
  ASSERT_EQ(http_get(server.base_url() + "/").status, 200);
  database.reset();  // DROP DATABASE … WITH (FORCE) ends the server's connections
  auto health = http_get(server.base_url() + "/healthz");
  EXPECT_EQ(health.status, 503);
  EXPECT_EQ(nlohmann::json::parse(health.body)["status"], "error");
  for (int i = 0; i < 3; ++i) {
    auto home = http_get(server.base_url() + "/");
    EXPECT_EQ(home.status, 503) << home.body;
    EXPECT_NE(home.body.find("ただいまサービスを利用できません"), std::string::npos);
  }
  EXPECT_TRUE(server.running());
}

TEST(ServerStartupTest, TwoServersShareOneSqliteFile) {
  TestDatabase database(Backend::sqlite);
  prepare_database(database.url());
  ServerProcess first(database.url());
  ServerProcess second(database.url());
  EXPECT_EQ(http_get(first.base_url() + "/").status, 200);
  EXPECT_EQ(http_get(second.base_url() + "/").status, 200);
}

}  // namespace
}  // namespace yoyaku::testing
