#pragma once
#include <string>
#include <vector>

#include "db/database.hpp"

namespace yoyaku::store {

struct Migration {
  int version;
  std::string name;  // file name, e.g. 0001_initial_schema.sql
  std::string sql;
};

// The embedded migration files for a dialect, in version order.
std::vector<Migration> migrations_for(db::Dialect dialect);

struct MigrationResult {
  int from_version = 0;
  int to_version = 0;
  std::vector<std::string> applied;
};

// Applies every migration newer than the database's version, each in its own
// transaction. Safe to run from several processes at once.
MigrationResult migrate(db::Connection& connection, std::int64_t now);

// The highest applied version (0 for an empty database).
int schema_version(db::Connection& connection);

// The version the embedded migrations bring a database to.
int latest_schema_version(db::Dialect dialect);

}  // namespace yoyaku::store
