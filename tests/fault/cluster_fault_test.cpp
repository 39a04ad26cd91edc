// Faults injected into a real cluster (scripts/cluster.sh): three `yoyaku
// serve` processes behind nginx, on a PostgreSQL primary with a synchronous
// standby, sending mail to a real SMTP server. Job seekers book through nginx
// while a server is killed, the database restarts or fails over, or the
// servers are restarted one by one; then every acknowledged booking must be in
// the database, no seat may be held by a request that died, and every mail
// must have gone out.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "db/database.hpp"
#include "domain/booking_ids.hpp"
#include "domain/dates.hpp"
#include "support/http_client.hpp"
#include "support/processes.hpp"
#include "support/signed_in_users.hpp"
#include "support/smtp_server.hpp"
#include "support/test_databases.hpp"
#include "util/random.hpp"

namespace yoyaku::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

std::string shell_quoted(const std::string& text) {
  std::string quoted = "'";
  for (char ch : text) quoted += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return quoted + "'";
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Runs a shell command and returns what it printed; throws when it fails.
std::string run_shell(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run: " + command);
  std::string out;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  const int status = pclose(pipe);
  if (exit_code_of(status) != 0) throw std::runtime_error("failed (" + std::to_string(status) + "): " + command);
  return out;
}

// A cluster started by scripts/cluster.sh, stopped (and its directory
// removed) at the end of the test.
class Cluster {
 public:
  struct App {
    pid_t pid = 0;
    int port = 0;
  };

  explicit Cluster(const std::string& smtp_url) : dir_(make_temp_directory("yoyaku-cluster-")) {
    for (const auto& line : split_lines(script("start " + shell_quoted(dir_), smtp_url))) {
      const std::string prefix = "export ";
      auto equals = line.find('=');
      if (line.rfind(prefix, 0) != 0 || equals == std::string::npos) continue;
      std::string value = line.substr(equals + 1);
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
      exports_[line.substr(prefix.size(), equals - prefix.size())] = value;
    }
  }
  ~Cluster() {
    try {
      script("stop " + shell_quoted(dir_));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "stopping the cluster: %s\n", e.what());
    }
  }
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  const std::string& url() const { return exports_.at("YOYAKU_CLUSTER_URL"); }
  const std::string& primary_url() const { return exports_.at("YOYAKU_CLUSTER_PG_PRIMARY"); }
  const std::string& standby_url() const { return exports_.at("YOYAKU_CLUSTER_PG_STANDBY"); }
  const std::string& printed(const std::string& name) const { return exports_.at(name); }

  // The servers now running, from DIR/apps ("PID PORT N" lines).
  std::vector<App> apps() const {
    std::vector<App> apps;
    std::istringstream lines(read_all(dir_ + "/apps"));
    App app;
    int number = 0;
    while (lines >> app.pid >> app.port >> number) apps.push_back(app);
    return apps;
  }

  // scripts/cluster.sh ARGS on this cluster; returns what it printed.
  std::string script(const std::string& args, const std::string& smtp_url = "") const {
    return run_shell("YOYAKU_BIN=" + shell_quoted(yoyaku_binary()) + " YOYAKU_CLUSTER_DIR=" + shell_quoted(dir_) +
                     " YOYAKU_CLUSTER_SMTP_URL=" + shell_quoted(smtp_url) + " " +
                     shell_quoted(source_dir() + "/scripts/cluster.sh") + " " + args);
  }

  std::string server_logs() const {
    std::string logs;
    for (int n = 1; n <= 3; ++n) logs += read_all(dir_ + "/app-" + std::to_string(n) + ".log");
    return logs;
  }

 private:
  static std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }

  std::string dir_;
  std::map<std::string, std::string> exports_;
};

struct Slot {
  std::string id;
  std::string date;
};

struct Booking {
  std::string number;
  bool replayed = false;
};

// What the clients of a storm saw.
struct StormTotals {
  std::vector<Booking> booked;
  int requests = 0;
  int failed = 0;   // answered 5xx or not at all (each time, retried or not)
  int gave_up = 0;  // bookings abandoned when the retries ran out
  std::vector<std::string> failures;    // the first few failed requests
  std::vector<std::string> unexpected;  // answers a booking client never expects

