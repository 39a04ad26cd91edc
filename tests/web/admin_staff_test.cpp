// Staff accounts run by an administrator, through the web layer on SQLite and
// PostgreSQL: rights per office (閲覧 / 予約操作 / 管理) decide what a staff
// member may do — in the query, so a right they lack is "not found" — and
// take effect at the next request; disabling ends every session at once and
// refuses sign-in; resetting the authenticator app sends them to enrolment.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "services/identity/accounts.hpp"
#include "services/identity/totp.hpp"
#include "store/catalog.hpp"
#include "web/web_harness.hpp"

namespace yoyaku::testing {
namespace {

const std::string password = "long-password-1";
const std::string admin_secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const std::string clerk_secret = "KRSXG5CTMVRXEZLUKN2XAZLSKNSWE5DB";

using ApiResult = WebHarness::ApiResult;

class AdminStaffTest : public ::testing::TestWithParam<Backend> {
 protected:
  // Monday 2026-03-02 09:00 JST.
  AdminStaffTest() : harness_(jst(2026, 3, 2, 9, 0), GetParam()) {
    services::NewStaffMember admin;
    admin.email = "head@example.jp";
    admin.password = password;
    admin.display_name = "本省 管理者";
    admin.is_admin = true;
    admin.totp_secret = admin_secret;
    services::create_staff_member(harness_.db(), admin, harness_.now);
    frame_ = store::frames_of_procedure(harness_.db(), harness_.procedure_id("13040")).front().frame.id;
  }

  ApiResult api(const std::string& method, const std::string& path, const std::string& token,
                const nlohmann::json& body = nullptr) {
    return harness_.api(method, path, token, body);
  }
  // A session for the account, with the code of a moment not used yet (a code works once).
  ApiResult sign_in(const std::string& email, const std::string& secret) {
    harness_.now += 30;
    return api("POST", "/api/v1/sessions", "",
               {{"email", email}, {"password", password}, {"otp", services::totp_code(secret, harness_.now)}});
  }
  std::string token_of(const std::string& email, const std::string& secret) {
    auto r = sign_in(email, secret);
    EXPECT_EQ(r.status, 201) << r.body.dump();
    return r.body.value("token", "");
  }
  std::string slot(const std::string& yyyymmdd, const std::string& hhmm) {
    return std::to_string(frame_) + "-" + yyyymmdd + "-" + hhmm;
  }

