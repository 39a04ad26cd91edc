// The office's time rules through the web layer with the application's clock
// set by the test, on SQLite and PostgreSQL: attendance opens 10 minutes after
// the start to the second, an unmarked booking becomes 不参加（連絡なし） by
// itself at that second, and the second such no-show at an office refuses
// online booking there until staff lift it (only later no-shows count again).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "services/identity/accounts.hpp"
#include "services/identity/totp.hpp"
#include "store/catalog.hpp"
#include "web/web_harness.hpp"

namespace yoyaku::testing {
namespace {

const std::string password = "long-password-1";
const std::string staff_secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

using ApiResult = WebHarness::ApiResult;

class StaffRulesTest : public ::testing::TestWithParam<Backend> {
 protected:
  // Monday 2026-03-02 09:00 JST.
  StaffRulesTest() : harness_(jst(2026, 3, 2, 9, 0), GetParam()) {
    services::create_verified_user(harness_.db(), {"taro@example.jp", std::nullopt, password, "雇用", "太郎",
                                                   "12345-12345678", "0312345678"},
                                   harness_.now);
    services::NewStaffMember staff;
    staff.email = "clerk@example.jp";
    staff.password = password;
    staff.display_name = "品川 職員";
    staff.totp_secret = staff_secret;
    staff.office_codes = {"13040"};
    services::create_staff_member(harness_.db(), staff, harness_.now);
    frame_ = store::frames_of_procedure(harness_.db(), harness_.procedure_id("13040")).front().frame.id;
  }

  ApiResult api(const std::string& method, const std::string& path, const std::string& token,
                const nlohmann::json& body = nullptr) {
    return harness_.api(method, path, token, body);
  }
  // A session opened at the harness's time (sessions idle out as the clock moves on); a
  // TOTP code works once, so one sign-in per moment of the test.
  std::string staff_token() {
    if (staff_token_at_ == harness_.now) return staff_token_;
    auto r = api("POST", "/api/v1/sessions", "",
                 {{"email", "clerk@example.jp"}, {"password", password},
                  {"otp", services::totp_code(staff_secret, harness_.now)}});
    EXPECT_EQ(r.status, 201) << r.body.dump();
    staff_token_at_ = harness_.now;
    staff_token_ = r.body.value("token", "");
    return staff_token_;
  }
  std::string job_seeker_token() {
    auto r = api("POST", "/api/v1/sessions", "", {{"email", "taro@example.jp"}, {"password", password}});
    EXPECT_EQ(r.status, 201) << r.body.dump();
    return r.body.value("token", "");
  }
  std::string slot(const std::string& yyyymmdd, const std::string& hhmm) {
    return std::to_string(frame_) + "-" + yyyymmdd + "-" + hhmm;
  }
  // 「予約する」 and 「申込み」 online; the reservation number.
  std::string book_online(const std::string& token, const std::string& slot_id) {
    auto hold = api("POST", "/api/v1/holds", token, {{"slot_id", slot_id}});
    EXPECT_EQ(hold.status, 201) << hold.body.dump();
    auto booked = api("POST", "/api/v1/reservations", token,
                      {{"hold_id", hold.body.value("hold_id", "")}, {"agreed_to_terms", true}, {"family_name", "雇用"},
                       {"given_name", "太郎"}, {"job_seeker_number", "12345-12345678"}, {"topics", {"consultation"}}});
    EXPECT_EQ(booked.status, 201) << booked.body.dump();
    return booked.body.value("number", "");
  }
  nlohmann::json staff_view(const std::string& number) {
    auto r = api("GET", "/api/v1/staff/reservations/" + number, staff_token());
    EXPECT_EQ(r.status, 200) << r.body.dump();
    return r.body;
  }

