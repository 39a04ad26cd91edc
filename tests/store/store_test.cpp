// The store suite: every test runs against SQLite and against PostgreSQL.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "db/database.hpp"
#include "domain/dates.hpp"
#include "services/identity/accounts.hpp"
#include "services/admin/demo_seed.hpp"
#include "services/common/errors.hpp"
#include "services/admin/office_import.hpp"
#include "store/migrations.hpp"
#include "store/accounts.hpp"
#include "store/audit.hpp"
#include "store/catalog.hpp"
#include "store/notices.hpp"
#include "store/outbox.hpp"
#include "store/reservations.hpp"
#include "support/test_databases.hpp"

namespace yoyaku {
namespace {

using testing::Backend;
using testing::TestDatabase;

constexpr std::int64_t now = 1763700000;  // 2025-11-21

std::string read_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

const std::string& offices_csv() {
  static const std::string text = read_file(std::string(YOYAKU_SOURCE_DIR) + "/data/hellowork-offices.csv");
  return text;
}

const std::string csv_header =
    "office_name,short_name,reading,kind,parent_short_name,pref_code,pref_name,municipalities,muni_codes,"
    "reading_confidence,office_code\n";

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<TestDatabase>(GetParam());
    connection_ = db::connect(database_->url());
    store::migrate(*connection_, now);
  }
  void TearDown() override {
    connection_.reset();
    database_.reset();
  }
  db::Connection& c() { return *connection_; }
  void import_all_offices() { services::import_offices_csv(c(), offices_csv(), now); }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<db::Connection> connection_;
};

TEST_P(StoreTest, MigrationBringsTheSchemaToTheLatestVersionAndIsIdempotent) {
  EXPECT_EQ(store::schema_version(c()), store::latest_schema_version(c().dialect()));
  EXPECT_GE(store::latest_schema_version(c().dialect()), 1);
  auto again = store::migrate(c(), now);
  EXPECT_TRUE(again.applied.empty());
  EXPECT_EQ(again.from_version, again.to_version);
}

