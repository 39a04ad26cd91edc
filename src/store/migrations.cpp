#include "store/migrations.hpp"

#include <algorithm>
#include <charconv>

#include "util/embedded_files.hpp"

namespace yoyaku::store {
namespace {

const char* dialect_dir(db::Dialect dialect) {
  return dialect == db::Dialect::sqlite ? "migrations/sqlite/" : "migrations/postgresql/";
}

constexpr std::int64_t migration_lock_key = 7382910;

void ensure_migrations_table(db::Connection& connection) {
  db::in_transaction(connection, true, [](db::Connection& c) {
    if (c.dialect() == db::Dialect::postgresql) {
      // CREATE TABLE IF NOT EXISTS races on PostgreSQL's catalog; serialise it.
      c.query("SELECT pg_advisory_xact_lock(?)", {migration_lock_key});
    }
    c.execute_script(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY,"
        " name TEXT NOT NULL,"
        " applied_at BIGINT NOT NULL)");
  });
}

int current_version(db::Connection& connection) {
  auto row = connection.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  return row ? static_cast<int>(row->integer(0)) : 0;
}

}  // namespace

std::vector<Migration> migrations_for(db::Dialect dialect) {
  const std::string prefix = dialect_dir(dialect);
  std::vector<Migration> result;
  for (const auto& file : embedded_files()) {
    if (file.path.substr(0, prefix.size()) != prefix) continue;
    std::string name(file.path.substr(prefix.size()));
    int version = 0;
    auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), version);
    if (error != std::errc() || version <= 0 || *end != '_') continue;
    result.push_back({version, name, std::string(file.data)});
  }
  std::sort(result.begin(), result.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
  return result;
}

int latest_schema_version(db::Dialect dialect) {
  auto all = migrations_for(dialect);
  return all.empty() ? 0 : all.back().version;
}

int schema_version(db::Connection& connection) {
  // Read-only: health checks call this on every probe.
  try {
    return current_version(connection);
  } catch (const db::ConnectionError&) {
    throw;
  } catch (const db::Error&) {
    return 0;  // no schema_migrations table yet
  }
}

MigrationResult migrate(db::Connection& connection, std::int64_t now) {
  ensure_migrations_table(connection);
  MigrationResult result;
  result.from_version = current_version(connection);
  for (const auto& migration : migrations_for(connection.dialect())) {
    db::in_transaction(connection, true, [&](db::Connection& c) {
      if (c.dialect() == db::Dialect::postgresql) {
        // Serialise concurrent migrators; the lock ends with the transaction.
        c.query("SELECT pg_advisory_xact_lock(?)", {migration_lock_key});
      }
      if (current_version(c) >= migration.version) return;
      c.execute_script(migration.sql);
      c.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
              {std::int64_t{migration.version}, migration.name, now});
      result.applied.push_back(migration.name);
    });
  }
  result.to_version = current_version(connection);
  return result;
}

}  // namespace yoyaku::store
