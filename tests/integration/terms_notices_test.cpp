// Versioned 利用規約 and the お知らせ they post, over real HTTP against the real
// binary, on SQLite and PostgreSQL: the office's manager publishes 第2版; a
// booking made before keeps 第1版, one made after records 第2版 and when it was
// agreed; staff see the version in 予約詳細 (API and page); the お知らせ is on
// the public pages at once; another office's manager gets 404.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>

#include "db/database.hpp"
#include "services/identity/totp.hpp"
#include "support/http_client.hpp"
#include "support/processes.hpp"
#include "support/test_databases.hpp"

namespace yoyaku::testing {
namespace {

using nlohmann::json;

const std::string staff_password = "staff-password-1";
const std::string seeker_password = "Kinmokusei-2026-aki";
const std::string manager_secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const std::string other_secret = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU";
const std::string seeker_email = "koyou.seeker@example.jp";

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

json body_of(const HttpResponse& response) {
  auto parsed = json::parse(response.body, nullptr, false);
  return parsed.is_discarded() ? json::object() : parsed;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class TermsNoticesTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<TestDatabase>(GetParam());
    prepare_database(database_->url());
    db_ = db::connect(database_->url());
    other_office_ = db_->query_one("SELECT code FROM offices WHERE code <> '13040' ORDER BY id LIMIT 1")->text(0);
    create_manager("manager@example.jp", "13040", manager_secret);
    create_manager("other@example.jp", other_office_, other_secret);
    auto created = run_yoyaku({"create-user", "--db", database_->url(), "--email", seeker_email, "--password",
                               seeker_password, "--family-name", "雇用", "--given-name", "太郎",
                               "--job-seeker-number", "12345-12345678", "--phone", "0312345678"});
    ASSERT_EQ(created.exit_code, 0) << created.err;
    server_ = std::make_unique<ServerProcess>(database_->url());
    manager_ = staff_sign_in("manager@example.jp", manager_secret);
    other_ = staff_sign_in("other@example.jp", other_secret);
    auto r = http_request("POST", url("/api/v1/sessions"), {{"Content-Type", "application/json"}},
                          json{{"email", seeker_email}, {"password", seeker_password}}.dump());
    ASSERT_EQ(r.status, 201) << r.body;
    seeker_ = body_of(r).value("token", "");
    auto search = body_of(http_get(url("/api/v1/procedures?q=13040&kind=job_consultation")));
    procedure_ = search["items"][0]["id"].get<std::int64_t>();
    auto calendar = body_of(http_get(url("/api/v1/procedures/" + std::to_string(procedure_) + "/calendar?days=30")));
    for (const auto& day : calendar["facilities"][0]["frames"][0]["days"]) {
      if (day["status"] == "available") days_.push_back(day["date"]);
    }
    ASSERT_GE(days_.size(), 2u);
  }

  std::string url(const std::string& path) const { return server_->base_url() + path; }

