#pragma once
// Template part of db/database.hpp.
#include <chrono>
#include <thread>
#include <type_traits>

namespace yoyaku::db {

template <typename Work>
auto in_transaction(Connection& connection, bool write, Work&& work) -> decltype(work(connection)) {
  constexpr int max_attempts = 5;
  for (int attempt = 1;; ++attempt) {
    connection.begin(write);
    try {
      if constexpr (std::is_void_v<decltype(work(connection))>) {
        work(connection);
        connection.commit();
        return;
      } else {
        auto result = work(connection);
        connection.commit();
        return result;
      }
    } catch (const RetryableError&) {
      try {
        connection.rollback();
      } catch (...) {
      }
      if (attempt >= max_attempts) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(5 * attempt * attempt));
    } catch (...) {
      try {
        connection.rollback();
      } catch (...) {
      }
      throw;
    }
  }
}

}  // namespace yoyaku::db
