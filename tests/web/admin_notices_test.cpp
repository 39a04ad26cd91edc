// お知らせ and 利用規約 run by staff, through the web layer on SQLite and
// PostgreSQL: a notice shows from its start until just before its end; service-
// wide notices are the administrators', an office's are its managers' (others
// get 404, decided in the query); bodies are text with safe links only; and a
// new version of the terms applies to bookings made after it, the booking
// form asking to agree again when it changed under the job seeker.
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
const std::string manager_secret = "KRSXG5CTMVRXEZLUKN2XAZLSKNSWE5DB";
const std::string other_secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const std::string clerk_secret = "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U";

struct ApiResult {
  int status = 0;
  nlohmann::json body;
};

class AdminNoticesTest : public ::testing::TestWithParam<Backend> {
 protected:
  // Monday 2026-03-02 09:00 JST.
  AdminNoticesTest() : harness_(jst(2026, 3, 2, 9, 0), GetParam()) {
    for (const auto& office : store::list_offices(harness_.db())) {
      if (office.code != "13040") {
        other_office_ = office.code;
        break;
      }
    }
    add_staff("head@example.jp", admin_secret, {}, {}, true);
    add_staff("manager@example.jp", manager_secret, {"13040"}, {services::StaffRole::manage});
    add_staff("other@example.jp", other_secret, {other_office_}, {services::StaffRole::manage});
    add_staff("clerk@example.jp", clerk_secret, {"13040"}, {services::StaffRole::operate});
  }

  void add_staff(const std::string& email, const std::string& secret, std::vector<std::string> offices,
                 std::vector<services::StaffRole> roles, bool admin = false) {
    services::NewStaffMember member;
    member.email = email;
    member.password = password;
    member.display_name = email.substr(0, email.find('@'));
    member.office_codes = std::move(offices);
    member.office_roles = std::move(roles);
    member.is_admin = admin;
    member.totp_secret = secret;
    services::create_staff_member(harness_.db(), member, harness_.now);
  }

  ApiResult api(const std::string& method, const std::string& path, const std::string& token,
                const nlohmann::json& body = nullptr) {
    WebHarness::Browser client(harness_);
    std::map<std::string, std::string> headers = {{"content-type", "application/json"}};
    if (!token.empty()) headers["authorization"] = "Bearer " + token;
    auto response = client.send(method, path, body.is_null() ? "" : body.dump(), headers);
    auto parsed = nlohmann::json::parse(response.body, nullptr, false);
    return {response.status, parsed.is_discarded() ? nlohmann::json() : parsed};
  }
  std::string token_of(const std::string& email, const std::string& secret) {
    harness_.now += 30;  // a code works once
    auto r = api("POST", "/api/v1/sessions", "",
                 {{"email", email}, {"password", password}, {"otp", services::totp_code(secret, harness_.now)}});
    EXPECT_EQ(r.status, 201) << r.body.dump();
    return r.body.value("token", "");
  }
  std::string home() {
    WebHarness::Browser visitor(harness_);
    return visitor.get("/").body;
  }
  std::string notices_page() {
    WebHarness::Browser visitor(harness_);
    return visitor.get("/notices").body;
  }
  static bool has(const std::string& page, const std::string& text) { return page.find(text) != std::string::npos; }

  WebHarness harness_;
  std::string other_office_;
};

