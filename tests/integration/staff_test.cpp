// Staff over real HTTP against the real binary, on SQLite and PostgreSQL: an
// operator creates a staff member with `create-staff --totp-secret`, who signs
// in with password and code through the page and through the API; a job
// seeker's token gets 404 on the staff side.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>

#include "services/identity/totp.hpp"
#include "support/browser_session.hpp"
#include "support/http_client.hpp"
#include "support/processes.hpp"
#include "support/test_databases.hpp"

namespace yoyaku::testing {
namespace {

const std::string secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const std::string password = "staff-password-1";

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class StaffTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<TestDatabase>(GetParam());
    prepare_database(database_->url());
    auto created = run_yoyaku({"create-staff", "--db", database_->url(), "--email", "clerk@example.jp", "--password",
                               password, "--name", "品川 職員", "--office", "13040", "--totp-secret", secret});
    ASSERT_EQ(created.exit_code, 0) << created.err;
    server_ = std::make_unique<ServerProcess>(database_->url());
  }
  std::string url(const std::string& path) const { return server_->base_url() + path; }
  HttpResponse post_json(const std::string& path, const nlohmann::json& body, const std::string& token = "") {
    std::map<std::string, std::string> headers = {{"Content-Type", "application/json"}};
    if (!token.empty()) headers["Authorization"] = "Bearer " + token;
    return http_request("POST", url(path), headers, body.dump());
  }
  HttpResponse get(const std::string& path, const std::string& token) {
    return http_get(url(path), {{"Authorization", "Bearer " + token}});
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_P(StaffTest, AStaffMemberSignsInWithPasswordAndCodeThroughThePage) {
  BrowserSession browser(server_->base_url());
  browser.get("/staff/login");
  auto wrong = browser.post("/staff/login", {{"email", "clerk@example.jp"}, {"password", "not-the-password"}});
  EXPECT_EQ(wrong.status, 401);
  auto password_step = browser.post("/staff/login", {{"email", "clerk@example.jp"}, {"password", password}});
  ASSERT_EQ(password_step.status, 303);
  EXPECT_EQ(password_step.header("location"), "/staff/login/otp?return_to=%2Fstaff");
  EXPECT_EQ(browser.get("/staff").status, 303);  // the password alone is not enough
  browser.get("/staff/login/otp");
  auto code_step = browser.post("/staff/login/otp", {{"code", services::totp_code(secret, unix_now())},
                                                     {"return_to", "/staff"}});
  ASSERT_EQ(code_step.status, 303);
  auto home = browser.get("/staff");
  EXPECT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("職員メニュー"), std::string::npos);
  EXPECT_NE(home.body.find("href=\"/staff/offices/13040\""), std::string::npos);
  EXPECT_NE(home.body.find("ハローワーク品川"), std::string::npos);
  EXPECT_EQ(browser.get("/staff/offices/13040").status, 200);
  EXPECT_EQ(browser.get("/staff/offices/01901").status, 404);
}

TEST_P(StaffTest, AStaffTokenSaysStaffWithItsOfficesAndAJobSeekersTokenGets404OnTheStaffSide) {
  auto without_code = post_json("/api/v1/sessions", {{"email", "clerk@example.jp"}, {"password", password}});
  EXPECT_EQ(without_code.status, 401);
  auto signed_in = post_json("/api/v1/sessions", {{"email", "clerk@example.jp"}, {"password", password},
                                                  {"otp", services::totp_code(secret, unix_now())}});
  ASSERT_EQ(signed_in.status, 201) << signed_in.body;
  const std::string staff_token = nlohmann::json::parse(signed_in.body)["token"];
  auto me = nlohmann::json::parse(get("/api/v1/me", staff_token).body);
  EXPECT_EQ(me["kind"], "staff");
  EXPECT_EQ(me["email"], "clerk@example.jp");
  ASSERT_EQ(me["offices"].size(), 1u);
  EXPECT_EQ(me["offices"][0]["code"], "13040");
  EXPECT_EQ(get("/api/v1/staff/offices/13040", staff_token).status, 200);
  EXPECT_EQ(get("/api/v1/staff/offices/01901", staff_token).status, 404);

  auto job_seeker = post_json("/api/v1/sessions", {{"email", "koyou.taro@example.jp"}, {"password", "demo-password-2024"}});
  ASSERT_EQ(job_seeker.status, 201) << job_seeker.body;
  const std::string job_seeker_token = nlohmann::json::parse(job_seeker.body)["token"];
  EXPECT_EQ(nlohmann::json::parse(get("/api/v1/me", job_seeker_token).body)["kind"], "job_seeker");
  EXPECT_EQ(get("/staff", job_seeker_token).status, 404);
  EXPECT_EQ(get("/api/v1/staff/offices", job_seeker_token).status, 404);
  EXPECT_EQ(get("/api/v1/reservations", staff_token).status, 404);
}

TEST_P(StaffTest, AnUnusableTotpSecretIsRefusedByTheCommand) {
  auto bad = run_yoyaku({"create-staff", "--db", database_->url(), "--email", "x@example.jp", "--password", password,
                         "--office", "13040", "--totp-secret", "not base32!"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("totp_secret"), std::string::npos) << bad.err;
}

INSTANTIATE_TEST_SUITE_P(Databases, StaffTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace yoyaku::testing
