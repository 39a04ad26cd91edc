// After booking, through the JSON API: 予約内容照会, 詳細, 修正 (fields and a
// new date, atomically), 取下げ, deadlines in JST, .ics and the meeting window.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>

#include "db/database.hpp"
#include "domain/dates.hpp"
#include "store/accounts.hpp"
#include "store/audit.hpp"
#include "store/catalog.hpp"
#include "store/notices.hpp"
#include "store/outbox.hpp"
#include "store/reservations.hpp"
#include "support/http_client.hpp"
#include "support/processes.hpp"
#include "support/test_databases.hpp"

namespace yoyaku::testing {
namespace {

const std::string password = "Kinmokusei-2026-aki";

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class ReservationsTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<TestDatabase>(GetParam());
    prepare_database(database_->url());
    for (const char* email : {"a@example.jp", "b@example.jp", "c@example.jp"}) {
      ASSERT_EQ(run_yoyaku({"create-user", "--db", database_->url(), "--email", email, "--password", password,
                            "--family-name", "雇用", "--given-name", "太郎", "--job-seeker-number", "12345-12345678",
                            "--phone", "0312345678"})
                    .exit_code,
                0);
    }
    server_ = std::make_unique<ServerProcess>(database_->url());
    db_ = db::connect(database_->url());
    for (const char* email : {"a@example.jp", "b@example.jp", "c@example.jp"}) {
      auto r = http_request("POST", url("/api/v1/sessions"), {{"Content-Type", "application/json"}},
                            nlohmann::json{{"email", email}, {"password", password}}.dump());
      tokens_.push_back(nlohmann::json::parse(r.body)["token"]);
    }
    auto search = nlohmann::json::parse(http_get(url("/api/v1/procedures?q=13040&kind=job_consultation")).body);
    procedure_ = search["items"][0]["id"];
    auto calendar = nlohmann::json::parse(
        http_get(url("/api/v1/procedures/" + std::to_string(procedure_) + "/calendar?days=30")).body);
    for (const auto& day : calendar["facilities"][0]["frames"][0]["days"]) {
      if (day["status"] == "available") open_days_.push_back(day["date"]);
    }
    ASSERT_GE(open_days_.size(), 6u);
  }
  std::string url(const std::string& path) const { return server_->base_url() + path; }
  HttpResponse call(const std::string& method, const std::string& path, int who,
                    const nlohmann::json& body = nlohmann::json::object()) {
    return http_request(method, url(path), {{"Authorization", "Bearer " + tokens_[who]}, {"Content-Type", "application/json"}},
                        body.dump());
  }
  std::string slot_on(const std::string& date, int index) {
    auto slots = nlohmann::json::parse(
        http_get(url("/api/v1/procedures/" + std::to_string(procedure_) + "/slots?date=" + date)).body);
    return slots[index]["id"];
  }
  std::string hold(int who, const std::string& slot) {
    auto r = call("POST", "/api/v1/holds", who, {{"slot_id", slot}});
    EXPECT_EQ(r.status, 201) << r.body;
    return nlohmann::json::parse(r.body)["hold_id"];
  }
  std::string book(int who, const std::string& slot) {
    auto r = call("POST", "/api/v1/reservations", who,
                  {{"hold_id", hold(who, slot)}, {"agreed_to_terms", true}, {"family_name", "雇用"},
                   {"given_name", "太郎"}, {"job_seeker_number", "12345-12345678"}, {"phone", "0312345678"},
                   {"topics", {"consultation"}}});
    EXPECT_EQ(r.status, 201) << r.body;
    return nlohmann::json::parse(r.body)["number"];
  }
  nlohmann::json detail(int who, const std::string& number) {
    return nlohmann::json::parse(call("GET", "/api/v1/reservations/" + number, who).body);
  }
  int taken(const std::string& slot) {
    auto date = slot.substr(slot.find('-') + 1, 8);
    auto iso = date.substr(0, 4) + "-" + date.substr(4, 2) + "-" + date.substr(6, 2);
    int minute = std::stoi(slot.substr(slot.size() - 4, 2)) * 60 + std::stoi(slot.substr(slot.size() - 2));
    auto row = db_->query_one("SELECT taken FROM slots WHERE slot_date = ? AND start_minute = ?", {iso, std::int64_t{minute}});
    return row ? static_cast<int>(row->integer(0)) : 0;
  }
  // Moves a reservation's interview to `date` (to test deadlines that depend on today).
  void move_interview(const std::string& number, const std::string& date) {
    db_->query("UPDATE slots SET slot_date = ? WHERE id = (SELECT slot_id FROM reservations WHERE number = ?)", {date, number});
  }
  std::string today_plus(int days) {
    return domain::to_iso(domain::add_days(domain::jst_date_of(unix_now()), days));
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<db::Connection> db_;
  std::vector<std::string> tokens_;
  std::int64_t procedure_ = 0;
  std::vector<std::string> open_days_;
};

TEST_P(ReservationsTest, TheListShowsOnlyOwnBookingsWithSearchSortAndPages) {
  std::vector<std::string> mine;
  for (int i = 0; i < 22; ++i) mine.push_back(book(0, slot_on(open_days_[3 + i / 11], i % 11)));  // 11 slots a day
  std::string theirs = book(1, slot_on(open_days_[5], 0));
  auto first = nlohmann::json::parse(call("GET", "/api/v1/reservations", 0).body);
  EXPECT_EQ(first["total"], 22);
  EXPECT_EQ(first["per_page"], 20);
  EXPECT_EQ(first["pages"], 2);
  EXPECT_EQ(first["items"].size(), 20u);
  EXPECT_EQ(first["items"][0]["number"], mine.back());  // 申込日時 降順
  auto second = nlohmann::json::parse(call("GET", "/api/v1/reservations?page=2", 0).body);
  EXPECT_EQ(second["items"].size(), 2u);
  auto ascending = nlohmann::json::parse(call("GET", "/api/v1/reservations?sort=applied_at_asc", 0).body);
  EXPECT_EQ(ascending["items"][0]["number"], mine.front());
  for (const auto& item : first["items"]) EXPECT_NE(item["number"], theirs);
  auto by_number = nlohmann::json::parse(call("GET", "/api/v1/reservations?number=" + mine[3], 0).body);
  EXPECT_EQ(by_number["total"], 1);
  EXPECT_EQ(nlohmann::json::parse(call("GET", "/api/v1/reservations?number=" + theirs, 0).body)["total"], 0);
  auto by_title = nlohmann::json::parse(call("GET", "/api/v1/reservations?procedure=%E5%93%81%E5%B7%9D", 0).body);
  EXPECT_EQ(by_title["total"], 22);
  auto by_day = nlohmann::json::parse(call("GET", "/api/v1/reservations?applied_on=" + today_plus(0), 0).body);
  EXPECT_EQ(by_day["total"], 22);
  EXPECT_EQ(nlohmann::json::parse(call("GET", "/api/v1/reservations?applied_on=2020-01-01", 0).body)["total"], 0);
  // Another user's number answers 404, not 403; so does the HTML page.
  EXPECT_EQ(call("GET", "/api/v1/reservations/" + theirs, 0).status, 404);
  EXPECT_EQ(call("POST", "/api/v1/reservations/" + theirs + "/withdrawal", 0, {{"reason", "x"}}).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/reservations/" + theirs + "/calendar.ics", 0).status, 404);
}

TEST_P(ReservationsTest, AChangeOfDateMovesTheSeatInOneTransactionAndIsRecorded) {
  const std::string old_slot = slot_on(open_days_[4], 2);
  const std::string number = book(0, old_slot);
  EXPECT_EQ(taken(old_slot), 1);
  const std::string new_slot = slot_on(open_days_[5], 7);
  auto changed = call("PATCH", "/api/v1/reservations/" + number, 0,
                      {{"hold_id", hold(0, new_slot)}, {"phone", "090-9999-8888"}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  auto body = nlohmann::json::parse(changed.body);
  EXPECT_EQ(body["slot"]["id"], new_slot);
  EXPECT_EQ(body["phone"], "090-9999-8888");
  EXPECT_EQ(body["family_name"], "雇用");  // untouched fields stay
  EXPECT_EQ(taken(old_slot), 0);             // the old seat is free again
  EXPECT_EQ(taken(new_slot), 1);
  ASSERT_EQ(body["history"].size(), 2u);
  EXPECT_EQ(body["history"][0]["action_text"], "修正");  // newest first
  EXPECT_EQ(body["history"][1]["action_text"], "申込");
  auto mails = store::list_outbox(*db_, "", 5);
  EXPECT_EQ(mails.front().subject, "ハローワーク：予約内容を変更しました");
  EXPECT_NE(mails.front().body.find("予約日時"), std::string::npos);

  // A change whose new hold lapsed changes nothing at all.
  const std::string third = slot_on(open_days_[5], 9);
  const std::string lapsing = hold(0, third);
  db_->query("UPDATE holds SET expires_at = expires_at - 3601 WHERE public_id = ?", {lapsing});
  auto failed = call("PATCH", "/api/v1/reservations/" + number, 0, {{"hold_id", lapsing}, {"given_name", "次郎"}});
  EXPECT_EQ(failed.status, 409);
  auto unchanged = detail(0, number);
  EXPECT_EQ(unchanged["slot"]["id"], new_slot);
  EXPECT_EQ(unchanged["given_name"], "太郎");
  EXPECT_EQ(taken(new_slot), 1);
}

TEST_P(ReservationsTest, AChangeLosingTheRaceForTheLastSeatLeavesTheBookingAsItWas) {
  const std::string mine = slot_on(open_days_[3], 0);
  const std::string number = book(0, mine);
  const std::string contested = slot_on(open_days_[3], 5);
  hold(1, contested);
  hold(2, contested);  // now full
  auto refused = call("POST", "/api/v1/holds", 0, {{"slot_id", contested}});
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(detail(0, number)["slot"]["id"], mine);
  EXPECT_EQ(taken(mine), 1);
  EXPECT_EQ(taken(contested), 2);
}

TEST_P(ReservationsTest, ChangesCloseAtTheDeadlineAndSameDayWithdrawalIsByPhone) {
  const std::string number = book(0, slot_on(open_days_[4], 3));
  EXPECT_TRUE(detail(0, number)["can_modify"].get<bool>());
  // The interview is tomorrow: yesterday 23:59 JST was the deadline.
  move_interview(number, today_plus(1));
  auto late = detail(0, number);
  EXPECT_FALSE(late["can_modify"].get<bool>());
  EXPECT_TRUE(late["can_withdraw"].get<bool>());
  EXPECT_EQ(late["change_deadline"].get<std::string>().substr(0, 10), today_plus(-1));
  EXPECT_EQ(late["change_deadline"].get<std::string>().substr(10), "T23:59:59+09:00");
  auto refused = call("PATCH", "/api/v1/reservations/" + number, 0, {{"phone", "0120000000"}});
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(nlohmann::json::parse(refused.body)["error"], "deadline_passed");
  // In two days: today 23:59:59 JST is still in time.
  move_interview(number, today_plus(2));
  EXPECT_TRUE(detail(0, number)["can_modify"].get<bool>());
  EXPECT_EQ(call("PATCH", "/api/v1/reservations/" + number, 0, {{"phone", "0120000000"}}).status, 200);
  // On the day itself, withdrawing online is refused with the office's phone.
  move_interview(number, today_plus(0));
  auto same_day = call("POST", "/api/v1/reservations/" + number + "/withdrawal", 0, {{"reason", "体調不良のため"}});
  EXPECT_EQ(same_day.status, 409);
  auto message = nlohmann::json::parse(same_day.body)["message"].get<std::string>();
  EXPECT_NE(message.find("お電話のみ"), std::string::npos);
  EXPECT_NE(message.find("0570-028-609"), std::string::npos);
  EXPECT_EQ(detail(0, number)["status"], "confirmed");
}

TEST_P(ReservationsTest, WithdrawalNeedsAReasonOfAtMost2000CharactersAndFreesTheSeat) {
  const std::string slot = slot_on(open_days_[4], 4);
  const std::string number = book(0, slot);
  auto path = "/api/v1/reservations/" + number + "/withdrawal";
  EXPECT_EQ(call("POST", path, 0, {{"reason", "  　 "}}).status, 422);
  std::string too_long;
  for (int i = 0; i < 2001; ++i) too_long += "取";  // 2,001 characters, 6,003 bytes
  auto rejected = call("POST", path, 0, {{"reason", too_long}});
  EXPECT_EQ(rejected.status, 422);
  EXPECT_NE(nlohmann::json::parse(rejected.body)["fields"]["reason"].get<std::string>().find("2000文字以内"),
            std::string::npos);
  EXPECT_EQ(detail(0, number)["status"], "confirmed");
  std::string exactly(too_long.substr(3));  // 2,000 characters
  auto done = call("POST", path, 0, {{"reason", exactly}});
  ASSERT_EQ(done.status, 200) << done.body;
  auto body = nlohmann::json::parse(done.body);
  EXPECT_EQ(body["status"], "withdrawn");
  EXPECT_EQ(body["status_text"], "取下げ");
  EXPECT_EQ(body["withdrawal_reason"].get<std::string>().size(), exactly.size());
  EXPECT_EQ(body["history"][0]["action_text"], "取下げ");
  EXPECT_FALSE(body["can_modify"].get<bool>());
  EXPECT_EQ(taken(slot), 0);
  EXPECT_EQ(store::list_outbox(*db_, "", 1).front().subject, "ハローワーク：予約を取下げました");
  EXPECT_EQ(call("POST", path, 0, {{"reason", "again"}}).status, 404);
  auto ics = call("GET", "/api/v1/reservations/" + number + "/calendar.ics", 0);
  EXPECT_NE(ics.body.find("STATUS:CANCELLED"), std::string::npos);
}

TEST_P(ReservationsTest, TheCalendarFileIsInTokyoTimeAndTheMeetingShowsShortlyBefore) {
  const std::string number = book(0, slot_on(open_days_[4], 8));  // 14:00–14:30
  auto ics = call("GET", "/api/v1/reservations/" + number + "/calendar.ics", 0);
  EXPECT_EQ(ics.status, 200);
  EXPECT_EQ(ics.header("content-type"), "text/calendar; charset=utf-8");
  std::string compact = open_days_[4].substr(0, 4) + open_days_[4].substr(5, 2) + open_days_[4].substr(8, 2);
  EXPECT_NE(ics.body.find("DTSTART;TZID=Asia/Tokyo:" + compact + "T140000\r\n"), std::string::npos) << ics.body;
  EXPECT_NE(ics.body.find("DTEND;TZID=Asia/Tokyo:" + compact + "T143000\r\n"), std::string::npos);
  EXPECT_NE(ics.body.find("STATUS:CONFIRMED"), std::string::npos);
  EXPECT_NE(ics.body.find("SEQUENCE:0"), std::string::npos);
  EXPECT_NE(ics.body.find("UID:" + number + "@yoyaku"), std::string::npos);
  for (std::size_t start = 0; start < ics.body.size();) {  // every line ≤ 75 octets
    auto end = ics.body.find("\r\n", start);
    EXPECT_LE(end - start, 75u);
    start = end + 2;
  }
  EXPECT_TRUE(detail(0, number)["meeting"].is_null());  // until staff set it

  db_->query("UPDATE reservations SET meeting_id = '123 4567 8901', meeting_passcode = 'abc123',"
             " meeting_url = 'https://zoom.us/j/12345678901' WHERE number = ?",
             {number});
  auto later = detail(0, number)["meeting"];
  EXPECT_FALSE(later["open"].get<bool>());
  EXPECT_FALSE(later.contains("passcode"));
  EXPECT_NE(call("GET", "/api/v1/reservations/" + number + "/calendar.ics", 0).body.find("https://zoom.us/j/12345678901"),
            std::string::npos);
  // Now is within 15 minutes before the start.
  auto jst = domain::to_jst(unix_now() + 10 * 60);
  db_->query("UPDATE slots SET slot_date = ?, start_minute = ?, end_minute = ? WHERE id = (SELECT slot_id FROM reservations WHERE number = ?)",
             {domain::to_iso(jst.date), std::int64_t{jst.hour * 60 + jst.minute}, std::int64_t{jst.hour * 60 + jst.minute + 30}, number});
  auto now_open = detail(0, number)["meeting"];
  EXPECT_TRUE(now_open["open"].get<bool>());
  EXPECT_EQ(now_open["id"], "123 4567 8901");
  EXPECT_EQ(now_open["passcode"], "abc123");
  EXPECT_EQ(now_open["display_name"], "12345-12345678 雇用 太郎");

  // How early the link shows is set per procedure.
  auto later_start = domain::to_jst(unix_now() + 45 * 60);
  db_->query("UPDATE slots SET slot_date = ?, start_minute = ?, end_minute = ? WHERE id = (SELECT slot_id FROM reservations WHERE number = ?)",
             {domain::to_iso(later_start.date), std::int64_t{later_start.hour * 60 + later_start.minute},
              std::int64_t{later_start.hour * 60 + later_start.minute + 30}, number});
  EXPECT_FALSE(detail(0, number)["meeting"]["open"].get<bool>());
  db_->query("UPDATE procedures SET meeting_link_minutes_before = 60 WHERE id = ?", {procedure_});
  EXPECT_TRUE(detail(0, number)["meeting"]["open"].get<bool>());
}

INSTANTIATE_TEST_SUITE_P(Databases, ReservationsTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace yoyaku::testing
