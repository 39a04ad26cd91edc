// The SQLite settings each connection gets: WAL, and the WAL sync chosen with
// `serve --sqlite-synchronous` (NORMAL by default, FULL on request).
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "db/database.hpp"

namespace yoyaku::testing {
namespace {

class SqliteSettingsTest : public ::testing::Test {
 protected:
  ~SqliteSettingsTest() override {
    db::set_sqlite_synchronous(db::SqliteSynchronous::normal);
    std::filesystem::remove_all(dir_);
  }
  std::int64_t synchronous_of_a_new_connection() {
    auto connection = db::connect("sqlite:" + (dir_ / "settings.db").string());
    return connection->query_one("PRAGMA synchronous")->integer(0);
  }
  std::filesystem::path dir_ = [] {
    auto dir = std::filesystem::temp_directory_path() / ("yoyaku-sqlite-settings-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    return dir;
  }();
};

TEST_F(SqliteSettingsTest, ConnectionsSyncTheWalAsTheServerWasTold) {
  EXPECT_EQ(synchronous_of_a_new_connection(), 1);  // NORMAL
  db::set_sqlite_synchronous(db::SqliteSynchronous::full);
  EXPECT_EQ(synchronous_of_a_new_connection(), 2);  // FULL
  auto connection = db::connect("sqlite:" + (dir_ / "settings.db").string());
  EXPECT_EQ(connection->query_one("PRAGMA journal_mode")->text(0), "wal");
}

}  // namespace
}  // namespace yoyaku::testing
