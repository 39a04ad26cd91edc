// Reserving through the JSON API: search, calendar, slots, the hold's life
// (extend, cancel, lapse without any background job), booking and its mail.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <regex>
#include <set>
#include <thread>

#include "db/database.hpp"
#include "domain/dates.hpp"
#include "domain/holidays.hpp"
#include "store/accounts.hpp"
#include "store/audit.hpp"
#include "store/catalog.hpp"
#include "store/notices.hpp"
#include "store/outbox.hpp"
#include "store/reservations.hpp"
#include "support/browser_session.hpp"
#include "support/http_client.hpp"
#include "support/processes.hpp"
#include "support/test_databases.hpp"

namespace yoyaku::testing {
namespace {

const std::string password = "Kinmokusei-2026-aki";

class BookingApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<TestDatabase>(GetParam());
    prepare_database(database_->url());
    for (const auto& [email, email2] : std::vector<std::pair<std::string, std::string>>{
             {"a@example.jp", "a2@example.jp"}, {"b@example.jp", ""}}) {
      std::vector<std::string> args = {"create-user", "--db", database_->url(), "--email", email, "--password",
                                       password, "--family-name", "雇用", "--given-name", "太郎",
                                       "--job-seeker-number", "12345-12345678", "--phone", "0312345678"};
      if (!email2.empty()) args.insert(args.end(), {"--email2", email2});
      ASSERT_EQ(run_yoyaku(args).exit_code, 0);
    }
    server_ = std::make_unique<ServerProcess>(database_->url());
    db_ = db::connect(database_->url());
    token_a_ = sign_in("a@example.jp");
    token_b_ = sign_in("b@example.jp");
    procedure_ = nlohmann::json::parse(get("/api/v1/procedures?q=品川&kind=job_consultation").body)["items"][0]["id"];
  }
  std::string sign_in(const std::string& email) {
    auto r = http_request("POST", server_->base_url() + "/api/v1/sessions", {{"Content-Type", "application/json"}},
                          nlohmann::json{{"email", email}, {"password", password}}.dump());
    return nlohmann::json::parse(r.body)["token"];
  }
  HttpResponse get(const std::string& path) {
    std::string url = server_->base_url();
    for (char ch : path) {
      if (static_cast<unsigned char>(ch) >= 0x80 || ch == ' ') {
        char hex[4];
        std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned char>(ch));
        url += hex;
      } else {
        url += ch;
      }
    }
    return http_get(url);
  }
  HttpResponse call(const std::string& method, const std::string& path, const std::string& token,
                    const nlohmann::json& body = nlohmann::json::object(), const std::string& idempotency_key = "") {
    std::map<std::string, std::string> headers = {{"Authorization", "Bearer " + token},
                                                  {"Content-Type", "application/json"}};
    if (!idempotency_key.empty()) headers["Idempotency-Key"] = idempotency_key;
    return http_request(method, server_->base_url() + path, headers, body.dump());
  }
  std::int64_t count(const std::string& sql) { return db_->query_one(sql)->integer(0); }
  // The first bookable date and its slots.
  std::pair<std::string, nlohmann::json> first_open_day() {
    auto calendar = nlohmann::json::parse(
        get("/api/v1/procedures/" + std::to_string(procedure_) + "/calendar?days=14").body);
    for (const auto& day : calendar["facilities"][0]["frames"][0]["days"]) {
      if (day["status"] == "available") {
        std::string date = day["date"];
        return {date, nlohmann::json::parse(
                          get("/api/v1/procedures/" + std::to_string(procedure_) + "/slots?date=" + date).body)};
      }
    }
    ADD_FAILURE() << "no open day";
    return {};
  }
  nlohmann::json booking(const std::string& hold_id) {
    return {{"hold_id", hold_id},
            {"agreed_to_terms", true},
            {"family_name", "雇用"},
            {"given_name", "太郎"},
            {"job_seeker_number", "１２３４５－１２３４５６７８"},
            {"phone", "012-345-6789"},
            {"topics", {"consultation", "interview_practice"}},
            {"staff_note", ""}};
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<db::Connection> db_;
  std::string token_a_;
  std::string token_b_;
  std::int64_t procedure_ = 0;
};

