// Mail through the outbox, delivered by `yoyaku serve` to a real SMTP server.
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>

#include "db/database.hpp"
#include "services/common/mail.hpp"
#include "store/accounts.hpp"
#include "store/audit.hpp"
#include "store/catalog.hpp"
#include "store/notices.hpp"
#include "store/outbox.hpp"
#include "store/reservations.hpp"
#include "support/http_client.hpp"
#include "support/processes.hpp"
#include "support/smtp_server.hpp"
#include "support/test_databases.hpp"

namespace yoyaku::testing {
namespace {

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Waits until `predicate` holds for the outbox row `id`.
store::OutboxMessage wait_for_outbox(const std::string& db_url, std::int64_t id,
                                     const std::function<bool(const store::OutboxMessage&)>& predicate,
                                     int timeout_seconds = 20) {
  auto connection = db::connect(db_url);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  for (;;) {
    auto message = store::find_outbox(*connection, id);
    if (!message) throw std::runtime_error("no outbox row " + std::to_string(id));
    if (predicate(*message) || std::chrono::steady_clock::now() > deadline) return *message;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

std::int64_t queue_test_mail(const std::string& db_url, const std::string& address) {
  auto result = run_yoyaku({"mail-test", "--queue", "--db", db_url, address});
  if (result.exit_code != 0) throw std::runtime_error("mail-test --queue failed: " + result.err);
  return std::stoll(result.out.substr(std::string("queued mail ").size()));
}

class MailTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<TestDatabase>(GetParam());
    prepare_database(database_->url());
  }
  std::unique_ptr<ServerProcess> start_server(const std::string& smtp_url) {
    return std::make_unique<ServerProcess>(
        database_->url(),
        std::vector<std::string>{"--smtp-url", smtp_url, "--mail-from", "no-reply@hellowork.example.jp",
                                 "--mail-retry-base", "1"});
  }
  std::unique_ptr<TestDatabase> database_;
};

TEST_P(MailTest, AQueuedMailArrivesWithProperHeadersAndJapaneseText) {
  SmtpServer smtp;
  auto server = start_server(smtp.url());
  const auto before = unix_now();
  auto id = queue_test_mail(database_->url(), "koyou.taro@example.jp");

  auto received = smtp.wait_for(1);
  ASSERT_EQ(received.size(), 1u);
  const auto& mail = received[0];
  EXPECT_EQ(mail["subject"], "ハローワーク：テストメール");
  EXPECT_EQ(mail["from"], "オンライン・ハローワークシステム <no-reply@hellowork.example.jp>");
  EXPECT_EQ(mail["to"], "koyou.taro@example.jp");
  EXPECT_EQ(mail["rcpt_to"], "koyou.taro@example.jp");
  EXPECT_TRUE(mail["date_valid"].get<bool>());
  EXPECT_NE(mail["date"].get<std::string>().find("+0900"), std::string::npos);
  EXPECT_EQ(mail["content_type"], "text/plain");
  EXPECT_EQ(mail["charset"], "utf-8");
  EXPECT_TRUE(mail["defects"].empty()) << mail["defects"].dump();
  EXPECT_LE(mail["max_line_length"].get<int>(), 78);
  const std::string body = mail["body"];
  EXPECT_NE(body.find("メール送信設定を確認するためのテストメールです。"), std::string::npos) << body;
  EXPECT_NE(body.find("ヘルプデスク 0570-028-609（有料）"), std::string::npos) << body;

  auto row = wait_for_outbox(database_->url(), id, [](const auto& m) { return m.status == "sent"; });
  EXPECT_EQ(row.status, "sent");
  EXPECT_EQ(mail["message_id"], "<" + row.message_id + "@hellowork.example.jp>");
  ASSERT_TRUE(row.last_response);
  EXPECT_NE(row.last_response->find("250"), std::string::npos);
  ASSERT_TRUE(row.sent_at);
  EXPECT_GE(*row.sent_at, before);
  EXPECT_EQ(row.attempts, 1);
}

TEST_P(MailTest, AMailToAUserGoesToBothRegisteredAddresses) {
  SmtpServer smtp;
  auto connection = db::connect(database_->url());
  store::User user;
  user.email1 = "one@example.jp";
  user.email2 = "two@example.jp";
  db::in_transaction(*connection, true, [&](db::Connection& c) {
    services::enqueue_mail(c, "test_message", services::recipients_of(user),
                           {{"sent_at_text", "2026年11月21日 10時00分"}, {"base_url", "http://localhost"}},
                           unix_now());
  });
  auto server = start_server(smtp.url());
  auto received = smtp.wait_for(1);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0]["to"], "one@example.jp, two@example.jp");
  EXPECT_EQ(received[0]["rcpt_to"], "one@example.jp, two@example.jp");
}

