// Time rules through the web layer, with the application's clock set by the
// test: the change deadline and same-day withdrawal at their exact seconds,
// a 60-minute hold lapsing, a login session idling out.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "services/identity/accounts.hpp"
#include "store/catalog.hpp"
#include "web/web_harness.hpp"

namespace yoyaku::testing {
namespace {

const std::string password = "long-password-1";

class TimeRulesTest : public ::testing::Test {
 protected:
  // Monday 2026-03-02 10:00 JST; the interview is Thursday 2026-03-05 14:00.
  TimeRulesTest() : harness_(jst(2026, 3, 2, 10, 0)) {
    services::create_verified_user(harness_.db(), {"taro@example.jp", std::nullopt, password, "雇用", "太郎",
                                                   "12345-12345678", "0312345678"},
                                   harness_.now);
    procedure_ = harness_.procedure_id("13040");
    frame_ = store::frames_of_procedure(harness_.db(), procedure_).front().frame.id;
  }

  WebHarness::Browser signed_in() { return harness_.signed_in("taro@example.jp", password); }
  std::string slot(const std::string& yyyymmdd, const std::string& hhmm) {
    return std::to_string(frame_) + "-" + yyyymmdd + "-" + hhmm;
  }
  // 「予約する」: the hold's id.
  std::string hold(WebHarness::Browser& browser, const std::string& slot_id) {
    browser.get("/procedures/" + std::to_string(procedure_) + "/days/2026-03-05");
    auto held = browser.post("/procedures/" + std::to_string(procedure_) + "/hold", {{"slot_id", slot_id}});
    EXPECT_EQ(held.status, 303) << held.body;
    std::string location = held.header("Location").value_or("");
    EXPECT_EQ(location.rfind("/bookings/", 0), 0u) << location;
    return location.substr(10, location.find('/', 10) - 10);
  }
  // STEP4–7: the reservation number.
  std::string book(WebHarness::Browser& browser, const std::string& slot_id) {
    const std::string id = hold(browser, slot_id);
    browser.get("/bookings/" + id + "/terms");
    EXPECT_EQ(browser.post("/bookings/" + id + "/terms", {}).status, 303);
    browser.get("/bookings/" + id + "/form");
    auto done = browser.post("/bookings/" + id + "/submit",
                             {{"family_name", "雇用"}, {"given_name", "太郎"}, {"job_seeker_number", "12345-12345678"},
                              {"phone", "0312345678"}, {"topics", "consultation"}});
    EXPECT_EQ(done.status, 303) << done.body;
    std::string location = done.header("Location").value_or("");
    return location.substr(location.find("number=") + 7);
  }
  int seats_left(const std::string& slot_id) {
    WebHarness::Browser anyone(harness_);
    auto slots = nlohmann::json::parse(
        anyone.get("/api/v1/procedures/" + std::to_string(procedure_) + "/slots?date=2026-03-05").body);
    for (const auto& s : slots) {
      if (s["id"] == slot_id) return s["available"];
    }
    ADD_FAILURE() << "no slot " << slot_id;
    return -1;
  }

  WebHarness harness_;
  std::int64_t procedure_ = 0;
  std::int64_t frame_ = 0;
};

TEST_F(TimeRulesTest, ChangesCloseAt2359TwoDaysBeforeAndWithdrawalOnTheDayIsByPhone) {
  auto browser = signed_in();
  const std::string number = book(browser, slot("20260305", "1400"));
  ASSERT_EQ(number.size(), 15u);
  EXPECT_EQ(seats_left(slot("20260305", "1400")), 1);
  const std::string detail = "/reservations/" + number;

  harness_.now = jst(2026, 3, 3, 23, 59, 59);  // the last second of the deadline
  auto last_second = signed_in();
  auto page = last_second.get(detail);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("href=\"" + detail + "/edit\""), std::string::npos);
  EXPECT_NE(page.body.find("href=\"" + detail + "/withdraw\""), std::string::npos);
  EXPECT_EQ(page.body.find("受付期限を過ぎています"), std::string::npos);
  EXPECT_EQ(last_second.get(detail + "/edit").status, 200);

