// No seat is ever given twice: hundreds of clients race for one slot through
// two `yoyaku serve` processes on one database (SQLite and PostgreSQL), and
// concurrent bookings get unique, gap-free reservation numbers.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <barrier>
#include <chrono>
#include <set>
#include <thread>

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
#include "support/signed_in_users.hpp"
#include "support/test_databases.hpp"
#include "util/random.hpp"

namespace yoyaku::testing {
namespace {

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class BookingRaceTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<TestDatabase>(GetParam());
    prepare_database(database_->url());
    first_ = std::make_unique<ServerProcess>(database_->url());
    second_ = std::make_unique<ServerProcess>(database_->url());
    auto search = http_get(first_->base_url() + "/api/v1/procedures?q=13040&kind=job_consultation");
    procedure_id_ = nlohmann::json::parse(search.body)["items"][0]["id"].get<std::int64_t>();
    auto calendar = nlohmann::json::parse(
        http_get(first_->base_url() + "/api/v1/procedures/" + std::to_string(procedure_id_) + "/calendar?days=14").body);
    for (const auto& day : calendar["facilities"][0]["frames"][0]["days"]) {
      if (day["status"] == "available") {
        date_ = day["date"];
        break;
      }
    }
    ASSERT_FALSE(date_.empty());
    auto slots = nlohmann::json::parse(http_get(first_->base_url() + "/api/v1/procedures/" +
                                                std::to_string(procedure_id_) + "/slots?date=" + date_)
                                           .body);
    slot_id_ = slots[0]["id"];
    ASSERT_EQ(slots[0]["capacity"], 2);
  }

  // Every client posts at the same moment; returns the responses in client order.
  std::vector<HttpResponse> race(const std::vector<std::string>& tokens, const std::string& path,
                                 const std::function<std::string(std::size_t)>& body_for) {
    std::vector<HttpResponse> responses(tokens.size());
    std::barrier start(static_cast<std::ptrdiff_t>(tokens.size()));
    std::vector<std::thread> clients;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      clients.emplace_back([&, i] {
        const std::string& base = (i % 2 == 0 ? first_ : second_)->base_url();
        std::string body = body_for(i);
        start.arrive_and_wait();
        try {
          responses[i] = http_request("POST", base + path,
                                      {{"Authorization", "Bearer " + tokens[i]}, {"Content-Type", "application/json"}},
                                      body);
        } catch (const std::exception& e) {
          responses[i].status = -1;
          responses[i].body = e.what();
        }
      });
    }
    for (auto& c : clients) c.join();
    return responses;
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<ServerProcess> first_;
  std::unique_ptr<ServerProcess> second_;
  std::int64_t procedure_id_ = 0;
  std::string date_;
  std::string slot_id_;
};

