// The audit log viewer through the web layer on SQLite and PostgreSQL: who
// may read which entries (an administrator all, 管理 at an office that
// office's only, anyone else "not found"), the filters and their messages,
// paging, and that looking never changes anything.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

#include "services/identity/accounts.hpp"
#include "services/identity/totp.hpp"
#include "store/catalog.hpp"
#include "web/web_harness.hpp"

namespace yoyaku::testing {
namespace {

const std::string password = "long-password-1";
const std::string admin_secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const std::string manager_secret = "KRSXG5CTMVRXEZLUKN2XAZLSKNSWE5DB";
const std::string other_manager_secret = "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U";
const std::string clerk_secret = "OVZWK4TTMVRXEZLUOVZWK4TTMVRXEZLU";

using ApiResult = WebHarness::ApiResult;

class AuditLogTest : public ::testing::TestWithParam<Backend> {
 protected:
  // Monday 2026-03-02 09:00 JST.
  AuditLogTest() : harness_(jst(2026, 3, 2, 9, 0), GetParam()) {
    staff("head@example.jp", "本省 管理者", {}, {}, true, admin_secret);
    manager_id_ = staff("boss@example.jp", "品川 所長", {"13040"}, {services::StaffRole::manage}, false, manager_secret);
    staff("north@example.jp", "北海道 所長", {"01901"}, {services::StaffRole::manage}, false, other_manager_secret);
    clerk_id_ = staff("clerk@example.jp", "品川 職員", {"13040"}, {services::StaffRole::operate}, false, clerk_secret);
    frame_ = store::frames_of_procedure(harness_.db(), harness_.procedure_id("13040")).front().frame.id;
  }

  std::int64_t staff(const std::string& email, const std::string& name, std::vector<std::string> offices,
                     std::vector<services::StaffRole> roles, bool admin, const std::string& secret) {
    services::NewStaffMember member;
    member.email = email;
    member.password = password;
    member.display_name = name;
    member.office_codes = std::move(offices);
    member.office_roles = std::move(roles);
    member.is_admin = admin;
    member.totp_secret = secret;
    return services::create_staff_member(harness_.db(), member, harness_.now);
  }

  ApiResult api(const std::string& method, const std::string& path, const std::string& token,
                const nlohmann::json& body = nullptr) {
    return harness_.api(method, path, token, body);
  }
  std::string token_of(const std::string& email, const std::string& secret) {
    harness_.now += 30;  // a code works once
    auto r = api("POST", "/api/v1/sessions", "",
                 {{"email", email}, {"password", password}, {"otp", services::totp_code(secret, harness_.now)}});
    EXPECT_EQ(r.status, 201) << r.body.dump();
    return r.body.value("token", "");
  }
  void sign_in_browser(WebHarness::Browser& browser, const std::string& email, const std::string& secret) {
    browser.get("/staff/login");
    browser.post("/staff/login", {{"email", email}, {"password", password}});
    browser.get("/staff/login/otp");
    harness_.now += 30;
    ASSERT_EQ(browser.post("/staff/login/otp", {{"code", services::totp_code(secret, harness_.now)}}).status, 303);
  }
  // How many rows the log has, and the newest id: looking must not change either.
  std::pair<std::int64_t, std::int64_t> log_size() {
    auto row = harness_.db().query_one("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM audit_log");
    return {row->integer(0), row->integer(1)};
  }
  static std::set<std::string> offices_of(const nlohmann::json& items) {
    std::set<std::string> codes;
    for (const auto& item : items) codes.insert(item["office"].is_null() ? "-" : item["office"]["code"].get<std::string>());
    return codes;
  }

