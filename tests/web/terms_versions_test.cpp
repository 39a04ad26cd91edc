// Versioned 利用規約 through the web layer on SQLite and PostgreSQL: a booking
// records the version in force and when it was agreed; a version published
// while the job seeker is between STEP4 and 「申込み」 sends them back to read
// and agree to the new one (never a booking under terms they did not see).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "services/identity/accounts.hpp"
#include "services/identity/totp.hpp"
#include "store/catalog.hpp"
#include "web/web_harness.hpp"

namespace yoyaku::testing {
namespace {

const std::string password = "long-password-1";
const std::string manager_secret = "KRSXG5CTMVRXEZLUKN2XAZLSKNSWE5DB";

class TermsVersionsTest : public ::testing::TestWithParam<Backend> {
 protected:
  // Monday 2026-03-02 10:00 JST; the interviews are on Thursday 2026-03-05.
  TermsVersionsTest() : harness_(jst(2026, 3, 2, 10, 0), GetParam()) {
    services::create_verified_user(harness_.db(), {"taro@example.jp", std::nullopt, password, "雇用", "太郎",
                                                   "12345-12345678", "0312345678"},
                                   harness_.now);
    services::NewStaffMember manager;
    manager.email = "manager@example.jp";
    manager.password = password;
    manager.display_name = "品川 管理";
    manager.office_codes = {"13040"};
    manager.office_roles = {services::StaffRole::manage};
    manager.totp_secret = manager_secret;
    services::create_staff_member(harness_.db(), manager, harness_.now);
    procedure_ = harness_.procedure_id("13040");
    frame_ = store::frames_of_procedure(harness_.db(), procedure_).front().frame.id;
  }

  nlohmann::json api(const std::string& method, const std::string& path, const nlohmann::json& body, int& status,
                     const std::string& token = "") {
    WebHarness::Browser client(harness_);
    auto response = client.send(method, path, body.is_null() ? "" : body.dump(),
                                {{"content-type", "application/json"}, {"authorization", "Bearer " + (token.empty() ? token_ : token)}});
    status = response.status;
    auto parsed = nlohmann::json::parse(response.body, nullptr, false);
    return parsed.is_discarded() ? nlohmann::json() : parsed;
  }
  // The manager publishes the next version; its id.
  std::int64_t publish(const std::string& text) {
    if (token_.empty()) {
      harness_.now += 30;
      int status = 0;
      WebHarness::Browser client(harness_);
      auto r = client.send("POST", "/api/v1/sessions",
                           nlohmann::json{{"email", "manager@example.jp"}, {"password", password},
                                          {"otp", services::totp_code(manager_secret, harness_.now)}}
                               .dump(),
                           {{"content-type", "application/json"}});
      token_ = nlohmann::json::parse(r.body).value("token", "");
      (void)status;
    }
    int status = 0;
    auto body = api("POST", "/api/v1/admin/procedures/" + std::to_string(procedure_) + "/terms",
                    {{"text", text}, {"court", "東京地方裁判所"}, {"terms_date", "令和8年3月2日"},
                     {"issuer", "品川公共職業安定所長"}},
                    status);
    EXPECT_EQ(status, 201) << body.dump();
    return body["version"]["id"].get<std::int64_t>();
  }
  WebHarness::Browser signed_in() { return harness_.signed_in("taro@example.jp", password); }
  std::string hold(WebHarness::Browser& browser, const std::string& hhmm) {
    browser.get("/procedures/" + std::to_string(procedure_) + "/days/2026-03-05");
    auto held = browser.post("/procedures/" + std::to_string(procedure_) + "/hold",
                             {{"slot_id", std::to_string(frame_) + "-20260305-" + hhmm}});
    EXPECT_EQ(held.status, 303) << held.body;
    std::string location = held.header("Location").value_or("");
    return location.substr(10, location.find('/', 10) - 10);
  }
  web::Response submit(WebHarness::Browser& browser, const std::string& id) {
    browser.get("/bookings/" + id + "/form");
    return browser.post("/bookings/" + id + "/submit",
                        {{"family_name", "雇用"}, {"given_name", "太郎"}, {"job_seeker_number", "12345-12345678"},
                         {"phone", "0312345678"}, {"topics", "consultation"}});
  }
  // The recorded version number and agreed time of a booking.
  std::pair<std::int64_t, std::optional<std::int64_t>> recorded(const std::string& location) {
    const std::string number = location.substr(location.find("number=") + 7);
    auto row = harness_.db().query_one(
        "SELECT t.version, r.terms_agreed_at FROM reservations r JOIN terms_versions t ON t.id = r.terms_version_id"
        " WHERE r.number = ?",
        {number});
    EXPECT_TRUE(row.has_value()) << number;
    if (!row) return {0, std::nullopt};
    return {row->integer(0), row->optional_integer(1)};
  }

