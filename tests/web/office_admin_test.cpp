// Running an office through the web layer on SQLite and PostgreSQL: a manager
// (管理) of 品川 sets its contact data, which the public page and the "call
// the office" texts then show; closes days, which the public calendar shows
// as closed; a closure over booked days is not applied until the manager
// chooses to keep the bookings or to withdraw them with a reason (mailed).
// Staff without 管理 there, and other offices' managers, find nothing (404).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "services/identity/accounts.hpp"
#include "services/identity/totp.hpp"
#include "store/catalog.hpp"
#include "web/web_harness.hpp"

namespace yoyaku::testing {
namespace {

const std::string password = "long-password-1";
const std::string manager_secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const std::string clerk_secret = "KRSXG5CTMVRXEZLUKN2XAZLSKNSWE5DB";
const std::string outsider_secret = "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U";

struct ApiResult {
  int status = 0;
  nlohmann::json body;
};

class OfficeAdminTest : public ::testing::TestWithParam<Backend> {
 protected:
  // Monday 2026-03-02 09:00 JST.
  OfficeAdminTest() : harness_(jst(2026, 3, 2, 9, 0), GetParam()) {
    add_staff("manager@example.jp", manager_secret, "13040", services::StaffRole::manage);
    add_staff("clerk@example.jp", clerk_secret, "13040", services::StaffRole::operate);
    add_staff("outsider@example.jp", outsider_secret, "01901", services::StaffRole::manage);
    procedure_ = harness_.procedure_id("13040");
    frame_ = store::frames_of_procedure(harness_.db(), procedure_).front().frame.id;
  }

  void add_staff(const std::string& email, const std::string& secret, const std::string& office,
                 services::StaffRole role) {
    services::NewStaffMember member;
    member.email = email;
    member.password = password;
    member.display_name = email;
    member.office_codes = {office};
    member.office_roles = {role};
    member.totp_secret = secret;
    services::create_staff_member(harness_.db(), member, harness_.now);
  }

  ApiResult api(const std::string& method, const std::string& path, const std::string& token,
                const nlohmann::json& body = nullptr) {
    WebHarness::Browser client(harness_);
    std::map<std::string, std::string> headers = {{"content-type", "application/json"}};
    if (!token.empty()) headers["authorization"] = "Bearer " + token;
    auto response = client.send(method, path, body.is_null() ? "" : body.dump(), headers);
    auto parsed = nlohmann::json::parse(response.body, nullptr, false);
    return {response.status, parsed.is_discarded() ? nlohmann::json() : parsed};
  }
  std::string token_of(const std::string& email, const std::string& secret) {
    harness_.now += 30;  // a code works once
    auto r = api("POST", "/api/v1/sessions", "",
                 {{"email", email}, {"password", password}, {"otp", services::totp_code(secret, harness_.now)}});
    EXPECT_EQ(r.status, 201) << r.body.dump();
    return r.body.value("token", "");
  }
  // A phone booking by the clerk at 10:00 on the day (YYYYMMDD); its number.
  std::string book(const std::string& clerk, const std::string& yyyymmdd, const std::string& email = "") {
    nlohmann::json booking = {{"slot_id", std::to_string(frame_) + "-" + yyyymmdd + "-1000"}, {"channel", "phone"},
                              {"family_name", "電話"}, {"given_name", "花子"},
                              {"job_seeker_number", "11111-11111111"}};
    if (!email.empty()) booking["email"] = email;
    auto booked = api("POST", "/api/v1/staff/reservations", clerk, booking);
    EXPECT_EQ(booked.status, 201) << booked.body.dump();
    return booked.body.value("number", "");
  }
  std::string day_status(const std::string& date) {
    auto calendar = api("GET", "/api/v1/procedures/" + std::to_string(procedure_) + "/calendar?from=" + date + "&days=1", "");
    return calendar.body["facilities"][0]["frames"][0]["days"][0].value("status", "");
  }
  std::int64_t count(const std::string& sql) { return harness_.db().query_one(sql)->integer(0); }

