// 予約内容照会 in the browser over real HTTP: another user's booking is not
// there, 予約変更 through the calendar moves the booking, and the Zoom box.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <regex>

#include "db/database.hpp"
#include "domain/dates.hpp"
#include "support/browser_session.hpp"
#include "support/http_client.hpp"
#include "support/processes.hpp"
#include "support/test_databases.hpp"

namespace yoyaku::testing {
namespace {

const std::string password = "Kinmokusei-2026-aki";

class ReservationPagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = std::make_unique<TestDatabase>(Backend::sqlite);
    prepare_database(database_->url());
    for (const char* email : {"owner@example.jp", "other@example.jp"}) {
      ASSERT_EQ(run_yoyaku({"create-user", "--db", database_->url(), "--email", email, "--password", password,
                            "--family-name", "雇用", "--given-name", "太郎", "--job-seeker-number", "12345-12345678",
                            "--phone", "0312345678"})
                    .exit_code,
                0);
    }
    server_ = std::make_unique<ServerProcess>(database_->url());
    db_ = db::connect(database_->url());
  }
  BrowserSession signed_in(const std::string& email) {
    BrowserSession browser(server_->base_url());
    browser.get("/login");
    EXPECT_EQ(browser.post("/login", {{"email", email}, {"password", password}, {"return_to", "/account"}}).status, 303);
    return browser;
  }
  // Books through the pages: STEP3 「予約する」 → 同意する → form → 申込み.
  std::string book(BrowserSession& browser, const std::string& procedure, const std::string& slot) {
    browser.get("/procedures/" + procedure);
    auto held = browser.post("/procedures/" + procedure + "/hold", {{"slot_id", slot}});
    EXPECT_EQ(held.status, 303) << held.body;
    std::string terms = held.header("location");
    std::string hold_base = terms.substr(0, terms.rfind('/'));
    browser.get(terms);
    browser.post(terms, {});
    browser.get(hold_base + "/form");
    auto done = browser.post(hold_base + "/submit", {{"family_name", "雇用"}, {"given_name", "太郎"},
                                                      {"job_seeker_number", "12345-12345678"}, {"phone", "0312345678"}});
    EXPECT_EQ(done.status, 303) << done.body;
    std::string location = done.header("location");
    return location.substr(location.find("number=") + 7);
  }
  std::pair<std::string, std::vector<std::string>> procedure_and_slots() {
    auto found = nlohmann::json::parse(http_get(server_->base_url() + "/api/v1/procedures?q=13040&kind=job_consultation").body);
    std::string id = std::to_string(found["items"][0]["id"].get<std::int64_t>());
    auto calendar = nlohmann::json::parse(http_get(server_->base_url() + "/api/v1/procedures/" + id + "/calendar?days=30").body);
    std::vector<std::string> dates;
    for (const auto& d : calendar["facilities"][0]["frames"][0]["days"]) {
      if (d["status"] == "available") dates.push_back(d["date"]);
    }
    std::vector<std::string> slots;
    for (const auto& date : {dates[4], dates[6]}) {
      auto day = nlohmann::json::parse(http_get(server_->base_url() + "/api/v1/procedures/" + id + "/slots?date=" + date).body);
      slots.push_back(day[3]["id"]);
    }
    return {id, slots};
  }
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<db::Connection> db_;
};

TEST_F(ReservationPagesTest, AnotherUsersBookingIsNotFound) {
  auto [procedure, slots] = procedure_and_slots();
  auto owner = signed_in("owner@example.jp");
  const std::string number = book(owner, procedure, slots[0]);
  ASSERT_TRUE(std::regex_match(number, std::regex(R"(\d{8}-\d{6})")));
  EXPECT_EQ(owner.get("/reservations/" + number).status, 200);
  auto other = signed_in("other@example.jp");
  for (const char* suffix : {"", "/edit", "/withdraw", "/calendar.ics", "/reapply"}) {
    EXPECT_EQ(other.get("/reservations/" + number + suffix).status, 404) << suffix;
  }
  other.get("/reservations");
  EXPECT_EQ(other.post("/reservations/" + number + "/reapply", {}).status, 404);
  EXPECT_EQ(other.get("/reservations").body.find(number), std::string::npos);
  EXPECT_NE(owner.get("/reservations").body.find(number), std::string::npos);
}

TEST_F(ReservationPagesTest, ReapplyingWritesADraftOnlyFromAFormWithItsToken) {
  auto [procedure, slots] = procedure_and_slots();
  auto owner = signed_in("owner@example.jp");
  const std::string number = book(owner, procedure, slots[0]);
  const auto drafts = [&] { return db_->query_one("SELECT COUNT(*) FROM booking_drafts")->integer(0); };
  const auto before = drafts();
  // A link or an image on another site cannot do it: GET only shows the booking.
  auto shown = owner.get("/reservations/" + number + "/reapply");
  EXPECT_EQ(shown.status, 200);
  EXPECT_EQ(drafts(), before);
  EXPECT_EQ(owner.post("/reservations/" + number + "/reapply", {{"csrf_token", "forged"}}).status, 403);
  EXPECT_EQ(drafts(), before);
  auto reapplied = owner.post("/reservations/" + number + "/reapply", {});
  EXPECT_EQ(reapplied.status, 303);
  EXPECT_EQ(reapplied.header("location"), "/procedures/" + procedure);
}