  WebHarness harness_;
  std::int64_t procedure_ = 0;
  std::int64_t frame_ = 0;
  std::string token_;
};

TEST_P(TermsVersionsTest, ABookingRecordsTheVersionAgreedAndANewVersionMustBeAgreedAgain) {
  auto browser = signed_in();
  // Before any change: 第1版, agreed at STEP4.
  const std::string first = hold(browser, "1000");
  auto terms = browser.get("/bookings/" + first + "/terms");
  EXPECT_NE(terms.body.find("（第1版）"), std::string::npos);
  const std::string v1 = input_of(terms.body, "terms_version_id");
  ASSERT_FALSE(v1.empty());
  const std::int64_t agreed_v1 = harness_.now;
  ASSERT_EQ(browser.post("/bookings/" + first + "/terms", {{"terms_version_id", v1}}).status, 303);
  harness_.now += 60;
  auto booked = submit(browser, first);
  ASSERT_EQ(booked.status, 303) << booked.body;
  EXPECT_EQ(recorded(booked.header("Location").value_or("")), (std::pair<std::int64_t, std::optional<std::int64_t>>{1, agreed_v1}));

  // The page showed 第1版; 第2版 is published before 「同意する」: the new text is shown, to agree again.
  harness_.now += 60;
  const std::string second = hold(browser, "1030");
  browser.get("/bookings/" + second + "/terms");
  harness_.now += 1;
  const std::int64_t v2 = publish("第2版の本文 {{office_name}}");
  harness_.now += 1;
  auto refused = browser.post("/bookings/" + second + "/terms", {{"terms_version_id", v1}});
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(refused.body.find("利用規約が改定されました。"), std::string::npos);
  EXPECT_NE(refused.body.find("第2版の本文 ハローワーク品川"), std::string::npos);
  EXPECT_EQ(input_of(refused.body, "terms_version_id"), std::to_string(v2));
  EXPECT_EQ(browser.get("/bookings/" + second + "/form").status, 303);  // not agreed yet: back to the terms
  const std::int64_t agreed_v2 = harness_.now;
  ASSERT_EQ(browser.post("/bookings/" + second + "/terms", {{"terms_version_id", std::to_string(v2)}}).status, 303);

  // 第3版 comes out between STEP4 and 「申込み」: back to the terms (what was typed is kept), then booked under 第3版.
  harness_.now += 60;
  publish("第3版の本文");
  harness_.now += 1;
  auto sent_back = submit(browser, second);
  EXPECT_EQ(sent_back.status, 303);
  EXPECT_EQ(sent_back.header("Location").value_or(""), "/bookings/" + second + "/terms");
  auto again = browser.get("/bookings/" + second + "/terms");
  EXPECT_NE(again.body.find("利用規約が改定されました。"), std::string::npos);
  EXPECT_NE(again.body.find("第3版の本文"), std::string::npos);
  const std::int64_t agreed_v3 = harness_.now;
  ASSERT_EQ(browser.post("/bookings/" + second + "/terms", {{"terms_version_id", input_of(again.body, "terms_version_id")}}).status,
            303);
  harness_.now += 1;
  auto booked_v3 = submit(browser, second);
  ASSERT_EQ(booked_v3.status, 303) << booked_v3.body;
  EXPECT_EQ(recorded(booked_v3.header("Location").value_or("")),
            (std::pair<std::int64_t, std::optional<std::int64_t>>{3, agreed_v3}));
  (void)agreed_v2;

  // The first booking keeps 第1版.
  auto first_row = harness_.db().query_one(
      "SELECT MIN(t.version) FROM reservations r JOIN terms_versions t ON t.id = r.terms_version_id", {});
  EXPECT_EQ(first_row->integer(0), 1);

  // The API refuses a booking made against a version no longer in force.
  harness_.now += 60;
  int status = 0;
  WebHarness::Browser client(harness_);
  auto session = client.send("POST", "/api/v1/sessions",
                             nlohmann::json{{"email", "taro@example.jp"}, {"password", password}}.dump(),
                             {{"content-type", "application/json"}});
  const std::string seeker = nlohmann::json::parse(session.body).value("token", "");
  auto held = api("POST", "/api/v1/holds", {{"slot_id", std::to_string(frame_) + "-20260305-1100"}}, status, seeker);
  ASSERT_EQ(status, 201) << held.dump();
  auto stale = api("POST", "/api/v1/reservations",
                   {{"hold_id", held.value("hold_id", "")}, {"agreed_to_terms", true}, {"terms_version_id", v2},
                    {"family_name", "雇用"}, {"given_name", "太郎"}, {"job_seeker_number", "12345-12345678"},
                    {"topics", {"consultation"}}},
                   status, seeker);
  EXPECT_EQ(status, 409) << stale.dump();
  EXPECT_EQ(stale["error"], "terms_changed");
  // Agreeing in the request to the version in force books it, agreed now.
  auto procedure = api("GET", "/api/v1/procedures/" + std::to_string(procedure_), nullptr, status, seeker);
  const std::int64_t v3 = procedure["terms_version"]["id"];
  EXPECT_EQ(procedure["terms_version"]["version"], 3);
  auto fresh = api("POST", "/api/v1/reservations",
                   {{"hold_id", held.value("hold_id", "")}, {"agreed_to_terms", true}, {"terms_version_id", v3},
                    {"family_name", "雇用"}, {"given_name", "太郎"}, {"job_seeker_number", "12345-12345678"},
                    {"topics", {"consultation"}}},
                   status, seeker);
  ASSERT_EQ(status, 201) << fresh.dump();
  EXPECT_EQ(recorded("number=" + fresh.value("number", "")),
            (std::pair<std::int64_t, std::optional<std::int64_t>>{3, harness_.now}));
}

TEST_P(TermsVersionsTest, PublishingNeedsTheOfficesManagerAndTheOfficesPartsAndPostsANotice) {
  int status = 0;
  publish("改定した本文");
  auto history = api("GET", "/api/v1/admin/procedures/" + std::to_string(procedure_) + "/terms", nullptr, status);
  ASSERT_EQ(status, 200);
  ASSERT_EQ(history["versions"].size(), 2u);
  EXPECT_EQ(history["versions"][0]["version"], 2);
  EXPECT_TRUE(history["versions"][0]["in_force"].get<bool>());
  EXPECT_EQ(history["versions"][1]["version"], 1);
  auto bad = api("POST", "/api/v1/admin/procedures/" + std::to_string(procedure_) + "/terms",
                 {{"text", " "}, {"court", ""}, {"terms_date", "令和8年"}, {"issuer", "所長"}}, status);
  EXPECT_EQ(status, 422);
  EXPECT_EQ(bad["fields"]["text"], "利用規約の本文を入力してください。");
  EXPECT_EQ(bad["fields"]["court"], "合意管轄裁判所を入力してください。");
  // Another office's procedure: not found.
  std::int64_t other = 0;
  for (const auto& office : store::list_offices(harness_.db())) {
    if (office.code == "13040") continue;
    auto procedures = store::procedures_of_office(harness_.db(), office.id);
    if (!procedures.empty()) {
      other = procedures.front().id;
      break;
    }
  }
  api("GET", "/api/v1/admin/procedures/" + std::to_string(other) + "/terms", nullptr, status);
  EXPECT_EQ(status, 404);
  api("POST", "/api/v1/admin/procedures/" + std::to_string(other) + "/terms",
      {{"text", "x"}, {"court", "x"}, {"terms_date", "x"}, {"issuer", "x"}}, status);
  EXPECT_EQ(status, 404);
  // The お知らせ is on the home page at once.
  WebHarness::Browser visitor(harness_);
  auto home = visitor.get("/").body;
  EXPECT_NE(home.find("利用規約の改定について"), std::string::npos);
  EXPECT_NE(home.find("利用規約を改定しました（第2版）"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Databases, TermsVersionsTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace yoyaku::testing