  WebHarness harness_;
  std::int64_t manager_id_ = 0, clerk_id_ = 0, frame_ = 0;
};

TEST_P(AuditLogTest, EachSeesTheEntriesOfTheOfficesTheyManageOnly) {
  const std::string admin = token_of("head@example.jp", admin_secret);
  const std::string manager = token_of("boss@example.jp", manager_secret);
  const std::string north = token_of("north@example.jp", other_manager_secret);
  const std::string clerk = token_of("clerk@example.jp", clerk_secret);
  ASSERT_EQ(api("GET", "/api/v1/staff/offices/13040/reservations?date=2026-03-03", clerk).status, 200);
  ASSERT_EQ(api("GET", "/api/v1/staff/offices/01901/reservations?date=2026-03-03", north).status, 200);

  auto mine = api("GET", "/api/v1/admin/audit", manager);
  ASSERT_EQ(mine.status, 200) << mine.body.dump();
  EXPECT_EQ(offices_of(mine.body["items"]), std::set<std::string>{"13040"});  // no 01901, no sign-ins without an office
  EXPECT_EQ(mine.body["items"][0]["action"], "staff.schedule_viewed");
  EXPECT_EQ(mine.body["items"][0]["actor_text"], "職員 品川 職員");
  EXPECT_EQ(mine.body["items"][0]["action_text"], "予約一覧の閲覧");
  EXPECT_FALSE(mine.body["more"].get<bool>());
  // Asking for another office's entries finds nothing (it is not theirs to read).
  auto other = api("GET", "/api/v1/admin/audit?office=01901", manager);
  ASSERT_EQ(other.status, 200);
  EXPECT_TRUE(other.body["items"].empty());
  EXPECT_EQ(offices_of(api("GET", "/api/v1/admin/audit", north).body["items"]), std::set<std::string>{"01901"});

  // An administrator reads everything, sign-ins (no office) too.
  auto all = api("GET", "/api/v1/admin/audit", admin);
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(offices_of(all.body["items"]), (std::set<std::string>{"-", "01901", "13040"}));

  // 予約操作 without 管理, a job seeker's pages' accounts, visitors: not found / sign in.
  EXPECT_EQ(api("GET", "/api/v1/admin/audit", clerk).status, 404);
  EXPECT_EQ(api("GET", "/api/v1/admin/audit", "").status, 401);
  WebHarness::Browser clerk_browser(harness_);
  sign_in_browser(clerk_browser, "clerk@example.jp", clerk_secret);
  EXPECT_EQ(clerk_browser.get("/staff/admin/audit").status, 404);
  EXPECT_EQ(clerk_browser.get("/staff").body.find("/staff/admin/audit"), std::string::npos);  // no link either
  WebHarness::Browser visitor(harness_);
  EXPECT_EQ(visitor.get("/staff/admin/audit").status, 303);
}

TEST_P(AuditLogTest, FiltersByStaffNumberActionAndDatesWithMessagesForBadOnes) {
  const std::string admin = token_of("head@example.jp", admin_secret);
  const std::string clerk = token_of("clerk@example.jp", clerk_secret);
  auto booked = api("POST", "/api/v1/staff/reservations", clerk,
                    {{"slot_id", std::to_string(frame_) + "-20260303-1000"}, {"channel", "phone"},
                     {"family_name", "電話"}, {"given_name", "花子"}, {"job_seeker_number", "11111-11111111"}});
  ASSERT_EQ(booked.status, 201) << booked.body.dump();
  const std::string number = booked.body["number"];
  ASSERT_EQ(api("GET", "/api/v1/staff/reservations/" + number, clerk).status, 200);
  ASSERT_EQ(api("GET", "/api/v1/staff/offices/13040/reservations?date=2026-03-03", clerk).status, 200);

  auto by_number = api("GET", "/api/v1/admin/audit?number=" + number, admin);
  ASSERT_EQ(by_number.status, 200);
  // Created, viewed (the 201 answer shows the booking), viewed again — newest first.
  ASSERT_EQ(by_number.body["items"].size(), 3u);
  EXPECT_EQ(by_number.body["items"][0]["action"], "staff.reservation_viewed");
  EXPECT_EQ(by_number.body["items"][2]["action"], "staff.reservation_created");
  EXPECT_EQ(by_number.body["items"][2]["action_text"], "代行入力");
  EXPECT_EQ(by_number.body["items"][2]["target_url"], "/staff/reservations/" + number);
  EXPECT_EQ(by_number.body["items"][2]["office"]["code"], "13040");

  auto by_staff = api("GET", "/api/v1/admin/audit?staff=" + std::to_string(clerk_id_), admin);
  ASSERT_EQ(by_staff.status, 200);
  for (const auto& item : by_staff.body["items"]) EXPECT_EQ(item["actor_id"], clerk_id_);
  EXPECT_GE(by_staff.body["items"].size(), 4u);  // sign-in, created, viewed, schedule
  EXPECT_TRUE(api("GET", "/api/v1/admin/audit?staff=" + std::to_string(manager_id_), admin).body["items"].empty());

  auto by_action = api("GET", "/api/v1/admin/audit?action=staff.schedule_viewed&office=13040", admin);
  ASSERT_EQ(by_action.body["items"].size(), 1u);
  // JST days: everything happened on 2026-03-02.
  EXPECT_EQ(api("GET", "/api/v1/admin/audit?from=2026-03-02&to=2026-03-02&action=staff.schedule_viewed", admin)
                .body["items"].size(), 1u);
  EXPECT_TRUE(api("GET", "/api/v1/admin/audit?from=2026-03-03", admin).body["items"].empty());
  EXPECT_TRUE(api("GET", "/api/v1/admin/audit?to=2026-03-01", admin).body["items"].empty());

  auto bad = api("GET", "/api/v1/admin/audit?from=2026-02-30&number=123&action=DROP%20TABLE&office=99999&staff=x", admin);
  ASSERT_EQ(bad.status, 422);
  for (const char* field : {"from", "number", "action", "office", "staff"}) EXPECT_TRUE(bad.body["fields"].contains(field)) << field;
  auto reversed = api("GET", "/api/v1/admin/audit?from=2026-03-05&to=2026-03-01", admin);
  ASSERT_EQ(reversed.status, 422);
  EXPECT_EQ(reversed.body["fields"]["to"], "期間の終わりは始まり以降の日付にしてください。");

  // The page: the same filters, the message next to the field, what was typed kept.
  WebHarness::Browser browser(harness_);
  sign_in_browser(browser, "head@example.jp", admin_secret);
  auto page = browser.get("/staff/admin/audit?number=" + number);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("代行入力"), std::string::npos);
  EXPECT_NE(page.body.find("予約詳細の閲覧"), std::string::npos);
  auto wrong = browser.get("/staff/admin/audit?number=abc&from=2026-13-01");
  ASSERT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("予約番号は 20261201-000001 のように半角15文字で入力してください。"), std::string::npos);
  EXPECT_NE(wrong.body.find("日付は 2026-12-01 のように年-月-日で入力してください。"), std::string::npos);
  EXPECT_NE(wrong.body.find("value=\"abc\""), std::string::npos);
}

