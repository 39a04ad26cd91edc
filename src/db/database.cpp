#include "db/database.hpp"

#include <charconv>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace yoyaku::db {

std::unique_ptr<Connection> connect_sqlite(const std::string& path);
std::unique_ptr<Connection> connect_postgresql(const std::string& conninfo);

const std::string& Row::text(std::size_t column) const {
  const auto& value = columns_.at(column);
  if (!value) throw Error("unexpected NULL in column " + std::to_string(column));
  return *value;
}

std::int64_t Row::integer(std::size_t column) const {
  const std::string& value = text(column);
  std::int64_t result = 0;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), result);
  if (error != std::errc() || end != value.data() + value.size()) {
    throw Error("column " + std::to_string(column) + " is not an integer: " + value);
  }
  return result;
}

std::optional<std::int64_t> Row::optional_integer(std::size_t column) const {
  if (is_null(column)) return std::nullopt;
  return integer(column);
}

std::optional<Row> Connection::query_one(std::string_view sql, const std::vector<Value>& params) {
  Rows rows = query(sql, params);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

static bool starts_with(const std::string& text, std::string_view prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

Dialect dialect_of_url(const std::string& url) {
  if (starts_with(url, "sqlite:")) return Dialect::sqlite;
  if (starts_with(url, "postgresql://") || starts_with(url, "postgres://")) return Dialect::postgresql;
  throw ConnectionError("unsupported database URL (use sqlite:PATH or postgresql://…): " + redact_url(url));
}

std::unique_ptr<Connection> connect(const std::string& url) {
  if (dialect_of_url(url) == Dialect::sqlite) {
    std::string path = url.substr(std::string_view("sqlite:").size());
    // Accept sqlite:///abs/path and sqlite://rel as well as sqlite:path.
    if (starts_with(path, "//")) path = path.substr(2);
    if (path.empty()) throw ConnectionError("sqlite URL has no file path");
    return connect_sqlite(path);
  }
  return connect_postgresql(url);
}

std::string redact_url(const std::string& url) {
  // postgresql://user:secret@host/db -> postgresql://user:***@host/db
  auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  auto at = url.find('@', scheme_end + 3);
  if (at == std::string::npos) return url;
  auto colon = url.find(':', scheme_end + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

namespace detail {

bool reconnect_for_retry(Connection& connection, int attempt) {
  // At once the first time (a restarted server is usually back, or the other
  // host has taken over); a little later if the new connection broke too.
  if (attempt > 1) std::this_thread::sleep_for(std::chrono::milliseconds(100 * (attempt - 1) * (attempt - 1)));
  return connection.reconnect();
}

}  // namespace detail

void Connection::write_in_batch(const std::function<void(Connection&)>& work) {
  begin(true);
  try {
    work(*this);
  } catch (...) {
    try {
      rollback();
    } catch (...) {
    }
    throw;
  }
  commit();
}

void run_in_transaction(Connection& connection, bool write, const std::function<void(Connection&)>& work) {
  in_transaction(connection, write, [&](Connection& c) { work(c); });
}

struct Pool::State {
  std::mutex mutex;
  std::condition_variable available;
  std::deque<std::unique_ptr<Connection>> idle;
  std::size_t open = 0;
  std::size_t size = 0;
};

Pool::Pool(std::string url, std::size_t size)
    : url_(std::move(url)), dialect_(dialect_of_url(url_)), state_(std::make_unique<State>()) {
  state_->size = size == 0 ? 1 : size;
}

Pool::~Pool() = default;

Pool::Lease Pool::acquire() {
  std::unique_lock lock(state_->mutex);
  for (;;) {
    if (!state_->idle.empty()) {
      // The connection used last: its caches (SQLite's pages, PostgreSQL's
      // backend) are the warmest, and a few hot PostgreSQL backends serve the
      // load instead of every one in turn (handing them out in turn, bookings
      // ran at 135/s instead of 340 once reads had opened 21 connections).
      auto connection = std::move(state_->idle.back());
      state_->idle.pop_back();
      return Lease(*this, std::move(connection));
    }
    if (state_->open < state_->size) {
      ++state_->open;
      lock.unlock();
      try {
        return Lease(*this, connect(url_));
      } catch (...) {
        lock.lock();
        --state_->open;
        state_->available.notify_one();
        throw;
      }
    }
    state_->available.wait(lock);
  }
}

void Pool::release(std::unique_ptr<Connection> connection, bool discarded) {
  std::lock_guard lock(state_->mutex);
  if (discarded || !connection) {
    --state_->open;
  } else {
    state_->idle.push_back(std::move(connection));
  }
  state_->available.notify_one();
}

Pool::Lease::~Lease() {
  if (pool_ && connection_) {
    bool broken = discarded_ || connection_->broken();
    pool_->release(std::move(connection_), broken);
  }
}

}  // namespace yoyaku::db
