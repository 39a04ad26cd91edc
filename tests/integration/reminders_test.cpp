// The reminder mail the day before, over the real binary on SQLite and
// PostgreSQL: two server processes on one database queue each due reminder
// exactly once, a restarted server sends nothing again; withdrawn bookings,
// bookings made after the reminder time, bookings for the day after tomorrow
// and for today get none; a caller without an e-mail address is marked
// without a mail; the mail carries the meeting details when staff set them,
// and arrives over SMTP with its subject. Plus the serve options' checks.
//
// The bookings are made through the staff API (代行入力) on the first online
// day; SQL only sets the situation in time: it moves a booking's slot row to
// tomorrow (or another day) and its applied_at into the past. The reminder
// servers run with --reminder-time 00:00, so today's reminders are due now
// and every booking made today counts as made after the reminder time.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <thread>

#include "db/database.hpp"
#include "domain/dates.hpp"
#include "services/identity/totp.hpp"
#include "store/reminders.hpp"
#include "support/http_client.hpp"
#include "support/processes.hpp"
#include "support/smtp_server.hpp"
#include "support/test_databases.hpp"

namespace yoyaku::testing {
namespace {

using nlohmann::json;

const std::string staff_password = "staff-password-1";
const std::string seeker_password = "Kinmokusei-2026-aki";
const std::string clerk_secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const std::string seeker_email = "reminded.seeker@example.jp";
const std::string seeker_number = "12345-12345678";
const std::string reminder_subject = "ハローワーク：明日のオンライン職業相談のご案内";

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

json body_of(const HttpResponse& response) {
  auto parsed = json::parse(response.body, nullptr, false);
  return parsed.is_discarded() ? json::object() : parsed;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string today_plus(int days) { return domain::to_iso(domain::add_days(domain::jst_date_of(unix_now()), days)); }

class ReminderTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<TestDatabase>(GetParam());
    prepare_database(database_->url());
    auto staff = run_yoyaku({"create-staff", "--db", database_->url(), "--email", "clerk@example.jp", "--password",
                             staff_password, "--name", "品川 職員", "--office", "13040", "--totp-secret", clerk_secret});
    ASSERT_EQ(staff.exit_code, 0) << staff.err;
    auto user = run_yoyaku({"create-user", "--db", database_->url(), "--email", seeker_email, "--password",
                            seeker_password, "--family-name", "雇用", "--given-name", "太郎", "--job-seeker-number",
                            seeker_number, "--phone", "0312345678"});
    ASSERT_EQ(user.exit_code, 0) << user.err;
    // The server that takes the bookings sends no reminders; the flag wins over the variable.
    api_ = std::make_unique<ServerProcess>(database_->url(), std::vector<std::string>{"--reminder-time", "off"},
                                           std::map<std::string, std::string>{{"YOYAKU_REMINDER_TIME", "not-a-time"}});
    db_ = db::connect(database_->url());
    auto signed_in = http_request("POST", url("/api/v1/sessions"), {{"Content-Type", "application/json"}},
                                  json{{"email", "clerk@example.jp"}, {"password", staff_password},
                                       {"otp", services::totp_code(clerk_secret, unix_now())}}
                                      .dump());
    ASSERT_EQ(signed_in.status, 201) << signed_in.body;
    clerk_ = body_of(signed_in)["token"];
    auto search = body_of(http_get(url("/api/v1/procedures?q=13040&kind=job_consultation")));
    procedure_ = search["items"][0]["id"].get<std::int64_t>();
    auto calendar = body_of(http_get(url("/api/v1/procedures/" + std::to_string(procedure_) + "/calendar?days=30")));
    for (const auto& day : calendar["facilities"][0]["frames"][0]["days"]) {
      if (day["status"] == "available") {
        first_online_day_ = day["date"];
        break;
      }
    }
    ASSERT_FALSE(first_online_day_.empty()) << calendar.dump();
  }

  std::string url(const std::string& path) const { return api_->base_url() + path; }
  HttpResponse call(const std::string& method, const std::string& path, const json& body = json::object()) {
    return http_request(method, url(path), {{"Authorization", "Bearer " + clerk_}, {"Content-Type", "application/json"}},
                        body.dump());
  }