TEST_P(BookingApiTest, SearchFindsOfficesByReadingKanaWidthMunicipalityAndSynonyms) {
  auto titles = [&](const std::string& query) {
    std::vector<std::string> result;
    auto page = nlohmann::json::parse(get("/api/v1/procedures?per_page=50&" + query).body);
    for (const auto& item : page["items"]) {
      result.push_back(item["title"]);
    }
    return result;
  };
  const std::string shinagawa = "【13040】ハローワーク品川（東京） 職業相談 面談予約";
  for (const char* q : {"q=職業相談 品川", "q=しながわ", "q=シナガワ", "q=ｼﾅｶﾞﾜ 職業相談", "q=港区 職業相談", "q=１３０４０"}) {
    auto found = titles(q);
    EXPECT_NE(std::find(found.begin(), found.end(), shinagawa), found.end()) << q;
  }
  auto ota = titles("q=大田区");
  ASSERT_FALSE(ota.empty());
  EXPECT_NE(ota[0].find("大森"), std::string::npos);
  EXPECT_TRUE(titles("q=就職相談 品川").empty());
  EXPECT_FALSE(titles("q=就職相談 品川&synonyms=1").empty());
  auto page = nlohmann::json::parse(get("/api/v1/procedures?q=&per_page=20&page=2").body);
  EXPECT_EQ(page["total"], 603);
  EXPECT_EQ(page["items"].size(), 20u);
  auto tokyo_certification = nlohmann::json::parse(get("/api/v1/procedures?pref=13&kind=unemployment_certification").body);
  for (const auto& item : tokyo_certification["items"]) EXPECT_NE(item["title"].get<std::string>().find("失業認定"), std::string::npos);
  auto ascending = nlohmann::json::parse(get("/api/v1/procedures?q=品川&sort=reception_start_asc").body)["items"];
  auto descending = nlohmann::json::parse(get("/api/v1/procedures?q=品川").body)["items"];
  EXPECT_LE(ascending[0]["reception_start"].get<std::string>(), ascending[1]["reception_start"].get<std::string>());
  EXPECT_GE(descending[0]["reception_start"].get<std::string>(), descending[1]["reception_start"].get<std::string>());
}

TEST_P(BookingApiTest, TheCalendarClosesWeekendsHolidaysAndTodayAndShowsTheProcedure) {
  auto details = nlohmann::json::parse(get("/api/v1/procedures/" + std::to_string(procedure_)).body);
  EXPECT_EQ(details["title"], "【13040】ハローワーク品川（東京） 職業相談 面談予約");
  EXPECT_EQ(details["reception_start"], "2024-08-01T08:00:00+09:00");
  EXPECT_TRUE(details["reception_end"].is_null());
  EXPECT_NE(details["terms"].get<std::string>().find("オンライン職業相談等利用規約"), std::string::npos);
  auto calendar = nlohmann::json::parse(get("/api/v1/procedures/" + std::to_string(procedure_) + "/calendar?days=100").body);
  auto today = domain::jst_date_of(std::chrono::duration_cast<std::chrono::seconds>(
                                       std::chrono::system_clock::now().time_since_epoch()).count());
  int open_days = 0;
  for (const auto& day : calendar["facilities"][0]["frames"][0]["days"]) {
    auto date = *domain::parse_iso_date(day["date"].get<std::string>());
    // The first bookable day is the day after tomorrow (manual 1.1 STEP2).
    if (domain::is_closed_day(date) || date <= domain::add_days(today, 1) || date > domain::add_days(today, 92)) {
      EXPECT_EQ(day["status"], "closed") << day["date"];
    } else {
      EXPECT_EQ(day["status"], "available") << day["date"];
      ++open_days;
    }
  }
  EXPECT_GT(open_days, 40);
  EXPECT_EQ(get("/api/v1/procedures/999999").status, 404);
  EXPECT_EQ(get("/api/v1/procedures/" + std::to_string(procedure_) + "/calendar?days=5000").status, 400);
  EXPECT_EQ(get("/api/v1/procedures/" + std::to_string(procedure_) + "/slots?date=junk").status, 400);
}

