// Who may call what, through the web layer in-process: the route table's
// guard (visitors to their login page, the wrong kind of account 404), staff
// sign-in with password and always a TOTP code, and office scope.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <regex>

#include "services/identity/accounts.hpp"
#include "services/identity/totp.hpp"
#include "web/web_harness.hpp"

namespace yoyaku::testing {
namespace {

const std::string password = "long-password-1";
const std::string secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

class AccessTest : public ::testing::Test {
 protected:
  AccessTest() : harness_(jst(2026, 3, 2, 10, 0)) {
    services::create_verified_user(harness_.db(), {"taro@example.jp", std::nullopt, password, "雇用", "太郎",
                                                   "12345-12345678", "0312345678"},
                                   harness_.now);
    services::create_staff_member(harness_.db(), {"clerk@example.jp", password, "品川 職員", {"13040"}, {}, false, secret},
                                  harness_.now);
  }

  WebHarness::Browser job_seeker() { return harness_.signed_in("taro@example.jp", password); }
  WebHarness::Browser clerk() {
    WebHarness::Browser browser(harness_);
    browser.get("/staff/login");
    auto password_step = browser.post("/staff/login", {{"email", "clerk@example.jp"}, {"password", password}});
    EXPECT_EQ(password_step.status, 303);
    EXPECT_EQ(password_step.header("Location"), "/staff/login/otp?return_to=%2Fstaff");
    browser.get("/staff/login/otp");
    auto code_step = browser.post("/staff/login/otp", {{"code", services::totp_code(secret, harness_.now)},
                                                       {"return_to", "/staff"}});
    EXPECT_EQ(code_step.status, 303);
    EXPECT_EQ(code_step.header("Location"), "/staff");
    return browser;
  }
  std::string token(const nlohmann::json& credentials) {
    WebHarness::Browser api(harness_);
    auto response = api.send("POST", "/api/v1/sessions", credentials.dump());
    EXPECT_EQ(response.status, 201) << response.body;
    return nlohmann::json::parse(response.body).value("token", "");
  }