  WebHarness harness_;
  std::int64_t frame_ = 0;
  std::string staff_token_;
  std::int64_t staff_token_at_ = -1;
};

TEST_P(StaffRulesTest, AttendanceOpensAndAnUnmarkedBookingBecomesANoShowTenMinutesAfterTheStartToTheSecond) {
  // 代行入力 by phone for later today (outside the online window).
  auto booked = api("POST", "/api/v1/staff/reservations", staff_token(),
                    {{"slot_id", slot("20260302", "1000")}, {"channel", "phone"}, {"family_name", "相談"},
                     {"given_name", "一郎"}, {"job_seeker_number", "11111-11111111"}, {"phone", "0312345678"}});
  ASSERT_EQ(booked.status, 201) << booked.body.dump();
  const std::string number = booked.body["number"];

  harness_.now = jst(2026, 3, 2, 10, 9, 59);
  auto early = api("POST", "/api/v1/staff/reservations/" + number + "/attendance", staff_token(),
                   {{"status", "attended"}});
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.body["error"], "too_early");
  EXPECT_NE(early.body["message"].get<std::string>().find("10:10"), std::string::npos);
  auto before = staff_view(number);
  EXPECT_EQ(before["attendance"], "confirmed");
  EXPECT_FALSE(before["can_record_attendance"].get<bool>());
  EXPECT_EQ(before["standing"]["no_shows"], 0);

  harness_.now = jst(2026, 3, 2, 10, 10, 0);
  auto after = staff_view(number);
  EXPECT_EQ(after["status"], "confirmed");  // nobody acted: the clock did it
  EXPECT_EQ(after["attendance"], "no_show_unannounced");
  EXPECT_EQ(after["status_text"], "不参加（連絡なし）");
  EXPECT_EQ(after["standing"]["no_shows"], 1);
  auto day = api("GET", "/api/v1/staff/offices/13040/reservations?date=2026-03-02", staff_token());
  ASSERT_EQ(day.status, 200);
  EXPECT_EQ(day.body["items"][0]["attendance"], "no_show_unannounced");

  // The person was there after all: staff mark 出席, and the no-show is gone.
  auto marked = api("POST", "/api/v1/staff/reservations/" + number + "/attendance", staff_token(),
                    {{"status", "attended"}});
  ASSERT_EQ(marked.status, 200) << marked.body.dump();
  EXPECT_EQ(marked.body["attendance"], "attended");
  EXPECT_EQ(marked.body["status_text"], "出席");
  EXPECT_EQ(marked.body["standing"]["no_shows"], 0);
}

TEST_P(StaffRulesTest, TwoUnannouncedNoShowsRefuseOnlineBookingUntilStaffLiftItAndOnlyLaterOnesCountAgain) {
  // Booked online for Wednesday and Thursday 10:00; the person never comes.
  std::string token = job_seeker_token();
  const std::string wednesday = book_online(token, slot("20260304", "1000"));
  const std::string thursday = book_online(token, slot("20260305", "1000"));
  ASSERT_FALSE(thursday.empty());

  // Thursday 10:09:59: one no-show so far; online booking is still open.
  harness_.now = jst(2026, 3, 5, 10, 9, 59);
  token = job_seeker_token();
  auto open = api("POST", "/api/v1/holds", token, {{"slot_id", slot("20260309", "1100")}});
  EXPECT_EQ(open.status, 201) << open.body.dump();
  EXPECT_EQ(api("DELETE", "/api/v1/holds/" + open.body.value("hold_id", ""), token).status, 204);

  // 10:10:00: the second; refused at 品川, with the office named.
  harness_.now = jst(2026, 3, 5, 10, 10, 0);
  auto refused = api("POST", "/api/v1/holds", token, {{"slot_id", slot("20260309", "1100")}});
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.body["error"], "online_booking_refused");
  EXPECT_NE(refused.body["message"].get<std::string>().find("ハローワーク品川"), std::string::npos);
  // The job seeker's 予約一覧 says so too, without anyone having marked it.
  auto mine = api("GET", "/api/v1/reservations?number=" + wednesday, token);
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(mine.body["items"][0]["status"], "confirmed");
  EXPECT_EQ(mine.body["items"][0]["attendance"], "no_show_unannounced");
  EXPECT_EQ(mine.body["items"][0]["status_text"], "不参加（連絡なし）");
  auto standing = staff_view(wednesday)["standing"];
  EXPECT_TRUE(standing["refused"].get<bool>());
  EXPECT_EQ(standing["no_shows"], 2);
  EXPECT_EQ(standing["limit"], 2);