TEST_P(StoreTest, ConcurrentMigratorsOnAFreshDatabaseBothSucceed) {
  TestDatabase fresh(GetParam());
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int i = 0; i < 3; ++i) {
    threads.emplace_back([&] {
      try {
        auto connection = db::connect(fresh.url());
        store::migrate(*connection, now);
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
        ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  auto connection = db::connect(fresh.url());
  EXPECT_EQ(store::schema_version(*connection), store::latest_schema_version(connection->dialect()));
  auto count = connection->query_one("SELECT COUNT(*) FROM schema_migrations");
  EXPECT_EQ(count->integer(0), store::latest_schema_version(connection->dialect()));
}

TEST_P(StoreTest, ImportsAllOfficesWithPrefectureReadingAndMunicipalities) {
  auto result = services::import_offices_csv(c(), offices_csv(), now);
  EXPECT_EQ(result.rows, 534);
  EXPECT_EQ(result.inserted, 534);
  auto offices = store::list_offices(c());
  ASSERT_EQ(offices.size(), 534u);

  auto shinagawa = store::find_office_by_code(c(), "13040");
  ASSERT_TRUE(shinagawa);
  EXPECT_EQ(shinagawa->name, "ハローワーク品川");
  EXPECT_FALSE(shinagawa->code_is_demo);
  EXPECT_EQ(shinagawa->reading, "しながわ");
  EXPECT_EQ(shinagawa->pref_name, "東京");
  EXPECT_NE(shinagawa->municipalities.find("品川区"), std::string::npos);

  // Two offices share a name across prefectures (宮古: 岩手 and 沖縄).
  EXPECT_TRUE(store::find_office_by_name(c(), "03", "ハローワーク宮古"));
  EXPECT_TRUE(store::find_office_by_name(c(), "47", "ハローワーク宮古"));

  // Branches point at their main office.
  auto yakumo = store::find_office_by_name(c(), "01", "ハローワーク函館 八雲出張所");
  auto hakodate = store::find_office_by_name(c(), "01", "ハローワーク函館");
  ASSERT_TRUE(yakumo && hakodate);
  EXPECT_EQ(yakumo->parent_id, hakodate->id);
  EXPECT_EQ(yakumo->kind, "出張所");

  // Every office has a distinct five-digit number; all but 品川 are demo numbers.
  std::set<std::string> codes;
  for (const auto& office : offices) {
    EXPECT_EQ(office.code.size(), 5u);
    EXPECT_EQ(office.code_is_demo, office.code != "13040") << office.name;
    if (office.code_is_demo) {
      EXPECT_EQ(office.code[2], '9') << office.code;
    }
    codes.insert(office.code);
  }
  EXPECT_EQ(codes.size(), 534u);
}

TEST_P(StoreTest, ImportingTheSameFileAgainChangesNothing) {
  import_all_offices();
  auto before = store::list_offices(c());
  auto again = services::import_offices_csv(c(), offices_csv(), now + 100);
  EXPECT_EQ(again.unchanged, 534);
  EXPECT_EQ(again.inserted + again.updated, 0);
  auto after = store::list_offices(c());
  ASSERT_EQ(before.size(), after.size());
  for (std::size_t i = 0; i < before.size(); ++i) EXPECT_EQ(before[i].code, after[i].code);
  auto updated = c().query_one("SELECT COUNT(*) FROM offices WHERE updated_at <> created_at");
  EXPECT_EQ(updated->integer(0), 0);
}

TEST_P(StoreTest, AnOfficialNumberReplacesTheDemoNumberAndRenumbersProcedureTitles) {
  import_all_offices();
  services::seed_demo(c(), now);
  auto sapporo = store::find_office_by_name(c(), "01", "ハローワーク札幌");
  ASSERT_TRUE(sapporo);
  ASSERT_TRUE(sapporo->code_is_demo);
  auto procedures = store::procedures_of_office(c(), sapporo->id);
  ASSERT_FALSE(procedures.empty());
  EXPECT_EQ(procedures[0].title.rfind("【" + sapporo->code + "】ハローワーク札幌（北海道） 職業相談 面談予約", 0), 0u);

  std::string csv = csv_header +
                    "ハローワーク札幌,札幌,さっぽろ,本所,,01,北海道,札幌市中央区 札幌市南区 札幌市西区 札幌市手稲区,"
                    "01101 01106 01107 01109,high,01010\n";
  auto result = services::import_offices_csv(c(), csv, now + 10);
  EXPECT_EQ(result.updated, 1);
  EXPECT_GE(result.procedures_renamed, 1);
  auto renumbered = store::find_office_by_name(c(), "01", "ハローワーク札幌");
  EXPECT_EQ(renumbered->code, "01010");
  EXPECT_FALSE(renumbered->code_is_demo);
  auto retitled = store::procedures_of_office(c(), sapporo->id);
  EXPECT_EQ(retitled[0].title, "【01010】ハローワーク札幌（北海道） 職業相談 面談予約");

  // A later import of the file without the number keeps the official one.
  import_all_offices();
  EXPECT_EQ(store::find_office_by_name(c(), "01", "ハローワーク札幌")->code, "01010");
}

TEST_P(StoreTest, ABadRowRejectsTheWholeImportAndNamesTheLine) {
  std::string csv = csv_header +
                    "ハローワーク札幌,札幌,さっぽろ,本所,,01,北海道,札幌市中央区,01101,high,\n"
                    "ハローワーク函館,函館,はこだて,支所,,01,北海道,函館市,01202,high,\n";
  try {
    services::import_offices_csv(c(), csv, now);
    FAIL() << "expected a validation error";
  } catch (const services::ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("3行目"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(store::list_offices(c()).empty());

  EXPECT_THROW(services::import_offices_csv(c(), "office_name,kind\nA,本所\n", now), services::ValidationError);
  EXPECT_THROW(services::import_offices_csv(c(), csv_header + "\"unterminated,x\n", now), services::ValidationError);
  std::string demo_number = csv_header + "ハローワーク札幌,札幌,さっぽろ,本所,,01,北海道,札幌市中央区,01101,high,01901\n";
  EXPECT_THROW(services::import_offices_csv(c(), demo_number, now), services::ValidationError);
  EXPECT_TRUE(store::list_offices(c()).empty());
}

TEST_P(StoreTest, DemoDataFollowsTheManualAndTheLeaflet) {
  import_all_offices();
  auto first = services::seed_demo(c(), now);
  EXPECT_EQ(first.facilities_created, 534);
  EXPECT_GE(first.procedures_created, 534);
  EXPECT_EQ(first.accounts_created, 3);

  auto shinagawa = store::find_office_by_code(c(), "13040");
  auto procedures = store::procedures_of_office(c(), shinagawa->id);
  ASSERT_FALSE(procedures.empty());
  const auto& consultation = procedures[0];
  EXPECT_EQ(consultation.title, "【13040】ハローワーク品川（東京） 職業相談 面談予約");
  EXPECT_EQ(consultation.kind, "job_consultation");
  EXPECT_EQ(consultation.reception_start_at, domain::from_jst(domain::Date{std::chrono::year{2024} / 8 / 1}, 8, 0));
  EXPECT_FALSE(consultation.reception_end_at.has_value());  // 随時
  // The leaflet's terms, this office's parts as values of the procedure.
  EXPECT_NE(consultation.terms.find("{{office_name}}（以下「当ハローワーク」"), std::string::npos);
  EXPECT_NE(consultation.terms.find("最新のパッチを適用して下さい。"), std::string::npos);  // 第12条(4)'s third bullet
  EXPECT_EQ(consultation.terms_court, "東京地方裁判所");
  EXPECT_EQ(consultation.terms_date, "令和5年5月29日");
  EXPECT_EQ(consultation.terms_issuer, "品川公共職業安定所長");
  EXPECT_EQ(consultation.contact_phone, "0120 860901");
  // The manual's calendar: the first bookable day is the day after tomorrow.
  EXPECT_EQ(consultation.booking_closes_days_before, 2);
  EXPECT_EQ(consultation.change_deadline_days_before, 2);

  auto frames = store::frames_of_procedure(c(), consultation.id);
  ASSERT_EQ(frames.size(), 1u);
  const auto& frame = frames[0].frame;
  EXPECT_EQ(frame.name, "オンライン職業相談");
  EXPECT_EQ(frame.weekdays, 0b0111110);
  EXPECT_EQ(frame.first_start_minute, 600);
  EXPECT_EQ(frame.last_start_minute, 900);  // the last consultation 15:00–15:30 (leaflet: 10:00～15:30)
  EXPECT_EQ(frame.interval_minutes, 30);
  EXPECT_EQ(frame.slot_minutes, 30);
  EXPECT_EQ(frame.seats, 2);
  EXPECT_EQ(frames[0].facility.office_id, shinagawa->id);

  // Every office offers 職業相談; some also 失業認定.
  auto kinds = c().query(
      "SELECT kind, COUNT(DISTINCT office_id) FROM procedures GROUP BY kind ORDER BY kind");
  ASSERT_EQ(kinds.size(), 2u);
  EXPECT_EQ(kinds[0].text(0), "job_consultation");
  EXPECT_EQ(kinds[0].integer(1), 534);
  EXPECT_GT(kinds[1].integer(1), 0);

  auto again = services::seed_demo(c(), now + 5);
  EXPECT_EQ(again.facilities_created + again.procedures_created + again.frames_created + again.notices_created +
                again.accounts_created,
            0);
}

TEST_P(StoreTest, AProcedureCannotTakeBookingsPastTheirOwnChangeDeadline) {
  import_all_offices();
  auto office = store::find_office_by_code(c(), "13040");
  store::Procedure procedure;
  procedure.office_id = office->id;
  procedure.kind = "job_consultation";
  procedure.title = "t";
  procedure.reception_start_at = now;
  procedure.booking_closes_days_before = 1;  // tomorrow: already past a 2-day deadline when booked
  procedure.change_deadline_days_before = 2;
  EXPECT_THROW(store::upsert_procedure(c(), procedure, now), db::ConstraintViolation);
  procedure.booking_closes_days_before = 2;
  auto id = store::upsert_procedure(c(), procedure, now);
  EXPECT_THROW(c().query("UPDATE procedures SET change_deadline_days_before = 3 WHERE id = ?", {id}),
               db::ConstraintViolation);
  EXPECT_THROW(c().query("UPDATE procedures SET booking_opens_days_before = 1 WHERE id = ?", {id}),
               db::ConstraintViolation);
}

TEST_P(StoreTest, SeedingKeepsWhatStaffChanged) {
  import_all_offices();
  services::seed_demo(c(), now);
  auto shinagawa = store::find_office_by_code(c(), "13040");
  auto procedure = store::procedures_of_office(c(), shinagawa->id)[0];
  procedure.description = "職員が編集した説明";
  store::upsert_procedure(c(), procedure, now);
  services::seed_demo(c(), now);
  EXPECT_EQ(store::find_procedure(c(), procedure.id)->description, "職員が編集した説明");
}

TEST_P(StoreTest, CreatesVerifiedUsersWithNormalisedFields) {
  services::NewJobSeeker input{"Koyou.Hanako@Example.JP", std::nullopt, "correct horse battery", "雇用", "花子",
                               "１２３４５－１２３４５６７８", "090-1234-5678"};
  auto id = services::create_verified_user(c(), input, now);
  auto user = store::find_user(c(), id);
  ASSERT_TRUE(user);
  EXPECT_EQ(user->email1, "koyou.hanako@example.jp");
  EXPECT_EQ(user->job_seeker_number, "12345-12345678");
  EXPECT_EQ(user->phone, "090-1234-5678");
  EXPECT_EQ(user->family_name, "雇用");
  EXPECT_EQ(user->email_verified_at, now);
  EXPECT_EQ(user->password_hash.rfind("$argon2id$", 0), 0u);
  EXPECT_NE(user->password_hash.find("correct"), 0u);

  EXPECT_THROW(services::create_verified_user(c(), input, now), services::ConflictError);
  EXPECT_EQ(c().query_one("SELECT COUNT(*) FROM users")->integer(0), 1);
}

TEST_P(StoreTest, RejectsInvalidUserFieldsWithAMessagePerField) {
  services::NewJobSeeker input{"not-an-email", std::nullopt, "short", "", "花子", "1234-12345678", "12345"};
  try {
    services::create_verified_user(c(), input, now);
    FAIL() << "expected a validation error";
  } catch (const services::ValidationError& e) {
    for (const char* field : {"email", "password", "family_name", "job_seeker_number", "phone"}) {
      EXPECT_TRUE(e.fields.count(field)) << field;
    }
    EXPECT_FALSE(e.fields.count("given_name"));
  }
  EXPECT_EQ(c().query_one("SELECT COUNT(*) FROM users")->integer(0), 0);
}

TEST_P(StoreTest, StaffBelongToTheirOfficesAndEmailsAreUnique) {
  import_all_offices();
  services::NewStaffMember staff{"staff@example.jp", "staff-password-1", "品川 職員", {"13040"}, {}, false, ""};
  auto id = services::create_staff_member(c(), staff, now);
  auto found = store::find_staff_by_email(c(), "staff@example.jp");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, id);
  ASSERT_EQ(found->office_ids.size(), 1u);
  EXPECT_EQ(found->office_ids[0], store::find_office_by_code(c(), "13040")->id);
  EXPECT_THROW(services::create_staff_member(c(), staff, now), services::ConflictError);

  services::NewStaffMember unknown{"other@example.jp", "staff-password-1", "", {"99999"}, {}, false, ""};
  EXPECT_THROW(services::create_staff_member(c(), unknown, now), services::ValidationError);
  services::NewStaffMember neither{"other@example.jp", "staff-password-1", "", {}, {}, false, ""};
  EXPECT_THROW(services::create_staff_member(c(), neither, now), services::ValidationError);
  EXPECT_FALSE(store::find_staff_by_email(c(), "other@example.jp"));
}

TEST_P(StoreTest, ReservationSequenceCountsPerDay) {
  auto next = [&](const std::string& day) {
    return db::in_transaction(c(), true, [&](db::Connection& t) { return store::next_reservation_sequence(t, day); });
  };
  EXPECT_EQ(next("20240820"), 1);
  EXPECT_EQ(next("20240820"), 2);
  EXPECT_EQ(next("20240821"), 1);
  EXPECT_EQ(next("20240820"), 3);
  // A rolled-back booking gives its number back: the sequence stays gap-free.
  EXPECT_THROW(db::in_transaction(c(), true,
                                  [&](db::Connection& t) {
                                    store::next_reservation_sequence(t, "20240820");
                                    throw std::runtime_error("booking failed");
                                  }),
               std::runtime_error);
  EXPECT_EQ(next("20240820"), 4);
}

TEST_P(StoreTest, ConcurrentBookingsGetDistinctGapFreeSequenceNumbers) {
  constexpr int threads = 6;
  constexpr int per_thread = 20;
  std::mutex mutex;
  std::vector<std::int64_t> values;
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      auto connection = db::connect(database_->url());
      for (int i = 0; i < per_thread; ++i) {
        auto value = db::in_transaction(*connection, true, [&](db::Connection& tx) {
          return store::next_reservation_sequence(tx, "20241201");
        });
        std::lock_guard lock(mutex);
        values.push_back(value);
      }
    });
  }
  for (auto& w : workers) w.join();
  std::sort(values.begin(), values.end());
  ASSERT_EQ(values.size(), static_cast<std::size_t>(threads * per_thread));
  for (std::size_t i = 0; i < values.size(); ++i) EXPECT_EQ(values[i], static_cast<std::int64_t>(i + 1));
}

TEST_P(StoreTest, SlotCapacityIsEnforcedByTheDatabase) {
  import_all_offices();
  services::seed_demo(c(), now);
  auto shinagawa = store::find_office_by_code(c(), "13040");
  auto procedure = store::procedures_of_office(c(), shinagawa->id)[0];
  auto frame = store::frames_of_procedure(c(), procedure.id)[0].frame;
  auto slot = c().query_one(
      "INSERT INTO slots (frame_id, slot_date, start_minute, end_minute, capacity) VALUES (?, '2024-08-22', 840, 870, 2)"
      " RETURNING id",
      {frame.id});
  const std::int64_t slot_id = slot->integer(0);
  const char* take = "UPDATE slots SET taken = taken + 1 WHERE id = ? AND taken < capacity";
  c().query(take, {slot_id});
  EXPECT_EQ(c().changes(), 1);
  c().query(take, {slot_id});
  EXPECT_EQ(c().changes(), 1);
  c().query(take, {slot_id});
  EXPECT_EQ(c().changes(), 0);  // full: the conditional update takes nothing
  EXPECT_THROW(c().query("UPDATE slots SET taken = taken + 1 WHERE id = ?", {slot_id}), db::ConstraintViolation);
  EXPECT_EQ(c().query_one("SELECT taken FROM slots WHERE id = ?", {slot_id})->integer(0), 2);
  EXPECT_THROW(c().query("INSERT INTO slots (frame_id, slot_date, start_minute, end_minute, capacity)"
                         " VALUES (?, '2024-08-22', 840, 870, 2)",
                         {frame.id}),
               db::UniqueViolation);
}

TEST_P(StoreTest, TheAuditLogIsAppendOnly) {
  store::append_audit(c(), {now, "staff", 7, "reservation.viewed", "reservation", "20240820-000011", std::nullopt,
                            "127.0.0.1", "詳細を表示"});
  auto entries = store::recent_audit(c(), 10);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "reservation.viewed");
  EXPECT_EQ(entries[0].detail, "詳細を表示");
  EXPECT_THROW(c().query("UPDATE audit_log SET detail = 'x'"), db::Error);
  EXPECT_THROW(c().query("DELETE FROM audit_log"), db::Error);
  EXPECT_EQ(store::recent_audit(c(), 10).size(), 1u);
}

