#pragma once
// One SQL interface over SQLite and PostgreSQL.
//
// Statements are written once with `?` placeholders; the PostgreSQL driver
// rewrites them to $1, $2 … Values cross the interface as text (NULL as
// nullopt), which both drivers handle uniformly; columns hold integers,
// text, and Unix-second timestamps, never dialect-specific types.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace yoyaku::db {

enum class Dialect { sqlite, postgresql };

// A statement parameter.
using Value = std::variant<std::nullptr_t, std::int64_t, std::string>;

struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// The database could not be reached or opened.
struct ConnectionError : Error {
  using Error::Error;
};
// A UNIQUE or PRIMARY KEY constraint rejected the change.
struct UniqueViolation : Error {
  using Error::Error;
};
// A CHECK, NOT NULL or FOREIGN KEY constraint rejected the change.
struct ConstraintViolation : Error {
  using Error::Error;
};
// The database asks to retry the transaction (lock timeout, deadlock, serialization).
struct RetryableError : Error {
  using Error::Error;
};
// The connection was lost while COMMIT was on its way: the transaction may or
// may not have committed, so it is never retried (the client retries safely
// with an idempotency key).
struct CommitUnknownError : ConnectionError {
  using ConnectionError::ConnectionError;
};

class Row {
 public:
  explicit Row(std::vector<std::optional<std::string>> columns) : columns_(std::move(columns)) {}
  std::size_t size() const { return columns_.size(); }
  bool is_null(std::size_t column) const { return !columns_.at(column).has_value(); }
  // Throws Error when NULL.
  const std::string& text(std::size_t column) const;
  std::int64_t integer(std::size_t column) const;
  std::optional<std::string> optional_text(std::size_t column) const { return columns_.at(column); }
  std::optional<std::int64_t> optional_integer(std::size_t column) const;

 private:
  std::vector<std::optional<std::string>> columns_;
};

using Rows = std::vector<Row>;

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // Runs a prepared (and cached) statement; returns its result rows.
  virtual Rows query(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // Runs several statements without parameters (migrations).
  virtual void execute_script(std::string_view sql) = 0;
  // Number of rows changed by the last query().
  virtual std::int64_t changes() const = 0;
  // `write` starts a transaction that takes the write lock at once
  // (SQLite BEGIN IMMEDIATE), so it never fails half-way with SQLITE_BUSY.
  virtual void begin(bool write) = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  // A cheap round trip that fails when the database is gone.
  virtual void ping() = 0;
  // True when the connection is lost and must not go back to the pool.
  virtual bool broken() const { return false; }
  // Replaces a lost connection with a new one to whichever server now accepts
  // writes (a multi-host URL follows a failover). False when this kind of
  // connection cannot be re-established; throws ConnectionError when the
  // database cannot be reached now.
  virtual bool reconnect() { return false; }
  // True when write transactions go through write_in_batch (SQLite: one
  // writer per database file, so the writes of many threads are best
  // committed together).
  virtual bool batches_writes() const { return false; }
  // Runs `work` as its own part of a write transaction that may also hold
  // other threads' work (group commit): it returns once that transaction has
  // committed, and throws what `work` threw (its changes undone, the others'
  // kept) or why the transaction could not commit (everyone's undone).
  // `work` may run on another thread, which is given this connection.
  virtual void write_in_batch(const std::function<void(Connection&)>& work);

  std::optional<Row> query_one(std::string_view sql, const std::vector<Value>& params = {});
};

// Opens a connection for a URL: "sqlite:PATH" or "postgresql://…" / "postgres://…".
std::unique_ptr<Connection> connect(const std::string& url);

// SQLite's sync of the WAL (`serve --sqlite-synchronous`), for connections
// opened from now on. NORMAL (the default) loses nothing when the process is
// killed; a power cut can lose the last commits. FULL syncs every commit and
// loses nothing then either, at about a quarter of the write rate.
enum class SqliteSynchronous { normal, full };
void set_sqlite_synchronous(SqliteSynchronous mode);
Dialect dialect_of_url(const std::string& url);

// A fixed-size set of connections shared by request threads.
class Pool {
 public:
  Pool(std::string url, std::size_t size);
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  class Lease {
   public:
    Lease(Pool& pool, std::unique_ptr<Connection> connection)
        : pool_(&pool), connection_(std::move(connection)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }
    // A connection that failed mid-use is dropped instead of reused.
    void discard() { discarded_ = true; }

   private:
    Pool* pool_;
    std::unique_ptr<Connection> connection_;
    bool discarded_ = false;
  };

  Lease acquire();
  Dialect dialect() const { return dialect_; }
  const std::string& url() const { return url_; }

 private:
  void release(std::unique_ptr<Connection> connection, bool discarded);
  struct State;
  std::string url_;
  Dialect dialect_;
  std::unique_ptr<State> state_;
};

// Runs `work` inside a transaction and commits; rolls back on any exception.
// Retries the whole function a few times on RetryableError, and on a lost
// connection only when the transaction certainly did not commit (the loss came
// before COMMIT was sent): then on a new connection. A loss during COMMIT
// throws CommitUnknownError.
template <typename Work>
auto in_transaction(Connection& connection, bool write, Work&& work) -> decltype(work(connection));

void run_in_transaction(Connection& connection, bool write, const std::function<void(Connection&)>& work);

// A connection URL with any password replaced, for logs and messages.
std::string redact_url(const std::string& url);

}  // namespace yoyaku::db

#include "db/transaction_impl.hpp"
