// The office's day for staff, over real HTTP against the real binary, on
// SQLite and PostgreSQL: only the offices a staff member serves; 代行入力
// racing online bookings for the last seat; a caller without an account whose
// booking joins the account made later; the Zoom meeting details (mail over a
// real SMTP server, the .ics SEQUENCE); changes and withdrawals past the online
// deadline; attendance from 10 minutes after the start; refusing online
// booking after two no-shows; and the audit log of every view and change.
//
// Time-dependent situations are made by moving a slot row with SQL (the server
// runs on the real clock); everything the API can do is done through it.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <barrier>
#include <chrono>
#include <regex>
#include <set>
#include <thread>

#include "db/database.hpp"
#include "domain/dates.hpp"
#include "services/identity/totp.hpp"
#include "store/accounts.hpp"
#include "store/outbox.hpp"
#include "support/http_client.hpp"
#include "support/processes.hpp"
#include "support/signed_in_users.hpp"
#include "support/smtp_server.hpp"
#include "support/test_databases.hpp"
#include "util/random.hpp"

namespace yoyaku::testing {
namespace {

using nlohmann::json;

const std::string staff_password = "staff-password-1";
const std::string seeker_password = "Kinmokusei-2026-aki";
const std::string clerk_secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const std::string other_secret = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU";
const std::string seeker_email = "koyou.seeker@example.jp";
const std::string seeker_number = "12345-12345678";

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

json body_of(const HttpResponse& response) {
  auto parsed = json::parse(response.body, nullptr, false);
  return parsed.is_discarded() ? json::object() : parsed;
}

std::string error_of(const HttpResponse& response) { return body_of(response).value("error", std::string()); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The ics SEQUENCE, or -1.
int ics_sequence(const std::string& ics) {
  std::smatch match;
  static const std::regex sequence(R"(\r\nSEQUENCE:(\d+)\r\n)");
  return std::regex_search(ics, match, sequence) ? std::stoi(match[1].str()) : -1;
}

class StaffOperationsTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<TestDatabase>(GetParam());
    prepare_database(database_->url());
    create_staff("clerk@example.jp", "13040", clerk_secret);
    create_user(seeker_email, seeker_number);
    server_ = std::make_unique<ServerProcess>(database_->url());
    db_ = db::connect(database_->url());
    clerk_ = staff_sign_in("clerk@example.jp", clerk_secret);
    clerk_id_ = body_of(call("GET", "/api/v1/me", clerk_))["id"].get<std::int64_t>();
    seeker_ = sign_in(seeker_email);
    office_id_ = db_->query_one("SELECT id FROM offices WHERE code = '13040'")->integer(0);
    auto search = body_of(http_get(url("/api/v1/procedures?q=13040&kind=job_consultation")));
    procedure_ = search["items"][0]["id"].get<std::int64_t>();
    auto calendar = body_of(http_get(url("/api/v1/procedures/" + std::to_string(procedure_) + "/calendar?days=30")));
    for (const auto& day : calendar["facilities"][0]["frames"][0]["days"]) {
      if (day["status"] == "available") online_days_.push_back(day["date"]);
    }
    ASSERT_GE(online_days_.size(), 4u);
  }

  std::string url(const std::string& path) const { return server_->base_url() + path; }

