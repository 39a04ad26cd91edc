#pragma once
// Fresh databases for tests: a new SQLite file, or a new database on the
// PostgreSQL server that scripts/test.sh starts (YOYAKU_TEST_PG_URL).
#include <string>

namespace yoyaku::testing {

enum class Backend { sqlite, postgresql };

std::string backend_name(Backend backend);

class TestDatabase {
 public:
  explicit TestDatabase(Backend backend);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& url() const { return url_; }
  Backend backend() const { return backend_; }

 private:
  Backend backend_;
  std::string url_;
  std::string directory_;      // SQLite: the temp directory
  std::string database_name_;  // PostgreSQL: the created database
};

// The admin URL of the test PostgreSQL server; fails the test if unset.
std::string postgresql_admin_url();

// The key file every process of the tests uses for PostgreSQL databases
// (an SQLite database has its own beside it, as `yoyaku` makes it).
const std::string& postgresql_secrets_key_file();

// A temp directory that exists for the life of the process.
std::string make_temp_directory(const std::string& prefix);

}  // namespace yoyaku::testing