TEST_P(MailTest, MailWaitsWhileTheMailServerIsDownAndIsDeliveredWhenItReturns) {
  const int smtp_port = free_port();  // nothing listens here yet
  auto server = start_server("smtp://127.0.0.1:" + std::to_string(smtp_port));
  auto id = queue_test_mail(database_->url(), "waiting@example.jp");

  // Between attempts (an attempt in flight shows "sending" with its count already raised).
  auto pending = wait_for_outbox(database_->url(), id,
                                 [](const auto& m) { return m.attempts >= 2 && m.status != "sending"; });
  EXPECT_EQ(pending.status, "pending");
  EXPECT_GE(pending.attempts, 2);  // retried with back-off
  ASSERT_TRUE(pending.last_response);
  EXPECT_NE(pending.last_response->find("onnect"), std::string::npos) << *pending.last_response;

  SmtpServer smtp(smtp_port);
  auto received = smtp.wait_for(1, 30);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0]["to"], "waiting@example.jp");
  auto sent = wait_for_outbox(database_->url(), id, [](const auto& m) { return m.status == "sent"; });
  EXPECT_EQ(sent.status, "sent");
}

TEST_P(MailTest, ARejectedRecipientFailsPermanentlyAndCanBeRequeued) {
  SmtpServer smtp;
  auto server = start_server(smtp.url());
  auto id = queue_test_mail(database_->url(), "reject.me@example.jp");
  auto failed = wait_for_outbox(database_->url(), id, [](const auto& m) { return m.status == "failed"; });
  EXPECT_EQ(failed.status, "failed");
  EXPECT_EQ(failed.attempts, 1);  // a 5xx reply is not retried
  ASSERT_TRUE(failed.last_response);
  EXPECT_NE(failed.last_response->find("550"), std::string::npos) << *failed.last_response;
  EXPECT_TRUE(smtp.messages().empty());

  auto queue = run_yoyaku({"mail-queue", "--db", database_->url()});
  EXPECT_EQ(queue.exit_code, 0);
  EXPECT_NE(queue.out.find("1 failed"), std::string::npos) << queue.out;
  EXPECT_NE(queue.out.find("reject.me@example.jp"), std::string::npos);
  EXPECT_NE(queue.out.find("550"), std::string::npos);

  auto retry = run_yoyaku({"mail-retry", "--db", database_->url(), std::to_string(id)});
  EXPECT_EQ(retry.exit_code, 0) << retry.err;
  auto again = wait_for_outbox(database_->url(), id, [](const auto& m) { return m.status == "failed" && m.attempts == 1; });
  EXPECT_EQ(again.status, "failed");
  EXPECT_NE(run_yoyaku({"mail-retry", "--db", database_->url(), "999999"}).exit_code, 0);
}

TEST_P(MailTest, TwoServersSendingAtOnceDeliverEachMessageOnce) {
  constexpr int count = 30;
  {
    auto connection = db::connect(database_->url());
    for (int i = 0; i < count; ++i) {
      db::in_transaction(*connection, true, [&](db::Connection& c) {
        services::enqueue_mail(c, "test_message", {"user" + std::to_string(i) + "@example.jp"},
                               {{"sent_at_text", std::to_string(i)}, {"base_url", "http://localhost"}}, unix_now());
      });
    }
  }
  SmtpServer smtp;
  auto first = start_server(smtp.url());
  auto second = start_server(smtp.url());
  auto received = smtp.wait_for(count, 60);
  std::this_thread::sleep_for(std::chrono::seconds(2));  // anything sent twice would arrive by now
  received = smtp.messages();
  std::set<std::string> ids;
  std::set<std::string> recipients;
  for (const auto& mail : received) {
    ids.insert(mail["message_id"].get<std::string>());
    recipients.insert(mail["to"].get<std::string>());
  }
  EXPECT_EQ(received.size(), static_cast<std::size_t>(count));
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(count));
  EXPECT_EQ(recipients.size(), static_cast<std::size_t>(count));
  auto connection = db::connect(database_->url());
  EXPECT_EQ(store::outbox_counts(*connection)["sent"], count);
}