  // A staff member with 管理 at the office (create-staff gives 予約操作; the operator raises it).
  void create_manager(const std::string& email, const std::string& office, const std::string& secret) {
    auto created = run_yoyaku({"create-staff", "--db", database_->url(), "--email", email, "--password",
                               staff_password, "--name", "管理 職員", "--office", office, "--totp-secret", secret});
    ASSERT_EQ(created.exit_code, 0) << created.err;
    db_->query("UPDATE staff_offices SET role = 'manage' WHERE staff_id = (SELECT id FROM staff WHERE email = ?)",
               {email});
  }
  std::string staff_sign_in(const std::string& email, const std::string& secret) {
    auto r = http_request("POST", url("/api/v1/sessions"), {{"Content-Type", "application/json"}},
                          json{{"email", email}, {"password", staff_password},
                               {"otp", services::totp_code(secret, unix_now())}}
                              .dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return body_of(r).value("token", std::string());
  }
  HttpResponse call(const std::string& method, const std::string& path, const std::string& token,
                    const json& body = json::object()) {
    std::map<std::string, std::string> headers = {{"Authorization", "Bearer " + token}};
    if (method == "GET") return http_request(method, url(path), headers);
    headers["Content-Type"] = "application/json";
    return http_request(method, url(path), headers, body.dump());
  }
  std::string book(int index) {
    auto slots = body_of(http_get(url("/api/v1/procedures/" + std::to_string(procedure_) + "/slots?date=" + days_.at(1))));
    auto hold = call("POST", "/api/v1/holds", seeker_, {{"slot_id", slots.at(index)["id"]}});
    EXPECT_EQ(hold.status, 201) << hold.body;
    auto r = call("POST", "/api/v1/reservations", seeker_,
                  {{"hold_id", body_of(hold).value("hold_id", "")}, {"agreed_to_terms", true}, {"family_name", "雇用"},
                   {"given_name", "太郎"}, {"job_seeker_number", "12345-12345678"}, {"phone", "0312345678"},
                   {"topics", {"consultation"}}});
    EXPECT_EQ(r.status, 201) << r.body;
    return body_of(r).value("number", std::string());
  }
  std::string terms_path() const { return "/api/v1/admin/procedures/" + std::to_string(procedure_) + "/terms"; }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<db::Connection> db_;
  std::unique_ptr<ServerProcess> server_;
  std::string other_office_, manager_, other_, seeker_;
  std::int64_t procedure_ = 0;
  std::vector<std::string> days_;
};

TEST_P(TermsNoticesTest, ANewVersionAppliesToBookingsMadeAfterItAndIsAnnounced) {
  const std::string before = book(0);
  const std::int64_t published_from = unix_now();

  // Another office's manager: not found, nothing published.
  EXPECT_EQ(call("GET", terms_path(), other_).status, 404);
  EXPECT_EQ(call("POST", terms_path(), other_, {{"text", "x"}, {"court", "x"}, {"terms_date", "x"}, {"issuer", "x"}}).status,
            404);
  auto history = body_of(call("GET", terms_path(), manager_));
  ASSERT_EQ(history["versions"].size(), 1u);
  const json first = history["versions"][0];

  auto published = call("POST", terms_path(), manager_,
                        {{"text", first["text"].get<std::string>() + "\n\n附則\n令和8年4月1日から施行します。"},
                         {"court", first["court"]}, {"terms_date", "令和8年4月1日"}, {"issuer", first["issuer"]}});
  ASSERT_EQ(published.status, 201) << published.body;
  EXPECT_EQ(body_of(published)["version"]["version"], 2);

  // The booking form's terms are 第2版 now.
  auto procedure = body_of(http_get(url("/api/v1/procedures/" + std::to_string(procedure_))));
  EXPECT_EQ(procedure["terms_version"]["version"], 2);
  EXPECT_TRUE(contains(procedure["terms"], "令和8年4月1日から施行します。"));

  const std::string after = book(1);
  auto kept = body_of(call("GET", "/api/v1/staff/reservations/" + before, manager_));
  EXPECT_EQ(kept["terms"]["version"], 1) << kept.dump();
  EXPECT_FALSE(kept["terms"]["agreed_at"].is_null());
  auto recorded = body_of(call("GET", "/api/v1/staff/reservations/" + after, manager_));
  EXPECT_EQ(recorded["terms"]["version"], 2) << recorded.dump();
  auto agreed = db_->query_one("SELECT terms_agreed_at FROM reservations WHERE number = ?", {after});
  ASSERT_TRUE(agreed && !agreed->is_null(0));
  EXPECT_GE(agreed->integer(0), published_from);
  EXPECT_LE(agreed->integer(0), unix_now());
  // 予約詳細 for staff, the page.
  auto page = http_request("GET", url("/staff/reservations/" + after), {{"Authorization", "Bearer " + manager_}});
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "第2版（")) << page.body.substr(0, 200);

  // The お知らせ, on the public pages at once.
  for (const std::string path : {"/", "/notices"}) {
    auto notices = http_get(url(path));
    EXPECT_TRUE(contains(notices.body, "利用規約の改定について")) << path;
    EXPECT_TRUE(contains(notices.body, "利用規約を改定しました（第2版）")) << path;
  }
  // And on the procedure's own page (施設選択), with the office's other notices.
  auto calendar = http_get(url("/procedures/" + std::to_string(procedure_)));
  EXPECT_TRUE(contains(calendar.body, "利用規約の改定について"));
  // Audit-logged.
  auto audit = db_->query_one("SELECT COUNT(*) FROM audit_log WHERE action = 'admin.terms_published'");
  EXPECT_EQ(audit->integer(0), 1);
}

INSTANTIATE_TEST_SUITE_P(Databases, TermsNoticesTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace yoyaku::testing
