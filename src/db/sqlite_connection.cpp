// SQLite driver: WAL, busy timeout, foreign keys, statements cached per handle,
// one writer handle per database file in the process.
#include <sqlite3.h>

#include <atomic>
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

// An open database handle and the statements prepared on it.
struct Session {
  SqliteHandle handle;
  std::map<std::string, StatementHandle, std::less<>> statements;
};

std::atomic<SqliteSynchronous> synchronous_mode{SqliteSynchronous::normal};

// Opens `path` with the server's settings.
std::unique_ptr<Session> open_session(const std::string& path) {
  auto session = std::make_unique<Session>();
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  session->handle.reset(raw);
  if (rc != SQLITE_OK) {
    std::string message = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    throw ConnectionError("cannot open SQLite database " + path + ": " + message);
  }
  sqlite3_busy_timeout(raw, busy_timeout_ms);
  sqlite3_extended_result_codes(raw, 1);
  char* error = nullptr;
  const char* settings = synchronous_mode.load() == SqliteSynchronous::full
                             ? "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                             : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";
  if (sqlite3_exec(raw, settings, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : sqlite3_errmsg(raw);
    sqlite3_free(error);
    throw ConnectionError("cannot use SQLite database " + path + ": " + message);
  }
  return session;
}

// The writer of a database file in this process: every write transaction of
// the process runs on this one handle, one at a time.
//  - SQLite lets one connection write; another that finds the lock taken
//    sleeps in the busy handler (1, 2, 5 … up to 100 ms a turn). Queueing on
//    the mutex hands the lock over the moment it is free.
//  - A connection drops its page cache whenever another one has written, so
//    writes spread over the pool would each start cold (pread after pread).
//    The writer's cache stays warm: it made the last change itself.
// Other processes on the same file still meet the busy handler.
struct Writer {
  std::string path;
  std::timed_mutex mutex;
  std::unique_ptr<Session> session;  // opened by the first write, under the mutex
};

std::shared_ptr<Writer> writer_of(const std::string& file) {
  static std::mutex registry_mutex;
  static std::map<std::string, std::weak_ptr<Writer>> registry;
  std::lock_guard lock(registry_mutex);
  auto& entry = registry[file];
  auto writer = entry.lock();
  if (!writer) {
    writer = std::make_shared<Writer>();
    writer->path = file;
    entry = writer;
  }
  return writer;
}

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const std::string& path) : own_(open_session(path)), active_(own_.get()) {
    const char* file = sqlite3_db_filename(own_->handle.get(), "main");
    // An in-memory database is its connection's own: no writer to share.
    if (file && *file) writer_ = writer_of(file);
  }
  ~SqliteConnection() override {
    if (active_ != own_.get() && !sqlite3_get_autocommit(active_->handle.get())) {
      sqlite3_exec(active_->handle.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
    stop_writing();
  }

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
    changes_ = sqlite3_changes64(active_->handle.get());
    sqlite3_reset(statement);
    return rows;
  }

  void execute_script(std::string_view sql) override {
    char* error = nullptr;
    std::string script(sql);
    int rc = sqlite3_exec(active_->handle.get(), script.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
      std::string message = error ? error : sqlite3_errstr(rc);
      sqlite3_free(error);
      throw_for(rc, message);
    }
  }

  std::int64_t changes() const override { return changes_; }

  void begin(bool write) override {
    if (write && writer_) {
      // As long as SQLite's own busy timeout: a writer that never finishes is an error, not a hang.
      if (!writer_->mutex.try_lock_for(std::chrono::milliseconds(busy_timeout_ms))) {
        throw RetryableError("database is locked (another writer in this process)");
      }
      try {
        if (!writer_->session) writer_->session = open_session(writer_->path);
      } catch (...) {
        writer_->mutex.unlock();
        throw;
      }
      active_ = writer_->session.get();
    }
    try {
      execute_script(write ? "BEGIN IMMEDIATE" : "BEGIN");
    } catch (...) {
      stop_writing();
      throw;
    }
  }
  void commit() override {
    execute_script("COMMIT");
    stop_writing();
  }
  void rollback() override {
    if (!sqlite3_get_autocommit(active_->handle.get())) execute_script("ROLLBACK");
    stop_writing();
  }
  void ping() override { query("SELECT 1", {}); }

 private:
  sqlite3_stmt* prepared(std::string_view sql) {
    auto found = active_->statements.find(sql);
    if (found != active_->statements.end()) return found->second.get();
    sqlite3_stmt* raw = nullptr;
    int rc = sqlite3_prepare_v3(active_->handle.get(), sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                &raw, nullptr);
    if (rc != SQLITE_OK) fail(rc, sql);
    auto [it, inserted] = active_->statements.emplace(std::string(sql), StatementHandle(raw));
    return it->second.get();
  }

  // Back to this connection's own handle, and the writer to the next one.
  void stop_writing() {
    if (active_ != own_.get()) {
      active_ = own_.get();
      writer_->mutex.unlock();
    }
  }

  [[noreturn]] void fail(int rc, std::string_view sql) {
    throw_for(rc, std::string(sqlite3_errmsg(active_->handle.get())) + " [" + std::string(sql.substr(0, 200)) + "]");
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

  std::unique_ptr<Session> own_;
  Session* active_;  // own_, or the writer's session during a write transaction
  std::shared_ptr<Writer> writer_;
  std::int64_t changes_ = 0;
};

}  // namespace

void set_sqlite_synchronous(SqliteSynchronous mode) { synchronous_mode.store(mode); }

std::unique_ptr<Connection> connect_sqlite(const std::string& path) {
  return std::make_unique<SqliteConnection>(path);
}

}  // namespace yoyaku::db
