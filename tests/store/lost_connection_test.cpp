// A lost PostgreSQL connection (its server process terminated, as in a
// restart or a failover): a transaction is retried on a new connection only
// when it certainly did not commit; a loss during COMMIT is reported as
// CommitUnknownError and never retried. Real server, real terminations.
#include <gtest/gtest.h>

#include "db/database.hpp"
#include "support/test_databases.hpp"

namespace yoyaku {
namespace {

using testing::Backend;
using testing::TestDatabase;

class LostConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = std::make_unique<TestDatabase>(Backend::postgresql);
    admin_ = db::connect(database_->url());
    admin_->execute_script("CREATE TABLE marks (n INTEGER NOT NULL)");
    connection_ = db::connect(database_->url());
  }
  // Ends the server process behind `connection_`, as a restart would, and
  // waits until it is gone.
  void terminate_connection() {
    auto pid = connection_->query_one("SELECT pg_backend_pid()")->integer(0);
    auto ended = admin_->query_one("SELECT pg_terminate_backend(CAST(? AS INTEGER), 5000)", {pid});
    ASSERT_EQ(ended->text(0), "t");
  }
  std::int64_t marks() { return admin_->query_one("SELECT COUNT(*) FROM marks")->integer(0); }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<db::Connection> admin_;
  std::unique_ptr<db::Connection> connection_;
};

TEST_F(LostConnectionTest, ALossBeforeTheTransactionStartsIsRetriedOnANewConnection) {
  terminate_connection();
  int runs = 0;
  db::in_transaction(*connection_, true, [&](db::Connection& t) {
    ++runs;
    t.query("INSERT INTO marks (n) VALUES (1)");
  });
  EXPECT_EQ(runs, 1);  // BEGIN failed, nothing of the work ran on the lost connection
  EXPECT_EQ(marks(), 1);
  EXPECT_FALSE(connection_->broken());
}

TEST_F(LostConnectionTest, ALossInTheMiddleOfTheWorkRunsItAgainAndCommitsOnce) {
  int runs = 0;
  db::in_transaction(*connection_, true, [&](db::Connection& t) {
    ++runs;
    t.query("INSERT INTO marks (n) VALUES (1)");
    if (runs == 1) terminate_connection();
    t.query("INSERT INTO marks (n) VALUES (2)");
  });
  EXPECT_EQ(runs, 2);
  EXPECT_EQ(marks(), 2);  // the first run's row went with its connection
}

TEST_F(LostConnectionTest, ALossWhileCommittingIsNeverRetried) {
  int runs = 0;
  EXPECT_THROW(db::in_transaction(*connection_, true,
                                  [&](db::Connection& t) {
                                    ++runs;
                                    t.query("INSERT INTO marks (n) VALUES (1)");
                                    terminate_connection();  // COMMIT is sent on a connection already gone
                                  }),
               db::CommitUnknownError);
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(marks(), 0);
  // The connection is broken and would be dropped by the pool; a new transaction reconnects.
  EXPECT_TRUE(connection_->broken());
  db::in_transaction(*connection_, true, [](db::Connection& t) { t.query("INSERT INTO marks (n) VALUES (3)"); });
  EXPECT_EQ(marks(), 1);
}

}  // namespace
}  // namespace yoyaku
