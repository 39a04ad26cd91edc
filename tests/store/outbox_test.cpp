// The email outbox on SQLite and PostgreSQL: transactional writes and claims.
#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <thread>

#include "db/database.hpp"
#include "services/common/mail.hpp"
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

constexpr std::int64_t now = 1763700000;

const nlohmann::json test_context = {{"sent_at_text", "2026年11月21日 10時00分"}, {"base_url", "http://localhost"}};

class OutboxTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<TestDatabase>(GetParam());
    connection_ = db::connect(database_->url());
    store::migrate(*connection_, now);
  }
  db::Connection& c() { return *connection_; }
  std::int64_t enqueue(const std::string& to, std::int64_t at = now) {
    return db::in_transaction(c(), true, [&](db::Connection& t) {
      return services::enqueue_mail(t, "test_message", {to}, test_context, at);
    });
  }
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<db::Connection> connection_;
};

TEST_P(OutboxTest, AMailIsWrittenWithTheChangeAndRenderedFromItsTemplate) {
  auto id = enqueue("taro@example.jp");
  auto message = store::find_outbox(c(), id);
  ASSERT_TRUE(message);
  EXPECT_EQ(message->status, "pending");
  EXPECT_EQ(message->kind, "test_message");
  EXPECT_EQ(message->subject, "ハローワーク：テストメール");
  EXPECT_NE(message->body.find("送信日時：2026年11月21日 10時00分"), std::string::npos) << message->body;
  EXPECT_EQ(message->body.find("Subject:"), std::string::npos);
  EXPECT_EQ(message->recipients, std::vector<std::string>{"taro@example.jp"});
  EXPECT_EQ(message->next_attempt_at, now);
  EXPECT_EQ(message->message_id.rfind("yoyaku.", 0), 0u);
  EXPECT_NE(store::find_outbox(c(), enqueue("b@example.jp"))->message_id, message->message_id);
}

TEST_P(OutboxTest, ARolledBackChangeLeavesNoMail) {
  EXPECT_THROW(db::in_transaction(c(), true,
                                  [&](db::Connection& t) {
                                    services::enqueue_mail(t, "test_message", {"x@example.jp"}, test_context, now);
                                    throw std::runtime_error("the change failed");
                                  }),
               std::runtime_error);
  EXPECT_TRUE(store::list_outbox(c(), "", 10).empty());
  EXPECT_TRUE(store::claim_due_outbox(c(), "w", now + 1000, now + 1300, 10).empty());
}

TEST_P(OutboxTest, ClaimsOnlyDueMessagesAndRecordsTheOutcome) {
  auto due = enqueue("due@example.jp", now);
  auto later = enqueue("later@example.jp", now + 60);
  auto claimed = store::claim_due_outbox(c(), "worker-a", now, now + 300, 10);
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].id, due);
  EXPECT_EQ(claimed[0].status, "sending");
  EXPECT_EQ(claimed[0].attempts, 1);
  EXPECT_TRUE(store::claim_due_outbox(c(), "worker-b", now, now + 300, 10).empty());  // already claimed

  EXPECT_FALSE(store::mark_outbox_sent(c(), due, "worker-b", now, "250 OK"));  // not b's claim
  EXPECT_TRUE(store::mark_outbox_retry(c(), due, "worker-a", now + 30, "421 try later"));
  auto retried = store::find_outbox(c(), due);
  EXPECT_EQ(retried->status, "pending");
  EXPECT_EQ(retried->next_attempt_at, now + 30);
  EXPECT_EQ(retried->last_response, "421 try later");

  auto at_60 = store::claim_due_outbox(c(), "worker-b", now + 60, now + 360, 10);
  ASSERT_EQ(at_60.size(), 2u);
  EXPECT_EQ(at_60[0].id, due);
  EXPECT_EQ(at_60[0].attempts, 2);
  EXPECT_EQ(at_60[1].id, later);
  EXPECT_TRUE(store::mark_outbox_sent(c(), due, "worker-b", now + 61, "250 OK"));
  EXPECT_TRUE(store::mark_outbox_failed(c(), later, "worker-b", "550 User unknown"));
  EXPECT_EQ(store::find_outbox(c(), due)->sent_at, now + 61);
  auto counts = store::outbox_counts(c());
  EXPECT_EQ(counts["sent"], 1);
  EXPECT_EQ(counts["failed"], 1);
  EXPECT_EQ(store::list_outbox(c(), "failed", 10).size(), 1u);

  EXPECT_FALSE(store::requeue_outbox(c(), due, now));  // sent mail is not requeued
  EXPECT_TRUE(store::requeue_outbox(c(), later, now + 100));
  auto requeued = store::find_outbox(c(), later);
  EXPECT_EQ(requeued->status, "pending");
  EXPECT_EQ(requeued->attempts, 0);
}