// The calendar reads only the slots with no seat left: a day is full when every start is, held seats count until
// their hold lapses, and a day whose slots were never touched stays open.
TEST_P(BookingApiTest, ACalendarDayIsFullWhileEverySlotIsHeldAndOpensWhenAHoldLapses) {
  auto [date, slots] = first_open_day();
  // One start a day, two seats (the fixture's frame): two holds fill the day.
  db_->query("UPDATE reservation_frames SET last_start_minute = first_start_minute WHERE procedure_id = ?", {procedure_});
  auto status_of = [&](const std::string& day) {
    auto calendar = nlohmann::json::parse(
        get("/api/v1/procedures/" + std::to_string(procedure_) + "/calendar?from=" + day + "&days=2").body);
    return calendar["facilities"][0]["frames"][0]["days"][0].value("status", "");
  };
  ASSERT_EQ(status_of(date), "available");
  const std::string slot = slots[0]["id"];
  ASSERT_EQ(call("POST", "/api/v1/holds", token_a_, {{"slot_id", slot}}).status, 201);
  EXPECT_EQ(status_of(date), "available");  // one seat of two left
  auto other_hold = call("POST", "/api/v1/holds", token_b_, {{"slot_id", slot}});
  ASSERT_EQ(other_hold.status, 201);
  EXPECT_EQ(status_of(date), "full");
  const std::string b_hold = nlohmann::json::parse(other_hold.body)["hold_id"];
  db_->query("UPDATE holds SET expires_at = expires_at - 3601 WHERE public_id = ?", {b_hold});
  EXPECT_EQ(status_of(date), "available");
}

TEST_P(BookingApiTest, AHoldCanBeExtendedCancelledAndLapsesWithoutABackgroundJob) {
  auto [date, slots] = first_open_day();
  ASSERT_EQ(slots.size(), 11u);  // 10:00–15:00 every 30 minutes: the last ends at 15:30 (leaflet)
  EXPECT_EQ(slots[0]["start"], "10:00");
  EXPECT_EQ(slots[10]["start"], "15:00");
  EXPECT_EQ(slots[10]["end"], "15:30");
  const std::string slot = slots[0]["id"];
  EXPECT_EQ(call("POST", "/api/v1/holds", "", {{"slot_id", slot}}).status, 401);

  auto held = call("POST", "/api/v1/holds", token_a_, {{"slot_id", slot}});
  ASSERT_EQ(held.status, 201) << held.body;
  const std::string hold = nlohmann::json::parse(held.body)["hold_id"];
  auto other_hold = call("POST", "/api/v1/holds", token_b_, {{"slot_id", slot}});
  ASSERT_EQ(other_hold.status, 201);
  // Both seats are held: the slot is full.
  auto after = nlohmann::json::parse(get("/api/v1/procedures/" + std::to_string(procedure_) + "/slots?date=" + date).body);
  EXPECT_EQ(after[0]["status"], "full");
  EXPECT_EQ(after[1]["status"], "available");
  EXPECT_EQ(call("POST", "/api/v1/holds", token_a_, {{"slot_id", slots[1]["id"]}}).status, 201);

  // One hold per user and procedure: a's new hold on slot 1 released the one on slot 0.
  EXPECT_EQ(call("GET", "/api/v1/holds/" + hold, token_a_).status, 404);
  after = nlohmann::json::parse(get("/api/v1/procedures/" + std::to_string(procedure_) + "/slots?date=" + date).body);
  EXPECT_EQ(after[0]["available"], 1);

  // b's hold lapses: its seat is free again at once, and b is told when booking.
  const std::string b_hold = nlohmann::json::parse(other_hold.body)["hold_id"];
  db_->query("UPDATE holds SET expires_at = expires_at - 3601 WHERE public_id = ?", {b_hold});
  after = nlohmann::json::parse(get("/api/v1/procedures/" + std::to_string(procedure_) + "/slots?date=" + date).body);
  EXPECT_EQ(after[0]["available"], 2);
  auto lapsed = call("POST", "/api/v1/reservations", token_b_, booking(b_hold));
  EXPECT_EQ(lapsed.status, 409);
  EXPECT_EQ(nlohmann::json::parse(lapsed.body)["error"], "hold_lapsed");
  EXPECT_EQ(call("POST", "/api/v1/holds/" + b_hold + "/extend", token_b_).status, 404);

  // Extend and cancel.
  auto again = call("POST", "/api/v1/holds", token_b_, {{"slot_id", slot}});
  const std::string b_hold2 = nlohmann::json::parse(again.body)["hold_id"];
  auto before = nlohmann::json::parse(again.body)["expires_at"].get<std::string>();
  db_->query("UPDATE holds SET expires_at = expires_at - 1800 WHERE public_id = ?", {b_hold2});
  auto extended = call("POST", "/api/v1/holds/" + b_hold2 + "/extend", token_b_);
  EXPECT_EQ(extended.status, 200);
  EXPECT_GE(nlohmann::json::parse(extended.body)["expires_at"].get<std::string>(), before);
  EXPECT_EQ(call("DELETE", "/api/v1/holds/" + b_hold2, token_a_).status, 404);  // not a's
  EXPECT_EQ(call("DELETE", "/api/v1/holds/" + b_hold2, token_b_).status, 204);
  after = nlohmann::json::parse(get("/api/v1/procedures/" + std::to_string(procedure_) + "/slots?date=" + date).body);
  EXPECT_EQ(after[0]["available"], 2);
  EXPECT_EQ(db_->query_one("SELECT taken FROM slots WHERE id = (SELECT slot_id FROM holds WHERE public_id = ?)",
                           {b_hold2})->integer(0),
            0);
}