  void create_staff(const std::string& email, const std::string& office, const std::string& secret) {
    auto created = run_yoyaku({"create-staff", "--db", database_->url(), "--email", email, "--password",
                               staff_password, "--name", "品川 職員", "--office", office, "--totp-secret", secret});
    ASSERT_EQ(created.exit_code, 0) << created.err;
  }
  void create_user(const std::string& email, const std::string& number) {
    auto created = run_yoyaku({"create-user", "--db", database_->url(), "--email", email, "--password",
                               seeker_password, "--family-name", "雇用", "--given-name", "太郎",
                               "--job-seeker-number", number, "--phone", "0312345678"});
    ASSERT_EQ(created.exit_code, 0) << created.err;
  }
  std::string staff_sign_in(const std::string& email, const std::string& secret) {
    auto r = http_request("POST", url("/api/v1/sessions"), {{"Content-Type", "application/json"}},
                          json{{"email", email}, {"password", staff_password},
                               {"otp", services::totp_code(secret, unix_now())}}
                              .dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return body_of(r).value("token", std::string());
  }
  std::string sign_in(const std::string& email) {
    auto r = http_request("POST", url("/api/v1/sessions"), {{"Content-Type", "application/json"}},
                          json{{"email", email}, {"password", seeker_password}}.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return body_of(r).value("token", std::string());
  }

  HttpResponse call(const std::string& method, const std::string& path, const std::string& token,
                    const json& body = json::object()) {
    std::map<std::string, std::string> headers = {{"Authorization", "Bearer " + token}};
    if (method == "GET") return http_request(method, url(path), headers);
    headers["Content-Type"] = "application/json";
    return http_request(method, url(path), headers, body.dump());
  }

  // The `index`th time of an online-bookable day (≥ the day after tomorrow).
  std::string online_slot(std::size_t day, int index) {
    auto slots = body_of(
        http_get(url("/api/v1/procedures/" + std::to_string(procedure_) + "/slots?date=" + online_days_.at(day))));
    return slots.at(index)["id"];
  }
  std::string hold(const std::string& token, const std::string& slot) {
    auto r = call("POST", "/api/v1/holds", token, {{"slot_id", slot}});
    EXPECT_EQ(r.status, 201) << r.body;
    return body_of(r).value("hold_id", std::string());
  }
  // Booked online by the job seeker.
  std::string book_online(const std::string& token, const std::string& slot) {
    auto r = call("POST", "/api/v1/reservations", token,
                  {{"hold_id", hold(token, slot)}, {"agreed_to_terms", true}, {"family_name", "雇用"},
                   {"given_name", "太郎"}, {"job_seeker_number", seeker_number}, {"phone", "0312345678"},
                   {"topics", {"consultation"}}});
    EXPECT_EQ(r.status, 201) << r.body;
    return body_of(r).value("number", std::string());
  }
  json on_behalf(const std::string& slot, const std::string& number, const std::string& email = "",
                 const std::string& channel = "phone") {
    json body = {{"slot_id", slot},          {"job_seeker_number", number}, {"family_name", "雇用"},
                 {"given_name", "太郎"},      {"phone", "0312345678"},       {"channel", channel},
                 {"topics", {"consultation"}}};
    if (!email.empty()) body["email"] = email;
    return body;
  }
  // 代行入力 by the 品川 clerk; the new booking's view.
  json staff_book(const json& body) {
    auto r = call("POST", "/api/v1/staff/reservations", clerk_, body);
    EXPECT_EQ(r.status, 201) << r.body;
    return body_of(r);
  }
  json staff_view(const std::string& number) {
    auto r = call("GET", "/api/v1/staff/reservations/" + number, clerk_);
    EXPECT_EQ(r.status, 200) << r.body;
    return body_of(r);
  }
  // The times of the job-consultation procedure that staff may book, from the
  // staff's own view of the office (today … today + 13), by date and time.
  std::vector<json> staff_bookable_slots() {
    auto r = call("GET", "/api/v1/staff/offices/13040/reservations?from=" + today_plus(0) + "&to=" + today_plus(13),
                  clerk_);
    EXPECT_EQ(r.status, 200) << r.body;
    const json schedule = body_of(r);
    std::vector<json> slots;
    for (const auto& frame : schedule["frames"]) {
      if (frame["procedure_id"].get<std::int64_t>() != procedure_) continue;
      for (const auto& slot : frame["slots"]) {
        if (slot["bookable"].get<bool>()) slots.push_back(slot);
      }
    }
    return slots;
  }

  // slots.taken of the slot row a booking is on.
  int taken_of_booking(const std::string& number) {
    auto row = db_->query_one("SELECT s.taken FROM slots s JOIN reservations r ON r.slot_id = s.id WHERE r.number = ?",
                              {number});
    return row ? static_cast<int>(row->integer(0)) : -1;
  }
  // The slot row of "FRAME-YYYYMMDD-HHMM", if it exists yet: id, taken, capacity.
  std::optional<db::Row> slot_row(const std::string& slot) {
    const auto first = slot.find('-');
    const std::string frame = slot.substr(0, first);
    const std::string date = slot.substr(first + 1, 8);
    const std::string iso = date.substr(0, 4) + "-" + date.substr(4, 2) + "-" + date.substr(6, 2);
    const int minute = std::stoi(slot.substr(slot.size() - 4, 2)) * 60 + std::stoi(slot.substr(slot.size() - 2));
    return db_->query_one("SELECT id, taken, capacity FROM slots WHERE frame_id = ? AND slot_date = ? AND start_minute = ?",
                          {std::stoll(frame), iso, std::int64_t{minute}});
  }
  // slots.taken and capacity (0 and -1 when the row does not exist yet).
  std::pair<int, int> seats_of(const std::string& slot) {
    auto row = slot_row(slot);
    if (!row) return {0, -1};
    return {static_cast<int>(row->integer(1)), static_cast<int>(row->integer(2))};
  }
  // Moves the slot row of a booking (and so the booking) to another date and time.
  void move_booking(const std::string& number, const std::string& date, int start_minute) {
    db_->query("UPDATE slots SET slot_date = ?, start_minute = ?, end_minute = ?"
               " WHERE id = (SELECT slot_id FROM reservations WHERE number = ?)",
               {date, std::int64_t{start_minute}, std::int64_t{start_minute + 30}, number});
    ASSERT_EQ(db_->changes(), 1);
  }
  // Moves a booking so that it started `minutes` minutes ago (JST).
  void move_booking_started_ago(const std::string& number, int minutes) {
    auto start = domain::to_jst(unix_now() - minutes * 60);
    move_booking(number, domain::to_iso(start.date), start.hour * 60 + start.minute);
  }
  std::string today_plus(int days) { return domain::to_iso(domain::add_days(domain::jst_date_of(unix_now()), days)); }

  struct AuditRow {
    std::string actor_kind;
    std::optional<std::int64_t> actor_id;
    std::string target_kind, target_id;
    std::optional<std::int64_t> office_id;
    std::string ip, detail;
  };
  std::vector<AuditRow> audit_rows(const std::string& action, const std::string& target_id) {
    std::vector<AuditRow> rows;
    for (const auto& row : db_->query("SELECT actor_kind, actor_id, target_kind, target_id, office_id, ip, detail"
                                      " FROM audit_log WHERE action = ? AND target_id = ? ORDER BY id",
                                      {action, target_id})) {
      rows.push_back({row.text(0), row.optional_integer(1), row.text(2), row.text(3), row.optional_integer(4),
                      row.text(5), row.text(6)});
    }
    return rows;
  }
  void expect_clerk_row(const AuditRow& row, const std::string& target_kind, const std::string& target_id) {
    EXPECT_EQ(row.actor_kind, "staff");
    EXPECT_EQ(row.actor_id, std::optional<std::int64_t>(clerk_id_));
    EXPECT_EQ(row.target_kind, target_kind);
    EXPECT_EQ(row.target_id, target_id);
    EXPECT_EQ(row.office_id, std::optional<std::int64_t>(office_id_));
    EXPECT_EQ(row.ip, "127.0.0.1");
  }
  std::optional<store::OutboxMessage> newest_mail(const std::string& kind, const std::string& recipient) {
    for (const auto& message : store::list_outbox(*db_, "", 200)) {
      if (message.kind == kind && message.recipients == std::vector<std::string>{recipient}) return message;
    }
    return std::nullopt;
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<db::Connection> db_;
  std::string clerk_;  // the 品川 (13040) staff member's token
  std::int64_t clerk_id_ = 0;
  std::string seeker_;  // the job seeker's token (求職番号 12345-12345678)
  std::int64_t office_id_ = 0;
  std::int64_t procedure_ = 0;
  std::vector<std::string> online_days_;
};

TEST_P(StaffOperationsTest, StaffOfAnotherOfficeAndJobSeekersGet404ForEverythingOfAnOffice) {
  const std::string number = staff_book(on_behalf(online_slot(0, 2), seeker_number, seeker_email))["number"];
  create_staff("sapporo@example.jp", "01901", other_secret);
  const std::string other = staff_sign_in("sapporo@example.jp", other_secret);
  ASSERT_FALSE(other.empty());
  EXPECT_EQ(call("GET", "/api/v1/staff/offices/01901/reservations?date=" + online_days_[0], other).status, 200);

  const std::string booking = "/api/v1/staff/reservations/" + number;
  struct Attempt {
    std::string method, path;
    json body;
  };
  const std::vector<Attempt> attempts = {
      {"GET", "/api/v1/staff/offices/13040/reservations?date=" + online_days_[0], {}},
      {"GET", "/api/v1/staff/offices/13040/reservations?q=" + number, {}},
      {"GET", "/api/v1/staff/offices/13040/accounts?q=" + seeker_number, {}},
      {"GET", booking, {}},
      {"PATCH", booking, {{"phone", "0399999999"}, {"reason", "電話で依頼"}}},
      {"POST", booking + "/withdrawal", {{"reason", "電話で依頼"}}},
      {"PUT", booking + "/meeting", {{"meeting_id", "12345678901"}, {"passcode", "abc123"}}},
      {"PUT", booking + "/meeting", {{"generate", true}}},
      {"POST", booking + "/attendance", {{"status", "no_show"}}},
      {"POST", booking + "/online-booking", {{"refused", true}, {"reason", "不参加が続いたため"}}},
      {"POST", "/api/v1/staff/reservations", on_behalf(online_slot(0, 3), "34567-34567890")},
  };
  for (const auto& a : attempts) {
    auto by_other = call(a.method, a.path, other, a.body);
    EXPECT_EQ(by_other.status, 404) << a.method << " " << a.path << ": " << by_other.body;
    EXPECT_EQ(error_of(by_other), "not_found") << a.method << " " << a.path;
    auto by_seeker = call(a.method, a.path, seeker_, a.body);
    EXPECT_EQ(by_seeker.status, 404) << "job seeker: " << a.method << " " << a.path << ": " << by_seeker.body;
  }
  // Nothing happened to the booking, and nobody but the clerk left a trace on it.
  auto unchanged = staff_view(number);
  EXPECT_EQ(unchanged["status"], "confirmed");
  EXPECT_EQ(unchanged["phone"], "0312345678");
  EXPECT_TRUE(unchanged["meeting"].is_null());
  EXPECT_FALSE(unchanged["standing"]["refused"].get<bool>());
  EXPECT_EQ(unchanged["history"].size(), 1u);
  EXPECT_EQ(seats_of(online_slot(0, 3)).first, 0);
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM audit_log WHERE target_id = ? AND (actor_kind <> 'staff' OR actor_id <> ?)",
                           {number, clerk_id_})
                ->integer(0),
            0);

  // And the other way round: the 品川 clerk cannot see a Sapporo booking.
  auto sapporo_day = body_of(call("GET", "/api/v1/staff/offices/01901/reservations?date=" + online_days_[0], other));
  std::string sapporo_slot;
  for (const auto& frame : sapporo_day["frames"]) {
    for (const auto& slot : frame["slots"]) {
      if (sapporo_slot.empty() && slot["bookable"].get<bool>()) sapporo_slot = slot["id"];
    }
  }
  ASSERT_FALSE(sapporo_slot.empty()) << sapporo_day.dump();
  auto sapporo = call("POST", "/api/v1/staff/reservations", other, on_behalf(sapporo_slot, "45678-45678901"));
  ASSERT_EQ(sapporo.status, 201) << sapporo.body;
  const std::string sapporo_number = body_of(sapporo)["number"];
  EXPECT_EQ(call("GET", "/api/v1/staff/reservations/" + sapporo_number, clerk_).status, 404);
  EXPECT_EQ(call("POST", "/api/v1/staff/reservations/" + sapporo_number + "/withdrawal", clerk_,
                 {{"reason", "電話で依頼"}})
                .status,
            404);
  EXPECT_EQ(call("GET", "/api/v1/staff/offices/01901/reservations?date=" + online_days_[0], clerk_).status, 404);
  EXPECT_EQ(call("POST", "/api/v1/staff/reservations", clerk_, on_behalf(sapporo_slot, "45678-45678901")).status, 404);
  EXPECT_EQ(body_of(call("GET", "/api/v1/staff/reservations/" + sapporo_number, other))["status"], "confirmed");
}

TEST_P(StaffOperationsTest, OnBehalfBookingAndOnlineHoldsRaceForTheLastSeatAndExactlyOneWins) {
  ServerProcess second(database_->url());
  constexpr int rounds = 3;
  constexpr int racers = 12;
  for (int round = 0; round < rounds; ++round) {
    const std::string slot = online_slot(1, 2 + round);
    book_online(seeker_, slot);  // one of the two seats
    ASSERT_EQ(seats_of(slot), std::make_pair(1, 2));
    auto tokens = make_signed_in_users(database_->url(), "racer" + std::to_string(round) + "-", "23456", racers);

    // Client 0 is the staff member's 代行入力; the others place holds; all at the same moment.
    std::vector<HttpResponse> responses(racers + 1);
    std::barrier start(racers + 1);
    std::vector<std::thread> clients;
    for (int i = 0; i <= racers; ++i) {
      clients.emplace_back([&, i] {
        const std::string base = (i % 2 == 0 ? server_->base_url() : second.base_url());
        const std::string path = i == 0 ? "/api/v1/staff/reservations" : "/api/v1/holds";
        const std::string token = i == 0 ? clerk_ : tokens[i - 1];
        const std::string body = i == 0 ? on_behalf(slot, "54321-87654321").dump() : json{{"slot_id", slot}}.dump();
        start.arrive_and_wait();
        try {
          responses[i] = http_request("POST", base + path,
                                      {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}}, body);
        } catch (const std::exception& e) {
          responses[i].status = -1;
          responses[i].body = e.what();
        }
      });
    }
    for (auto& c : clients) c.join();

    int winners = 0;
    for (int i = 0; i <= racers; ++i) {
      if (responses[i].status == 201) {
        ++winners;
      } else {
        EXPECT_EQ(responses[i].status, 409) << "client " << i << ": " << responses[i].body;
        EXPECT_EQ(error_of(responses[i]), "slot_unavailable") << responses[i].body;
      }
    }
    EXPECT_EQ(winners, 1) << "round " << round << (responses[0].status == 201 ? " (staff won)" : "");
    EXPECT_EQ(seats_of(slot), std::make_pair(2, 2)) << "round " << round;
    // Every seat taken is a booking or a live hold, and no more.
    auto row = slot_row(slot);
    ASSERT_TRUE(row);
    auto in_use = db_->query_one(
        "SELECT (SELECT COUNT(*) FROM reservations WHERE slot_id = ? AND status = 'confirmed'),"
        " (SELECT COUNT(*) FROM holds WHERE slot_id = ? AND released_at IS NULL)",
        {row->integer(0), row->integer(0)});
    EXPECT_EQ(in_use->integer(0) + in_use->integer(1), 2) << "bookings " << in_use->integer(0) << ", holds "
                                                           << in_use->integer(1);
    EXPECT_EQ(in_use->integer(0), responses[0].status == 201 ? 2 : 1);
    // The staff's view of the day agrees: full, and not bookable.
    auto day = body_of(call("GET", "/api/v1/staff/offices/13040/reservations?date=" + online_days_[1], clerk_));
    int shown = 0;
    for (const auto& frame : day["frames"]) {
      for (const auto& s : frame["slots"]) {
        if (s["id"] != slot) continue;
        ++shown;
        EXPECT_EQ(s["booked"], 2);
        EXPECT_EQ(s["available"], 0);
        EXPECT_FALSE(s["bookable"].get<bool>());
        EXPECT_EQ(s["reservations"].size(), static_cast<std::size_t>(in_use->integer(0)));
      }
    }
    EXPECT_EQ(shown, 1) << day.dump();
  }
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM slots WHERE taken > capacity")->integer(0), 0);