  WebHarness harness_;
  std::int64_t procedure_ = 0, frame_ = 0;
};

TEST_P(OfficeAdminTest, AManagerSetsTheContactDataThePublicSideShows) {
  const std::string manager = token_of("manager@example.jp", manager_secret);
  auto bad = api("PATCH", "/api/v1/admin/offices/13040", manager,
                 {{"postal_code", "12-345"}, {"phone", "03-1234"}, {"map_url", "javascript:alert(1)"}});
  ASSERT_EQ(bad.status, 422) << bad.body.dump();
  EXPECT_TRUE(bad.body["fields"].contains("postal_code"));
  EXPECT_TRUE(bad.body["fields"].contains("phone"));
  EXPECT_TRUE(bad.body["fields"].contains("map_url"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'office.contact_changed'"), 0);

  auto saved = api("PATCH", "/api/v1/admin/offices/13040", manager,
                   {{"postal_code", "１４１８６０９"}, {"address", "東京都品川区大崎一丁目"}, {"phone", "03-5783-8609"},
                    {"consultation_phone", "03-5783-8611"}, {"opening_hours", "平日 8:30～17:15"}});
  ASSERT_EQ(saved.status, 200) << saved.body.dump();
  EXPECT_EQ(saved.body["contact"]["postal_code"], "141-8609");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'office.contact_changed'"), 1);

  WebHarness::Browser visitor(harness_);
  auto page = visitor.get("/procedures/" + std::to_string(procedure_));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("〒141-8609 東京都品川区大崎一丁目"), std::string::npos);
  EXPECT_NE(page.body.find("tel:03-5783-8611"), std::string::npos);

  // Told to call: the 職業相談 line, in the confirmation mail.
  const std::string clerk = token_of("clerk@example.jp", clerk_secret);
  book(clerk, "20260305", "hanako@example.jp");
  EXPECT_EQ(count("SELECT COUNT(*) FROM email_outbox WHERE body LIKE '%03-5783-8611%'"), 1);
}

TEST_P(OfficeAdminTest, OnlyTheOfficesManagersFindItsAdministration) {
  const std::string clerk = token_of("clerk@example.jp", clerk_secret);
  const std::string outsider = token_of("outsider@example.jp", outsider_secret);
  for (const auto& token : {clerk, outsider}) {
    EXPECT_EQ(api("GET", "/api/v1/admin/offices/13040", token).status, 404);
    EXPECT_EQ(api("PATCH", "/api/v1/admin/offices/13040", token, {{"phone", "03-0000-0000"}}).status, 404);
    EXPECT_EQ(api("POST", "/api/v1/admin/offices/13040/closures", token,
                  {{"from", "2026-03-10"}, {"reason", "研修"}}).status,
              404);
  }
  EXPECT_EQ(api("GET", "/api/v1/admin/offices/01901", outsider).status, 200);
  EXPECT_EQ(count("SELECT COUNT(*) FROM closures"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM offices WHERE phone = '03-0000-0000'"), 0);
  // The pages too: the tab is not offered and the page is not found.
  WebHarness::Browser browser(harness_);
  EXPECT_EQ(browser.send("GET", "/staff/offices/13040/settings", "", {{"authorization", "Bearer " + clerk}}).status,
            404);
}

TEST_P(OfficeAdminTest, AClosureTurnsThePublicCalendarsDaysClosed) {
  const std::string manager = token_of("manager@example.jp", manager_secret);
  ASSERT_EQ(day_status("2026-03-10"), "available");
  auto closed = api("POST", "/api/v1/admin/offices/13040/closures", manager,
                    {{"from", "2026-03-10"}, {"to", "2026-03-11"}, {"reason", "庁舎点検"}});
  ASSERT_EQ(closed.status, 201) << closed.body.dump();
  EXPECT_EQ(day_status("2026-03-10"), "closed");
  EXPECT_EQ(day_status("2026-03-11"), "closed");
  EXPECT_EQ(day_status("2026-03-12"), "available");
  ASSERT_EQ(closed.body["closures"].size(), 1u);
  EXPECT_EQ(closed.body["closures"][0]["reason"], "庁舎点検");

  // Reopened: bookable again.
  const std::string id = std::to_string(closed.body["closure_id"].get<std::int64_t>());
  EXPECT_EQ(api("DELETE", "/api/v1/admin/offices/13040/closures/" + id, manager).status, 204);
  EXPECT_EQ(day_status("2026-03-10"), "available");
  EXPECT_EQ(api("DELETE", "/api/v1/admin/offices/13040/closures/" + id, manager).status, 404);

  // Bad input is named field by field and changes nothing.
  auto bad = api("POST", "/api/v1/admin/offices/13040/closures", manager,
                 {{"from", "2026-03-01"}, {"to", "2026-02-27"}, {"reason", ""}});
  ASSERT_EQ(bad.status, 422);
  for (const char* field : {"from", "to", "reason"}) EXPECT_TRUE(bad.body["fields"].contains(field)) << field;
  auto foreign_frame = api("POST", "/api/v1/admin/offices/13040/closures", manager,
                           {{"from", "2026-03-10"}, {"reason", "研修"}, {"frame_id", 999999}});
  EXPECT_EQ(foreign_frame.status, 422);
  EXPECT_EQ(api("POST", "/api/v1/admin/offices/13040/closures", manager,
                {{"from", "2026-03-10"}, {"reason", "研修"}, {"bookings", "maybe"}}).status,
            400);
  EXPECT_EQ(count("SELECT COUNT(*) FROM closures"), 0);
}

// The day's slot list reads the procedure, its frames, the closures and the seats in one statement, the calendar
// in two or three: a frame's closure closes that frame only, the office's all, another office's none; a booked seat shows.
TEST_P(OfficeAdminTest, TheSlotListAndCalendarLeaveOutClosedFramesAndCountBookedSeats) {
  const std::string manager = token_of("manager@example.jp", manager_secret);
  const std::string clerk = token_of("clerk@example.jp", clerk_secret);
  store::ReservationFrame second = store::frames_of_procedure(harness_.db(), procedure_).front().frame;
  second.name = "二人目の相談員";
  second.first_start_minute = 13 * 60;
  second.last_start_minute = 14 * 60;
  const std::int64_t second_frame = store::insert_frame(harness_.db(), second);
  auto frames_listed = [&](const std::string& date) {
    auto slots = api("GET", "/api/v1/procedures/" + std::to_string(procedure_) + "/slots?date=" + date, "");
    EXPECT_EQ(slots.status, 200) << slots.body.dump();
    std::map<std::int64_t, int> per_frame;
    for (const auto& slot : slots.body) ++per_frame[std::stoll(slot.value("id", "0").substr(0, slot.value("id", "0").find('-')))];
    return per_frame;
  };
  auto first_day = frames_listed("2026-03-10");
  ASSERT_EQ(first_day.size(), 2u);
  EXPECT_EQ(first_day[second_frame], 3);  // 13:00, 13:30, 14:00

  ASSERT_EQ(api("POST", "/api/v1/admin/offices/13040/closures", manager,
                {{"from", "2026-03-10"}, {"reason", "研修"}, {"frame_id", frame_}}).status,
            201);
  EXPECT_EQ(frames_listed("2026-03-10"), (std::map<std::int64_t, int>{{second_frame, 3}}));
  // The calendar agrees, frame by frame.
  auto calendar = api("GET", "/api/v1/procedures/" + std::to_string(procedure_) + "/calendar?from=2026-03-10&days=2", "");
  const auto& frames = calendar.body["facilities"][0]["frames"];
  ASSERT_EQ(frames.size(), 2u) << calendar.body.dump();
  EXPECT_EQ(frames[0]["days"][0]["status"], "closed");
  EXPECT_EQ(frames[0]["days"][1]["status"], "available");
  EXPECT_EQ(frames[1]["days"][0]["status"], "available");
  // Staff book the same way (the frame and its closure read together): the closed frame's time is refused on the
  // API and on 代行入力's page, the other frame's is offered.
  const std::string closed_slot = std::to_string(frame_) + "-20260310-1000";
  const std::string open_slot = std::to_string(second_frame) + "-20260310-1300";
  auto refused = api("POST", "/api/v1/staff/reservations", clerk,
                     {{"slot_id", closed_slot}, {"channel", "phone"}, {"family_name", "電話"}, {"given_name", "花子"},
                      {"job_seeker_number", "11111-11111111"}});
  EXPECT_EQ(refused.status, 409) << refused.body.dump();
  EXPECT_EQ(refused.body["error"], "slot_unavailable");
  WebHarness::Browser browser(harness_);
  auto book_page = [&](const std::string& slot) {
    return browser.send("GET", "/staff/offices/13040/book?slot=" + slot, "", {{"authorization", "Bearer " + clerk}});
  };
  auto closed_page = book_page(closed_slot);
  EXPECT_EQ(closed_page.status, 200);
  EXPECT_NE(closed_page.body.find("満席か、予約できない時間です"), std::string::npos);
  auto open_page = book_page(open_slot);
  EXPECT_EQ(open_page.status, 200);
  EXPECT_EQ(open_page.body.find("満席か、予約できない時間です"), std::string::npos);
  EXPECT_NE(open_page.body.find("二人目の相談員"), std::string::npos);  // the chosen time is shown
  EXPECT_EQ(frames_listed("2026-03-11").size(), 2u);
  ASSERT_EQ(api("POST", "/api/v1/admin/offices/01901/closures", token_of("outsider@example.jp", outsider_secret),
                {{"from", "2026-03-11"}, {"reason", "庁舎点検"}}).status,
            201);
  EXPECT_EQ(frames_listed("2026-03-11").size(), 2u);
  ASSERT_EQ(api("POST", "/api/v1/admin/offices/13040/closures", manager,
                {{"from", "2026-03-11"}, {"reason", "庁舎点検"}}).status,
            201);
  EXPECT_TRUE(frames_listed("2026-03-11").empty());

  book(clerk, "20260312");
  auto slots = api("GET", "/api/v1/procedures/" + std::to_string(procedure_) + "/slots?date=2026-03-12", "");
  const std::string booked_id = std::to_string(frame_) + "-20260312-1000";
  int seen = 0;
  for (const auto& slot : slots.body) {
    if (slot["id"] != booked_id) continue;
    ++seen;
    EXPECT_EQ(slot["available"].get<int>(), slot["capacity"].get<int>() - 1) << slot.dump();
  }
  EXPECT_EQ(seen, 1);
  EXPECT_EQ(api("GET", "/api/v1/procedures/999999/slots?date=2026-03-12", "").status, 404);
}

TEST_P(OfficeAdminTest, AClosureOverBookedDaysWaitsForAnExplicitChoice) {
  const std::string manager = token_of("manager@example.jp", manager_secret);
  const std::string clerk = token_of("clerk@example.jp", clerk_secret);
  const std::string kept = book(clerk, "20260310");
  const nlohmann::json closure = {{"from", "2026-03-10"}, {"reason", "研修"}, {"frame_id", frame_}};

  auto asked = api("POST", "/api/v1/admin/offices/13040/closures", manager, closure);
  ASSERT_EQ(asked.status, 409) << asked.body.dump();
  EXPECT_EQ(asked.body["error"], "bookings_affected");
  ASSERT_EQ(asked.body["reservations"].size(), 1u);
  EXPECT_EQ(asked.body["reservations"][0]["number"], kept);
  EXPECT_EQ(count("SELECT COUNT(*) FROM closures"), 0);

  auto keep = closure;
  keep["bookings"] = "keep";
  auto applied = api("POST", "/api/v1/admin/offices/13040/closures", manager, keep);
  ASSERT_EQ(applied.status, 201) << applied.body.dump();
  EXPECT_EQ(applied.body["withdrawn"], 0);
  EXPECT_EQ(api("GET", "/api/v1/staff/reservations/" + kept, clerk).body["status"], "confirmed");
  EXPECT_EQ(day_status("2026-03-10"), "closed");

  // Withdrawing: the reason is required, then each person is told by mail.
  const std::string withdrawn = book(clerk, "20260312", "hanako@example.jp");
  const auto mails_before = count("SELECT COUNT(*) FROM email_outbox");
  auto withdraw = nlohmann::json{{"from", "2026-03-12"}, {"reason", "庁舎点検"}, {"bookings", "withdraw"}};
  auto no_reason = api("POST", "/api/v1/admin/offices/13040/closures", manager, withdraw);
  ASSERT_EQ(no_reason.status, 422);
  EXPECT_TRUE(no_reason.body["fields"].contains("withdrawal_reason"));
  EXPECT_EQ(api("GET", "/api/v1/staff/reservations/" + withdrawn, clerk).body["status"], "confirmed");
  withdraw["withdrawal_reason"] = "庁舎点検のため休業となりました。別の日にご予約ください。";
  auto done = api("POST", "/api/v1/admin/offices/13040/closures", manager, withdraw);
  ASSERT_EQ(done.status, 201) << done.body.dump();
  EXPECT_EQ(done.body["withdrawn"], 1);
  auto after = api("GET", "/api/v1/staff/reservations/" + withdrawn, clerk);
  EXPECT_EQ(after.body["status"], "withdrawn");
  EXPECT_EQ(count("SELECT COUNT(*) FROM email_outbox") , mails_before + 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'staff.reservation_withdrawn'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'office.closure_added'"), 2);
}

TEST_P(OfficeAdminTest, TheSettingsPageKeepsWhatWasTypedAndAsksAboutBookings) {
  const std::string clerk = token_of("clerk@example.jp", clerk_secret);
  book(clerk, "20260310");
  WebHarness::Browser browser(harness_);
  // Sign in through the API's token is for the API; the page uses the cookie session of the form sign-in.
  const std::string manager = token_of("manager@example.jp", manager_secret);
  const std::map<std::string, std::string> auth = {{"authorization", "Bearer " + manager}};
  auto page = browser.send("GET", "/staff/offices/13040/settings", "", auth);
  ASSERT_EQ(page.status, 200) << page.body.substr(0, 400);
  EXPECT_NE(page.body.find("休業日を登録する"), std::string::npos);
  EXPECT_NE(page.body.find("連絡先を保存する"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Databases, OfficeAdminTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return info.param == Backend::sqlite ? "SQLite" : "PostgreSQL"; });

}  // namespace
}  // namespace yoyaku::testing
