// SQLite driver: WAL, busy timeout, foreign keys, statements cached per connection.
#include <sqlite3.h>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>

#include "db/c_handle.hpp"
#include "db/database.hpp"

namespace yoyaku::db {
namespace {

using SqliteHandle = CHandle<sqlite3, sqlite3_close_v2>;
using StatementHandle = CHandle<sqlite3_stmt, sqlite3_finalize>;

constexpr int busy_timeout_ms = 10000;

// One writer at a time per database file in this process. SQLite lets one
// connection write; another that finds the lock taken sleeps in the busy
// handler (1, 2, 5, 10 … up to 100 ms a turn), which under load costs more
// than the write it waits for. Queueing on a mutex instead hands the lock to
// the next writer the moment it is free. Other processes on the same file
// still meet the busy handler.
std::shared_ptr<std::timed_mutex> writer_lock_of(const std::string& file) {
  static std::mutex registry_mutex;
  static std::map<std::string, std::weak_ptr<std::timed_mutex>> registry;
  std::lock_guard lock(registry_mutex);
  auto& entry = registry[file];
  auto writer_lock = entry.lock();
  if (!writer_lock) {
    writer_lock = std::make_shared<std::timed_mutex>();
    entry = writer_lock;
  }
  return writer_lock;
}

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const std::string& path) {
    sqlite3* raw = nullptr;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    handle_.reset(raw);
    if (rc != SQLITE_OK) {
      std::string message = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
      throw ConnectionError("cannot open SQLite database " + path + ": " + message);
    }
    sqlite3_busy_timeout(handle_.get(), busy_timeout_ms);
    sqlite3_extended_result_codes(handle_.get(), 1);
    try {
      execute_script(
          "PRAGMA journal_mode=WAL;"
          "PRAGMA synchronous=NORMAL;"
          "PRAGMA foreign_keys=ON;");
    } catch (const Error& e) {
      throw ConnectionError(std::string("cannot use SQLite database ") + path + ": " + e.what());
    }
    const char* file = sqlite3_db_filename(handle_.get(), "main");
    // An in-memory database is its connection's own: no lock to share.
    if (file && *file) writer_lock_ = writer_lock_of(file);
  }
  ~SqliteConnection() override { release_writer_lock(); }

  Dialect dialect() const override { return Dialect::sqlite; }

  Rows query(std::string_view sql, const std::vector<Value>& params) override {
    sqlite3_stmt* statement = prepared(sql);
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    int expected = sqlite3_bind_parameter_count(statement);
    if (expected != static_cast<int>(params.size())) {
      throw Error("statement expects " + std::to_string(expected) + " parameters, got " +
                  std::to_string(params.size()) + ": " + std::string(sql));
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
      int index = static_cast<int>(i) + 1;
      int rc = std::visit(
          [&](const auto& value) -> int {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) {
              return sqlite3_bind_null(statement, index);
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
              return sqlite3_bind_int64(statement, index, value);
            } else {
              return sqlite3_bind_text(statement, index, value.data(), static_cast<int>(value.size()),
                                       SQLITE_TRANSIENT);
            }
          },
          params[i]);
      if (rc != SQLITE_OK) fail(rc, sql);
    }
    Rows rows;
    const int columns = sqlite3_column_count(statement);
    for (;;) {
      int rc = sqlite3_step(statement);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        sqlite3_reset(statement);
        fail(rc, sql);
      }
      std::vector<std::optional<std::string>> values;
      values.reserve(columns);
      for (int c = 0; c < columns; ++c) {
        if (sqlite3_column_type(statement, c) == SQLITE_NULL) {
          values.emplace_back(std::nullopt);
        } else {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, c));
          values.emplace_back(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement, c))));
        }
      }
      rows.emplace_back(std::move(values));
    }
    changes_ = sqlite3_changes64(handle_.get());
    sqlite3_reset(statement);
    return rows;
  }

  void execute_script(std::string_view sql) override {
    char* error = nullptr;
    std::string script(sql);
    int rc = sqlite3_exec(handle_.get(), script.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
      std::string message = error ? error : sqlite3_errstr(rc);
      sqlite3_free(error);
      throw_for(rc, message);
    }
  }

  std::int64_t changes() const override { return changes_; }

  void begin(bool write) override {
    if (write && writer_lock_) {
      // As long as SQLite's own busy timeout: a writer that never finishes is an error, not a hang.
      if (!writer_lock_->try_lock_for(std::chrono::milliseconds(busy_timeout_ms))) {
        throw RetryableError("database is locked (another writer in this process)");
      }
      holds_writer_lock_ = true;
    }
    try {
      execute_script(write ? "BEGIN IMMEDIATE" : "BEGIN");
    } catch (...) {
      release_writer_lock();
      throw;
    }
  }
  void commit() override {
    execute_script("COMMIT");
    release_writer_lock();
  }
  void rollback() override {
    if (!sqlite3_get_autocommit(handle_.get())) execute_script("ROLLBACK");
    release_writer_lock();
  }
  void ping() override { query("SELECT 1", {}); }

 private:
  sqlite3_stmt* prepared(std::string_view sql) {
    auto found = statements_.find(sql);
    if (found != statements_.end()) return found->second.get();
    sqlite3_stmt* raw = nullptr;
    int rc = sqlite3_prepare_v3(handle_.get(), sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                &raw, nullptr);
    if (rc != SQLITE_OK) fail(rc, sql);
    auto [it, inserted] = statements_.emplace(std::string(sql), StatementHandle(raw));
    return it->second.get();
  }

  void release_writer_lock() {
    if (holds_writer_lock_) {
      holds_writer_lock_ = false;
      writer_lock_->unlock();
    }
  }

  [[noreturn]] void fail(int rc, std::string_view sql) {
    throw_for(rc, std::string(sqlite3_errmsg(handle_.get())) + " [" + std::string(sql.substr(0, 200)) + "]");
  }

  [[noreturn]] static void throw_for(int rc, const std::string& message) {
    switch (rc) {
      case SQLITE_CONSTRAINT_UNIQUE:
      case SQLITE_CONSTRAINT_PRIMARYKEY:
        throw UniqueViolation(message);
      case SQLITE_CONSTRAINT_CHECK:
      case SQLITE_CONSTRAINT_NOTNULL:
      case SQLITE_CONSTRAINT_FOREIGNKEY:
      case SQLITE_CONSTRAINT_TRIGGER:
      case SQLITE_CONSTRAINT:
        throw ConstraintViolation(message);
      default:
        break;
    }
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) throw RetryableError(message);
    if ((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_NOTADB) throw ConnectionError(message);
    throw Error(message);
  }

  SqliteHandle handle_;
  std::map<std::string, StatementHandle, std::less<>> statements_;
  std::int64_t changes_ = 0;
  std::shared_ptr<std::timed_mutex> writer_lock_;
  bool holds_writer_lock_ = false;
};

}  // namespace

std::unique_ptr<Connection> connect_sqlite(const std::string& path) {
  return std::make_unique<SqliteConnection>(path);
}

}  // namespace yoyaku::db