  void add(StormTotals&& other) {
    booked.insert(booked.end(), other.booked.begin(), other.booked.end());
    requests += other.requests;
    failed += other.failed;
    gave_up += other.gave_up;
    for (auto& f : other.failures) {
      if (failures.size() < 10) failures.push_back(std::move(f));
    }
    unexpected.insert(unexpected.end(), other.unexpected.begin(), other.unexpected.end());
  }
};

// Signed-in job seekers booking through nginx, each in a loop: look at a
// day's slots, hold one, book it. With `retry`, a request that got 502, 503,
// 504 or no answer is sent again with the same Idempotency-Key (as the API
// documentation tells clients to), for up to 30 s; without, it counts as
// failed and the client moves on.
class BookingStorm {
 public:
  BookingStorm(std::string base_url, std::int64_t procedure_id, std::vector<Slot> slots,
               std::vector<std::string> tokens, bool retry, int max_bookings)
      : base_url_(std::move(base_url)),
        procedure_id_(procedure_id),
        slots_(std::move(slots)),
        tokens_(std::move(tokens)),
        retry_(retry),
        max_bookings_(max_bookings),
        totals_(tokens_.size()) {
    for (std::size_t i = 0; i < tokens_.size(); ++i) clients_.emplace_back([this, i] { client(i); });
  }
  ~BookingStorm() { stop(); }
  BookingStorm(const BookingStorm&) = delete;
  BookingStorm& operator=(const BookingStorm&) = delete;

  int booked() const { return booked_.load(); }

  // Waits until `count` bookings were acknowledged in all; false on timeout.
  bool wait_for_bookings(int count, std::chrono::seconds timeout) const {
    const auto deadline = Clock::now() + timeout;
    while (booked_.load() < count) {
      if (Clock::now() > deadline) return false;
      std::this_thread::sleep_for(50ms);
    }
    return true;
  }

  // Lets every client finish the booking it is making, then adds up.
  StormTotals stop() {
    stopping_ = true;
    for (auto& c : clients_) {
      if (c.joinable()) c.join();
    }
    StormTotals all;
    for (auto& t : totals_) all.add(std::move(t));
    totals_.clear();
    return all;
  }

 private:
  std::optional<HttpResponse> exchange(const std::string& method, const std::string& path, const std::string& token,
                                       const std::string& body, StormTotals& totals) {
    std::map<std::string, std::string> headers{{"Authorization", "Bearer " + token}};
    if (method == "POST") {
      headers["Content-Type"] = "application/json";
      headers["Idempotency-Key"] = random_hex(16);
    }
    const int attempts = retry_ ? 400 : 1;
    for (int attempt = 0; attempt < attempts; ++attempt) {
      HttpResponse response;
      try {
        response = http_request(method, base_url_ + path, headers, body);
      } catch (const std::exception& e) {
        response.status = -1;
        response.body = e.what();
      }
      ++totals.requests;
      if (response.status > 0 && response.status < 500) return response;
      ++totals.failed;
      if (totals.failures.size() < 10) {
        std::string said = response.body.substr(0, 120);
        std::replace(said.begin(), said.end(), '\n', ' ');
        totals.failures.push_back(method + " " + path + " -> " + std::to_string(response.status) + " " + said);
      }
      std::this_thread::sleep_for(75ms);
    }
    return std::nullopt;
  }