  WebHarness harness_;
};

TEST_F(AccessTest, AKnownPathWithTheWrongMethodIs405WithAllow) {
  WebHarness::Browser browser(harness_);
  auto page = browser.send("POST", "/help", "a=1");
  EXPECT_EQ(page.status, 405);
  EXPECT_EQ(page.header("Allow"), "GET, HEAD");
  EXPECT_NE(page.body.find("この操作は許可されていません"), std::string::npos);
  auto api = browser.send("PUT", "/api/v1/holds", "{}");
  EXPECT_EQ(api.status, 405);
  EXPECT_EQ(api.header("Allow"), "POST");
  EXPECT_EQ(nlohmann::json::parse(api.body)["error"], "method_not_allowed");
  EXPECT_EQ(browser.get("/no-such-page").status, 404);
  EXPECT_EQ(browser.send("DELETE", "/api/v1/nothing", "").status, 404);
}

TEST_F(AccessTest, VisitorsAreSentToTheRightLoginPage) {
  WebHarness::Browser visitor(harness_);
  auto reservations = visitor.get("/reservations");
  EXPECT_EQ(reservations.status, 303);
  EXPECT_EQ(reservations.header("Location"), "/login?return_to=%2Freservations");
  auto staff_home = visitor.get("/staff");
  EXPECT_EQ(staff_home.status, 303);
  EXPECT_EQ(staff_home.header("Location"), "/staff/login?return_to=%2Fstaff");
  auto api = visitor.get("/api/v1/staff/offices");
  EXPECT_EQ(api.status, 401);
  EXPECT_EQ(api.header("WWW-Authenticate"), "Bearer");
}

TEST_F(AccessTest, AJobSeekerGets404OnTheStaffSide) {
  auto browser = job_seeker();
  EXPECT_EQ(browser.get("/account").status, 200);
  EXPECT_EQ(browser.get("/staff").status, 404);
  EXPECT_EQ(browser.get("/staff/offices/13040").status, 404);
  const std::string bearer = "Bearer " + token({{"email", "taro@example.jp"}, {"password", password}});
  WebHarness::Browser api(harness_);
  EXPECT_EQ(api.send("GET", "/staff", "", {{"authorization", bearer}}).status, 404);
  EXPECT_EQ(api.send("GET", "/api/v1/staff/offices", "", {{"authorization", bearer}}).status, 404);
  auto me = nlohmann::json::parse(api.send("GET", "/api/v1/me", "", {{"authorization", bearer}}).body);
  EXPECT_EQ(me["kind"], "job_seeker");
}

TEST_F(AccessTest, StaffSignInWithACodeAndSeeOnlyTheirOffices) {
  auto browser = clerk();
  auto home = browser.get("/staff");
  ASSERT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("ハローワーク品川"), std::string::npos);
  EXPECT_NE(home.body.find("href=\"/staff/offices/13040\""), std::string::npos);
  EXPECT_EQ(browser.get("/staff/offices/13040").status, 200);
  EXPECT_EQ(browser.get("/staff/offices/01901").status, 404);  // another office
  EXPECT_EQ(browser.get("/staff/offices/99999").status, 404);
  EXPECT_EQ(browser.get("/reservations").status, 404);         // the job seeker's side
  // A used code does not work twice, and a wrong one does not sign in.
  WebHarness::Browser again(harness_);
  again.get("/staff/login");
  again.post("/staff/login", {{"email", "clerk@example.jp"}, {"password", password}});
  again.get("/staff/login/otp");
  EXPECT_EQ(again.post("/staff/login/otp", {{"code", services::totp_code(secret, harness_.now)}}).status, 401);
  EXPECT_EQ(again.get("/staff").status, 303);
}

TEST_F(AccessTest, StaffSignInThroughTheApiAlwaysNeedsTheCode) {
  WebHarness::Browser api(harness_);
  auto without_code = api.send("POST", "/api/v1/sessions",
                               nlohmann::json{{"email", "clerk@example.jp"}, {"password", password}}.dump());
  EXPECT_EQ(without_code.status, 401);
  EXPECT_EQ(nlohmann::json::parse(without_code.body)["error"], "otp_required");
  const std::string bearer = "Bearer " + token({{"email", "clerk@example.jp"}, {"password", password},
                                                {"otp", services::totp_code(secret, harness_.now)}});
  auto me = nlohmann::json::parse(api.send("GET", "/api/v1/me", "", {{"authorization", bearer}}).body);
  EXPECT_EQ(me["kind"], "staff");
  ASSERT_EQ(me["offices"].size(), 1u);
  EXPECT_EQ(me["offices"][0]["code"], "13040");
  EXPECT_EQ(api.send("GET", "/api/v1/staff/offices/13040", "", {{"authorization", bearer}}).status, 200);
  EXPECT_EQ(api.send("GET", "/api/v1/staff/offices/01901", "", {{"authorization", bearer}}).status, 404);
  EXPECT_EQ(api.send("GET", "/api/v1/reservations", "", {{"authorization", bearer}}).status, 404);
}

TEST_F(AccessTest, StaffWithoutAnAuthenticatorAppEnrolAtTheirFirstSignIn) {
  services::create_staff_member(harness_.db(), {"new@example.jp", password, "新任 職員", {"13040"}, {}, false, ""},
                                harness_.now);
  WebHarness::Browser browser(harness_);
  browser.get("/staff/login");
  auto password_step = browser.post("/staff/login", {{"email", "new@example.jp"}, {"password", password}});
  EXPECT_EQ(password_step.header("Location"), "/staff/login/totp-setup?return_to=%2Fstaff");
  EXPECT_EQ(browser.get("/staff").status, 303);  // not signed in yet
  auto setup = browser.get("/staff/login/totp-setup");
  ASSERT_EQ(setup.status, 200);
  std::smatch key;
  ASSERT_TRUE(std::regex_search(setup.body, key, std::regex("secret-key__value\">([A-Z2-7 ]+)<")));
  std::string shown = std::regex_replace(key[1].str(), std::regex(" "), "");
  EXPECT_EQ(browser.post("/staff/login/totp-setup", {{"code", "000000"}}).status, 422);
  auto done = browser.post("/staff/login/totp-setup", {{"code", services::totp_code(shown, harness_.now)},
                                                       {"return_to", "/staff"}});
  EXPECT_EQ(done.status, 303);
  EXPECT_EQ(browser.get("/staff").status, 200);
  // From now on the code is asked for at every sign-in, through the API too.
  WebHarness::Browser api(harness_);
  auto without_code =
      api.send("POST", "/api/v1/sessions", nlohmann::json{{"email", "new@example.jp"}, {"password", password}}.dump());
  EXPECT_EQ(nlohmann::json::parse(without_code.body)["error"], "otp_required");
}

}  // namespace
}  // namespace yoyaku::testing