TEST_P(BookingApiTest, BookingNormalisesTheFormNumbersTheReservationAndMailsBothAddresses) {
  auto [date, slots] = first_open_day();
  auto held = call("POST", "/api/v1/holds", token_a_, {{"slot_id", slots[8]["id"]}});
  const std::string hold = nlohmann::json::parse(held.body)["hold_id"];

  auto bad = booking(hold);
  bad["job_seeker_number"] = "12345";
  bad["phone"] = "12-34";
  bad["topics"] = {"consultation", "golf"};
  auto rejected = call("POST", "/api/v1/reservations", token_a_, bad);
  EXPECT_EQ(rejected.status, 422);
  auto errors = nlohmann::json::parse(rejected.body)["fields"];
  EXPECT_TRUE(errors.contains("job_seeker_number"));
  EXPECT_TRUE(errors.contains("phone"));
  EXPECT_TRUE(errors.contains("topics"));
  auto not_agreed = booking(hold);
  not_agreed["agreed_to_terms"] = false;
  EXPECT_EQ(call("POST", "/api/v1/reservations", token_a_, not_agreed).status, 422);
  EXPECT_EQ(call("POST", "/api/v1/reservations", token_b_, booking(hold)).status, 404);  // a's hold

  auto booked = call("POST", "/api/v1/reservations", token_a_, booking(hold));
  ASSERT_EQ(booked.status, 201) << booked.body;
  const std::string number = nlohmann::json::parse(booked.body)["number"];
  EXPECT_TRUE(std::regex_match(number, std::regex(R"(\d{8}-\d{6})")));
  EXPECT_EQ(number.substr(9), "000001");
  auto row = store::find_user_by_email(*db_, "a@example.jp");
  auto reservation = db_->query_one("SELECT job_seeker_number, phone, topics, status FROM reservations WHERE number = ?", {number});
  EXPECT_EQ(reservation->text(0), "12345-12345678");
  EXPECT_EQ(reservation->text(1), "012-345-6789");
  EXPECT_EQ(reservation->text(2), "consultation,interview_practice");
  EXPECT_EQ(reservation->text(3), "confirmed");
  auto history = db_->query_one("SELECT action FROM reservation_history WHERE reservation_id = (SELECT id FROM reservations WHERE number = ?)", {number});
  EXPECT_EQ(history->text(0), "apply");

  auto mails = store::list_outbox(*db_, "", 10);
  ASSERT_FALSE(mails.empty());
  const auto& mail = mails.front();
  EXPECT_EQ(mail.subject, "ハローワーク：予約を確定しました");
  EXPECT_EQ(mail.recipients, (std::vector<std::string>{"a@example.jp", "a2@example.jp"}));
  EXPECT_NE(mail.body.find(number), std::string::npos);
  EXPECT_NE(mail.body.find("【13040】ハローワーク品川（東京） 職業相談 面談予約"), std::string::npos);
  EXPECT_NE(mail.body.find("14時00分～14時30分"), std::string::npos) << mail.body;
  EXPECT_NE(mail.body.find("予約内容照会"), std::string::npos);
  // The hold is used up.
  EXPECT_EQ(call("POST", "/api/v1/reservations", token_a_, booking(hold)).status, 409);
}