  void client(std::size_t index) {
    std::mt19937 random(static_cast<unsigned>(index) + 1);
    StormTotals& totals = totals_[index];
    const std::string& token = tokens_[index];
    while (!stopping_ && booked_.load() < max_bookings_) {
      const Slot& slot = slots_[random() % slots_.size()];
      auto day = exchange("GET", "/api/v1/procedures/" + std::to_string(procedure_id_) + "/slots?date=" + slot.date,
                          token, "", totals);
      if (day && day->status != 200) totals.unexpected.push_back("slots: " + std::to_string(day->status));

      auto hold = exchange("POST", "/api/v1/holds", token, nlohmann::json{{"slot_id", slot.id}}.dump(), totals);
      if (!hold) {
        ++totals.gave_up;
        continue;
      }
      if (hold->status == 409) continue;  // the slot filled up
      if (hold->status != 201) {
        totals.unexpected.push_back("hold: " + std::to_string(hold->status) + " " + hold->body);
        continue;
      }
      const std::string hold_id = nlohmann::json::parse(hold->body)["hold_id"];
      auto booked = exchange("POST", "/api/v1/reservations", token,
                             nlohmann::json{{"hold_id", hold_id},
                                            {"agreed_to_terms", true},
                                            {"family_name", "障害"},
                                            {"given_name", "試験"},
                                            {"job_seeker_number", "12345-12345678"}}
                                 .dump(),
                             totals);
      if (!booked) {
        ++totals.gave_up;
        continue;
      }
      if (booked->status != 201) {
        totals.unexpected.push_back("reservation: " + std::to_string(booked->status) + " " + booked->body);
        continue;
      }
      totals.booked.push_back({nlohmann::json::parse(booked->body)["number"].get<std::string>(),
                               booked->header("idempotent-replayed") == "true"});
      ++booked_;
    }
  }

  std::string base_url_;
  std::int64_t procedure_id_;
  std::vector<Slot> slots_;
  std::vector<std::string> tokens_;
  bool retry_;
  int max_bookings_;
  std::vector<StormTotals> totals_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> booked_{0};
  std::vector<std::thread> clients_;
};

int healthz_status(int port) {
  try {
    return static_cast<int>(http_get("http://127.0.0.1:" + std::to_string(port) + "/healthz").status);
  } catch (const std::exception&) {
    return -1;
  }
}

// Polls a server's /healthz until it answers `status`; false on timeout.
bool wait_for_health(int port, int status, std::chrono::seconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (healthz_status(port) != status) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(50ms);
  }
  return true;
}

bool process_alive(pid_t pid) { return ::kill(pid, 0) == 0; }

class ClusterFaultTest : public ::testing::Test {
 protected:
  static constexpr int clients = 8;
  static constexpr int seats_per_slot = 20;

  void start_cluster(bool with_mail) {
    if (with_mail) smtp_ = std::make_unique<SmtpServer>();
    cluster_ = std::make_unique<Cluster>(with_mail ? smtp_->url() : "");
    auto search = http_get(cluster_->url() + "/api/v1/procedures?q=13040&kind=job_consultation");
    ASSERT_EQ(search.status, 200) << search.body;
    procedure_id_ = nlohmann::json::parse(search.body)["items"][0]["id"].get<std::int64_t>();
    {
      // Enough seats that the storm is about booking, not about full slots.
      auto c = db::connect(cluster_->primary_url());
      c->query("UPDATE reservation_frames SET seats = ? WHERE procedure_id = ?",
               {std::int64_t{seats_per_slot}, procedure_id_});
    }
    const std::string procedure = "/api/v1/procedures/" + std::to_string(procedure_id_);
    auto calendar = nlohmann::json::parse(http_get(cluster_->url() + procedure + "/calendar?days=14").body);
    for (const auto& day : calendar["facilities"][0]["frames"][0]["days"]) {
      if (day["status"] != "available") continue;
      const std::string date = day["date"];
      for (const auto& slot : nlohmann::json::parse(http_get(cluster_->url() + procedure + "/slots?date=" + date).body)) {
        if (slot["status"] != "full") slots_.push_back({slot["id"].get<std::string>(), date});
      }
    }
    ASSERT_GE(slots_.size(), 10u);
    tokens_ = make_signed_in_users(cluster_->primary_url(), "storm", "12345", clients);
  }

  // Each test bounds its storm by phases (so many bookings before and after the fault), not by a total.
  std::unique_ptr<BookingStorm> start_storm(bool retry, int max_bookings = 1000000) {
    return std::make_unique<BookingStorm>(cluster_->url(), procedure_id_, slots_, tokens_, retry, max_bookings);
  }