TEST_P(StoreTest, ATransactionThatThrowsLeavesNothingBehind) {
  EXPECT_THROW(db::in_transaction(c(), true,
                                  [&](db::Connection& t) {
                                    store::insert_notice(t, {0, std::nullopt, "題", "本文", now}, now);
                                    throw std::runtime_error("stop");
                                  }),
               std::runtime_error);
  EXPECT_TRUE(store::published_notices(c(), now, 10).empty());
}

TEST_P(StoreTest, NoticesAreListedNewestFirstFromTheirStartUntilTheirEnd) {
  store::insert_notice(c(), {0, std::nullopt, "古い", "本文1", now - 200}, now);
  store::insert_notice(c(), {0, std::nullopt, "新しい", "本文2 😀 改行\n付き", now - 100}, now);
  store::insert_notice(c(), {0, std::nullopt, "予約投稿", "未来", now + 100}, now);
  store::insert_notice(c(), {0, std::nullopt, "終了", "過去", now - 300, now}, now);  // until is exclusive
  store::insert_notice(c(), {0, std::nullopt, "終了前", "まだ", now - 50, now + 1}, now);
  auto notices = store::published_notices(c(), now, 10);
  ASSERT_EQ(notices.size(), 3u);
  EXPECT_EQ(notices[0].notice.title, "終了前");
  EXPECT_EQ(notices[1].notice.title, "新しい");
  EXPECT_EQ(notices[1].notice.body, "本文2 😀 改行\n付き");
  EXPECT_EQ(notices[2].notice.title, "古い");
  EXPECT_EQ(notices[2].office_name, "");
  EXPECT_EQ(store::published_notices(c(), now, 1).size(), 1u);
  EXPECT_EQ(store::published_notices(c(), now + 100, 10).front().notice.title, "予約投稿");
}