  // Staff can still book for the person (by phone).
  auto by_phone = api("POST", "/api/v1/staff/reservations", staff_token(),
                      {{"slot_id", slot("20260306", "1100")}, {"channel", "phone"}, {"family_name", "雇用"},
                       {"given_name", "太郎"}, {"job_seeker_number", "12345-12345678"}});
  EXPECT_EQ(by_phone.status, 201) << by_phone.body.dump();

  // Staff lift it, with a reason; online booking works again.
  auto no_reason = api("POST", "/api/v1/staff/reservations/" + thursday + "/online-booking", staff_token(),
                       {{"refused", false}, {"reason", ""}});
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_TRUE(no_reason.body["fields"].contains("reason"));
  auto lifted = api("POST", "/api/v1/staff/reservations/" + thursday + "/online-booking", staff_token(),
                    {{"refused", false}, {"reason", "本人から事情を聴取した"}});
  ASSERT_EQ(lifted.status, 200) << lifted.body.dump();
  EXPECT_FALSE(lifted.body["standing"]["refused"].get<bool>());
  EXPECT_EQ(lifted.body["standing"]["no_shows"], 0);
  const std::string monday = book_online(token, slot("20260309", "1100"));
  ASSERT_FALSE(monday.empty());

  // One more no-show after the lift is not yet two; the Friday booking by phone, missed too, makes two.
  harness_.now = jst(2026, 3, 9, 11, 10, 0);
  standing = staff_view(monday)["standing"];
  EXPECT_TRUE(standing["refused"].get<bool>());
  EXPECT_EQ(standing["no_shows"], 2);

  // Staff can also refuse outright, whatever the count.
  api("POST", "/api/v1/staff/reservations/" + monday + "/online-booking", staff_token(),
      {{"refused", false}, {"reason", "再開"}});
  EXPECT_FALSE(staff_view(monday)["standing"]["refused"].get<bool>());
  auto set = api("POST", "/api/v1/staff/reservations/" + monday + "/online-booking", staff_token(),
                 {{"refused", true}, {"reason", "無断キャンセルが続いたため"}});
  EXPECT_TRUE(set.body["standing"]["refused"].get<bool>());
  EXPECT_EQ(set.body["standing"]["decision"]["reason"], "無断キャンセルが続いたため");
  EXPECT_EQ(set.body["standing"]["decision"]["by"], "品川 職員");
  EXPECT_EQ(api("POST", "/api/v1/holds", job_seeker_token(), {{"slot_id", slot("20260312", "1100")}}).status, 409);
}