TEST_P(AdminNoticesTest, ANoticeShowsFromItsStartUntilJustBeforeItsEndNewestFirst) {
  const std::string admin = token_of("head@example.jp", admin_secret);
  auto created = api("POST", "/api/v1/admin/notices", admin,
                     {{"title", "システムメンテナンスのお知らせ"},
                      {"body", "3月3日は停止します。"},
                      {"published_at", "2026-03-02T10:00:00+09:00"},
                      {"published_until", "2026-03-02T12:00"}});
  ASSERT_EQ(created.status, 201) << created.body.dump();
  EXPECT_EQ(created.body["status"], "scheduled");
  EXPECT_TRUE(created.body["office"].is_null());
  EXPECT_EQ(created.body["published_until"], "2026-03-02T12:00:00+09:00");

  harness_.now = jst(2026, 3, 2, 9, 59, 59);
  EXPECT_FALSE(has(home(), "システムメンテナンスのお知らせ"));
  EXPECT_FALSE(has(notices_page(), "システムメンテナンスのお知らせ"));
  harness_.now = jst(2026, 3, 2, 10, 0);
  auto page = home();
  ASSERT_TRUE(has(page, "システムメンテナンスのお知らせ"));
  // Newest first: before the demo's notice of 2024.
  EXPECT_LT(page.find("システムメンテナンスのお知らせ"), page.find("面談予約サービスについて"));
  EXPECT_TRUE(has(notices_page(), "システムメンテナンスのお知らせ"));
  harness_.now = jst(2026, 3, 2, 11, 59, 59);
  EXPECT_TRUE(has(home(), "システムメンテナンスのお知らせ"));
  harness_.now = jst(2026, 3, 2, 12, 0);
  EXPECT_FALSE(has(home(), "システムメンテナンスのお知らせ"));
  EXPECT_FALSE(has(notices_page(), "システムメンテナンスのお知らせ"));
  const std::string again = token_of("head@example.jp", admin_secret);
  EXPECT_EQ(api("GET", "/api/v1/admin/notices/" + std::to_string(created.body["id"].get<std::int64_t>()), again)
                .body["status"],
            "ended");

  // Until before from, a bad date: messages by field; nothing stored.
  auto bad = api("POST", "/api/v1/admin/notices", again,
                 {{"title", ""}, {"body", "x"}, {"published_at", "2026-03-02T12:00"}, {"published_until", "2026-03-02T11:00"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.body["fields"]["title"], "件名を入力してください。");
  EXPECT_EQ(bad.body["fields"]["published_until"], "掲載終了は掲載開始より後の日時を入力してください。");
  EXPECT_EQ(api("POST", "/api/v1/admin/notices", again, {{"title", "x"}, {"body", "x"}, {"published_at", "3月2日"}}).status,
            400);
}

TEST_P(AdminNoticesTest, BodiesAreTextWithSafeLinksOnly) {
  const std::string admin = token_of("head@example.jp", admin_secret);
  ASSERT_EQ(api("POST", "/api/v1/admin/notices", admin,
                {{"title", "<b>リンク</b>のテスト"},
                 {"body", "案内：https://www.mhlw.go.jp/a?b=1&c=2 です。<script>alert(1)</script> "
                          "<a href=\"javascript:alert(2)\">押す</a> javascript:alert(3)"},
                 {"published_at", "2026-03-02T09:00"}})
                .status,
            201);
  harness_.now += 60;
  for (const auto& page : {home(), notices_page()}) {
    EXPECT_TRUE(has(page, "<a href=\"https://www.mhlw.go.jp/a?b=1&amp;c=2\" target=\"_blank\" rel=\"noopener noreferrer\">"));
    EXPECT_TRUE(has(page, "&lt;b&gt;リンク&lt;/b&gt;のテスト"));
    EXPECT_TRUE(has(page, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    EXPECT_FALSE(has(page, "<script>alert(1)"));
    EXPECT_FALSE(has(page, "href=\"javascript:"));
    EXPECT_TRUE(has(page, "javascript:alert(3)"));  // as text
  }
}

TEST_P(AdminNoticesTest, ServiceWideNoticesAreTheAdministratorsAndAnOfficesItsManagers) {
  const std::string admin = token_of("head@example.jp", admin_secret);
  const std::string manager = token_of("manager@example.jp", manager_secret);
  const std::string other = token_of("other@example.jp", other_secret);
  const std::string clerk = token_of("clerk@example.jp", clerk_secret);

  auto everyone = api("POST", "/api/v1/admin/notices", admin,
                      {{"title", "全体のお知らせ"}, {"body", "本文"}, {"published_at", "2026-03-02T09:00"}});
  ASSERT_EQ(everyone.status, 201);
  const std::string everyone_path = "/api/v1/admin/notices/" + std::to_string(everyone.body["id"].get<std::int64_t>());

  // A manager posts for their office only; not for everyone, not for another office.
  auto office = api("POST", "/api/v1/admin/notices", manager,
                    {{"office_code", "13040"}, {"title", "品川のお知らせ"}, {"body", "本文"}, {"published_at", "2026-03-02T09:00"}});
  ASSERT_EQ(office.status, 201) << office.body.dump();
  EXPECT_EQ(office.body["office"]["code"], "13040");
  const std::string office_path = "/api/v1/admin/notices/" + std::to_string(office.body["id"].get<std::int64_t>());
  auto wide = api("POST", "/api/v1/admin/notices", manager, {{"title", "x"}, {"body", "x"}, {"published_at", "2026-03-02T09:00"}});
  EXPECT_EQ(wide.status, 422);
  EXPECT_EQ(wide.body["fields"]["office_code"], "掲載先の安定所を選択してください。");
  EXPECT_EQ(api("POST", "/api/v1/admin/notices", manager,
                {{"office_code", other_office_}, {"title", "x"}, {"body", "x"}, {"published_at", "2026-03-02T09:00"}})
                .body["fields"]["office_code"],
            "この安定所のお知らせは作成できません。");

  // The manager's list has their office's notice only; the service-wide one is "not found" to them.
  auto list = api("GET", "/api/v1/admin/notices", manager);
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.body["items"].size(), 1u);
  EXPECT_EQ(list.body["items"][0]["title"], "品川のお知らせ");
  EXPECT_EQ(api("GET", everyone_path, manager).status, 404);
  EXPECT_EQ(api("PATCH", everyone_path, manager, {{"title", "書き換え"}}).status, 404);
  EXPECT_EQ(api("DELETE", everyone_path, manager).status, 404);
  // Another office's manager, and a clerk without 管理 at the office: 404 everywhere.
  for (const auto& token : {other, clerk}) {
    EXPECT_EQ(api("GET", office_path, token).status, 404);
    EXPECT_EQ(api("PATCH", office_path, token, {{"title", "書き換え"}}).status, 404);
    EXPECT_EQ(api("DELETE", office_path, token).status, 404);
  }
  EXPECT_EQ(api("GET", "/api/v1/admin/notices", clerk).status, 404);
  EXPECT_TRUE(api("GET", "/api/v1/admin/notices", other).body["items"].empty());

  // The manager edits their notice (omitted members keep their value); the administrator edits both.
  auto edited = api("PATCH", office_path, manager, {{"title", "品川からのお知らせ"}, {"published_until", "2026-04-01T00:00"}});
  ASSERT_EQ(edited.status, 200) << edited.body.dump();
  EXPECT_EQ(edited.body["title"], "品川からのお知らせ");
  EXPECT_EQ(edited.body["body"], "本文");
  EXPECT_EQ(edited.body["published_until"], "2026-04-01T00:00:00+09:00");
  EXPECT_EQ(api("PATCH", office_path, manager, {{"published_until", nullptr}}).body["published_until"], nullptr);
  // Moving it to everyone is the administrators' only.
  EXPECT_EQ(api("PATCH", office_path, manager, {{"office_code", nullptr}}).status, 422);
  EXPECT_EQ(api("PATCH", everyone_path, admin, {{"title", "全体のお知らせ（更新）"}}).status, 200);
  EXPECT_EQ(api("GET", "/api/v1/admin/notices", admin).body["items"].size(), 3u);  // with the demo's

  // The office's notice shows on the public pages, with the office's name.
  harness_.now += 60;
  const std::string page = home();
  EXPECT_TRUE(has(page, "品川からのお知らせ"));
  EXPECT_TRUE(has(page, "ハローワーク品川"));

  EXPECT_EQ(api("DELETE", office_path, manager).status, 204);
  EXPECT_EQ(api("GET", office_path, manager).status, 404);
  EXPECT_FALSE(has(home(), "品川からのお知らせ"));
  auto audit = harness_.db().query(
      "SELECT action FROM audit_log WHERE target_kind = 'notice' ORDER BY id", {});
  std::vector<std::string> actions;
  for (const auto& row : audit) actions.push_back(row.text(0));
  EXPECT_EQ(actions, (std::vector<std::string>{"admin.notice_created", "admin.notice_created", "admin.notice_updated",
                                               "admin.notice_updated", "admin.notice_updated", "admin.notice_deleted"}));
}

TEST_P(AdminNoticesTest, ThePagesKeepWhatWasTypedNextToTheMessages) {
  WebHarness::Browser browser(harness_);
  EXPECT_EQ(browser.get("/staff/admin/notices").status, 303);  // to the sign-in
  browser.get("/staff/login");
  browser.post("/staff/login", {{"email", "manager@example.jp"}, {"password", password}});
  browser.get("/staff/login/otp");
  harness_.now += 30;
  ASSERT_EQ(browser.post("/staff/login/otp", {{"code", services::totp_code(manager_secret, harness_.now)}}).status, 303);
  EXPECT_TRUE(has(browser.get("/staff").body, "/staff/admin/notices"));
  auto form = browser.get("/staff/admin/notices/new");
  ASSERT_EQ(form.status, 200);
  EXPECT_FALSE(has(form.body, "全体（すべての利用者）"));  // a manager posts for their offices only
  EXPECT_EQ(input_of(form.body, "from_date"), "2026-03-02");
  auto refused = browser.post("/staff/admin/notices", {{"office_code", "13040"}, {"title", "臨時休業"}, {"body", "本文"},
                                                       {"from_date", "2026-03-05"}, {"from_time", "09:00"},
                                                       {"until_date", "2026-03-04"}, {"until_time", ""}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(has(refused.body, "掲載終了は掲載開始より後の日時を入力してください。"));
  EXPECT_EQ(input_of(refused.body, "title"), "臨時休業");
  EXPECT_EQ(input_of(refused.body, "until_date"), "2026-03-04");
  auto created = browser.post("/staff/admin/notices", {{"office_code", "13040"}, {"title", "臨時休業"}, {"body", "本文"},
                                                       {"from_date", "2026-03-05"}, {"from_time", "09:00"},
                                                       {"until_date", ""}, {"until_time", ""}});
  ASSERT_EQ(created.status, 303);
  auto list = browser.get("/staff/admin/notices");
  EXPECT_TRUE(has(list.body, "臨時休業"));
  EXPECT_TRUE(has(list.body, "掲載予定"));
  // The edit page's preview shows the body as text (not as a link to the page itself).
  const auto id = harness_.db().query_one("SELECT id FROM notices WHERE title = ?", {std::string("臨時休業")})->integer(0);
  auto edit = browser.get("/staff/admin/notices/" + std::to_string(id));
  ASSERT_EQ(edit.status, 200);
  EXPECT_TRUE(has(edit.body, "<p class=\"notice__body\">本文</p>"));

  // Someone without 管理 anywhere: not found.
  WebHarness::Browser clerk(harness_);
  clerk.get("/staff/login");
  clerk.post("/staff/login", {{"email", "clerk@example.jp"}, {"password", password}});
  clerk.get("/staff/login/otp");
  harness_.now += 30;
  ASSERT_EQ(clerk.post("/staff/login/otp", {{"code", services::totp_code(clerk_secret, harness_.now)}}).status, 303);
  EXPECT_FALSE(has(clerk.get("/staff").body, "/staff/admin/notices"));
  EXPECT_EQ(clerk.get("/staff/admin/notices").status, 404);
  EXPECT_EQ(clerk.get("/staff/admin/notices/new").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Databases, AdminNoticesTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace yoyaku::testing
