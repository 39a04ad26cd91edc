// 予約枠 administration over real HTTP against the real binary, on SQLite and
// PostgreSQL: a change that would strand confirmed bookings is refused with
// the list (409) until the manager decides — keep (the booking stays, the
// time is offered to nobody else) or withdraw (with a reason: withdrawn,
// mailed, audit-logged); seats never go below what is booked; only the
// office's managers see its frames (others: 404).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>

#include "db/database.hpp"
#include "domain/dates.hpp"
#include "services/identity/totp.hpp"
#include "store/outbox.hpp"
#include "support/http_client.hpp"
#include "support/processes.hpp"
#include "support/test_databases.hpp"

namespace yoyaku::testing {
namespace {

using nlohmann::json;

const std::string staff_password = "staff-password-1";
const std::string seeker_password = "Kinmokusei-2026-aki";
const std::string manager_secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const std::string clerk_secret = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU";
const std::string other_secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
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

class FrameAdminTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<TestDatabase>(GetParam());
    prepare_database(database_->url());
    db_ = db::connect(database_->url());
    create_staff("manager@example.jp", "13040", manager_secret, "manage");
    create_staff("clerk@example.jp", "13040", clerk_secret, "operate");
    create_staff("sapporo@example.jp", "01901", other_secret, "manage");
    auto created = run_yoyaku({"create-user", "--db", database_->url(), "--email", seeker_email, "--password",
                               seeker_password, "--family-name", "雇用", "--given-name", "太郎",
                               "--job-seeker-number", seeker_number, "--phone", "0312345678"});
    ASSERT_EQ(created.exit_code, 0) << created.err;
    server_ = std::make_unique<ServerProcess>(database_->url());
    manager_ = staff_sign_in("manager@example.jp", manager_secret);
    clerk_ = staff_sign_in("clerk@example.jp", clerk_secret);
    other_ = staff_sign_in("sapporo@example.jp", other_secret);
    auto search = body_of(http_get(url("/api/v1/procedures?q=13040&kind=job_consultation")));
    procedure_ = search["items"][0]["id"].get<std::int64_t>();
    auto calendar = body_of(http_get(url("/api/v1/procedures/" + std::to_string(procedure_) + "/calendar?days=30")));
    for (const auto& day : calendar["facilities"][0]["frames"][0]["days"]) {
      if (day["status"] == "available") online_days_.push_back(day["date"]);
    }
    ASSERT_GE(online_days_.size(), 2u);
  }

  std::string url(const std::string& path) const { return server_->base_url() + path; }