  harness_.now = jst(2026, 3, 4, 0, 0, 0);  // one second later
  auto after = signed_in();
  page = after.get(detail);
  EXPECT_EQ(page.body.find("href=\"" + detail + "/edit\""), std::string::npos);
  EXPECT_NE(page.body.find("変更の受付期限（2026年03月03日 23時59分）を過ぎています"), std::string::npos);
  // The box does not contradict the buttons: 取下げる is still there, and the box says so.
  EXPECT_NE(page.body.find("面談日の前日まで「取下げる」から行えます"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"" + detail + "/withdraw\""), std::string::npos);  // still the day before
  auto edit = after.get(detail + "/edit");
  EXPECT_EQ(edit.status, 303);
  EXPECT_EQ(edit.header("Location"), detail);

  harness_.now = jst(2026, 3, 5, 0, 0, 0);  // the day of the interview
  auto on_the_day = signed_in();
  page = on_the_day.get(detail);
  EXPECT_NE(page.body.find("本日が面談日です"), std::string::npos);
  EXPECT_EQ(page.body.find("href=\"" + detail + "/withdraw\""), std::string::npos);
  EXPECT_EQ(on_the_day.get(detail + "/withdraw").status, 303);
}

TEST_F(TimeRulesTest, AHoldLapsesSixtyMinutesAfterItWasPlacedAndItsSeatIsFreeAgain) {
  auto browser = signed_in();
  const std::string start = slot("20260305", "1000");
  const std::string id = hold(browser, start);
  EXPECT_EQ(seats_left(start), 1);
  const std::int64_t placed = harness_.now;
  // Requests keep the login session alive meanwhile (30 minutes idle).
  harness_.now = placed + 25 * 60;
  EXPECT_EQ(browser.get("/bookings/" + id + "/terms").status, 200);
  harness_.now = placed + 50 * 60;
  EXPECT_EQ(browser.get("/bookings/" + id + "/terms").status, 200);
  harness_.now = placed + 3599;
  auto last = browser.get("/bookings/" + id + "/terms");
  EXPECT_EQ(last.status, 200);
  EXPECT_NE(last.body.find("仮予約"), std::string::npos);
  EXPECT_EQ(seats_left(start), 1);

  harness_.now = placed + 3600;
  auto lapsed = browser.get("/bookings/" + id + "/terms");
  EXPECT_EQ(lapsed.status, 410);
  EXPECT_NE(lapsed.body.find("仮予約の有効期限が切れました"), std::string::npos);
  EXPECT_NE(lapsed.body.find("/procedures/" + std::to_string(procedure_)), std::string::npos);
  EXPECT_EQ(seats_left(start), 2);  // no background job needed
  auto submit = browser.post("/bookings/" + id + "/submit", {{"family_name", "雇用"}, {"given_name", "太郎"},
                                                             {"job_seeker_number", "12345-12345678"}});
  EXPECT_EQ(submit.status, 409);
}

TEST_F(TimeRulesTest, 延長するGivesTheHoldAnotherSixtyMinutesFromNow) {
  auto browser = signed_in();
  const std::string id = hold(browser, slot("20260305", "1030"));
  harness_.now += 20 * 60;
  browser.get("/bookings/" + id + "/terms");
  EXPECT_EQ(browser.post("/bookings/" + id + "/extend", {}).status, 303);
  harness_.now += 25 * 60;
  browser.get("/bookings/" + id + "/terms");
  harness_.now += 25 * 60;  // 70 minutes after the hold, 50 after 延長する
  auto page = browser.get("/bookings/" + id + "/terms");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("2026年03月02日(月)11時20分</strong>まで有効"), std::string::npos) << "10:20 + 60 minutes";
}