TEST_P(StoreTest, NullsAndParametersRoundTrip) {
  auto row = c().query_one("SELECT ?, ?, ?", {db::Value(nullptr), db::Value(std::int64_t{-42}), db::Value("'; --")});
  ASSERT_TRUE(row);
  EXPECT_TRUE(row->is_null(0));
  EXPECT_EQ(row->integer(1), -42);
  EXPECT_EQ(row->text(2), "'; --");
  EXPECT_THROW(row->text(0), db::Error);
  EXPECT_THROW(c().query("SELECT * FROM no_such_table"), db::Error);
}

INSTANTIATE_TEST_SUITE_P(Databases, StoreTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return testing::backend_name(info.param); });

TEST(DatabaseUrlTest, UnreachableOrUnsupportedDatabasesFailWithConnectionError) {
  EXPECT_THROW(db::connect("mysql://localhost/x"), db::ConnectionError);
  EXPECT_THROW(db::connect("postgresql://nobody@127.0.0.1:1/none"), db::ConnectionError);
  EXPECT_THROW(db::connect("sqlite:/nonexistent-directory/sub/x.db"), db::ConnectionError);
  EXPECT_EQ(db::redact_url("postgresql://user:secret@host:5432/db"), "postgresql://user:***@host:5432/db");
}

}  // namespace
}  // namespace yoyaku
