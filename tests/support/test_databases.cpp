#include "support/test_databases.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "db/database.hpp"

namespace yoyaku::testing {

std::string backend_name(Backend backend) { return backend == Backend::sqlite ? "SQLite" : "PostgreSQL"; }

std::string make_temp_directory(const std::string& prefix) {
  std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "XXXXXX")).string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

std::string postgresql_admin_url() {
  const char* url = std::getenv("YOYAKU_TEST_PG_URL");
  if (!url || !*url) {
    throw std::runtime_error(
        "YOYAKU_TEST_PG_URL is not set: run the tests with scripts/test.sh, which starts a PostgreSQL server");
  }
  return url;
}

namespace {
// Replaces the database name (the path) of a postgresql:// URL.
std::string with_database(const std::string& url, const std::string& database) {
  auto scheme_end = url.find("://");
  auto slash = url.find('/', scheme_end + 3);
  auto query = url.find('?', scheme_end + 3);
  std::string base = url.substr(0, slash == std::string::npos ? query : slash);
  std::string rest = query == std::string::npos ? "" : url.substr(query);
  return base + "/" + database + rest;
}
}  // namespace

TestDatabase::TestDatabase(Backend backend) : backend_(backend) {
  static std::atomic<int> counter{0};
  if (backend == Backend::sqlite) {
    directory_ = make_temp_directory("yoyaku-test-");
    url_ = "sqlite:" + directory_ + "/test.db";
    return;
  }
  database_name_ = "yoyaku_test_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
  auto admin = db::connect(postgresql_admin_url());
  admin->execute_script("CREATE DATABASE " + database_name_);
  url_ = with_database(postgresql_admin_url(), database_name_);
}

TestDatabase::~TestDatabase() {
  try {
    if (backend_ == Backend::sqlite) {
      std::filesystem::remove_all(directory_);
    } else {
      auto admin = db::connect(postgresql_admin_url());
      admin->execute_script("DROP DATABASE IF EXISTS " + database_name_ + " WITH (FORCE)");
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "warning: could not remove test database: %s\n", e.what());
  }
}

}  // namespace yoyaku::testing