  // Every acknowledged booking is confirmed in the database, under its own
  // number; no retry booked twice; every seat taken belongs to a confirmed
  // booking or to a hold that lapses within the hold time.
  void expect_bookings_kept(const std::string& db_url, const StormTotals& totals) {
    SCOPED_TRACE("database " + db_url);
    EXPECT_TRUE(totals.unexpected.empty()) << totals.unexpected.front();
    ASSERT_FALSE(totals.booked.empty());
    auto c = db::connect(db_url);
    std::set<std::string> numbers;
    for (const auto& b : totals.booked) {
      EXPECT_TRUE(numbers.insert(b.number).second) << "number acknowledged twice: " << b.number;
      auto row = c->query_one("SELECT status FROM reservations WHERE number = ?", {b.number});
      ASSERT_TRUE(row.has_value()) << "acknowledged booking lost: " << b.number;
      EXPECT_EQ(row->text(0), "confirmed") << b.number;
    }
    // Bookings made but never acknowledged: only those whose client gave up.
    const auto confirmed = c->query_one("SELECT COUNT(*) FROM reservations WHERE status = 'confirmed'")->integer(0);
    EXPECT_GE(confirmed, static_cast<std::int64_t>(numbers.size()));
    EXPECT_LE(confirmed - static_cast<std::int64_t>(numbers.size()), totals.gave_up);
    EXPECT_EQ(c->query_one("SELECT COUNT(*) FROM (SELECT number FROM reservations GROUP BY number"
                           " HAVING COUNT(*) > 1) AS twice")
                  ->integer(0),
              0);

    expect_seats_accounted(*c);
    // Holds a dead request placed: few (their clients gave up), and each lapses within the hour.
    const auto live_holds = c->query_one("SELECT COUNT(*) FROM holds WHERE released_at IS NULL")->integer(0);
    EXPECT_LE(live_holds, totals.gave_up);
    EXPECT_EQ(c->query_one("SELECT COUNT(*) FROM holds WHERE released_at IS NULL AND expires_at > created_at + 3600")
                  ->integer(0),
              0);
    // The hour passes: a new hold on such a slot releases them and their seats.
    auto stale = c->query("SELECT DISTINCT s.frame_id, s.slot_date, s.start_minute FROM holds h"
                          " JOIN slots s ON s.id = h.slot_id WHERE h.released_at IS NULL");
    c->query("UPDATE holds SET expires_at = ? WHERE released_at IS NULL", {unix_now() - 1});
    for (const auto& row : stale) {
      const std::string slot_id =
          domain::slot_id({row.integer(0), *domain::parse_iso_date(row.text(1)), static_cast<int>(row.integer(2))});
      auto held = http_request("POST", cluster_->url() + "/api/v1/holds",
                               {{"Authorization", "Bearer " + tokens_[0]}, {"Content-Type", "application/json"}},
                               nlohmann::json{{"slot_id", slot_id}}.dump());
      EXPECT_TRUE(held.status == 201 || held.status == 409) << held.body;
    }
    EXPECT_EQ(c->query_one("SELECT COUNT(*) FROM holds WHERE released_at IS NULL AND expires_at < ?", {unix_now()})
                  ->integer(0),
              0)
        << stale.size() << " slot(s) had holds of dead requests";
    expect_seats_accounted(*c);
  }

  static void expect_seats_accounted(db::Connection& c) {
    auto wrong = c.query(
        "SELECT s.id, s.taken,"
        " (SELECT COUNT(*) FROM reservations r WHERE r.slot_id = s.id AND r.status = 'confirmed')"
        " + (SELECT COUNT(*) FROM holds h WHERE h.slot_id = s.id AND h.released_at IS NULL)"
        " FROM slots s");
    for (const auto& row : wrong) {
      EXPECT_EQ(row.integer(1), row.integer(2)) << "slot " << row.integer(0) << ": taken seats not accounted for";
    }
  }