  WebHarness harness_;
  std::int64_t frame_ = 0;
};

TEST_P(AdminStaffTest, RightsPerOfficeDecideWhatAStaffMemberMayDoFromTheNextRequest) {
  const std::string admin = token_of("head@example.jp", admin_secret);
  auto created = api("POST", "/api/v1/admin/staff", admin,
                     {{"email", "clerk@example.jp"}, {"password", password}, {"display_name", "品川 職員"},
                      {"offices", {{{"code", "13040"}, {"role", "view"}}}}});
  ASSERT_EQ(created.status, 201) << created.body.dump();
  const std::int64_t clerk_id = created.body["id"];
  EXPECT_EQ(created.body["offices"][0]["role_text"], "閲覧");
  EXPECT_FALSE(created.body["totp_enabled"].get<bool>());
  // The operator sets the key here so that the test can sign in without enrolling.
  harness_.db().query("UPDATE staff SET totp_secret = ?, totp_enabled = 1 WHERE id = ?", {clerk_secret, clerk_id});

  const std::string clerk = token_of("clerk@example.jp", clerk_secret);
  // 閲覧: the day, yes; booking for someone, no (not found, as another office would be).
  auto day = api("GET", "/api/v1/staff/offices/13040/reservations?date=2026-03-03", clerk);
  ASSERT_EQ(day.status, 200);
  EXPECT_FALSE(day.body["frames"][0]["slots"][0]["bookable"].get<bool>());
  const nlohmann::json booking = {{"slot_id", slot("20260303", "1000")}, {"channel", "phone"}, {"family_name", "電話"},
                                  {"given_name", "花子"}, {"job_seeker_number", "11111-11111111"}};
  EXPECT_EQ(api("POST", "/api/v1/staff/reservations", clerk, booking).status, 404);
  EXPECT_EQ(api("GET", "/api/v1/admin/staff", clerk).status, 404);  // not an administrator

  // 予約操作, given while the clerk is signed in: the same session may book now.
  auto promoted = api("PATCH", "/api/v1/admin/staff/" + std::to_string(clerk_id), admin,
                      {{"offices", {{{"code", "13040"}, {"role", "operate"}}}}});
  ASSERT_EQ(promoted.status, 200) << promoted.body.dump();
  EXPECT_EQ(promoted.body["offices"][0]["role"], "operate");
  auto booked = api("POST", "/api/v1/staff/reservations", clerk, booking);
  ASSERT_EQ(booked.status, 201) << booked.body.dump();
  const std::string number = booked.body["number"];
  EXPECT_TRUE(booked.body["may_operate"].get<bool>());

  // Back to 閲覧: the booking is still visible, but not changeable.
  api("PATCH", "/api/v1/admin/staff/" + std::to_string(clerk_id), admin,
      {{"offices", {{{"code", "13040"}, {"role", "view"}}}}});
  auto seen = api("GET", "/api/v1/staff/reservations/" + number, clerk);
  ASSERT_EQ(seen.status, 200);
  EXPECT_FALSE(seen.body["may_operate"].get<bool>());
  EXPECT_FALSE(seen.body["can_change"].get<bool>());
  EXPECT_EQ(api("POST", "/api/v1/staff/reservations/" + number + "/withdrawal", clerk, {{"reason", "電話で取消"}}).status,
            404);
  EXPECT_EQ(api("PUT", "/api/v1/staff/reservations/" + number + "/meeting", clerk, {{"generate", true}}).status, 404);

  // Removing the office: nothing of it is found any more.
  api("PATCH", "/api/v1/admin/staff/" + std::to_string(clerk_id), admin,
      {{"offices", {{{"code", "13040"}, {"role", "view"}}, {{"code", "01901"}, {"role", "manage"}}}}});
  EXPECT_EQ(api("GET", "/api/v1/staff/offices/01901", clerk).status, 200);
  api("PATCH", "/api/v1/admin/staff/" + std::to_string(clerk_id), admin,
      {{"offices", {{{"code", "01901"}, {"role", "manage"}}}}});
  EXPECT_EQ(api("GET", "/api/v1/staff/reservations/" + number, clerk).status, 404);
  EXPECT_EQ(api("GET", "/api/v1/staff/offices/13040/reservations", clerk).status, 404);
}

TEST_P(AdminStaffTest, DisablingEndsEverySessionAtOnceAndResettingTheAppSendsToEnrolment) {
  const std::string admin = token_of("head@example.jp", admin_secret);
  auto created = api("POST", "/api/v1/admin/staff", admin,
                     {{"email", "clerk@example.jp"}, {"password", password},
                      {"offices", {{{"code", "13040"}, {"role", "operate"}}}}});
  ASSERT_EQ(created.status, 201);
  const std::string id = std::to_string(created.body["id"].get<std::int64_t>());
  harness_.db().query("UPDATE staff SET totp_secret = ?, totp_enabled = 1 WHERE id = ?", {clerk_secret, id});
  const std::string clerk = token_of("clerk@example.jp", clerk_secret);
  ASSERT_EQ(api("GET", "/api/v1/staff/offices", clerk).status, 200);

  auto disabled = api("POST", "/api/v1/admin/staff/" + id + "/disabled", admin, {{"disabled", true}});
  ASSERT_EQ(disabled.status, 200);
  EXPECT_TRUE(disabled.body["disabled"].get<bool>());
  EXPECT_EQ(api("GET", "/api/v1/staff/offices", clerk).status, 401);  // the session ended
  auto refused = sign_in("clerk@example.jp", clerk_secret);
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(refused.body["error"], "invalid_credentials");  // says nothing about the account

  // An administrator cannot lock themselves out.
  auto self = api("POST", "/api/v1/admin/staff/" + std::to_string(api("GET", "/api/v1/me", admin).body["id"].get<std::int64_t>()) +
                              "/disabled",
                  admin, {{"disabled", true}});
  EXPECT_EQ(self.status, 422);

  EXPECT_EQ(api("POST", "/api/v1/admin/staff/" + id + "/disabled", admin, {{"disabled", false}}).status, 200);
  const std::string again = token_of("clerk@example.jp", clerk_secret);
  auto reset = api("POST", "/api/v1/admin/staff/" + id + "/totp-reset", admin);
  ASSERT_EQ(reset.status, 200);
  EXPECT_FALSE(reset.body["totp_enabled"].get<bool>());
  EXPECT_EQ(api("GET", "/api/v1/staff/offices", again).status, 401);
  auto enrol = sign_in("clerk@example.jp", clerk_secret);
  EXPECT_EQ(enrol.status, 403);
  EXPECT_EQ(enrol.body["error"], "totp_enrollment_required");
}

TEST_P(AdminStaffTest, TheAccountFormsSayWhatIsWrongAndOnlyAdministratorsReachThem) {
  const std::string admin = token_of("head@example.jp", admin_secret);
  const auto accounts_before = api("GET", "/api/v1/admin/staff", admin).body["items"].size();
  auto unknown = api("POST", "/api/v1/admin/staff", admin,
                     {{"email", "x@example.jp"}, {"password", password}, {"offices", {{{"code", "99999"}}}}});
  EXPECT_EQ(unknown.status, 422);
  auto no_office = api("POST", "/api/v1/admin/staff", admin, {{"email", "x@example.jp"}, {"password", password}});
  EXPECT_EQ(no_office.status, 422);
  auto short_password = api("POST", "/api/v1/admin/staff", admin,
                            {{"email", "x@example.jp"}, {"password", "short"}, {"offices", {{{"code", "13040"}}}}});
  EXPECT_EQ(short_password.status, 422);
  EXPECT_TRUE(short_password.body["fields"].contains("password"));
  auto bad_role = api("POST", "/api/v1/admin/staff", admin,
                      {{"email", "x@example.jp"}, {"password", password}, {"offices", {{{"code", "13040"}, {"role", "root"}}}}});
  EXPECT_EQ(bad_role.status, 400);
  auto taken = api("POST", "/api/v1/admin/staff", admin,
                   {{"email", "head@example.jp"}, {"password", password}, {"offices", {{{"code", "13040"}}}}});
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(api("GET", "/api/v1/admin/staff", admin).body["items"].size(), accounts_before);  // nothing was added

  // The pages: a job seeker or a visitor never sees them.
  WebHarness::Browser visitor(harness_);
  EXPECT_EQ(visitor.get("/staff/admin/staff").status, 303);  // to /staff/login
  WebHarness::Browser browser(harness_);
  browser.get("/staff/login");
  browser.post("/staff/login", {{"email", "head@example.jp"}, {"password", password}});
  browser.get("/staff/login/otp");
  harness_.now += 30;
  ASSERT_EQ(browser.post("/staff/login/otp", {{"code", services::totp_code(admin_secret, harness_.now)}}).status, 303);
  auto list = browser.get("/staff/admin/staff");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("head@example.jp"), std::string::npos);
  browser.get("/staff/admin/staff/new");
  auto form_error = browser.post("/staff/admin/staff", {{"email", "new@example.jp"}, {"password", password},
                                                       {"display_name", "新人"}, {"office_code_0", "99999"},
                                                       {"office_role_0", "view"}});
  EXPECT_EQ(form_error.status, 422);
  EXPECT_NE(form_error.body.find("安定所番号 99999 の安定所はありません。"), std::string::npos);
  EXPECT_NE(form_error.body.find("value=\"新人\""), std::string::npos);  // what was typed stays
  auto added = browser.post("/staff/admin/staff", {{"email", "new@example.jp"}, {"password", password},
                                                  {"display_name", "新人"}, {"office_code_0", "13040"},
                                                  {"office_role_0", "manage"}});
  EXPECT_EQ(added.status, 303);
  EXPECT_NE(browser.get("/staff/admin/staff").body.find("【13040】ハローワーク品川（管理）"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Databases, AdminStaffTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace yoyaku::testing