TEST_P(StaffRulesTest, HostileInputOnTheStaffSideNeverCausesA500) {
  auto booked = api("POST", "/api/v1/staff/reservations", staff_token(),
                    {{"slot_id", slot("20260303", "1000")}, {"channel", "counter"}, {"family_name", "窓口"},
                     {"given_name", "太郎"}, {"job_seeker_number", "22222-22222222"}});
  ASSERT_EQ(booked.status, 201) << booked.body.dump();
  const std::string number = booked.body["number"];
  const std::string token = staff_token();
  const std::string huge(5000, 'x');
  const std::vector<nlohmann::json> bodies = {
      nullptr, "text", 42, nlohmann::json::array(), {{"reason", 5}}, {{"status", nullptr}}, {{"refused", "yes"}},
      {{"slot_id", "1-99999999-9999"}}, {{"slot_id", "abc"}}, {{"slot_id", slot("20260307", "1000")}},  // a Saturday
      {{"meeting_id", huge}, {"passcode", huge}, {"join_url", "javascript:alert(1)"}}, {{"generate", "true"}},
      {{"family_name", huge}, {"reason", huge}, {"topics", {1, nullptr, "x"}}}, {{"email", "@@"}, {"channel", "fax"}}};
  const std::vector<std::pair<std::string, std::string>> calls = {
      {"POST", "/api/v1/staff/reservations"},
      {"PATCH", "/api/v1/staff/reservations/" + number},
      {"POST", "/api/v1/staff/reservations/" + number + "/withdrawal"},
      {"PUT", "/api/v1/staff/reservations/" + number + "/meeting"},
      {"POST", "/api/v1/staff/reservations/" + number + "/attendance"},
      {"POST", "/api/v1/staff/reservations/" + number + "/online-booking"}};
  for (const auto& [method, path] : calls) {
    for (const auto& body : bodies) {
      auto r = api(method, path, token, body);
      EXPECT_LT(r.status, 500) << method << " " << path << " " << body.dump();
      EXPECT_GE(r.status, 200);
    }
  }
  for (const std::string& target : std::vector<std::string>{
           "/api/v1/staff/offices/13040/reservations?date=2026-02-30", "/api/v1/staff/offices/13040/reservations?from=x",
        "/api/v1/staff/offices/13040/reservations?from=2026-03-10&to=2026-03-01",
        "/api/v1/staff/offices/13040/reservations?from=0001-01-01&to=9999-12-31",
        "/api/v1/staff/offices/13040/reservations?q=" + huge, "/api/v1/staff/offices/13040/reservations?q=%25_%21",
        "/api/v1/staff/offices/13040/accounts?q=%00", "/api/v1/staff/offices/%00/reservations",
        "/api/v1/staff/reservations/' OR 1=1 --", "/api/v1/staff/reservations/" + huge}) {
    auto r = api("GET", target, token);
    EXPECT_LT(r.status, 500) << target;
  }
  // The pages: a signed-in staff browser.
  WebHarness::Browser browser(harness_);
  browser.get("/staff/login");
  browser.post("/staff/login", {{"email", "clerk@example.jp"}, {"password", password}});
  browser.get("/staff/login/otp");
  harness_.now += 30;  // the API's sign-in used this moment's code
  ASSERT_EQ(browser.post("/staff/login/otp", {{"code", services::totp_code(staff_secret, harness_.now)}}).status, 303);
  for (const std::string& target : std::vector<std::string>{
           "/staff/offices/13040?date=9999-99-99", "/staff/offices/13040?date=0001-01-01", "/staff/offices/13040/week?from=x",
        "/staff/offices/13040/search?q=" + huge, "/staff/offices/13040/search?q=", "/staff/offices/13040/book?slot=%ff",
        "/staff/offices/13040/book?slot=" + slot("20260302", "0800"), "/staff/offices/13040/book?account=%E3%81",
        "/staff/reservations/" + number + "/edit?date=garbage", "/staff/reservations/nope"}) {
    auto r = browser.get(target);
    EXPECT_LT(r.status, 500) << target;
  }
  for (const auto& [target, fields] : std::vector<std::pair<std::string, std::map<std::string, std::string>>>{
           {"/staff/offices/13040/book", {{"slot_id", "x"}, {"channel", "phone"}}},
           {"/staff/offices/13040/book", {{"slot_id", slot("20260303", "1000")}, {"family_name", huge}}},
           {"/staff/reservations/" + number + "/meeting", {{"meeting_id", "１２３"}, {"action", "save"}}},
           {"/staff/reservations/" + number + "/attendance", {{"status", "maybe"}}},
           {"/staff/reservations/" + number + "/online-booking", {{"refused", "1"}}},
           {"/staff/reservations/" + number + "/edit", {{"slot_id", "zzz"}, {"reason", "理由"}}},
           {"/staff/reservations/" + number + "/withdraw", {{"reason", ""}}}}) {
    auto r = browser.post(target, fields);
    EXPECT_LT(r.status, 500) << target;
    EXPECT_NE(r.status, 403) << target << ": the CSRF token was sent";
  }
  // Nothing above changed the booking.
  harness_.now += 30;  // the browser used that moment's code
  auto after = staff_view(number);
  EXPECT_EQ(after["status"], "confirmed");
  EXPECT_TRUE(after["meeting"].is_null());
  EXPECT_EQ(after["family_name"], "窓口");
}

INSTANTIATE_TEST_SUITE_P(Databases, StaffRulesTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace yoyaku::testing
