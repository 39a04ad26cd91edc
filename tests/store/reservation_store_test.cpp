// Reservations and holds on SQLite and PostgreSQL: the joined list and detail
// views, and the access scope written into their SQL.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "db/database.hpp"
#include "services/admin/demo_seed.hpp"
#include "services/admin/office_import.hpp"
#include "services/common/errors.hpp"
#include "services/common/principal.hpp"
#include "services/identity/accounts.hpp"
#include "services/public/reservations.hpp"
#include "services/staff/offices.hpp"
#include "store/accounts.hpp"
#include "store/catalog.hpp"
#include "store/migrations.hpp"
#include "store/reservations.hpp"
#include "store/slots.hpp"
#include "support/counting_connection.hpp"
#include "support/test_databases.hpp"

namespace yoyaku {
namespace {

using testing::Backend;
using testing::TestDatabase;

constexpr std::int64_t now = 1763700000;  // 2025-11-21

std::string offices_csv() {
  std::ifstream file(std::string(YOYAKU_SOURCE_DIR) + "/data/hellowork-offices.csv", std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

class ReservationStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<TestDatabase>(GetParam());
    connection_ = db::connect(database_->url());
    store::migrate(c(), now);
    static const std::string csv = offices_csv();
    services::import_offices_csv(c(), csv, now);
    services::seed_demo(c(), now);
    shinagawa_ = *store::find_office_by_code(c(), "13040");
    procedure_ = store::procedures_of_office(c(), shinagawa_.id).front();
    frame_ = store::frames_of_procedure(c(), procedure_.id).front().frame;
    owner_ = user("owner@example.jp");
    other_ = user("other@example.jp");
  }
  db::Connection& c() { return *connection_; }

  std::int64_t user(const std::string& email) {
    return services::create_verified_user(c(), {email, std::nullopt, "long-password-1", "雇用", "太郎",
                                                "12345-12345678", "0312345678"},
                                          now);
  }
  std::int64_t staff(const std::string& email, std::vector<std::string> offices, bool admin = false) {
    return services::create_staff_member(c(), {email, "long-password-1", "職員", std::move(offices), {}, admin, ""}, now);
  }
  // `count` confirmed bookings of `user_id`, numbered 20251121-000001 …
  void book(std::int64_t user_id, int count, int first = 1) {
    db::in_transaction(c(), true, [&](db::Connection& t) {
      auto slot = store::ensure_slot(t, frame_.id, "2025-12-01", 600, 630, 2);
      for (int i = first; i < first + count; ++i) {
        store::ReservationRow row;
        char number[32];
        std::snprintf(number, sizeof number, "20251121-%06d", i);
        row.number = number;
        row.user_id = user_id;
        row.procedure_id = procedure_.id;
        row.slot_id = slot.id;
        row.family_name = "雇用";
        row.given_name = "太郎";
        row.job_seeker_number = "12345-12345678";
        row.topics = "consultation";
        row.applied_at = now + i;
        store::insert_history(t, store::insert_reservation(t, row), "apply", now + i, {user_id, std::nullopt}, "");
      }
    });
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<db::Connection> connection_;
  store::Office shinagawa_;
  store::Procedure procedure_;
  store::ReservationFrame frame_;
  std::int64_t owner_ = 0;
  std::int64_t other_ = 0;
};

TEST_P(ReservationStoreTest, APageOfAHundredReservationsTakesTwoQueries) {
  book(owner_, 100);
  testing::CountingConnection counting(c());
  services::ReservationSearch search;
  search.per_page = 100;
  auto page = services::search_reservations(counting, services::Principal::job_seeker(owner_, ""), search, now);
  EXPECT_LE(counting.queries(), 3);
  ASSERT_EQ(page.items.size(), 100u);
  EXPECT_EQ(page.total, 100);
  // Every row comes with its procedure, office, slot, frame and facility.
  EXPECT_EQ(page.items.front().row.number, "20251121-000100");  // newest first
  EXPECT_EQ(page.items.back().procedure.title, procedure_.title);
  EXPECT_EQ(page.items.back().office.code, "13040");
  EXPECT_EQ(page.items.back().slot.frame, frame_.name);
  EXPECT_EQ(page.items.back().slot.facility, "ハローワーク品川");
  EXPECT_EQ(domain::to_iso(page.items.back().slot.date), "2025-12-01");

  counting.reset();
  auto detail = services::reservation_detail(counting, services::Principal::job_seeker(owner_, ""),
                                             "20251121-000042", now);
  EXPECT_LE(counting.queries(), 2);  // the joined row and its history
  ASSERT_EQ(detail.history.size(), 1u);
  EXPECT_EQ(detail.history[0].action, "apply");
}

TEST_P(ReservationStoreTest, AReservationIsReadOnlyWithinItsOwnersOrItsOfficesScope) {
  book(owner_, 1);
  const std::string number = "20251121-000001";
  auto find = [&](const store::AccessScope& scope) { return store::find_reservation(c(), number, scope).has_value(); };
  EXPECT_TRUE(find(store::AccessScope::job_seeker(owner_)));
  EXPECT_FALSE(find(store::AccessScope::job_seeker(other_)));
  EXPECT_FALSE(find(store::AccessScope{}));
  EXPECT_TRUE(find(store::AccessScope::office_staff(staff("shinagawa@example.jp", {"13040"}))));
  const std::string elsewhere = store::list_offices(c()).front().code;
  ASSERT_NE(elsewhere, "13040");
  EXPECT_FALSE(find(store::AccessScope::office_staff(staff("elsewhere@example.jp", {elsewhere}))));
  EXPECT_TRUE(find(store::AccessScope::administrator()));

  store::ReservationFilter filter;
  filter.scope = store::AccessScope::job_seeker(other_);
  EXPECT_EQ(store::count_reservations(c(), filter), 0);
  EXPECT_TRUE(store::find_reservations(c(), filter).empty());
  EXPECT_THROW(services::reservation_detail(c(), services::Principal::job_seeker(other_, ""), number, now),
               services::NotFoundError);
}

TEST_P(ReservationStoreTest, AHoldIsFoundOnlyForItsUserWithItsSlot) {
  store::HoldRow hold;
  hold.public_id = "0123456789abcdef0123456789abcdef";
  db::in_transaction(c(), true, [&](db::Connection& t) {
    hold.slot_id = store::ensure_slot(t, frame_.id, "2025-12-01", 630, 660, 2).id;
    hold.procedure_id = procedure_.id;
    hold.user_id = owner_;
    hold.created_at = now;
    hold.expires_at = now + 3600;
    store::insert_hold(t, hold);
  });
  auto mine = store::find_user_hold(c(), hold.public_id, owner_);
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->at.slot.start_minute, 630);
  EXPECT_EQ(mine->at.frame.id, frame_.id);
  EXPECT_EQ(mine->at.facility.name, "ハローワーク品川");
  EXPECT_FALSE(store::find_user_hold(c(), hold.public_id, other_));
  EXPECT_EQ(store::unreleased_holds_of_user(c(), owner_, procedure_.id).size(), 1u);
  EXPECT_TRUE(store::unreleased_holds_of_user(c(), other_, procedure_.id).empty());
}

TEST_P(ReservationStoreTest, StaffFindOnlyTheOfficesTheyServe) {
  const std::string elsewhere = store::list_offices(c()).front().code;
  auto clerk = services::Principal::staff(staff("clerk@example.jp", {"13040"}), "clerk", false,
                                          {{shinagawa_.id, services::StaffRole::operate}});
  auto admin = services::Principal::staff(staff("head@example.jp", {}, true), "admin", true, {});
  services::Client client{"127.0.0.1", "test"};
  EXPECT_EQ(services::served_office(c(), clerk, "13040", client, now).name, "ハローワーク品川");
  EXPECT_THROW(services::served_office(c(), clerk, elsewhere, client, now), services::NotFoundError);
  EXPECT_THROW(services::served_office(c(), services::Principal::job_seeker(owner_, ""), "13040", client, now),
               services::NotFoundError);
  EXPECT_EQ(services::served_office(c(), admin, elsewhere, client, now).code, elsewhere);
  ASSERT_EQ(services::offices_served(c(), clerk).size(), 1u);
  EXPECT_EQ(services::offices_served(c(), admin).size(), 534u);
  EXPECT_TRUE(services::offices_served(c(), services::Principal::job_seeker(owner_, "")).empty());
  // Opening an office's page is recorded.
  EXPECT_EQ(c().query_one("SELECT COUNT(*) FROM audit_log WHERE action = 'staff.office_opened'")->integer(0), 2);
}

TEST_P(ReservationStoreTest, OnlyBookingsThatCanBeNoShowsAreReadForAPersonsStanding) {
  // One booking of each kind, on days before, on and after "today" (2025-12-01).
  struct Kind {
    const char* date;
    const char* status;
  };
  const std::vector<Kind> kinds = {{"2025-11-28", "confirmed"}, {"2025-11-28", "no_show"},  {"2025-11-28", "attended"},
                                   {"2025-11-28", "withdrawn"}, {"2025-12-01", "confirmed"}, {"2025-12-02", "confirmed"},
                                   {"2025-12-02", "no_show"}};
  db::in_transaction(c(), true, [&](db::Connection& t) {
    int n = 0;
    for (const auto& kind : kinds) {
      ++n;
      auto slot = store::ensure_slot(t, frame_.id, kind.date, 570 + 30 * n, 600 + 30 * n, 2);
      store::ReservationRow row;
      row.number = "20251121-00010" + std::to_string(n);
      row.user_id = owner_;
      row.procedure_id = procedure_.id;
      row.slot_id = slot.id;
      row.family_name = "雇用";
      row.given_name = "太郎";
      row.job_seeker_number = "54321-00000001";
      row.applied_at = now;
      auto id = store::insert_reservation(t, row);
      t.query("UPDATE reservations SET status = ? WHERE id = ?", {std::string(kind.status), id});
    }
  });
  std::multiset<std::string> found;
  for (const auto& b : store::possible_no_shows_at_office(c(), shinagawa_.id, "54321-00000001", "2025-12-01")) {
    found.insert(b.date + " " + b.status);
  }
  EXPECT_EQ(found, (std::multiset<std::string>{"2025-11-28 confirmed", "2025-11-28 no_show", "2025-12-01 confirmed",
                                               "2025-12-02 no_show"}));
  EXPECT_TRUE(store::possible_no_shows_at_office(c(), shinagawa_.id, "99999-99999999", "2025-12-01").empty());

  // The day read is the reservation's slot's: a booking moved into the past
  // (or out of it) counts (or stops counting) at once.
  auto standing_days = [&] {
    std::multiset<std::string> days;
    for (const auto& b : store::possible_no_shows_at_office(c(), shinagawa_.id, "54321-00000001", "2025-12-01")) {
      if (b.status == "confirmed") days.insert(b.date);
    }
    return days;
  };
  db::in_transaction(c(), true, [&](db::Connection& t) {
    auto future = t.query_one("SELECT r.id FROM reservations r JOIN slots s ON s.id = r.slot_id"
                              " WHERE s.slot_date = '2025-12-02' AND r.status = 'confirmed'");
    auto past = t.query_one("SELECT r.id FROM reservations r JOIN slots s ON s.id = r.slot_id"
                            " WHERE s.slot_date = '2025-11-28' AND r.status = 'confirmed'");
    store::move_reservation(t, future->integer(0), store::ensure_slot(t, frame_.id, "2025-11-27", 600, 630, 2).id, now);
    store::move_reservation(t, past->integer(0), store::ensure_slot(t, frame_.id, "2025-12-03", 600, 630, 2).id, now);
  });
  EXPECT_EQ(standing_days(), (std::multiset<std::string>{"2025-11-27", "2025-12-01"}));
  // A slot's day rewritten in the database (the service never does) carries its reservations along.
  c().query("UPDATE slots SET slot_date = '2025-11-20' WHERE frame_id = ? AND slot_date = '2025-12-03'", {frame_.id});
  EXPECT_EQ(standing_days(), (std::multiset<std::string>{"2025-11-20", "2025-11-27", "2025-12-01"}));
}

// PostgreSQL, left to choose, planned a person's standing again on every call
// (0.7 ms of planning for 0.02 ms of work, twice a booking): each session
// keeps one plan per prepared statement.
TEST_P(ReservationStoreTest, APersonsStandingIsPlannedOncePerSessionOnPostgreSQL) {
  if (GetParam() != Backend::postgresql) GTEST_SKIP() << "plans are PostgreSQL's";
  for (int call = 0; call < 8; ++call) {
    db::in_transaction(c(), true, [&](db::Connection& t) {
      store::possible_no_shows_at_office(t, shinagawa_.id, "54321-0000000" + std::to_string(call), "2025-12-01");
    });
  }
  auto plans = c().query_one(
      "SELECT custom_plans, generic_plans FROM pg_prepared_statements WHERE statement LIKE 'SELECT r.status%'");
  ASSERT_TRUE(plans);
  EXPECT_EQ(plans->integer(0), 0);
  EXPECT_EQ(plans->integer(1), 8);
}

INSTANTIATE_TEST_SUITE_P(Databases, ReservationStoreTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return testing::backend_name(info.param); });

}  // namespace
}  // namespace yoyaku