TEST_P(OutboxTest, AClaimWhoseWorkerDiedIsTakenOverWhenItsLeaseEnds) {
  auto id = enqueue("crash@example.jp");
  ASSERT_EQ(store::claim_due_outbox(c(), "crashed", now, now + 300, 10).size(), 1u);
  EXPECT_TRUE(store::claim_due_outbox(c(), "survivor", now + 299, now + 599, 10).empty());
  auto taken = store::claim_due_outbox(c(), "survivor", now + 301, now + 601, 10);
  ASSERT_EQ(taken.size(), 1u);
  EXPECT_EQ(taken[0].id, id);
  EXPECT_EQ(taken[0].attempts, 2);
  EXPECT_FALSE(store::mark_outbox_sent(c(), id, "crashed", now + 302, "250 OK"));  // too late
  EXPECT_TRUE(store::mark_outbox_sent(c(), id, "survivor", now + 302, "250 OK"));
}

TEST_P(OutboxTest, ConcurrentWorkersNeverClaimTheSameMessage) {
  constexpr int messages = 60;
  for (int i = 0; i < messages; ++i) enqueue("user" + std::to_string(i) + "@example.jp");
  std::mutex mutex;
  std::multiset<std::int64_t> claimed;
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w) {
    workers.emplace_back([&, w] {
      auto connection = db::connect(database_->url());
      for (;;) {
        auto batch = store::claim_due_outbox(*connection, "worker-" + std::to_string(w), now, now + 300, 3);
        if (batch.empty()) break;
        std::lock_guard lock(mutex);
        for (const auto& m : batch) claimed.insert(m.id);
      }
    });
  }
  for (auto& w : workers) w.join();
  EXPECT_EQ(claimed.size(), static_cast<std::size_t>(messages));
  EXPECT_EQ(std::set<std::int64_t>(claimed.begin(), claimed.end()).size(), static_cast<std::size_t>(messages));
}

INSTANTIATE_TEST_SUITE_P(Databases, OutboxTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return testing::backend_name(info.param); });

TEST(MailTemplateTest, RecipientsAndBackOff) {
  store::User user;
  user.email1 = "one@example.jp";
  EXPECT_EQ(services::recipients_of(user), std::vector<std::string>{"one@example.jp"});
  user.email2 = "two@example.jp";
  EXPECT_EQ(services::recipients_of(user), (std::vector<std::string>{"one@example.jp", "two@example.jp"}));
  user.email2 = "one@example.jp";
  EXPECT_EQ(services::recipients_of(user).size(), 1u);

  EXPECT_EQ(services::retry_delay_seconds(1, 30, 3600), 30);
  EXPECT_EQ(services::retry_delay_seconds(2, 30, 3600), 60);
  EXPECT_EQ(services::retry_delay_seconds(5, 30, 3600), 480);
  EXPECT_EQ(services::retry_delay_seconds(20, 30, 3600), 3600);
  EXPECT_THROW(services::render_mail_template("no_such_kind", {}), std::runtime_error);
}

}  // namespace
}  // namespace yoyaku