TEST_F(ReservationPagesTest, 予約変更ThroughTheCalendarMovesTheBooking) {
  auto [procedure, slots] = procedure_and_slots();
  auto owner = signed_in("owner@example.jp");
  const std::string number = book(owner, procedure, slots[0]);
  owner.get("/reservations/" + number + "/edit");
  // 「変更する」 keeps the typed values and opens the calendar in change mode.
  auto to_calendar = owner.post("/reservations/" + number + "/edit",
                                {{"action", "change_date"}, {"family_name", "雇用"}, {"given_name", "次郎"},
                                 {"job_seeker_number", "12345-12345678"}, {"phone", "0312345678"}});
  EXPECT_EQ(to_calendar.status, 303);
  EXPECT_EQ(to_calendar.header("location"), "/procedures/" + procedure + "?change=" + number);
  auto calendar = owner.get(to_calendar.header("location"));
  EXPECT_NE(calendar.body.find("?change=" + number), std::string::npos);  // day links keep the mode
  auto held = owner.post("/procedures/" + procedure + "/hold?change=" + number, {{"slot_id", slots[1]}});
  ASSERT_EQ(held.status, 303);
  const std::string edit = held.header("location");
  ASSERT_EQ(edit.rfind("/reservations/" + number + "/edit?hold=", 0), 0u) << edit;
  auto form = owner.get(edit);
  EXPECT_EQ(input_value(form.body, "given_name"), "次郎");  // what was typed came back
  const std::string hold_id = input_value(form.body, "hold_id");
  ASSERT_FALSE(hold_id.empty());
  auto confirm = owner.post("/reservations/" + number + "/edit",
                            {{"action", "confirm"}, {"hold_id", hold_id}, {"family_name", "雇用"}, {"given_name", "次郎"},
                             {"job_seeker_number", "12345-12345678"}, {"phone", "0312345678"}});
  ASSERT_EQ(confirm.status, 200) << confirm.body;
  EXPECT_NE(confirm.body.find("value--changed"), std::string::npos);
  auto done = owner.post("/reservations/" + number + "/modify",
                         {{"hold_id", hold_id}, {"family_name", "雇用"}, {"given_name", "次郎"},
                          {"job_seeker_number", "12345-12345678"}, {"phone", "0312345678"}});
  EXPECT_EQ(done.status, 200);
  EXPECT_NE(done.body.find("予約内容を修正しました"), std::string::npos);
  auto row = db_->query_one(
      "SELECT r.given_name, s.slot_date FROM reservations r JOIN slots s ON s.id = r.slot_id WHERE r.number = ?", {number});
  EXPECT_EQ(row->text(0), "次郎");
  EXPECT_EQ(row->text(1), slots[1].substr(slots[1].find('-') + 1, 4) + "-" +
                              slots[1].substr(slots[1].find('-') + 5, 2) + "-" + slots[1].substr(slots[1].find('-') + 7, 2));
  auto old_seat = db_->query_one("SELECT COALESCE(SUM(taken), 0) FROM slots WHERE id NOT IN (SELECT slot_id FROM reservations)");
  EXPECT_EQ(old_seat->integer(0), 0);
}

TEST_F(ReservationPagesTest, TheZoomBoxFollowsTheMeetingWindow) {
  auto [procedure, slots] = procedure_and_slots();
  auto owner = signed_in("owner@example.jp");
  const std::string number = book(owner, procedure, slots[0]);
  EXPECT_NE(owner.get("/reservations/" + number).body.find("ハローワークからメールでお知らせします"), std::string::npos);
  db_->query("UPDATE reservations SET meeting_id = '987 6543 2100', meeting_passcode = 'pass12' WHERE number = ?", {number});
  auto before = owner.get("/reservations/" + number).body;
  EXPECT_EQ(before.find("zoommtg://"), std::string::npos);
  EXPECT_NE(before.find("987 6543 2100"), std::string::npos);
  auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  auto jst = domain::to_jst(now + 5 * 60);
  db_->query("UPDATE slots SET slot_date = ?, start_minute = ?, end_minute = ? WHERE id = (SELECT slot_id FROM reservations WHERE number = ?)",
             {domain::to_iso(jst.date), std::int64_t{jst.hour * 60 + jst.minute}, std::int64_t{jst.hour * 60 + jst.minute + 30}, number});
  auto open = owner.get("/reservations/" + number).body;
  EXPECT_NE(open.find("Zoom を起動する"), std::string::npos);
  EXPECT_NE(open.find("zoommtg://zoom.us/join?confno=98765432100&amp;pwd=pass12"), std::string::npos);
  EXPECT_NE(open.find("12345-12345678 雇用 太郎"), std::string::npos);
}

}  // namespace
}  // namespace yoyaku::testing