INSTANTIATE_TEST_SUITE_P(Databases, MailTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return backend_name(info.param); });

TEST(MailTestCommand, SendsDirectlyAndReportsAnUnreachableServer) {
  SmtpServer smtp;
  auto ok = run_yoyaku({"mail-test", "--smtp-url", smtp.url(), "direct@example.jp"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("250"), std::string::npos) << ok.out;
  auto received = smtp.wait_for(1);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0]["subject"], "ハローワーク：テストメール");

  auto down = run_yoyaku({"mail-test", "--smtp-url", "smtp://127.0.0.1:" + std::to_string(free_port()),
                          "direct@example.jp"});
  EXPECT_EQ(down.exit_code, 1);
  EXPECT_NE(down.err.find("error:"), std::string::npos);
  auto rejected = run_yoyaku({"mail-test", "--smtp-url", smtp.url(), "reject@example.jp"});
  EXPECT_EQ(rejected.exit_code, 1);
  EXPECT_NE(rejected.err.find("550"), std::string::npos) << rejected.err;
  EXPECT_NE(run_yoyaku({"mail-test", "direct@example.jp"}).exit_code, 0);  // no --smtp-url
}

TEST(MailTestCommand, SpeaksStarttlsAndSmtpsAndChecksTheCertificate) {
  SmtpServer starttls(0, SmtpTls::starttls);
  const std::string required = starttls.url() + "?starttls=required";
  auto ok = run_yoyaku({"mail-test", "--smtp-url", required, "--smtp-ca-file", starttls.ca_file(), "tls@example.jp"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(starttls.wait_for(1).size(), 1u);
  // The server's certificate is checked: without its CA the mail is not sent.
  auto untrusted = run_yoyaku({"mail-test", "--smtp-url", required, "tls@example.jp"});
  EXPECT_EQ(untrusted.exit_code, 1);
  EXPECT_EQ(starttls.messages().size(), 1u);

  SmtpServer smtps(0, SmtpTls::smtps);
  ASSERT_EQ(smtps.url().rfind("smtps://", 0), 0u);
  auto implicit = run_yoyaku({"mail-test", "--smtp-url", smtps.url(), "--smtp-ca-file", smtps.ca_file(), "tls@example.jp"});
  EXPECT_EQ(implicit.exit_code, 0) << implicit.err;
  EXPECT_EQ(smtps.wait_for(1).size(), 1u);

  // Insisting on STARTTLS with a server that does not offer it fails rather than sending in clear.
  SmtpServer plain;
  auto refused = run_yoyaku({"mail-test", "--smtp-url", plain.url() + "?starttls=required", "tls@example.jp"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_TRUE(plain.messages().empty());
}

TEST(DemoMailboxTest, WithoutAMailServerTheDemoMailboxShowsEveryMail) {
  TestDatabase database(Backend::sqlite);
  prepare_database(database.url());
  ServerProcess server(database.url(), {"--demo-mailbox"});
  auto id = queue_test_mail(database.url(), "demo@example.jp");
  auto row = wait_for_outbox(database.url(), id, [](const auto& m) { return m.status == "sent"; });
  EXPECT_EQ(row.status, "sent");
  EXPECT_NE(row.last_response.value_or("").find("demo mailbox"), std::string::npos);

  auto list = http_get(server.base_url() + "/demo/mailbox");
  EXPECT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("ハローワーク：テストメール"), std::string::npos);
  EXPECT_NE(list.body.find("demo@example.jp"), std::string::npos);
  auto detail = http_get(server.base_url() + "/demo/mailbox/" + std::to_string(id));
  EXPECT_EQ(detail.status, 200);
  EXPECT_NE(detail.body.find("テストメールです。"), std::string::npos);
  EXPECT_EQ(http_get(server.base_url() + "/demo/mailbox/999999").status, 404);
  EXPECT_EQ(http_get(server.base_url() + "/demo/mailbox/x'1").status, 404);
}

TEST(DemoMailboxTest, IsNotThereUnlessAskedFor) {
  TestDatabase database(Backend::sqlite);
  prepare_database(database.url());
  ServerProcess server(database.url());
  EXPECT_EQ(http_get(server.base_url() + "/demo/mailbox").status, 404);
}

}  // namespace
}  // namespace yoyaku::testing
