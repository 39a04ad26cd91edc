#pragma once
// A connection that counts the statements run through it, to hold list views
// to a fixed number of queries whatever their length.
#include "db/database.hpp"

namespace yoyaku::testing {

class CountingConnection final : public db::Connection {
 public:
  explicit CountingConnection(db::Connection& inner) : inner_(inner) {}
  int queries() const { return queries_; }
  void reset() { queries_ = 0; }

  db::Dialect dialect() const override { return inner_.dialect(); }
  db::Rows query(std::string_view sql, const std::vector<db::Value>& params) override {
    ++queries_;
    return inner_.query(sql, params);
  }
  void execute_script(std::string_view sql) override { inner_.execute_script(sql); }
  std::int64_t changes() const override { return inner_.changes(); }
  void begin(bool write) override { inner_.begin(write); }
  void commit() override { inner_.commit(); }
  void rollback() override { inner_.rollback(); }
  void ping() override { inner_.ping(); }

 private:
  db::Connection& inner_;
  int queries_ = 0;
};

}  // namespace yoyaku::testing