  // Holds that lapsed give their seats back to 代行入力 too, as to online booking.
  const std::string lapsing = online_slot(1, 8);
  auto holders = make_signed_in_users(database_->url(), "holder-", "23456", 2);
  for (const auto& token : holders) hold(token, lapsing);
  EXPECT_EQ(seats_of(lapsing), std::make_pair(2, 2));
  EXPECT_EQ(call("POST", "/api/v1/staff/reservations", clerk_, on_behalf(lapsing, "54321-87654321")).status, 409);
  db_->query("UPDATE holds SET expires_at = expires_at - 3601 WHERE slot_id = ?", {slot_row(lapsing)->integer(0)});
  auto after_lapse = call("POST", "/api/v1/staff/reservations", clerk_, on_behalf(lapsing, "54321-87654321"));
  EXPECT_EQ(after_lapse.status, 201) << after_lapse.body;
  EXPECT_EQ(seats_of(lapsing), std::make_pair(1, 2));
}

TEST_P(StaffOperationsTest, ABookingForACallerWithoutAnAccountJoinsTheAccountMadeLaterWithTheSameNumberAndEmail) {
  const auto slots = staff_bookable_slots();
  ASSERT_GE(slots.size(), 3u);
  const std::string caller_email = "caller@example.jp";
  const std::string caller_number = "67890-12345678";
  auto booked = staff_book(on_behalf(slots[0]["id"], caller_number, caller_email));
  const std::string number = booked["number"];
  const std::string today = domain::to_compact(domain::jst_date_of(unix_now()));
  EXPECT_TRUE(std::regex_match(number, std::regex(R"(\d{8}-\d{6})"))) << number;
  EXPECT_EQ(number.substr(0, 8), today);
  EXPECT_FALSE(booked["attached_to_account"].get<bool>());
  EXPECT_TRUE(booked["mailed"].get<bool>());
  EXPECT_FALSE(booked["has_account"].get<bool>());
  EXPECT_EQ(booked["status"], "confirmed");
  EXPECT_EQ(booked["channel"], "phone");
  EXPECT_EQ(booked["email"], caller_email);
  EXPECT_EQ(booked["slot"]["id"], slots[0]["id"]);
  ASSERT_EQ(booked["history"].size(), 1u);
  EXPECT_EQ(booked["history"][0]["action"], "apply");
  EXPECT_EQ(booked["history"][0]["action_text"], "職員による申込");
  EXPECT_EQ(booked["history"][0]["by"], "staff");
  EXPECT_EQ(booked["history"][0]["by_text"], "職員 品川 職員");
  EXPECT_EQ(seats_of(slots[0]["id"]).first, 1);

  auto mail = newest_mail("reservation_confirmed", caller_email);
  ASSERT_TRUE(mail) << "no confirmation mail to " << caller_email;
  EXPECT_EQ(mail->subject, "ハローワーク：予約を確定しました");
  EXPECT_TRUE(contains(mail->body, number)) << mail->body;
  EXPECT_TRUE(contains(mail->body, slots[0]["date_text"].get<std::string>())) << mail->body;
  EXPECT_TRUE(contains(mail->body, "ハローワーク品川")) << mail->body;  // whom to phone for changes

  // The day view and the search find it.
  auto day = body_of(call("GET", "/api/v1/staff/offices/13040/reservations?date=" + slots[0]["date"].get<std::string>(),
                          clerk_));
  bool in_slot = false;
  for (const auto& frame : day["frames"]) {
    for (const auto& s : frame["slots"]) {
      for (const auto& line : s["reservations"]) in_slot = in_slot || (s["id"] == slots[0]["id"] && line["number"] == number);
    }
  }
  EXPECT_TRUE(in_slot) << day.dump();
  for (const auto& q : {caller_number, number}) {
    auto found = body_of(call("GET", "/api/v1/staff/offices/13040/reservations?q=" + q, clerk_));
    ASSERT_EQ(found["items"].size(), 1u) << q << ": " << found.dump();
    EXPECT_EQ(found["items"][0]["number"], number);
    EXPECT_EQ(found["items"][0]["phone"], "0312345678");
    EXPECT_EQ(found["items"][0]["channel"], "phone");
  }
  auto by_name = body_of(call("GET", "/api/v1/staff/offices/13040/reservations?q=%E9%9B%87%E7%94%A8", clerk_));  // 雇用
  ASSERT_EQ(by_name["items"].size(), 1u) << by_name.dump();
  EXPECT_EQ(by_name["items"][0]["number"], number);

  // The caller registers with the same 求職番号 and e-mail: the booking is theirs.
  create_user(caller_email, caller_number);
  const std::string caller = sign_in(caller_email);
  auto list = body_of(call("GET", "/api/v1/reservations", caller));
  ASSERT_EQ(list["total"], 1) << list.dump();
  EXPECT_EQ(list["items"][0]["number"], number);
  EXPECT_EQ(call("GET", "/api/v1/reservations/" + number, caller).status, 200);
  EXPECT_TRUE(staff_view(number)["has_account"].get<bool>());

  // A registered job seeker (same 求職番号 and e-mail) gets it in the account at once.
  auto accounts = body_of(call("GET", "/api/v1/staff/offices/13040/accounts?q=" + seeker_email, clerk_));
  ASSERT_EQ(accounts["items"].size(), 1u);
  EXPECT_EQ(accounts["items"][0]["job_seeker_number"], seeker_number);
  auto attached = staff_book(on_behalf(slots[1]["id"], seeker_number, seeker_email, "counter"));
  EXPECT_TRUE(attached["attached_to_account"].get<bool>());
  EXPECT_TRUE(attached["has_account"].get<bool>());
  EXPECT_EQ(attached["history"][0]["detail"], "窓口で受付");
  auto mine = body_of(call("GET", "/api/v1/reservations", seeker_));
  ASSERT_EQ(mine["total"], 1) << mine.dump();
  EXPECT_EQ(mine["items"][0]["number"], attached["number"]);
  EXPECT_TRUE(newest_mail("reservation_confirmed", seeker_email));

  // The same 求職番号 with another e-mail is not enough to join an account.
  auto without_phone = on_behalf(slots[2]["id"], seeker_number, "someone.else@example.jp");
  without_phone.erase("phone");
  auto stranger = staff_book(without_phone);
  EXPECT_FALSE(stranger["attached_to_account"].get<bool>());
  EXPECT_TRUE(stranger["phone"].is_null()) << stranger.dump();
  EXPECT_EQ(body_of(call("GET", "/api/v1/reservations", seeker_))["total"], 1);

  // Staff may book before the online window opens (later today, tomorrow), when
  // such a time is left; the job seeker cannot hold it.
  for (const auto& slot : slots) {
    if (slot["date"].get<std::string>() >= online_days_[0]) break;
    EXPECT_EQ(call("POST", "/api/v1/holds", seeker_, {{"slot_id", slot["id"]}}).status, 409);
    auto early = call("POST", "/api/v1/staff/reservations", clerk_, on_behalf(slot["id"], "56789-56789012"));
    EXPECT_EQ(early.status, 201) << early.body;
    break;
  }
  // Never a time that has started.
  const std::string frame = slots[0]["id"].get<std::string>().substr(0, slots[0]["id"].get<std::string>().find('-'));
  const std::string yesterday = frame + "-" + domain::to_compact(domain::add_days(domain::jst_date_of(unix_now()), -1)) + "-1000";
  auto started = call("POST", "/api/v1/staff/reservations", clerk_, on_behalf(yesterday, "56789-56789012"));
  EXPECT_EQ(started.status, 409) << started.body;
  EXPECT_EQ(error_of(started), "slot_unavailable");
}

TEST_P(StaffOperationsTest, MeetingDetailsAreMailedAndRaiseTheCalendarSequenceAndSurviveAMove) {
  SmtpServer smtp;
  ServerProcess mailer(database_->url(), {"--smtp-url", smtp.url(), "--mail-from", "no-reply@hellowork.example.jp",
                                          "--mail-retry-base", "1"});
  const std::string number = book_online(seeker_, online_slot(0, 4));
  const std::string ics_path = "/api/v1/reservations/" + number + "/calendar.ics";
  auto before = call("GET", ics_path, seeker_);
  ASSERT_EQ(before.status, 200);
  EXPECT_EQ(ics_sequence(before.body), 0);
  const std::string uid = "\r\nUID:" + number + "@yoyaku\r\n";
  EXPECT_TRUE(contains(before.body, uid));

  // A mail with this text in its body, as it arrived at the SMTP server.
  auto mail_with = [&](const std::string& text) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    do {
      for (const auto& m : smtp.messages()) {
        if (m["subject"] == "ハローワーク：オンライン職業相談のご案内" && contains(m["body"], text)) return m;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    } while (std::chrono::steady_clock::now() < deadline);
    return json();
  };

  const std::string path = "/api/v1/staff/reservations/" + number + "/meeting";
  auto set = call("PUT", path, clerk_,
                  {{"meeting_id", "123 4567 8901"}, {"passcode", "abc123"}, {"join_url", "https://zoom.us/j/12345678901?pwd=abc"}});
  ASSERT_EQ(set.status, 200) << set.body;
  auto view = body_of(set);
  EXPECT_EQ(view["meeting"]["id"], "12345678901");
  EXPECT_EQ(view["meeting"]["passcode"], "abc123");
  EXPECT_EQ(view["meeting"]["join_url"], "https://zoom.us/j/12345678901?pwd=abc");
  EXPECT_FALSE(view["meeting"]["sent_at"].is_null());
  EXPECT_TRUE(view["meeting_set"].get<bool>());
  EXPECT_TRUE(view["mailed"].get<bool>());
  EXPECT_EQ(view["zoom_name"], "12345-12345678 雇用 太郎");
  EXPECT_EQ(view["history"][0]["action"], "meeting");
  EXPECT_EQ(view["history"][0]["by"], "staff");

  auto mail = mail_with("abc123");
  ASSERT_FALSE(mail.is_null()) << "no meeting mail arrived; got " << smtp.messages().dump();
  EXPECT_EQ(mail["to"], seeker_email);
  const std::string body = mail["body"];
  EXPECT_TRUE(contains(body, number)) << body;
  EXPECT_TRUE(contains(body, view["slot"]["date_text"].get<std::string>())) << body;
  EXPECT_TRUE(contains(body, view["slot"]["time_text"].get<std::string>())) << body;
  EXPECT_TRUE(contains(body, "12345678901")) << body;
  EXPECT_TRUE(contains(body, "https://zoom.us/j/12345678901?pwd=abc")) << body;
  EXPECT_TRUE(contains(body, "12345-12345678 雇用 太郎")) << body;
  auto ics = call("GET", ics_path, seeker_).body;
  EXPECT_TRUE(contains(ics, uid));
  EXPECT_EQ(ics_sequence(ics), 1);

  // Changing the details mails again and raises the SEQUENCE again.
  auto changed = call("PUT", path, clerk_, {{"meeting_id", "98765432101"}, {"passcode", "xyz789"}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(body_of(changed)["meeting"]["join_url"], "https://zoom.us/j/98765432101");
  auto second_mail = mail_with("xyz789");
  ASSERT_FALSE(second_mail.is_null());
  EXPECT_TRUE(contains(second_mail["body"], "面談情報を変更しました")) << second_mail["body"];
  ics = call("GET", ics_path, seeker_).body;
  EXPECT_TRUE(contains(ics, uid));
  EXPECT_EQ(ics_sequence(ics), 2);

  // Bad values change nothing.
  auto bad = call("PUT", path, clerk_, {{"meeting_id", "12345"}, {"passcode", "far-too-long-code"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(error_of(bad), "validation_failed");
  EXPECT_TRUE(body_of(bad)["fields"].contains("meeting_id")) << bad.body;
  EXPECT_TRUE(body_of(bad)["fields"].contains("passcode")) << bad.body;
  auto bad_url = call("PUT", path, clerk_, {{"meeting_id", "12345678901"}, {"passcode", "abc"}, {"join_url", "http://x.example"}});
  EXPECT_EQ(bad_url.status, 422);
  EXPECT_TRUE(body_of(bad_url)["fields"].contains("join_url")) << bad_url.body;
  EXPECT_EQ(staff_view(number)["meeting"]["id"], "98765432101");
  EXPECT_EQ(ics_sequence(call("GET", ics_path, seeker_).body), 2);

  // Generated: an 11-digit ID.
  auto generated = call("PUT", path, clerk_, {{"generate", true}});
  ASSERT_EQ(generated.status, 200) << generated.body;
  auto meeting = body_of(generated)["meeting"];
  const std::string id = meeting["id"];
  EXPECT_TRUE(std::regex_match(id, std::regex(R"([1-9]\d{10})"))) << id;
  EXPECT_FALSE(meeting["passcode"].get<std::string>().empty());
  EXPECT_EQ(meeting["join_url"].get<std::string>().rfind("https://", 0), 0u);
  EXPECT_TRUE(contains(meeting["join_url"], id));
  EXPECT_EQ(ics_sequence(call("GET", ics_path, seeker_).body), 3);

  // Moving the booking to another time keeps the meeting.
  const auto slots = staff_bookable_slots();
  std::string target;
  for (const auto& s : slots) {
    if (s["id"] != body_of(generated)["slot"]["id"]) {
      target = s["id"];
      break;
    }
  }
  ASSERT_FALSE(target.empty());
  auto moved = call("PATCH", "/api/v1/staff/reservations/" + number, clerk_,
                    {{"slot_id", target}, {"reason", "電話で時間変更の依頼"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  auto after = body_of(moved);
  EXPECT_EQ(after["slot"]["id"], target);
  EXPECT_EQ(after["meeting"]["id"], id);
  EXPECT_EQ(after["meeting"]["passcode"], meeting["passcode"]);
  EXPECT_EQ(after["meeting"]["join_url"], meeting["join_url"]);
  ics = call("GET", ics_path, seeker_).body;
  EXPECT_TRUE(contains(ics, uid));
  EXPECT_EQ(ics_sequence(ics), 4);
}

TEST_P(StaffOperationsTest, StaffChangeAndWithdrawPastTheOnlineDeadlineWithAReasonAndTheSeatIsGivenBack) {
  const std::string number = book_online(seeker_, online_slot(0, 1));
  // The interview is tomorrow: too late to change online.
  move_booking(number, today_plus(1), 10 * 60 + 30);
  auto refused = call("PATCH", "/api/v1/reservations/" + number, seeker_, {{"phone", "0120000000"}});
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(error_of(refused), "deadline_passed");
  const std::string old_slot = staff_view(number)["slot"]["id"];
  EXPECT_EQ(taken_of_booking(number), 1);

  const std::string path = "/api/v1/staff/reservations/" + number;
  auto no_reason = call("PATCH", path, clerk_, {{"phone", "0120000000"}});
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_TRUE(body_of(no_reason)["fields"].contains("reason")) << no_reason.body;
  EXPECT_EQ(staff_view(number)["phone"], "0312345678");

  std::string target;
  for (const auto& s : staff_bookable_slots()) {
    if (s["id"] != old_slot) {
      target = s["id"];
      break;
    }
  }
  ASSERT_FALSE(target.empty());
  auto changed = call("PATCH", path, clerk_,
                      {{"phone", "090-1111-2222"}, {"slot_id", target}, {"reason", "本人から電話で変更の依頼"}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  auto view = body_of(changed);
  EXPECT_EQ(view["phone"], "090-1111-2222");
  EXPECT_EQ(view["slot"]["id"], target);
  EXPECT_EQ(view["family_name"], "雇用");  // untouched fields stay
  EXPECT_EQ(view["status"], "confirmed");
  ASSERT_EQ(view["history"].size(), 2u);
  EXPECT_EQ(view["history"][0]["action"], "modify");
  EXPECT_EQ(view["history"][0]["action_text"], "職員による修正");
  EXPECT_EQ(view["history"][0]["by"], "staff");
  EXPECT_TRUE(contains(view["history"][0]["detail"], "本人から電話で変更の依頼")) << view["history"][0].dump();
  EXPECT_EQ(view["history"][1]["by"], "job_seeker");
  EXPECT_EQ(seats_of(old_slot).first, 0);  // the old seat is free again
  EXPECT_EQ(seats_of(target).first, 1);
  auto modified_mail = newest_mail("reservation_modified", seeker_email);
  ASSERT_TRUE(modified_mail);
  EXPECT_EQ(modified_mail->subject, "ハローワーク：予約内容を変更しました");

  // On the day: staff can still change it (not to a time that has started), and
  // the job seeker cannot withdraw online while staff can.
  move_booking(number, today_plus(0), 15 * 60);
  const std::string frame = target.substr(0, target.find('-'));
  const std::string started = frame + "-" + domain::to_compact(domain::add_days(domain::jst_date_of(unix_now()), -1)) + "-1000";
  auto into_past = call("PATCH", path, clerk_, {{"slot_id", started}, {"reason", "電話で依頼"}});
  EXPECT_EQ(into_past.status, 409) << into_past.body;
  EXPECT_EQ(error_of(into_past), "slot_unavailable");
  auto on_the_day = call("PATCH", path, clerk_, {{"staff_note", "当日に電話あり"}, {"reason", "当日の電話連絡"}});
  ASSERT_EQ(on_the_day.status, 200) << on_the_day.body;
  EXPECT_EQ(body_of(on_the_day)["staff_note"], "当日に電話あり");
  EXPECT_EQ(body_of(on_the_day)["phone"], "090-1111-2222");
  EXPECT_EQ(body_of(on_the_day)["history"].size(), 3u);
  auto same_day = call("POST", "/api/v1/reservations/" + number + "/withdrawal", seeker_, {{"reason", "体調不良のため"}});
  EXPECT_EQ(same_day.status, 409);
  EXPECT_EQ(error_of(same_day), "same_day");
  auto blank = call("POST", path + "/withdrawal", clerk_, {{"reason", " 　"}});
  EXPECT_EQ(blank.status, 422);
  EXPECT_TRUE(body_of(blank)["fields"].contains("reason")) << blank.body;
  EXPECT_EQ(taken_of_booking(number), 1);
  auto withdrawn = call("POST", path + "/withdrawal", clerk_, {{"reason", "本人から電話で取下げの連絡"}});
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  auto done = body_of(withdrawn);
  EXPECT_EQ(done["status"], "withdrawn");
  EXPECT_EQ(done["withdrawal_reason"], "本人から電話で取下げの連絡");
  EXPECT_FALSE(done["can_change"].get<bool>());
  EXPECT_EQ(done["history"][0]["action"], "withdraw");
  EXPECT_EQ(done["history"][0]["action_text"], "職員による取下げ");
  EXPECT_EQ(done["history"][0]["by"], "staff");
  EXPECT_EQ(done["history"][0]["by_text"], "職員 品川 職員");
  EXPECT_EQ(taken_of_booking(number), 0);  // the seat is given back
  auto withdrawn_mail = newest_mail("reservation_withdrawn", seeker_email);
  ASSERT_TRUE(withdrawn_mail);
  EXPECT_EQ(withdrawn_mail->subject, "ハローワーク：予約を取下げました");
  // The job seeker sees it withdrawn; nothing more can be changed.
  EXPECT_EQ(body_of(call("GET", "/api/v1/reservations/" + number, seeker_))["status"], "withdrawn");
  auto again = call("PATCH", path, clerk_, {{"phone", "0120000000"}, {"reason", "再度の依頼"}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(error_of(again), "withdrawn");
  EXPECT_EQ(call("POST", path + "/withdrawal", clerk_, {{"reason", "再度の依頼"}}).status, 409);
}

TEST_P(StaffOperationsTest, AttendanceOpensTenMinutesAfterTheStartAndACorrectionNeedsAReason) {
  const std::string number = book_online(seeker_, online_slot(0, 6));
  const std::string path = "/api/v1/staff/reservations/" + number;

  move_booking_started_ago(number, 5);
  auto early = staff_view(number);
  EXPECT_EQ(early["attendance"], "confirmed");
  EXPECT_FALSE(early["can_record_attendance"].get<bool>());
  auto too_early = call("POST", path + "/attendance", clerk_, {{"status", "attended"}});
  EXPECT_EQ(too_early.status, 409);
  EXPECT_EQ(error_of(too_early), "too_early");
  EXPECT_EQ(staff_view(number)["status"], "confirmed");

  move_booking_started_ago(number, 11);
  auto late = staff_view(number);
  EXPECT_EQ(late["status"], "confirmed");  // nobody marked it
  EXPECT_EQ(late["attendance"], "no_show_unannounced");
  EXPECT_EQ(late["status_text"], "不参加（連絡なし）");
  EXPECT_TRUE(late["can_record_attendance"].get<bool>());
  auto day = body_of(call("GET", "/api/v1/staff/offices/13040/reservations?date=" +
                                     late["slot"]["date"].get<std::string>(),
                                 clerk_));
  bool listed = false;
  for (const auto& line : day["items"]) {
    if (line["number"] != number) continue;
    listed = true;
    EXPECT_EQ(line["attendance"], "no_show_unannounced");
  }
  EXPECT_TRUE(listed) << day.dump();

  auto attended = call("POST", path + "/attendance", clerk_, {{"status", "attended"}});
  ASSERT_EQ(attended.status, 200) << attended.body;
  EXPECT_EQ(body_of(attended)["status"], "attended");
  EXPECT_EQ(body_of(attended)["attendance"], "attended");
  EXPECT_EQ(body_of(attended)["status_text"], "出席");
  EXPECT_EQ(body_of(attended)["history"][0]["action"], "attended");

  auto unexplained = call("POST", path + "/attendance", clerk_, {{"status", "no_show"}});
  EXPECT_EQ(unexplained.status, 422);
  EXPECT_TRUE(body_of(unexplained)["fields"].contains("reason")) << unexplained.body;
  EXPECT_EQ(staff_view(number)["status"], "attended");

  auto corrected = call("POST", path + "/attendance", clerk_, {{"status", "no_show"}, {"reason", "別の方の出席と取り違えたため"}});
  ASSERT_EQ(corrected.status, 200) << corrected.body;
  auto view = body_of(corrected);
  EXPECT_EQ(view["status"], "no_show");
  EXPECT_EQ(view["attendance"], "no_show");
  EXPECT_EQ(view["history"][0]["action"], "no_show");
  EXPECT_EQ(view["history"][0]["by"], "staff");
  EXPECT_TRUE(contains(view["history"][0]["detail"], "別の方の出席と取り違えたため")) << view["history"][0].dump();
  EXPECT_EQ(view["history"][1]["action"], "attended");

  auto bad = call("POST", path + "/attendance", clerk_, {{"status", "maybe"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(body_of(bad)["fields"].contains("status"));
}

TEST_P(StaffOperationsTest, TwoNoShowsRefuseOnlineBookingUntilStaffLiftItAndStaffCanStillBook) {
  const std::string first = book_online(seeker_, online_slot(0, 0));
  const std::string second = book_online(seeker_, online_slot(0, 1));
  const std::string probe = online_slot(2, 5);

  // One unannounced no-show: still allowed.
  move_booking(first, today_plus(-7), 10 * 60);
  auto one = staff_view(first);
  EXPECT_EQ(one["attendance"], "no_show_unannounced");
  EXPECT_EQ(one["standing"]["no_shows"], 1);
  EXPECT_EQ(one["standing"]["limit"], 2);
  EXPECT_FALSE(one["standing"]["refused"].get<bool>());
  const std::string probe_hold = hold(seeker_, probe);
  EXPECT_EQ(call("DELETE", "/api/v1/holds/" + probe_hold, seeker_).status, 204);

  // A second, marked by staff: refused.
  move_booking(second, today_plus(-8), 10 * 60);
  auto marked = call("POST", "/api/v1/staff/reservations/" + second + "/attendance", clerk_, {{"status", "no_show"}});
  ASSERT_EQ(marked.status, 200) << marked.body;
  auto two = body_of(marked);
  EXPECT_TRUE(two["standing"]["refused"].get<bool>());
  EXPECT_EQ(two["standing"]["no_shows"], 2);
  EXPECT_TRUE(two["standing"]["decision"].is_null());
  auto refused = call("POST", "/api/v1/holds", seeker_, {{"slot_id", probe}});
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(error_of(refused), "online_booking_refused");
  EXPECT_TRUE(contains(body_of(refused).value("message", ""), "ハローワーク品川")) << refused.body;
  EXPECT_EQ(seats_of(probe).first, 0);
  // Another account typing the refused person's 求職番号 is refused too.
  create_user("someone@example.jp", "98765-43210987");
  const std::string someone = sign_in("someone@example.jp");
  const std::string typed_hold = hold(someone, probe);
  auto typed = call("POST", "/api/v1/reservations", someone,
                    {{"hold_id", typed_hold}, {"agreed_to_terms", true}, {"family_name", "雇用"},
                     {"given_name", "太郎"}, {"job_seeker_number", seeker_number}, {"phone", "0312345678"}});
  EXPECT_EQ(typed.status, 409) << typed.body;
  EXPECT_EQ(error_of(typed), "online_booking_refused");
  EXPECT_EQ(body_of(call("GET", "/api/v1/reservations", someone))["total"], 0);
  EXPECT_EQ(call("DELETE", "/api/v1/holds/" + typed_hold, someone).status, 204);
  // Only at this office: elsewhere the person books online as before.
  auto sapporo = body_of(http_get(url("/api/v1/procedures?q=01901&kind=job_consultation")));
  const std::string sapporo_procedure = std::to_string(sapporo["items"][0]["id"].get<std::int64_t>());
  auto sapporo_slots = body_of(http_get(url("/api/v1/procedures/" + sapporo_procedure + "/slots?date=" + online_days_[2])));
  ASSERT_FALSE(sapporo_slots.empty()) << sapporo_slots.dump();
  const std::string elsewhere = hold(seeker_, sapporo_slots[0]["id"]);
  EXPECT_FALSE(elsewhere.empty());
  EXPECT_EQ(call("DELETE", "/api/v1/holds/" + elsewhere, seeker_).status, 204);

  // Staff can still book for the person.
  const auto slots = staff_bookable_slots();
  ASSERT_FALSE(slots.empty());
  auto by_phone = call("POST", "/api/v1/staff/reservations", clerk_, on_behalf(slots[0]["id"], seeker_number, seeker_email));
  ASSERT_EQ(by_phone.status, 201) << by_phone.body;
  EXPECT_TRUE(body_of(by_phone)["standing"]["refused"].get<bool>());

  // Lifting needs a reason; then the person can book online again.
  auto no_reason = call("POST", "/api/v1/staff/reservations/" + second + "/online-booking", clerk_, {{"refused", false}});
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_TRUE(body_of(no_reason)["fields"].contains("reason")) << no_reason.body;
  EXPECT_TRUE(staff_view(second)["standing"]["refused"].get<bool>());
  auto lifted = call("POST", "/api/v1/staff/reservations/" + second + "/online-booking", clerk_,
                     {{"refused", false}, {"reason", "事情を確認したため"}});
  ASSERT_EQ(lifted.status, 200) << lifted.body;
  auto standing = body_of(lifted)["standing"];
  EXPECT_FALSE(standing["refused"].get<bool>());
  EXPECT_EQ(standing["no_shows"], 0);
  EXPECT_FALSE(standing["decision"]["refused"].get<bool>());
  EXPECT_EQ(standing["decision"]["reason"], "事情を確認したため");
  EXPECT_FALSE(book_online(seeker_, probe).empty());

  // Staff may refuse it outright, too.
  auto refusal = call("POST", "/api/v1/staff/reservations/" + first + "/online-booking", clerk_,
                      {{"refused", true}, {"reason", "窓口での相談を優先するため"}});
  ASSERT_EQ(refusal.status, 200) << refusal.body;
  EXPECT_TRUE(body_of(refusal)["standing"]["refused"].get<bool>());
  auto again = call("POST", "/api/v1/holds", seeker_, {{"slot_id", online_slot(2, 6)}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(error_of(again), "online_booking_refused");
}

TEST_P(StaffOperationsTest, EveryStaffViewAndChangeIsAuditedInTheSameTransaction) {
  const auto slots = staff_bookable_slots();
  ASSERT_GE(slots.size(), 3u);
  const std::string number = staff_book(on_behalf(slots[0]["id"], seeker_number, seeker_email, "counter"))["number"];
  auto created = audit_rows("staff.reservation_created", number);
  ASSERT_EQ(created.size(), 1u);
  expect_clerk_row(created[0], "reservation", number);
  EXPECT_EQ(created[0].detail, "counter");

  const auto views_before = audit_rows("staff.reservation_viewed", number).size();
  staff_view(number);
  auto views = audit_rows("staff.reservation_viewed", number);
  ASSERT_EQ(views.size(), views_before + 1);
  expect_clerk_row(views.back(), "reservation", number);

  const std::string path = "/api/v1/staff/reservations/" + number;
  ASSERT_EQ(call("PUT", path + "/meeting", clerk_, {{"meeting_id", "12345678901"}, {"passcode", "abc123"}}).status, 200);
  auto meeting = audit_rows("staff.meeting_set", number);
  ASSERT_EQ(meeting.size(), 1u);
  expect_clerk_row(meeting[0], "reservation", number);
  EXPECT_EQ(call("PUT", path + "/meeting", clerk_, {{"meeting_id", "1"}, {"passcode", "abc123"}}).status, 422);
  EXPECT_EQ(audit_rows("staff.meeting_set", number).size(), 1u);

  // Refused changes write nothing: invalid input, and a move into a full time
  // that fails after the details were already updated inside the transaction.
  EXPECT_EQ(call("PATCH", path, clerk_, {{"phone", "0399998888"}}).status, 422);
  EXPECT_EQ(call("PATCH", path, clerk_, {{"phone", "abc"}, {"reason", "電話で依頼"}}).status, 422);
  const std::string full = slots[1]["id"];
  staff_book(on_behalf(full, "22222-22222222"));
  staff_book(on_behalf(full, "33333-33333333"));
  ASSERT_EQ(seats_of(full), std::make_pair(2, 2));
  auto into_full = call("PATCH", path, clerk_, {{"phone", "0399998888"}, {"slot_id", full}, {"reason", "電話で依頼"}});
  EXPECT_EQ(into_full.status, 409);
  EXPECT_EQ(error_of(into_full), "slot_unavailable");
  EXPECT_TRUE(audit_rows("staff.reservation_modified", number).empty());
  auto unchanged = staff_view(number);
  EXPECT_EQ(unchanged["phone"], "0312345678");
  EXPECT_EQ(unchanged["slot"]["id"], slots[0]["id"]);
  EXPECT_EQ(unchanged["history"][0]["action"], "meeting");
  EXPECT_EQ(seats_of(full), std::make_pair(2, 2));

  ASSERT_EQ(call("PATCH", path, clerk_, {{"phone", "0399998888"}, {"reason", "電話で依頼"}}).status, 200);
  auto modified = audit_rows("staff.reservation_modified", number);
  ASSERT_EQ(modified.size(), 1u);
  expect_clerk_row(modified[0], "reservation", number);
  EXPECT_TRUE(contains(modified[0].detail, "連絡先電話番号")) << modified[0].detail;

  ASSERT_EQ(call("POST", path + "/online-booking", clerk_, {{"refused", true}, {"reason", "確認のため"}}).status, 200);
  auto decided = audit_rows("staff.online_booking_refused", number);
  ASSERT_EQ(decided.size(), 1u);
  expect_clerk_row(decided[0], "reservation", number);

  // Attendance, once the interview has started more than 10 minutes ago.
  EXPECT_EQ(call("POST", path + "/attendance", clerk_, {{"status", "attended"}}).status, 409);  // too early
  EXPECT_TRUE(audit_rows("staff.attendance_recorded", number).empty());
  move_booking(number, today_plus(-3), 11 * 60);
  ASSERT_EQ(call("POST", path + "/attendance", clerk_, {{"status", "attended"}}).status, 200);
  auto attendance = audit_rows("staff.attendance_recorded", number);
  ASSERT_EQ(attendance.size(), 1u);
  expect_clerk_row(attendance[0], "reservation", number);
  EXPECT_EQ(attendance[0].detail, "attended");

  // Withdrawal, of another booking.
  const std::string other = staff_book(on_behalf(slots[2]["id"], "44444-44444444"))["number"];
  auto unmailed = call("PUT", "/api/v1/staff/reservations/" + other + "/meeting", clerk_, {{"generate", true}});
  ASSERT_EQ(unmailed.status, 200) << unmailed.body;
  EXPECT_FALSE(body_of(unmailed)["mailed"].get<bool>());  // no address to mail
  EXPECT_EQ(call("POST", "/api/v1/staff/reservations/" + other + "/withdrawal", clerk_, json::object()).status, 422);
  EXPECT_TRUE(audit_rows("staff.reservation_withdrawn", other).empty());
  ASSERT_EQ(call("POST", "/api/v1/staff/reservations/" + other + "/withdrawal", clerk_, {{"reason", "電話で取下げ"}}).status,
            200);
  auto withdrawn = audit_rows("staff.reservation_withdrawn", other);
  ASSERT_EQ(withdrawn.size(), 1u);
  expect_clerk_row(withdrawn[0], "reservation", other);
  auto late_meeting = call("PUT", "/api/v1/staff/reservations/" + other + "/meeting", clerk_, {{"generate", true}});
  EXPECT_EQ(late_meeting.status, 409);
  EXPECT_EQ(error_of(late_meeting), "withdrawn");
  auto late_attendance = call("POST", "/api/v1/staff/reservations/" + other + "/attendance", clerk_, {{"status", "attended"}});
  EXPECT_EQ(late_attendance.status, 409);
  EXPECT_EQ(error_of(late_attendance), "withdrawn");
  EXPECT_EQ(audit_rows("staff.meeting_set", other).size(), 1u);
  EXPECT_TRUE(audit_rows("staff.attendance_recorded", other).empty());

  // The office's day is audited as a view of the office.
  const auto schedule_before = audit_rows("staff.schedule_viewed", "13040").size();
  ASSERT_EQ(call("GET", "/api/v1/staff/offices/13040/reservations?date=" + today_plus(0), clerk_).status, 200);
  auto schedule = audit_rows("staff.schedule_viewed", "13040");
  ASSERT_EQ(schedule.size(), schedule_before + 1);
  expect_clerk_row(schedule.back(), "office", "13040");
  ASSERT_EQ(call("GET", "/api/v1/staff/offices/13040/reservations?from=" + today_plus(0) + "&to=" + today_plus(30), clerk_)
                .status,
            200);  // 31 days
  EXPECT_EQ(audit_rows("staff.schedule_viewed", "13040").size(), schedule_before + 2);
  // A range that is too long is refused and not recorded.
  EXPECT_EQ(call("GET", "/api/v1/staff/offices/13040/reservations?from=" + today_plus(0) + "&to=" + today_plus(31), clerk_)
                .status,
            422);
  EXPECT_EQ(audit_rows("staff.schedule_viewed", "13040").size(), schedule_before + 2);
}

INSTANTIATE_TEST_SUITE_P(Databases, StaffOperationsTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace yoyaku::testing