TEST_P(AuditLogTest, PagesBackwardsAndLookingNeverChangesTheLog) {
  const std::string admin = token_of("head@example.jp", admin_secret);
  const std::string manager = token_of("boss@example.jp", manager_secret);
  for (int i = 0; i < 55; ++i) {
    ASSERT_EQ(api("GET", "/api/v1/staff/offices/13040/reservations?date=2026-03-03", manager).status, 200);
  }
  const auto before = log_size();
  auto first = api("GET", "/api/v1/admin/audit?action=staff.schedule_viewed", manager);
  ASSERT_EQ(first.status, 200);
  ASSERT_EQ(first.body["items"].size(), 50u);
  EXPECT_TRUE(first.body["more"].get<bool>());
  const std::int64_t next = first.body["next_before_id"];
  EXPECT_EQ(first.body["items"][49]["id"], next);
  auto second = api("GET", "/api/v1/admin/audit?action=staff.schedule_viewed&before_id=" + std::to_string(next), manager);
  ASSERT_EQ(second.body["items"].size(), 5u);
  EXPECT_FALSE(second.body["more"].get<bool>());
  EXPECT_TRUE(second.body["next_before_id"].is_null());
  EXPECT_LT(second.body["items"][0]["id"].get<std::int64_t>(), next);
  EXPECT_EQ(api("GET", "/api/v1/admin/audit?before_id=-1", admin).status, 422);

  // The page: read-only (no form that posts anything but the layout's 延長する), and paging links.
  WebHarness::Browser browser(harness_);
  sign_in_browser(browser, "boss@example.jp", manager_secret);
  EXPECT_NE(browser.get("/staff").body.find("href=\"/staff/admin/audit\""), std::string::npos);
  const auto signed_in = log_size();
  EXPECT_LE(signed_in.first, before.first + 3);  // the browser's sign-in steps only
  auto page = browser.get("/staff/admin/audit?action=staff.schedule_viewed");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("/staff/admin/audit?action=staff.schedule_viewed&amp;before_id=" + std::to_string(next)),
            std::string::npos);
  std::size_t posts = 0;
  for (auto at = page.body.find("method=\"post\""); at != std::string::npos; at = page.body.find("method=\"post\"", at + 1)) {
    ++posts;
    EXPECT_EQ(page.body.compare(at, 38, "method=\"post\" action=\"/session/extend\""), 0);
  }
  EXPECT_EQ(posts, 1u);
  browser.get("/staff/admin/audit?before_id=" + std::to_string(next));
  browser.get("/staff/admin/audit?number=bad");
  EXPECT_EQ(log_size(), signed_in);  // nothing written by looking, on the page or the API
  // Nor can the log be changed behind the viewer's back: the triggers refuse.
  EXPECT_ANY_THROW(harness_.db().query("UPDATE audit_log SET action = 'x'"));
  EXPECT_ANY_THROW(harness_.db().query("DELETE FROM audit_log"));
  EXPECT_EQ(log_size(), signed_in);
}

INSTANTIATE_TEST_SUITE_P(Databases, AuditLogTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace yoyaku::testing