TEST_P(BookingRaceTest, TwoHundredClientsOnTwoServersGetExactlyTheTwoSeats) {
  auto tokens = make_signed_in_users(database_->url(), "racer", "12345", 200);
  auto responses = race(tokens, "/api/v1/holds", [&](std::size_t) {
    return nlohmann::json{{"slot_id", slot_id_}}.dump();
  });
  std::vector<std::size_t> winners;
  int refused = 0;
  for (std::size_t i = 0; i < responses.size(); ++i) {
    if (responses[i].status == 201) {
      winners.push_back(i);
    } else {
      EXPECT_EQ(responses[i].status, 409) << responses[i].body;
      auto body = nlohmann::json::parse(responses[i].body, nullptr, false);
      ASSERT_FALSE(body.is_discarded()) << responses[i].body;
      EXPECT_EQ(body["error"], "slot_unavailable");
      EXPECT_NE(body["message"].get<std::string>().find("予約不可"), std::string::npos);
      ++refused;
    }
  }
  EXPECT_EQ(winners.size(), 2u);
  EXPECT_EQ(refused, 198);

  auto c = db::connect(database_->url());
  auto slot = c->query_one("SELECT taken, capacity FROM slots WHERE slot_date = ? AND start_minute = 600", {date_});
  EXPECT_EQ(slot->integer(0), 2);
  EXPECT_EQ(c->query_one("SELECT COUNT(*) FROM holds WHERE released_at IS NULL")->integer(0), 2);

  // Both winners can book; the slot then shows as full.
  for (auto i : winners) {
    auto hold_id = nlohmann::json::parse(responses[i].body)["hold_id"].get<std::string>();
    auto booked = http_request("POST", first_->base_url() + "/api/v1/reservations",
                               {{"Authorization", "Bearer " + tokens[i]}, {"Content-Type", "application/json"}},
                               nlohmann::json{{"hold_id", hold_id},
                                              {"agreed_to_terms", true},
                                              {"family_name", "競争"},
                                              {"given_name", "勝者"},
                                              {"job_seeker_number", "12345-12345678"},
                                              {"phone", "0312345678"},
                                              {"topics", {"consultation"}}}
                                   .dump());
    EXPECT_EQ(booked.status, 201) << booked.body;
  }
  auto slots = nlohmann::json::parse(http_get(second_->base_url() + "/api/v1/procedures/" +
                                              std::to_string(procedure_id_) + "/slots?date=" + date_)
                                         .body);
  EXPECT_EQ(slots[0]["status"], "full");
  EXPECT_EQ(c->query_one("SELECT COUNT(*) FROM reservations WHERE status = 'confirmed'")->integer(0), 2);
  EXPECT_EQ(c->query_one("SELECT taken FROM slots WHERE slot_date = ? AND start_minute = 600", {date_})->integer(0), 2);
}

TEST_P(BookingRaceTest, ConcurrentBookingsGetUniqueGapFreeNumbersForTheDay) {
  constexpr int clients = 120;
  {
    auto c = db::connect(database_->url());
    c->query("UPDATE reservation_frames SET seats = ? WHERE procedure_id = ?", {std::int64_t{clients}, procedure_id_});
  }
  auto tokens = make_signed_in_users(database_->url(), "racer", "12345", clients);
  // A new frame size applies to slots made from now on: use a later time of the day.
  auto slots = nlohmann::json::parse(http_get(first_->base_url() + "/api/v1/procedures/" +
                                              std::to_string(procedure_id_) + "/slots?date=" + date_)
                                         .body);
  const std::string slot = slots[1]["id"];
  auto holds = race(tokens, "/api/v1/holds", [&](std::size_t) { return nlohmann::json{{"slot_id", slot}}.dump(); });
  std::vector<std::string> hold_ids;
  for (const auto& h : holds) {
    ASSERT_EQ(h.status, 201) << h.body;
    hold_ids.push_back(nlohmann::json::parse(h.body)["hold_id"]);
  }
  auto booked = race(tokens, "/api/v1/reservations", [&](std::size_t i) {
    return nlohmann::json{{"hold_id", hold_ids[i]},
                          {"agreed_to_terms", true},
                          {"family_name", "競争"},
                          {"given_name", std::to_string(i)},
                          {"job_seeker_number", "12345-12345678"}}
        .dump();
  });
  std::set<std::string> numbers;
  const std::string today = domain::to_compact(domain::jst_date_of(unix_now()));
  for (const auto& b : booked) {
    ASSERT_EQ(b.status, 201) << b.body;
    numbers.insert(nlohmann::json::parse(b.body)["number"].get<std::string>());
  }
  ASSERT_EQ(numbers.size(), static_cast<std::size_t>(clients));
  int expected = 1;
  for (const auto& number : numbers) {
    char want[32];
    std::snprintf(want, sizeof want, "%s-%06d", today.c_str(), expected++);
    EXPECT_EQ(number, want);
  }
  // Every booking told its user, in the same transaction.
  auto c = db::connect(database_->url());
  EXPECT_EQ(c->query_one("SELECT COUNT(*) FROM email_outbox WHERE kind = 'reservation_confirmed'")->integer(0), clients);
}

INSTANTIATE_TEST_SUITE_P(Databases, BookingRaceTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace yoyaku::testing
