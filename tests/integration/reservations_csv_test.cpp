// 「CSVダウンロード」 over real HTTP against the real binary, on SQLite and
// PostgreSQL: the exact bytes (byte-order mark, CRLF, RFC 4180 quoting of a
// name with a comma and a double quote, the formula-injection guard), the
// headers, the audit row of the export, the range limit, and another
// office's bookings "not found".
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>

#include "db/database.hpp"
#include "domain/csv.hpp"
#include "domain/dates.hpp"
#include "services/identity/totp.hpp"
#include "support/http_client.hpp"
#include "support/processes.hpp"
#include "support/test_databases.hpp"

namespace yoyaku::testing {
namespace {

using nlohmann::json;

const std::string staff_password = "staff-password-1";
const std::string clerk_secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const std::string north_secret = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU";

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

json body_of(const HttpResponse& response) {
  auto parsed = json::parse(response.body, nullptr, false);
  return parsed.is_discarded() ? json::object() : parsed;
}

class ReservationsCsvTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<TestDatabase>(GetParam());
    prepare_database(database_->url());
    create_staff("clerk@example.jp", "13040", clerk_secret);
    create_staff("north@example.jp", "01901", north_secret);
    server_ = std::make_unique<ServerProcess>(database_->url());
    db_ = db::connect(database_->url());
    clerk_ = staff_sign_in("clerk@example.jp", clerk_secret);
    north_ = staff_sign_in("north@example.jp", north_secret);
  }