TEST_F(TimeRulesTest, 延長するMovesTheSessionsDeadlineEvenWithinTheMinuteOfTheLastWrite) {
  auto browser = signed_in();
  const auto deadline = [&] {
    return harness_.db().query_one("SELECT MAX(idle_expires_at) FROM login_sessions WHERE ended_at IS NULL")->integer(0);
  };
  const std::int64_t signed_in_at = harness_.now;
  harness_.now += 30;  // a request now leaves the deadline alone: it would move by less than a minute
  EXPECT_EQ(browser.get("/account").status, 200);
  EXPECT_LE(deadline(), signed_in_at + 30 * 60);
  browser.get("/session/extend");
  EXPECT_EQ(browser.post("/session/extend", {{"return_to", "/account"}}).status, 303);
  EXPECT_EQ(deadline(), harness_.now + 30 * 60);
}

TEST_F(TimeRulesTest, 操作時間を延長するFromTheMenuExtendsTheHoldToo) {
  auto browser = signed_in();
  const std::string id = hold(browser, slot("20260305", "1100"));
  harness_.now += 25 * 60;
  auto page = browser.get("/bookings/" + id + "/terms");
  // The banner says what the manual says.
  EXPECT_NE(page.body.find("申込完了まで時間が必要な場合は、「操作時間を延長する」メニュー内の「延長する」ボタンをクリックしてください。"),
            std::string::npos);
  browser.get("/session/extend");
  EXPECT_EQ(browser.post("/session/extend", {{"return_to", "/bookings/" + id + "/terms"}}).status, 303);
  harness_.now += 25 * 60;
  browser.get("/account");  // keeps the login session alive
  harness_.now += 25 * 60;  // 75 minutes after the hold, 50 after 延長する
  auto later = browser.get("/bookings/" + id + "/terms");
  EXPECT_EQ(later.status, 200);
  EXPECT_NE(later.body.find("2026年03月02日(月)11時25分</strong>まで有効"), std::string::npos);
}

TEST_F(TimeRulesTest, TheCalendarOpensTheDayAfterTomorrow) {
  WebHarness::Browser anyone(harness_);
  auto calendar = nlohmann::json::parse(
      anyone.get("/api/v1/procedures/" + std::to_string(procedure_) + "/calendar?from=2026-03-02&days=4").body);
  auto days = calendar["facilities"][0]["frames"][0]["days"];
  EXPECT_EQ(days[0]["status"], "closed");     // today, Monday
  EXPECT_EQ(days[1]["status"], "closed");     // tomorrow
  EXPECT_EQ(days[2]["status"], "available");  // the day after tomorrow
  auto slots = nlohmann::json::parse(
      anyone.get("/api/v1/procedures/" + std::to_string(procedure_) + "/slots?date=2026-03-04").body);
  ASSERT_FALSE(slots.empty());
  EXPECT_EQ(slots.back()["end"], "15:30");  // leaflet: 対応時間 10:00～15:30
}

TEST_F(TimeRulesTest, AnIdleSessionEndsThirtyMinutesAfterTheLastRequest) {
  auto browser = signed_in();
  const std::int64_t signed_in_at = harness_.now;
  harness_.now = signed_in_at + 29 * 60 + 59;
  EXPECT_EQ(browser.get("/account").status, 200);  // and the idle deadline moves
  harness_.now += 29 * 60 + 59;
  EXPECT_EQ(browser.get("/account").status, 200);
  harness_.now += 30 * 60;  // exactly 30 minutes without a request
  auto ended = browser.get("/account");
  EXPECT_EQ(ended.status, 303);
  EXPECT_EQ(ended.header("Location"), "/login?return_to=%2Faccount");
  EXPECT_FALSE(browser.cookie("yoyaku_session").has_value());
}

TEST_F(TimeRulesTest, ASessionEndsTwelveHoursAfterSignInHoweverActive) {
  auto browser = signed_in();
  const std::int64_t signed_in_at = harness_.now;
  for (int minutes = 25; minutes < 12 * 60; minutes += 25) {
    harness_.now = signed_in_at + minutes * 60;
    ASSERT_EQ(browser.get("/account").status, 200) << minutes;
  }
  harness_.now = signed_in_at + 12 * 60 * 60;
  EXPECT_EQ(browser.get("/account").status, 303);
}

}  // namespace
}  // namespace yoyaku::testing