  // Every mail of the outbox reached the SMTP server; a message came twice
  // only if it was in the documented window: its sender crashed or lost the
  // database after the SMTP server took it and before it was recorded as
  // sent, so it stayed `sending` until its lease ended. The lease (5 minutes)
  // is ended here by moving claimed_until, as the clock would.
  // With `crashed_sender`, the database never failed: only that process's
  // claims may be stranded.
  void expect_every_mail_sent(const std::string& db_url, std::optional<pid_t> crashed_sender = std::nullopt) {
    auto c = db::connect(db_url);
    auto count_open = [&] {
      return c->query_one("SELECT COUNT(*) FROM email_outbox WHERE status IN ('pending', 'sending')")->integer(0);
    };
    const auto settle_deadline = Clock::now() + 30s;
    while (c->query_one("SELECT COUNT(*) FROM email_outbox WHERE status = 'pending'")->integer(0) > 0 &&
           Clock::now() < settle_deadline) {
      std::this_thread::sleep_for(200ms);
    }
    // Stranded: still claimed by the same sender a few seconds later (a live
    // sender finishes a batch of 10 in well under a second).
    auto claims = [&] {
      std::map<std::string, std::string> claimed;  // message id -> claimed_by
      for (const auto& row : c->query("SELECT message_id, claimed_by FROM email_outbox WHERE status = 'sending'")) {
        claimed[row.text(0)] = row.text(1);
      }
      return claimed;
    };
    const auto before = claims();
    std::this_thread::sleep_for(3s);
    std::set<std::string> stranded;
    for (const auto& [id, sender] : claims()) {
      auto earlier = before.find(id);
      if (earlier == before.end() || earlier->second != sender) continue;
      stranded.insert(id);
      if (crashed_sender) {
        EXPECT_NE(sender.find(":" + std::to_string(*crashed_sender) + ":"), std::string::npos)
            << "mail " << id << " stuck with a live sender: " << sender;
      }
    }
    c->query("UPDATE email_outbox SET claimed_until = ? WHERE status = 'sending'", {unix_now() - 1});
    const auto deadline = Clock::now() + 30s;
    while (count_open() > 0 && Clock::now() < deadline) std::this_thread::sleep_for(200ms);
    ASSERT_EQ(count_open(), 0) << "mail still unsent";
    EXPECT_EQ(c->query_one("SELECT COUNT(*) FROM email_outbox WHERE status = 'failed'")->integer(0), 0);

    auto outbox = c->query("SELECT message_id FROM email_outbox");
    auto received = smtp_->wait_for(outbox.size(), 30);
    std::map<std::string, int> copies;
    for (const auto& message : received) {
      std::string id = message["message_id"].get<std::string>();  // <local@domain>
      copies[id.substr(1, id.find('@') - 1)]++;
    }
    int twice = 0;
    for (const auto& row : outbox) {
      const std::string id = row.text(0);
      EXPECT_GE(copies[id], 1) << "never sent: " << id;
      if (copies[id] > 1) {
        ++twice;
        EXPECT_TRUE(stranded.count(id)) << "sent twice outside the crash window: " << id;
      }
    }
    EXPECT_EQ(copies.size(), outbox.size()) << "mail the outbox does not know";
    std::printf("outbox: %zu messages, %zu in the crash window, %d sent twice\n", outbox.size(), stranded.size(),
                twice);
  }

  static void print(const char* what, const StormTotals& totals) {
    std::printf("%s: %zu bookings acknowledged (%zu on a retry's replay), %d requests, %d failed and retried, %d given up\n",
                what, totals.booked.size(),
                static_cast<std::size_t>(std::count_if(totals.booked.begin(), totals.booked.end(),
                                                       [](const Booking& b) { return b.replayed; })),
                totals.requests, totals.failed, totals.gave_up);
    for (const auto& f : totals.failures) std::printf("  e.g. %s\n", f.c_str());
  }

  std::unique_ptr<SmtpServer> smtp_;
  std::unique_ptr<Cluster> cluster_;
  std::int64_t procedure_id_ = 0;
  std::vector<Slot> slots_;
  std::vector<std::string> tokens_;
};

TEST_F(ClusterFaultTest, AServerKilledInABookingStormLosesNoBookingAndHoldsNoSeat) {
  ASSERT_NO_FATAL_FAILURE(start_cluster(true));
  auto storm = start_storm(true);
  ASSERT_TRUE(storm->wait_for_bookings(40, 60s));
  const auto victim = cluster_->apps().front();
  ASSERT_EQ(::kill(victim.pid, SIGKILL), 0);
  const int at_kill = storm->booked();
  ASSERT_TRUE(storm->wait_for_bookings(at_kill + 60, 60s)) << cluster_->server_logs().substr(0, 4000);
  auto totals = storm->stop();
  print("kill -9", totals);
  expect_bookings_kept(cluster_->primary_url(), totals);
  expect_every_mail_sent(cluster_->primary_url(), victim.pid);
}