  std::string url(const std::string& path) const { return server_->base_url() + path; }
  void create_staff(const std::string& email, const std::string& office, const std::string& secret) {
    auto created = run_yoyaku({"create-staff", "--db", database_->url(), "--email", email, "--password",
                               staff_password, "--name", "職員 " + office, "--office", office, "--totp-secret", secret});
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
  HttpResponse call(const std::string& method, const std::string& path, const std::string& token,
                    const json& body = json::object()) {
    std::map<std::string, std::string> headers = {{"Authorization", "Bearer " + token}};
    if (method == "GET") return http_request(method, url(path), headers);
    headers["Content-Type"] = "application/json";
    return http_request(method, url(path), headers, body.dump());
  }
  static std::string day(int days) {
    return domain::to_iso(domain::add_days(domain::jst_date_of(unix_now()), days));
  }
  // The first time staff may book at 品川 in the next two weeks: {slot id, date}.
  std::pair<std::string, std::string> bookable_slot() {
    auto r = call("GET", "/api/v1/staff/offices/13040/reservations?from=" + day(0) + "&to=" + day(13), clerk_);
    EXPECT_EQ(r.status, 200) << r.body;
    const json schedule = body_of(r);
    for (const auto& frame : schedule["frames"]) {
      for (const auto& slot : frame["slots"]) {
        if (slot["bookable"].get<bool>()) return {slot["id"], slot["date"]};
      }
    }
    ADD_FAILURE() << "no bookable time";
    return {};
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<db::Connection> db_;
  std::string clerk_, north_;
};

TEST_P(ReservationsCsvTest, ExactBytesQuotingFormulaGuardAuditAndScope) {
  const auto [slot, date] = bookable_slot();
  auto booked = call("POST", "/api/v1/staff/reservations", clerk_,
                     {{"slot_id", slot}, {"channel", "phone"}, {"family_name", "雇用,\"二郎\""}, {"given_name", "花子"},
                      {"job_seeker_number", "11111-11111111"}, {"phone", "0312345678"},
                      {"topics", {"consultation"}}, {"staff_note", "=HYPERLINK(\"http://evil.example\",\"x\")"}});
  ASSERT_EQ(booked.status, 201) << booked.body;
  const std::string number = body_of(booked)["number"];

  const std::string path = "/api/v1/staff/offices/13040/reservations.csv?from=" + day(0) + "&to=" + day(13);
  auto csv = call("GET", path, clerk_);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.header("content-disposition"),
            "attachment; filename=\"reservations-13040-" + day(0) + "-" + day(13) + ".csv\"");
  EXPECT_EQ(csv.header("cache-control"), "no-store");

  const std::string& text = csv.body;
  ASSERT_EQ(text.substr(0, 3), "\xEF\xBB\xBF");
  const std::string header =
      "日付,開始,終了,施設,予約枠,手続き,予約番号,氏,名,求職番号,電話番号,ご相談内容,状態,面談情報,受付経路,申込日時,職員メモ\r\n";
  EXPECT_EQ(text.substr(3, header.size()), header);
  // Every line ends with CRLF; no bare LF anywhere.
  ASSERT_EQ(text.substr(text.size() - 2), "\r\n");
  for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1)) {
    ASSERT_GT(at, 0u);
    EXPECT_EQ(text[at - 1], '\r') << "bare LF at " << at;
  }
  // The booking's line, byte for byte in its quoted parts.
  const std::string expected_part = "," + number + ",\"雇用,\"\"二郎\"\"\",花子,11111-11111111,0312345678,職業相談,予約完了,未登録,電話,";
  EXPECT_NE(text.find(expected_part), std::string::npos) << text;
  EXPECT_NE(text.find(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"\r\n"), std::string::npos) << text;
  EXPECT_EQ(text.find(",=HYPERLINK"), std::string::npos);
  // And it parses back to the same values (the guard's apostrophe aside).
  auto records = domain::parse_csv(text);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1][0], date);
  EXPECT_EQ(records[1][6], number);
  EXPECT_EQ(records[1][7], "雇用,\"二郎\"");
  EXPECT_EQ(records[1][16], "'=HYPERLINK(\"http://evil.example\",\"x\")");

  // The export is in the audit log, with the office and the range.
  auto audit = db_->query_one(
      "SELECT a.actor_kind, a.target_kind, a.target_id, a.detail, o.code FROM audit_log a JOIN offices o ON o.id = "
      "a.office_id WHERE a.action = 'staff.reservations_exported'");
  ASSERT_TRUE(audit);
  EXPECT_EQ(audit->text(0), "staff");
  EXPECT_EQ(audit->text(1), "office");
  EXPECT_EQ(audit->text(2), "13040");
  EXPECT_EQ(audit->text(3), day(0) + ".." + day(13) + " 1件");
  EXPECT_EQ(audit->text(4), "13040");

  // Another office's staff: not found, and nothing exported or logged for them.
  auto other = call("GET", path, north_);
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(body_of(other)["error"], "not_found");
  EXPECT_EQ(call("GET", "/api/v1/staff/offices/01901/reservations.csv", clerk_).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/staff/offices/01901/reservations.csv?from=x", clerk_).status, 404);
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM audit_log WHERE action = 'staff.reservations_exported'")->integer(0), 1);
  // No token: 401.
  EXPECT_EQ(http_get(url(path)).status, 401);
  // Their own office, empty: just the header line.
  auto empty = call("GET", "/api/v1/staff/offices/01901/reservations.csv?from=" + day(0) + "&to=" + day(0), north_);
  ASSERT_EQ(empty.status, 200);
  EXPECT_EQ(empty.body, "\xEF\xBB\xBF" + header);
}

TEST_P(ReservationsCsvTest, TheRangeIsCheckedWithJapaneseMessages) {
  auto too_long = call("GET", "/api/v1/staff/offices/13040/reservations.csv?from=2026-01-01&to=2026-04-04", clerk_);
  EXPECT_EQ(too_long.status, 422);
  EXPECT_EQ(body_of(too_long)["fields"]["to"], "CSVに出力できる期間は93日以内です。");
  // 93 days (2026-01-01 … 2026-04-03) is fine.
  EXPECT_EQ(call("GET", "/api/v1/staff/offices/13040/reservations.csv?from=2026-01-01&to=2026-04-03", clerk_).status,
            200);
  auto reversed = call("GET", "/api/v1/staff/offices/13040/reservations.csv?from=2026-03-02&to=2026-03-01", clerk_);
  EXPECT_EQ(reversed.status, 422);
  EXPECT_EQ(body_of(reversed)["fields"]["to"], "終了日は開始日以降の日付にしてください。");
  auto bad = call("GET", "/api/v1/staff/offices/13040/reservations.csv?from=2026-02-30&to=%E2%80%AE", clerk_);
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(body_of(bad)["fields"].contains("from"));
  EXPECT_TRUE(body_of(bad)["fields"].contains("to"));
}

INSTANTIATE_TEST_SUITE_P(Databases, ReservationsCsvTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace yoyaku::testing