TEST_P(BookingApiTest, EveryChangeOfABookingIsAuditedWithTheClientAddress) {
  auto [date, slots] = first_open_day();
  auto held = call("POST", "/api/v1/holds", token_a_, {{"slot_id", slots[2]["id"]}});
  ASSERT_EQ(held.status, 201) << held.body;
  auto booked = call("POST", "/api/v1/reservations", token_a_, booking(nlohmann::json::parse(held.body)["hold_id"]));
  ASSERT_EQ(booked.status, 201) << booked.body;
  const std::string number = nlohmann::json::parse(booked.body)["number"];
  ASSERT_EQ(call("PATCH", "/api/v1/reservations/" + number, token_a_, {{"phone", "03-9999-0000"}}).status, 200);
  ASSERT_EQ(call("POST", "/api/v1/reservations/" + number + "/withdrawal", token_a_, {{"reason", "都合がつかなくなりました"}})
                .status,
            200);
  for (const std::string action : {"reservation.created", "reservation.modified", "reservation.withdrawn"}) {
    auto row = db_->query_one("SELECT ip, actor_kind, office_id FROM audit_log WHERE action = ? AND target_id = ?",
                              {action, number});
    ASSERT_TRUE(row) << action;
    EXPECT_EQ(row->text(0), "127.0.0.1") << action;
    EXPECT_EQ(row->text(1), "user") << action;
    EXPECT_FALSE(row->is_null(2)) << action;
  }
}

TEST_P(BookingApiTest, TheBookingApiMovesTheSessionsIdleDeadline) {
  const auto deadline = [&] {
    return db_->query_one("SELECT MAX(idle_expires_at) FROM login_sessions WHERE ended_at IS NULL AND user_id = ?",
                          {store::find_user_by_email(*db_, "a@example.jp")->id})
        ->integer(0);
  };
  // The deadline is written when it moves by a minute or more: as if the last request was two minutes ago.
  db_->query("UPDATE login_sessions SET idle_expires_at = idle_expires_at - 120 WHERE ended_at IS NULL");
  const auto before = deadline();
  auto [date, slots] = first_open_day();
  ASSERT_EQ(call("POST", "/api/v1/holds", token_a_, {{"slot_id", slots[3]["id"]}}).status, 201);
  EXPECT_GE(deadline(), before + 120);
  // Within the minute, a request reads the session without writing it.
  db_->query("UPDATE login_sessions SET idle_expires_at = idle_expires_at - 30 WHERE ended_at IS NULL");
  const auto recent = deadline();
  ASSERT_EQ(call("GET", "/api/v1/reservations", token_a_).status, 200);
  EXPECT_EQ(deadline(), recent);
}

TEST_P(BookingApiTest, AnotherUsersHoldCannotBeCancelledNorIsItSaidToBe) {
  auto [date, slots] = first_open_day();
  auto held = call("POST", "/api/v1/holds", token_a_, {{"slot_id", slots[4]["id"]}});
  ASSERT_EQ(held.status, 201);
  const std::string hold = nlohmann::json::parse(held.body)["hold_id"];
  EXPECT_EQ(call("DELETE", "/api/v1/holds/" + hold, token_b_).status, 404);
  // The page: b is signed in with a browser and posts a's hold's 「予約をやめる」.
  BrowserSession browser(server_->base_url());
  browser.get("/login");
  ASSERT_EQ(browser.post("/login", {{"email", "b@example.jp"}, {"password", password}}).status, 303);
  browser.get("/");
  auto page = browser.post("/bookings/" + hold + "/cancel", {});
  EXPECT_EQ(page.status, 404);
  EXPECT_EQ(page.body.find("予約をやめました"), std::string::npos);
  auto row = db_->query_one("SELECT released_at FROM holds WHERE public_id = ?", {hold});
  ASSERT_TRUE(row);
  EXPECT_TRUE(row->is_null(0));  // a's seat is still held
}

