// 予約枠の設定 pages through the web layer on SQLite and PostgreSQL: only the
// office's managers reach them (a 予約操作 clerk gets 404), a change that
// would strand a booking re-shows the form with what was typed, the booking
// and the required choice, and applies only once the choice is made.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "domain/text.hpp"
#include "services/identity/accounts.hpp"
#include "services/identity/totp.hpp"
#include "store/catalog.hpp"
#include "web/web_harness.hpp"

namespace yoyaku::testing {
namespace {

const std::string password = "long-password-1";
const std::string manager_secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const std::string clerk_secret = "KRSXG5CTMVRXEZLUKN2XAZLSKNSWE5DB";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class AdminFramesTest : public ::testing::TestWithParam<Backend> {
 protected:
  // Monday 2026-03-02 09:00 JST.
  AdminFramesTest() : harness_(jst(2026, 3, 2, 9, 0), GetParam()) {
    services::create_staff_member(harness_.db(), {"manager@example.jp", password, "品川 管理者", {"13040"},
                                                  {services::StaffRole::manage}, false, manager_secret, std::nullopt},
                                  harness_.now);
    services::create_staff_member(harness_.db(), {"clerk@example.jp", password, "品川 職員", {"13040"},
                                                  {services::StaffRole::operate}, false, clerk_secret, std::nullopt},
                                  harness_.now);
    auto frames = store::frames_of_procedure(harness_.db(), harness_.procedure_id("13040"));
    frame_ = frames.front().frame.id;
    facility_ = frames.front().facility.id;
  }

  WebHarness::Browser signed_in(const std::string& email, const std::string& secret) {
    WebHarness::Browser browser(harness_);
    browser.get("/staff/login");
    browser.post("/staff/login", {{"email", email}, {"password", password}});
    browser.get("/staff/login/otp");
    harness_.now += 30;
    EXPECT_EQ(browser.post("/staff/login/otp", {{"code", services::totp_code(secret, harness_.now)}}).status, 303);
    return browser;
  }
  std::string edit_path() const { return "/staff/offices/13040/admin/frames/" + std::to_string(frame_); }
  // The edit form posted with repeated weekdays (the harness's post takes one value per name).
  web::Response save(WebHarness::Browser& browser, const std::string& csrf,
                     std::vector<std::pair<std::string, std::string>> fields) {
    std::string body = "csrf_token=" + domain::url_encode(csrf);
    for (const auto& [name, value] : fields) body += "&" + domain::url_encode(name) + "=" + domain::url_encode(value);
    return browser.send("POST", edit_path(), body, {{"content-type", "application/x-www-form-urlencoded"}});
  }
  std::vector<std::pair<std::string, std::string>> leaflet_with(const std::string& first_start,
                                                                const std::string& seats = "2") {
    std::vector<std::pair<std::string, std::string>> fields = {
        {"name", "オンライン職業相談"}, {"facility_id", std::to_string(facility_)}, {"first_start", first_start},
        {"last_start", "15:30"},          {"interval_minutes", "30"},                {"slot_minutes", "30"},
        {"seats", seats}};
    for (const char* day : {"1", "2", "3", "4", "5"}) fields.emplace_back("weekdays", day);
    return fields;
  }
  std::string status_of(const std::string& number) {
    return harness_.db().query_one("SELECT status FROM reservations WHERE number = ?", {number})->text(0);
  }

  WebHarness harness_;
  std::int64_t frame_ = 0, facility_ = 0;
};

TEST_P(AdminFramesTest, AChangeThatStrandsABookingAsksFirstAndKeepsWhatWasTyped) {
  WebHarness::Browser api(harness_);
  harness_.now += 30;
  auto session = api.send("POST", "/api/v1/sessions",
                          nlohmann::json{{"email", "manager@example.jp"},
                                         {"password", password},
                                         {"otp", services::totp_code(manager_secret, harness_.now)}}
                              .dump(),
                          {{"content-type", "application/json"}});
  ASSERT_EQ(session.status, 201) << session.body;
  const std::string token = nlohmann::json::parse(session.body)["token"];
  auto booked = api.send("POST", "/api/v1/staff/reservations",
                             nlohmann::json{{"slot_id", std::to_string(frame_) + "-20260305-1000"},
                                            {"job_seeker_number", "12345-12345678"},
                                            {"family_name", "雇用"},
                                            {"given_name", "太郎"},
                                            {"phone", "0312345678"},
                                            {"channel", "phone"},
                                            {"topics", {"consultation"}}}
                                 .dump(),
                             {{"content-type", "application/json"}, {"authorization", "Bearer " + token}});
  ASSERT_EQ(booked.status, 201) << booked.body;
  auto manager = signed_in("manager@example.jp", manager_secret);
  const std::string number = nlohmann::json::parse(booked.body)["number"];

  auto office = manager.get("/staff/offices/13040");
  EXPECT_TRUE(has(office.body, "/staff/offices/13040/admin/frames")) << "managers get the link";
  auto list = manager.get("/staff/offices/13040/admin/frames");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(has(list.body, "オンライン職業相談"));
  auto form = manager.get(edit_path());
  ASSERT_EQ(form.status, 200);
  const std::string csrf = input_of(form.body, "csrf_token");
  EXPECT_EQ(input_of(form.body, "first_start"), "10:00");
  EXPECT_TRUE(has(form.body, R"(name="weekdays" value="1" checked>)"));  // Monday–Friday, as stored
  EXPECT_TRUE(has(form.body, R"(name="weekdays" value="6">)"));
  EXPECT_TRUE(has(form.body, R"(name="weekdays" value="0">)"));

  auto asked = save(manager, csrf, leaflet_with("10:30"));
  ASSERT_EQ(asked.status, 409);
  EXPECT_TRUE(has(asked.body, number));
  EXPECT_TRUE(has(asked.body, "雇用 太郎"));
  EXPECT_TRUE(has(asked.body, "2026年03月05日(木)"));
  EXPECT_TRUE(has(asked.body, "予約はそのまま残す"));
  EXPECT_TRUE(has(asked.body, "予約を取り下げて利用者にメールで知らせる"));
  EXPECT_EQ(input_of(asked.body, "first_start"), "10:30");  // what was typed
  EXPECT_EQ(store::find_frame(harness_.db(), frame_)->first_start_minute, 600);

  auto fields = leaflet_with("10:30");
  fields.emplace_back("bookings_shown", "1");
  auto unchosen = save(manager, csrf, fields);
  EXPECT_EQ(unchosen.status, 409);
  EXPECT_TRUE(has(unchosen.body, "影響を受ける予約の扱いを選択してください。"));
  fields.emplace_back("bookings", "withdraw");
  auto no_reason = save(manager, csrf, fields);
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_TRUE(has(no_reason.body, "取下げの理由を入力してください。"));
  EXPECT_TRUE(has(no_reason.body, number));  // the list stays on the page
  EXPECT_EQ(status_of(number), "confirmed");

  auto kept_fields = leaflet_with("10:30");
  kept_fields.emplace_back("bookings", "keep");
  auto kept = save(manager, csrf, kept_fields);
  ASSERT_EQ(kept.status, 303) << kept.body;
  EXPECT_EQ(store::find_frame(harness_.db(), frame_)->first_start_minute, 630);
  EXPECT_EQ(status_of(number), "confirmed");

  auto invalid = save(manager, csrf, leaflet_with("10:30", "定員"));
  EXPECT_EQ(invalid.status, 422);
  EXPECT_TRUE(has(invalid.body, "1枠の定員は1から50までの数字で入力してください。"));
  EXPECT_EQ(input_of(invalid.body, "seats"), "定員");
}

TEST_P(AdminFramesTest, AClerkWithoutTheManageRightNeitherSeesTheLinkNorThePages) {
  auto clerk = signed_in("clerk@example.jp", clerk_secret);
  auto office = clerk.get("/staff/offices/13040");
  ASSERT_EQ(office.status, 200);
  EXPECT_FALSE(has(office.body, "/admin/frames"));
  EXPECT_EQ(clerk.get("/staff/offices/13040/admin/frames").status, 404);
  EXPECT_EQ(clerk.get(edit_path()).status, 404);
  EXPECT_EQ(clerk.get("/staff/offices/13040/admin/frames/new").status, 404);
  auto manager = signed_in("manager@example.jp", manager_secret);
  EXPECT_EQ(manager.get("/staff/offices/01901/admin/frames").status, 404);  // another office
}

TEST_P(AdminFramesTest, ProceduresAndFacilitiesAreEditedOnTheirFormsWithTheErrorsNextToTheFields) {
  auto manager = signed_in("manager@example.jp", manager_secret);
  const std::string procedure_path =
      "/staff/offices/13040/admin/procedures/" + std::to_string(harness_.procedure_id("13040"));
  auto form = manager.get(procedure_path);
  ASSERT_EQ(form.status, 200);
  EXPECT_EQ(input_of(form.body, "booking_opens_days_before"), "92");
  std::map<std::string, std::string> fields;
  for (const char* name : {"title", "contact_name", "contact_phone", "contact_fax", "contact_email", "reception_start",
                           "reception_end", "booking_opens_days_before", "booking_closes_days_before",
                           "change_deadline_days_before", "meeting_link_minutes_before"}) {
    fields[name] = input_of(form.body, name);
  }
  fields["kind"] = "job_consultation";
  fields["booking_opens_days_before"] = "30";
  ASSERT_EQ(manager.post(procedure_path, fields).status, 303);
  EXPECT_EQ(store::find_procedure(harness_.db(), harness_.procedure_id("13040"))->booking_opens_days_before, 30);

  // A second procedure of a kind the office has: refused at the kind, what was typed kept.
  manager.get("/staff/offices/13040/admin/procedures/new");
  fields["title"] = "二つ目の職業相談";
  auto second = manager.post("/staff/offices/13040/admin/procedures", fields);
  EXPECT_EQ(second.status, 422);
  EXPECT_TRUE(has(second.body, "この種類の手続きがすでにあります"));
  EXPECT_EQ(input_of(second.body, "title"), "二つ目の職業相談");

  const std::string facility_path = "/staff/offices/13040/admin/facilities/" + std::to_string(facility_);
  ASSERT_EQ(manager.get(facility_path).status, 200);
  auto bad = manager.post(facility_path, {{"name", "オンライン相談室"}, {"map_url", "http://maps.example.jp/"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(has(bad.body, "地図のURLは https:// で始まる形式で入力してください。"));
  EXPECT_EQ(input_of(bad.body, "map_url"), "http://maps.example.jp/");
  ASSERT_EQ(manager.post(facility_path, {{"name", "オンライン相談室"}, {"map_url", "https://maps.example.jp/"}}).status,
            303);
  EXPECT_EQ(store::find_facility(harness_.db(), facility_)->name, "オンライン相談室");

  auto clerk = signed_in("clerk@example.jp", clerk_secret);
  EXPECT_EQ(clerk.get(procedure_path).status, 404);
  EXPECT_EQ(clerk.get(facility_path).status, 404);
  EXPECT_EQ(clerk.get("/staff/offices/13040/admin/facilities/new").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Databases, AdminFramesTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace yoyaku::testing
