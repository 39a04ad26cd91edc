#pragma once
// Template part of db/database.hpp.
#include <chrono>
#include <optional>
#include <thread>
#include <type_traits>

namespace yoyaku::db {

namespace detail {
// After a lost connection: a new one, waiting a little for a restarting or
// failing-over database. False when the connection cannot be re-established
// (then the original error stands); throws ConnectionError once the short
// budget is spent, so a request is answered 503 rather than kept waiting.
bool reconnect_for_retry(Connection& connection, int attempt);

constexpr int max_transaction_attempts = 5;

inline void pause_before_retry(int attempt) {
  std::this_thread::sleep_for(std::chrono::milliseconds(5 * attempt * attempt));
}

template <typename Work>
auto in_write_batch(Connection& connection, Work& work) -> decltype(work(connection)) {
  using Result = decltype(work(connection));
  for (int attempt = 1;; ++attempt) {
    try {
      if constexpr (std::is_void_v<Result>) {
        connection.write_in_batch([&](Connection& t) { work(t); });
        return;
      } else {
        std::optional<Result> result;
        connection.write_in_batch([&](Connection& t) { result.emplace(work(t)); });
        return std::move(*result);
      }
    } catch (const RetryableError&) {
      if (attempt >= max_transaction_attempts) throw;
      pause_before_retry(attempt);
    }
  }
}
}  // namespace detail

template <typename Work>
auto in_transaction(Connection& connection, bool write, Work&& work) -> decltype(work(connection)) {
  if (write && connection.batches_writes()) return detail::in_write_batch(connection, work);
  constexpr int max_attempts = detail::max_transaction_attempts;
  for (int attempt = 1;; ++attempt) {
    bool commit_sent = false;
    try {
      connection.begin(write);
      try {
        if constexpr (std::is_void_v<decltype(work(connection))>) {
          work(connection);
          commit_sent = true;
          connection.commit();
          return;
        } else {
          auto result = work(connection);
          commit_sent = true;
          connection.commit();
          return result;
        }
      } catch (const RetryableError&) {
        try {
          connection.rollback();
        } catch (...) {
        }
        if (attempt >= max_attempts) throw;
        detail::pause_before_retry(attempt);
      } catch (const ConnectionError&) {
        throw;  // handled below, with the failures of begin()
      } catch (...) {
        try {
          connection.rollback();
        } catch (...) {
        }
        throw;
      }
    } catch (const ConnectionError& e) {
      if (commit_sent && connection.broken()) throw CommitUnknownError(e.what());
      if (commit_sent || !connection.broken() || attempt >= max_attempts) throw;
      if (!detail::reconnect_for_retry(connection, attempt)) throw;
    }
  }
}

}  // namespace yoyaku::db