// A client that lost the answer sends the same request again with the same
// Idempotency-Key: it gets the same hold and the same reservation, and nothing
// is booked twice; the same key with another body is refused.
TEST_P(BookingApiTest, ARequestSentAgainWithItsIdempotencyKeyNeverBooksTwice) {
  auto [date, slots] = first_open_day();
  const nlohmann::json hold_request = {{"slot_id", slots[6]["id"]}};
  auto first = call("POST", "/api/v1/holds", token_a_, hold_request, "hold-key-1");
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.header("idempotent-replayed"), "");
  const std::string hold = nlohmann::json::parse(first.body)["hold_id"];
  const std::string seats_sql = "SELECT taken FROM slots WHERE id = (SELECT slot_id FROM holds WHERE public_id = '" +
                                hold + "')";
  const std::int64_t taken = count(seats_sql);

  auto again = call("POST", "/api/v1/holds", token_a_, hold_request, "hold-key-1");
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.header("idempotent-replayed"), "true");
  EXPECT_EQ(nlohmann::json::parse(again.body)["hold_id"], hold);
  EXPECT_EQ(count(seats_sql), taken);
  EXPECT_EQ(count("SELECT COUNT(*) FROM holds WHERE released_at IS NULL"), 1);
  // The same key with another slot, and a malformed key: refused, nothing changes.
  auto reused = call("POST", "/api/v1/holds", token_a_, {{"slot_id", slots[7]["id"]}}, "hold-key-1");
  EXPECT_EQ(reused.status, 422);
  EXPECT_EQ(nlohmann::json::parse(reused.body)["error"], "idempotency_key_reused");
  auto malformed = call("POST", "/api/v1/holds", token_a_, {{"slot_id", slots[7]["id"]}}, std::string(256, 'k'));
  EXPECT_EQ(malformed.status, 422);
  EXPECT_EQ(count("SELECT COUNT(*) FROM holds"), 1);
  // Keys are the user's own: b's request with a's key is b's first.
  auto other = call("POST", "/api/v1/holds", token_b_, hold_request, "hold-key-1");
  ASSERT_EQ(other.status, 201);
  EXPECT_NE(nlohmann::json::parse(other.body)["hold_id"], hold);
  EXPECT_EQ(other.header("idempotent-replayed"), "");

  // The booking, three times with one key (the body's member order does not matter).
  auto body = booking(hold);
  auto booked = call("POST", "/api/v1/reservations", token_a_, body, "booking-key-1");
  ASSERT_EQ(booked.status, 201) << booked.body;
  const std::string number = nlohmann::json::parse(booked.body)["number"];
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto replayed = call("POST", "/api/v1/reservations", token_a_, body, "booking-key-1");
    ASSERT_EQ(replayed.status, 201) << replayed.body;
    EXPECT_EQ(replayed.header("idempotent-replayed"), "true");
    EXPECT_EQ(nlohmann::json::parse(replayed.body)["number"], number);
    EXPECT_EQ(nlohmann::json::parse(replayed.body)["slot"], nlohmann::json::parse(booked.body)["slot"]);
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM reservations"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM email_outbox WHERE kind = 'reservation_confirmed'"), 1);
  EXPECT_EQ(count(seats_sql), taken + 1);  // a's reservation and b's hold
  // Without a key, the used-up hold is refused as before.
  EXPECT_EQ(call("POST", "/api/v1/reservations", token_a_, body).status, 409);
}