TEST_F(ClusterFaultTest, ServersRecoverFromADatabaseRestartWithoutARestartOfTheirOwn) {
  ASSERT_NO_FATAL_FAILURE(start_cluster(true));
  const auto apps = cluster_->apps();
  auto storm = start_storm(true);
  ASSERT_TRUE(storm->wait_for_bookings(40, 60s));
  cluster_->script("stop-primary");
  // The standby is read-only: with no primary, no server has a database to write to.
  EXPECT_TRUE(wait_for_health(apps[0].port, 503, 15s));
  cluster_->script("start-primary");
  for (const auto& app : apps) EXPECT_TRUE(wait_for_health(app.port, 200, 30s)) << "server on " << app.port;
  const int at_restart = storm->booked();
  ASSERT_TRUE(storm->wait_for_bookings(at_restart + 60, 60s)) << cluster_->server_logs().substr(0, 4000);
  auto totals = storm->stop();
  print("database restart", totals);
  for (const auto& app : apps) EXPECT_TRUE(process_alive(app.pid)) << "server " << app.pid << " was restarted";
  EXPECT_GT(totals.failed, 0) << "the restart went unnoticed: the test proves nothing";
  expect_bookings_kept(cluster_->primary_url(), totals);
  expect_every_mail_sent(cluster_->primary_url());
}

TEST_F(ClusterFaultTest, ServersFollowAPromotedStandbyAndNoAcknowledgedBookingIsLost) {
  ASSERT_NO_FATAL_FAILURE(start_cluster(true));
  const auto apps = cluster_->apps();
  auto storm = start_storm(true);
  ASSERT_TRUE(storm->wait_for_bookings(40, 60s));
  // Synchronous replication: a commit was acknowledged only once the standby had it.
  cluster_->script("stop-primary");
  cluster_->script("promote-standby");
  const int at_failover = storm->booked();
  ASSERT_TRUE(storm->wait_for_bookings(at_failover + 60, 60s)) << cluster_->server_logs().substr(0, 4000);
  auto totals = storm->stop();
  print("failover", totals);
  for (const auto& app : apps) EXPECT_TRUE(process_alive(app.pid)) << "server " << app.pid << " was restarted";
  auto promoted = db::connect(cluster_->standby_url());
  EXPECT_EQ(promoted->query_one("SELECT pg_is_in_recovery()")->text(0), "f");
  expect_bookings_kept(cluster_->standby_url(), totals);
  expect_every_mail_sent(cluster_->standby_url());
}

TEST_F(ClusterFaultTest, ARollingRestartUnderLoadFailsNoRequest) {
  ASSERT_NO_FATAL_FAILURE(start_cluster(false));
  auto storm = start_storm(false);
  ASSERT_TRUE(storm->wait_for_bookings(30, 60s));
  std::set<pid_t> restarted;
  for (const auto& app : cluster_->apps()) {
    const std::string printed = cluster_->script("restart-app " + std::to_string(app.pid));
    const pid_t new_pid = std::stoi(printed);
    EXPECT_NE(new_pid, app.pid);
    EXPECT_TRUE(process_alive(new_pid));
    EXPECT_FALSE(process_alive(app.pid));
    restarted.insert(new_pid);
  }
  const int at_end = storm->booked();
  ASSERT_TRUE(storm->wait_for_bookings(at_end + 30, 60s));
  auto totals = storm->stop();
  print("rolling restart", totals);
  EXPECT_EQ(restarted.size(), 3u);
  EXPECT_EQ(totals.failed, 0) << (totals.failures.empty() ? "" : totals.failures.front());
  EXPECT_EQ(totals.gave_up, 0);
  expect_bookings_kept(cluster_->primary_url(), totals);
}

}  // namespace
}  // namespace yoyaku::testing
