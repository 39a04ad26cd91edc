#include "support/test_databases.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "db/database.hpp"
#include "util/secret_box.hpp"

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

const std::string& postgresql_secrets_key_file() {
  static const std::string path = [] {
    const std::string file = make_temp_directory("yoyaku-secrets-") + "/secrets.key";
    std::ofstream(file) << "8f3a5c1e9b7d2f4a6c8e0b1d3f5a7c9e2b4d6f8a0c1e3b5d7f9a2c4e6b8d0f1a\n";
    return file;
  }();
  return path;
}

TestDatabase::TestDatabase(Backend backend) : backend_(backend) {
  static std::atomic<int> counter{0};
  if (backend == Backend::sqlite) {
    directory_ = make_temp_directory("yoyaku-test-");
    url_ = "sqlite:" + directory_ + "/test.db";
    // The key `yoyaku` keeps beside the file, made now so that this process reads what the commands seal.
    create_secret_key_file(directory_ + "/test.db.key");
    set_secret_key(read_secret_key_file(directory_ + "/test.db.key"));
    return;
  }
  set_secret_key(read_secret_key_file(postgresql_secrets_key_file()));
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