// Twins: the same request with the same key sent on several connections at
// once (a client retrying while the first is still in flight) makes one hold.
TEST_P(BookingApiTest, ConcurrentTwinsWithOneIdempotencyKeyMakeOneHold) {
  auto [date, slots] = first_open_day();
  const nlohmann::json hold_request = {{"slot_id", slots[9]["id"]}};
  std::vector<HttpResponse> answers(6);
  std::vector<std::thread> twins;
  for (auto& answer : answers) {
    twins.emplace_back([&] { answer = call("POST", "/api/v1/holds", token_a_, hold_request, "twin-key"); });
  }
  for (auto& twin : twins) twin.join();
  std::set<std::string> holds;
  for (const auto& answer : answers) {
    ASSERT_EQ(answer.status, 201) << answer.body;
    holds.insert(nlohmann::json::parse(answer.body)["hold_id"].get<std::string>());
  }
  EXPECT_EQ(holds.size(), 1u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM holds"), 1);
}

INSTANTIATE_TEST_SUITE_P(Databases, BookingApiTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace yoyaku::testing

namespace yoyaku::testing {
namespace {

// Nothing a client sends to the booking and reservation endpoints gives a 500.
TEST(BookingHostileInputTest, MalformedRequestsNeverCauseA500) {
  TestDatabase database(Backend::sqlite);
  prepare_database(database.url());
  ASSERT_EQ(run_yoyaku({"create-user", "--db", database.url(), "--email", "h@example.jp", "--password",
                        "Kinmokusei-2026-aki", "--family-name", "雇用", "--given-name", "太郎", "--job-seeker-number",
                        "12345-12345678", "--phone", "0312345678"})
                .exit_code,
            0);
  ServerProcess server(database.url());
  auto login = http_request("POST", server.base_url() + "/api/v1/sessions", {{"Content-Type", "application/json"}},
                            R"({"email":"h@example.jp","password":"Kinmokusei-2026-aki"})");
  const std::string token = nlohmann::json::parse(login.body)["token"];
  const std::map<std::string, std::string> auth = {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};
  const std::vector<std::pair<std::string, std::string>> requests = {
      {"GET", "/procedures/abc"}, {"GET", "/procedures/0"}, {"GET", "/procedures/99999999999999999999"},
      {"GET", "/procedures/1/days/2024-13-45"}, {"GET", "/procedures/1/days/%00"}, {"GET", "/procedures/1?from=junk"},
      {"GET", "/procedures/1?from=9999-12-31"}, {"GET", "/procedures/1?from=0001-01-01"}, {"GET", "/procedures?page=-5&per_page=9999"},
      {"GET", "/procedures?q=%F0%9F%98%80%E3%80%80%E3%80%80&pref=zz&kind=%3Cscript%3E"}, {"GET", "/bookings/%3Cscript%3E/form"},
      {"GET", "/bookings//terms"}, {"GET", "/reservations/%00"}, {"GET", "/reservations/../../etc/passwd"},
      {"GET", "/api/v1/procedures/1/calendar?days=-1"}, {"GET", "/api/v1/procedures/1/calendar?from=2024-02-30"},
      {"GET", "/api/v1/procedures/1/slots?date=2024-02-29"}, {"GET", "/api/v1/procedures?page=99999&per_page=-1"},
      {"GET", "/api/v1/reservations?page=-1&per_page=100000&applied_on=junk"}, {"GET", "/api/v1/holds/xyz"},
      {"DELETE", "/api/v1/holds/xyz"}, {"POST", "/api/v1/holds/xyz/extend"}, {"PATCH", "/api/v1/reservations/x"},
      {"PUT", "/api/v1/procedures"}, {"GET", "/api/v1/reservations/20240101-000001/calendar.ics"}};
  for (const auto& [method, path] : requests) {
    auto response = http_request(method, server.base_url() + path, auth);
    EXPECT_LT(response.status, 500) << method << " " << path << "\n" << response.body;
  }
  const std::vector<std::string> bodies = {
      "", "null", "[]", "\"text\"", "{\"slot_id\": 12}", "{\"slot_id\": [\"1-20990101-1000\"]}",
      "{\"slot_id\": \"1-20990101-1000\"}", "{\"slot_id\": \"99999999999999999999-20240101-1000\"}",
      "{\"slot_id\": \"1-2024010-1000\"}", "{\"slot_id\": \"-1-20240101-1000\"}", "{\"slot_id\": \"1-20241301-2599\"}",
      "{\"hold_id\": 5, \"topics\": {\"a\": 1}, \"agreed_to_terms\": \"yes\"}", "{\"reason\": 42}",
      std::string("{\"reason\": \"") + std::string(100000, 'x') + "\"}", "{\"family_name\": \"\\u0000\"}"};
  for (const auto& path : {"/api/v1/holds", "/api/v1/reservations", "/api/v1/reservations/20240101-000001/withdrawal"}) {
    for (const auto& body : bodies) {
      auto response = http_request("POST", server.base_url() + path, auth, body);
      EXPECT_LT(response.status, 500) << path << " " << body.substr(0, 80) << "\n" << response.body;
      EXPECT_EQ(response.header("content-type"), "application/json") << path << " " << body.substr(0, 80);
    }
  }
  EXPECT_TRUE(server.running());
}

}  // namespace
}  // namespace yoyaku::testing