  void create_staff(const std::string& email, const std::string& office, const std::string& secret,
                    const std::string& role) {
    auto created = run_yoyaku({"create-staff", "--db", database_->url(), "--email", email, "--password",
                               staff_password, "--name", "職員", "--office", office, "--totp-secret", secret});
    ASSERT_EQ(created.exit_code, 0) << created.err;
    db_->query("UPDATE staff_offices SET role = ? WHERE staff_id = (SELECT id FROM staff WHERE email = ?)",
               {role, email});
  }
  std::string staff_sign_in(const std::string& email, const std::string& secret) {
    auto r = http_request("POST", url("/api/v1/sessions"), {{"Content-Type", "application/json"}},
                          json{{"email", email}, {"password", staff_password},
                               {"otp", services::totp_code(secret, unix_now())}}
                              .dump());
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

  json public_slots(const std::string& date) {
    return body_of(http_get(url("/api/v1/procedures/" + std::to_string(procedure_) + "/slots?date=" + date)));
  }
  // "FRAME-YYYYMMDD-HHMM" of the `index`th time on the `day`th online day.
  std::string online_slot(std::size_t day, int index) { return public_slots(online_days_.at(day)).at(index)["id"]; }
  static std::int64_t frame_of(const std::string& slot) { return std::stoll(slot.substr(0, slot.find('-'))); }
  bool offered(const std::string& slot, const std::string& date) {
    for (const auto& s : public_slots(date)) {
      if (s["id"] == slot) return true;
    }
    return false;
  }
  // 代行入力 by the clerk (予約操作).
  std::string book(const std::string& slot, const std::string& number, const std::string& email = "") {
    json body = {{"slot_id", slot},          {"job_seeker_number", number}, {"family_name", "雇用"},
                 {"given_name", "太郎"},      {"phone", "0312345678"},       {"channel", "phone"},
                 {"topics", {"consultation"}}};
    if (!email.empty()) body["email"] = email;
    auto r = call("POST", "/api/v1/staff/reservations", clerk_, body);
    EXPECT_EQ(r.status, 201) << r.body;
    return body_of(r).value("number", std::string());
  }
  std::string status_of(const std::string& number) {
    return body_of(call("GET", "/api/v1/staff/reservations/" + number, clerk_)).value("status", std::string());
  }
  std::pair<int, int> taken_and_capacity(const std::string& number) {
    auto row = db_->query_one(
        "SELECT s.taken, s.capacity FROM slots s JOIN reservations r ON r.slot_id = s.id WHERE r.number = ?", {number});
    return {static_cast<int>(row->integer(0)), static_cast<int>(row->integer(1))};
  }
  std::int64_t audit_count(const std::string& action, const std::string& target_id) {
    return db_->query_one("SELECT COUNT(*) FROM audit_log WHERE action = ? AND target_id = ?", {action, target_id})
        ->integer(0);
  }
  std::string frame_path(std::int64_t frame) { return "/api/v1/admin/frames/" + std::to_string(frame); }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<db::Connection> db_;
  std::string manager_, clerk_, other_;
  std::int64_t procedure_ = 0;
  std::vector<std::string> online_days_;
};

TEST_P(FrameAdminTest, RemovingABookedTimeIsRefusedWithTheListThenKeptOnlyForTheBooking) {
  const std::string slot = online_slot(0, 0);  // 10:00
  const std::int64_t frame = frame_of(slot);
  const std::string number = book(slot, seeker_number, seeker_email);

  auto refused = call("PATCH", frame_path(frame), manager_, {{"first_start", "10:30"}});
  ASSERT_EQ(refused.status, 409) << refused.body;
  auto listed = body_of(refused);
  EXPECT_EQ(listed["error"], "bookings_affected");
  ASSERT_EQ(listed["reservations"].size(), 1u);
  EXPECT_EQ(listed["reservations"][0]["number"], number);
  EXPECT_EQ(listed["reservations"][0]["date"], online_days_[0]);
  EXPECT_EQ(listed["reservations"][0]["start"], "10:00");
  EXPECT_EQ(listed["reservations"][0]["name"], "雇用 太郎");
  EXPECT_EQ(body_of(call("GET", frame_path(frame), manager_))["first_start"], "10:00");  // nothing written
  EXPECT_EQ(audit_count("frame.changed", std::to_string(frame)), 0);

  auto kept = call("PATCH", frame_path(frame), manager_, {{"first_start", "10:30"}, {"bookings", "keep"}});
  ASSERT_EQ(kept.status, 200) << kept.body;
  EXPECT_EQ(body_of(kept)["first_start"], "10:30");
  EXPECT_EQ(status_of(number), "confirmed");
  EXPECT_FALSE(offered(slot, online_days_[0]));  // nobody else is offered 10:00
  auto [taken, capacity] = taken_and_capacity(number);
  EXPECT_EQ(taken, 1);
  EXPECT_EQ(capacity, 1);  // the kept slot takes nobody new
  EXPECT_EQ(audit_count("frame.changed", std::to_string(frame)), 1);
  // Booking that time directly is refused too.
  json body = {{"slot_id", slot},     {"job_seeker_number", "22222-22222222"}, {"family_name", "二"},
               {"given_name", "花子"}, {"phone", "0312345678"},               {"channel", "phone"},
               {"topics", {"consultation"}}};
  EXPECT_EQ(call("POST", "/api/v1/staff/reservations", clerk_, body).status, 404);
}

TEST_P(FrameAdminTest, WithdrawingTheBookingsOfARemovedWeekdayNeedsAReasonAndMailsEachPerson) {
  const std::string slot = online_slot(0, 1);
  const std::int64_t frame = frame_of(slot);
  const std::string number = book(slot, seeker_number, seeker_email);
  const int weekday = static_cast<int>(domain::weekday_of(*domain::parse_iso_date(online_days_[0])).c_encoding());
  json days = json::array();
  for (int d = 1; d <= 5; ++d) {
    if (d != weekday) days.push_back(d);
  }
  auto no_reason = call("PATCH", frame_path(frame), manager_, {{"weekdays", days}, {"bookings", "withdraw"}});
  ASSERT_EQ(no_reason.status, 422) << no_reason.body;
  EXPECT_TRUE(body_of(no_reason)["fields"].contains("withdrawal_reason"));
  EXPECT_EQ(status_of(number), "confirmed");

  auto withdrawn = call("PATCH", frame_path(frame), manager_,
                        {{"weekdays", days}, {"bookings", "withdraw"}, {"withdrawal_reason", "担当者の研修のため"}});
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(body_of(withdrawn)["withdrawn"], 1);
  EXPECT_EQ(status_of(number), "withdrawn");
  bool mailed = false;
  for (const auto& message : store::list_outbox(*db_, "", 200)) {
    mailed = mailed || (message.kind == "reservation_withdrawn" &&
                        message.recipients == std::vector<std::string>{seeker_email});
  }
  EXPECT_TRUE(mailed);
  EXPECT_EQ(audit_count("staff.reservation_withdrawn", number), 1);
  EXPECT_EQ(audit_count("frame.changed", std::to_string(frame)), 1);
  EXPECT_EQ(taken_and_capacity(number).first, 0);
  EXPECT_TRUE(public_slots(online_days_[0]).empty());
}

TEST_P(FrameAdminTest, SeatsNeverGoBelowWhatIsBookedAndTheLatestApplicationIsTheAffectedOne) {
  const std::string slot = online_slot(1, 2);
  const std::int64_t frame = frame_of(slot);
  const std::string first = book(slot, seeker_number);
  const std::string second = book(slot, "22222-22222222");
  auto refused = call("PATCH", frame_path(frame), manager_, {{"seats", 1}});
  ASSERT_EQ(refused.status, 409) << refused.body;
  ASSERT_EQ(body_of(refused)["reservations"].size(), 1u);
  EXPECT_EQ(body_of(refused)["reservations"][0]["number"], second);

  ASSERT_EQ(call("PATCH", frame_path(frame), manager_, {{"seats", 1}, {"bookings", "keep"}}).status, 200);
  EXPECT_EQ(taken_and_capacity(first), std::make_pair(2, 2));
  EXPECT_EQ(status_of(second), "confirmed");
  // Other slots of the frame that exist already follow the new seat count.
  const std::string other = online_slot(1, 5);
  book(other, "33333-33333333");
  // More seats again: no booking is affected, capacity grows.
  ASSERT_EQ(call("PATCH", frame_path(frame), manager_, {{"seats", 3}}).status, 200);
  EXPECT_EQ(taken_and_capacity(first), std::make_pair(2, 3));
  // Invalid values: 422 with the field, nothing changed.
  auto invalid = call("PATCH", frame_path(frame), manager_, {{"seats", 0}, {"first_start", "25:00"}});
  ASSERT_EQ(invalid.status, 422) << invalid.body;
  EXPECT_TRUE(body_of(invalid)["fields"].contains("seats"));
  EXPECT_TRUE(body_of(invalid)["fields"].contains("first_start"));
  EXPECT_EQ(body_of(call("GET", frame_path(frame), manager_))["seats"], 3);
}

TEST_P(FrameAdminTest, OnlyTheOfficesManagersSeeItsFramesAndANewFrameIsOfferedAtOnce) {
  const std::int64_t frame = frame_of(online_slot(0, 0));
  for (const auto& token : {clerk_, other_}) {
    EXPECT_EQ(call("GET", "/api/v1/admin/offices/13040/frames", token).status, 404);
    EXPECT_EQ(call("GET", frame_path(frame), token).status, 404);
    EXPECT_EQ(call("PATCH", frame_path(frame), token, {{"seats", 1}, {"bookings", "keep"}}).status, 404);
    EXPECT_EQ(call("POST", "/api/v1/admin/offices/13040/frames", token, {{"name", "x"}}).status, 404);
  }
  EXPECT_EQ(body_of(call("GET", frame_path(frame), manager_))["seats"], 2);
  EXPECT_EQ(call("GET", "/api/v1/admin/offices/01901/frames", other_).status, 200);

  auto list = body_of(call("GET", "/api/v1/admin/offices/13040/frames", manager_));
  ASSERT_FALSE(list["items"].empty());
  const std::int64_t facility = list["items"][0]["facility_id"];
  auto created = call("POST", "/api/v1/admin/offices/13040/frames", manager_,
                      {{"procedure_id", procedure_}, {"facility_id", facility}, {"name", "夕方の相談"},
                       {"weekdays", {1, 2, 3, 4, 5}}, {"first_start", "17:00"}, {"last_start", "18:00"},
                       {"interval_minutes", 60}, {"slot_minutes", 45}, {"seats", 1}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t id = body_of(created)["id"];
  EXPECT_EQ(audit_count("frame.created", std::to_string(id)), 1);
  int evening = 0;
  for (const auto& s : public_slots(online_days_[0])) evening += s["id"].get<std::string>().starts_with(std::to_string(id) + "-");
  EXPECT_EQ(evening, 2);  // 17:00 and 18:00
  auto duplicate = call("POST", "/api/v1/admin/offices/13040/frames", manager_,
                        {{"procedure_id", procedure_}, {"facility_id", facility}, {"name", "夕方の相談"},
                         {"weekdays", {1}}, {"first_start", "17:00"}, {"last_start", "18:00"},
                         {"interval_minutes", 60}, {"slot_minutes", 45}, {"seats", 1}});
  EXPECT_EQ(duplicate.status, 422);
  EXPECT_TRUE(body_of(duplicate)["fields"].contains("name"));
}

TEST_P(FrameAdminTest, ProceduresAndFacilitiesAreCreatedAndEditedByTheOfficesManagersOnly) {
  const std::string procedure = "/api/v1/admin/procedures/" + std::to_string(procedure_);
  auto current = body_of(call("GET", procedure, manager_));
  EXPECT_EQ(current["kind"], "job_consultation");
  auto narrowed = call("PATCH", procedure, manager_, {{"booking_opens_days_before", 14}, {"reception_end", nullptr}});
  ASSERT_EQ(narrowed.status, 200) << narrowed.body << current.dump();
  EXPECT_EQ(body_of(narrowed)["booking_opens_days_before"], 14);
  auto bad = call("PATCH", procedure, manager_, {{"booking_closes_days_before", 20}, {"contact_email", "x"}});
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_TRUE(body_of(bad)["fields"].contains("booking_closes_days_before"));
  EXPECT_TRUE(body_of(bad)["fields"].contains("contact_email"));
  auto twice = call("POST", "/api/v1/admin/offices/13040/procedures", manager_,
                    {{"kind", "job_consultation"}, {"title", "二つ目"}, {"reception_start", "2026-04-01T08:30"}});
  ASSERT_EQ(twice.status, 422) << twice.body;
  EXPECT_TRUE(body_of(twice)["fields"].contains("kind"));
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM audit_log WHERE action = 'procedure.changed'")->integer(0), 1);

  auto facility = call("POST", "/api/v1/admin/offices/13040/facilities", manager_,
                       {{"name", "第二相談室"}, {"phone", "０３－１２３４－５６７８"}, {"map_url", "https://maps.example.jp/"}});
  ASSERT_EQ(facility.status, 201) << facility.body;
  EXPECT_EQ(body_of(facility)["phone"], "03-1234-5678");
  const std::string facility_path = "/api/v1/admin/facilities/" + std::to_string(body_of(facility)["id"].get<std::int64_t>());
  EXPECT_EQ(call("PATCH", facility_path, manager_, {{"map_url", "javascript:alert(1)"}}).status, 422);
  EXPECT_EQ(body_of(call("PATCH", facility_path, manager_, {{"opening_hours", "平日 10時～16時"}}))["opening_hours"],
            "平日 10時～16時");
  for (const auto& token : {clerk_, other_}) {
    EXPECT_EQ(call("GET", procedure, token).status, 404);
    EXPECT_EQ(call("PATCH", procedure, token, {{"title", "x"}}).status, 404);
    EXPECT_EQ(call("PATCH", facility_path, token, {{"name", "x"}}).status, 404);
    EXPECT_EQ(call("GET", "/api/v1/admin/offices/13040/facilities", token).status, 404);
  }
}

INSTANTIATE_TEST_SUITE_P(Databases, FrameAdminTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace yoyaku::testing