  // 代行入力 on the next free time of the first online day; the booking's number.
  // Without `job_seeker_number`, a caller's own one.
  std::string book(const std::string& email, std::string job_seeker_number = "") {
    if (job_seeker_number.empty()) job_seeker_number = "67890-1234567" + std::to_string(next_slot_ % 10);
    auto slots = body_of(
        http_get(url("/api/v1/procedures/" + std::to_string(procedure_) + "/slots?date=" + first_online_day_)));
    json body = {{"slot_id", slots.at(next_slot_++)["id"]}, {"job_seeker_number", job_seeker_number},
                 {"family_name", "雇用"}, {"given_name", "太郎"}, {"phone", "0312345678"},
                 {"channel", "phone"}, {"topics", {"consultation"}}};
    if (!email.empty()) body["email"] = email;
    auto r = call("POST", "/api/v1/staff/reservations", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return body_of(r).value("number", std::string());
  }
  // The booking's interview moves to `date` (its own slot row, so other bookings stay).
  void move_to(const std::string& number, const std::string& date) {
    db_->query("UPDATE slots SET slot_date = ? WHERE id = (SELECT slot_id FROM reservations WHERE number = ?)",
               {date, number});
    ASSERT_EQ(db_->changes(), 1);
  }
  // Booked two days ago: before today's reminder time, whatever it is.
  void backdate(const std::string& number) {
    db_->query("UPDATE reservations SET applied_at = applied_at - 172800 WHERE number = ?", {number});
    ASSERT_EQ(db_->changes(), 1);
  }
  std::vector<std::string> reminder_bodies(const std::string& recipient) {
    std::vector<std::string> bodies;
    for (const auto& row : db_->query("SELECT subject, body FROM email_outbox"
                                      " WHERE kind = 'reservation_reminder' AND recipients = ? ORDER BY id",
                                      {recipient})) {
      EXPECT_EQ(row.text(0), reminder_subject);
      bodies.push_back(row.text(1));
    }
    return bodies;
  }
  std::int64_t reminders_in_outbox() {
    return db_->query_one("SELECT COUNT(*) FROM email_outbox WHERE kind = 'reservation_reminder'")->integer(0);
  }
  bool reminder_decided(const std::string& number) {
    return !db_->query_one("SELECT reminder_queued_at FROM reservations WHERE number = ?", {number})->is_null(0);
  }
  // Waits until `done` holds (at most 20 s).
  template <typename Done>
  bool eventually(Done done) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!done()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return true;
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<ServerProcess> api_;
  std::unique_ptr<db::Connection> db_;
  std::string clerk_;
  std::int64_t procedure_ = 0;
  std::string first_online_day_;
  std::size_t next_slot_ = 0;
};

TEST_P(ReminderTest, TwoServersQueueEachDueReminderExactlyOnceAndARestartSendsNothingAgain) {
  SmtpServer smtp;
  const std::string tomorrow = today_plus(1);
  // Due: tomorrow, booked before today's reminder time; one with the meeting set, one without.
  const std::string with_meeting = book(seeker_email, seeker_number);  // joins the job seeker's account
  const std::string without_meeting = book("caller@example.jp");
  const std::string no_address = book("");
  // Not due.
  const std::string withdrawn = book("withdrawn@example.jp");
  const std::string booked_late = book("late@example.jp");
  const std::string day_after_tomorrow = book("later@example.jp");
  const std::string today = book("today@example.jp");

  auto meeting = call("PUT", "/api/v1/staff/reservations/" + with_meeting + "/meeting",
                      {{"meeting_id", "123 4567 8901"}, {"passcode", "abc123"},
                       {"join_url", "https://zoom.us/j/12345678901?pwd=abc"}});
  ASSERT_EQ(meeting.status, 200) << meeting.body;
  auto withdrawal = call("POST", "/api/v1/staff/reservations/" + withdrawn + "/withdrawal", {{"reason", "電話で依頼"}});
  ASSERT_EQ(withdrawal.status, 200) << withdrawal.body;
  for (const auto& number : {with_meeting, without_meeting, no_address, withdrawn, day_after_tomorrow, today}) {
    backdate(number);
  }
  for (const auto& number : {with_meeting, without_meeting, no_address, withdrawn, booked_late}) move_to(number, tomorrow);
  move_to(day_after_tomorrow, today_plus(2));
  move_to(today, today_plus(0));
  EXPECT_EQ(reminders_in_outbox(), 0);

  // Two servers on the database, each looking every second: one by flags (and
  // delivering over SMTP), one by variables.
  const std::vector<std::string> reminder_args = {"--reminder-time", "00:00", "--reminder-interval", "1"};
  std::vector<std::string> mailer_args = reminder_args;
  mailer_args.insert(mailer_args.end(), {"--smtp-url", smtp.url(), "--mail-retry-base", "1"});
  ServerProcess first(database_->url(), mailer_args);
  auto second = std::make_unique<ServerProcess>(
      database_->url(), std::vector<std::string>{},
      std::map<std::string, std::string>{{"YOYAKU_REMINDER_TIME", "00:00"}, {"YOYAKU_REMINDER_INTERVAL", "1"}});

  ASSERT_TRUE(eventually([&] {
    return reminder_bodies(seeker_email).size() == 1 && reminder_bodies("caller@example.jp").size() == 1 &&
           reminder_decided(no_address);
  })) << "reminders in the outbox: " << reminders_in_outbox() << "\n" << first.log() << second->log();
  // A few more rounds of both servers change nothing.
  std::this_thread::sleep_for(std::chrono::milliseconds(2000));
  EXPECT_EQ(reminder_bodies(seeker_email).size(), 1u);
  EXPECT_EQ(reminder_bodies("caller@example.jp").size(), 1u);
  EXPECT_EQ(reminders_in_outbox(), 2);
  for (const auto& number : {with_meeting, without_meeting, no_address}) EXPECT_TRUE(reminder_decided(number)) << number;
  for (const auto& number : {withdrawn, booked_late, day_after_tomorrow, today}) {
    EXPECT_FALSE(reminder_decided(number)) << number;
  }
  for (const auto& address : {"withdrawn@example.jp", "late@example.jp", "later@example.jp", "today@example.jp"}) {
    EXPECT_TRUE(reminder_bodies(address).empty()) << address;
  }

  // With the meeting: its details, the name to enter in Zoom and the link to 予約内容照会.
  const std::string body = reminder_bodies(seeker_email).at(0);
  for (const auto& part : {with_meeting, std::string("雇用 太郎 様"), std::string("12345678901"), std::string("abc123"),
                           std::string("https://zoom.us/j/12345678901?pwd=abc"),
                           std::string("12345-12345678 雇用 太郎"), std::string("ハローワーク品川"),
                           std::string("当日のキャンセルはお電話のみ"), std::string("予約内容照会"),
                           "/reservations/" + with_meeting, std::string("ヘルプデスク 0570-028-609")}) {
    EXPECT_TRUE(contains(body, part)) << part << " not in:\n" << body;
  }
  EXPECT_FALSE(contains(body, "別途お知らせします")) << body;
  // Without: the office will tell them; no account, so no link to 予約内容照会.
  const std::string plain = reminder_bodies("caller@example.jp").at(0);
  EXPECT_TRUE(contains(plain, without_meeting)) << plain;
  EXPECT_TRUE(contains(plain, "ミーティングID・パスコードは、ハローワーク品川から別途お知らせします")) << plain;
  EXPECT_FALSE(contains(plain, "■ミーティングID")) << plain;
  EXPECT_FALSE(contains(plain, "予約内容照会")) << plain;
  EXPECT_TRUE(contains(plain, "当日のキャンセルはお電話のみ")) << plain;

  // Delivered over SMTP with its subject (by the server with --smtp-url).
  json delivered;
  ASSERT_TRUE(eventually([&] {
    for (const auto& m : smtp.messages()) {
      if (m["subject"] == reminder_subject && contains(m["body"], with_meeting)) delivered = m;
    }
    return !delivered.is_null();
  })) << smtp.messages().dump();
  EXPECT_EQ(delivered["to"], seeker_email);
  EXPECT_TRUE(contains(delivered["body"], "https://zoom.us/j/12345678901?pwd=abc")) << delivered["body"];

  // The claim itself: a decided reminder, a withdrawn booking and another day's are not claimed.
  for (const auto& number : {with_meeting, no_address, withdrawn, day_after_tomorrow}) {
    const auto id = db_->query_one("SELECT id FROM reservations WHERE number = ?", {number})->integer(0);
    EXPECT_FALSE(db::in_transaction(*db_, true, [&](db::Connection& t) {
      return store::claim_reminder(t, id, tomorrow, unix_now());
    })) << number;
  }

  // A server restarted later the same day finds nothing left to send.
  EXPECT_EQ(second->terminate(), 0);
  second = std::make_unique<ServerProcess>(database_->url(), reminder_args);
  std::this_thread::sleep_for(std::chrono::milliseconds(2000));
  EXPECT_EQ(reminders_in_outbox(), 2);
  EXPECT_EQ(reminder_bodies(seeker_email).size(), 1u);
  EXPECT_EQ(reminder_bodies("caller@example.jp").size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Databases, ReminderTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return backend_name(info.param); });

TEST(ReminderOptionsTest, ABadReminderTimeOrIntervalStopsServeWithOneLine) {
  const std::string db = "sqlite:" + make_temp_directory("yoyaku-reminder-options-") + "/never-opened.db";
  struct Case {
    std::vector<std::string> args;
    std::map<std::string, std::string> env;
    std::string says;
  };
  const std::vector<Case> cases = {
      {{"--reminder-time", "25:00"}, {}, "--reminder-time must be HH:MM (JST) or off"},
      {{"--reminder-time", "9:00"}, {}, "--reminder-time must be HH:MM (JST) or off"},
      {{}, {{"YOYAKU_REMINDER_TIME", "10時"}}, "--reminder-time must be HH:MM (JST) or off"},
      {{"--reminder-interval", "0"}, {}, "--reminder-interval must be at least 1 second"},
      {{}, {{"YOYAKU_REMINDER_INTERVAL", "-5"}}, "--reminder-interval must be at least 1 second"},
      {{"--reminder-interval", "soon"}, {}, "--reminder-interval"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"serve", "--db", db, "--listen", "127.0.0.1:" + std::to_string(free_port())};
    args.insert(args.end(), c.args.begin(), c.args.end());
    auto result = run_yoyaku(args, c.env);
    EXPECT_NE(result.exit_code, 0) << result.err;
    EXPECT_TRUE(contains(result.err, c.says)) << result.err;
    EXPECT_EQ(result.err.rfind("error: ", 0), 0u) << result.err;
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  }
  auto help = run_yoyaku({"serve", "--help"});
  EXPECT_TRUE(contains(help.out, "--reminder-time")) << help.out;
  EXPECT_TRUE(contains(help.out, "--reminder-interval")) << help.out;
  EXPECT_TRUE(contains(help.out, "YOYAKU_REMINDER_TIME")) << help.out;
}

}  // namespace
}  // namespace yoyaku::testing
