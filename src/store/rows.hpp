#pragma once
// Shared by the store files: reading a row column by column, so that the
// mapping of each table can be reused inside joined queries, and the
// helpers that build statements from a table's one column list.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "db/database.hpp"

namespace yoyaku::store {

// Reads the columns of a row in order. A joined query lists the column lists
// of its tables one after the other, and each table's mapping reads its part.
class ColumnReader {
 public:
  explicit ColumnReader(const db::Row& row, std::size_t first = 0) : row_(row), next_(first) {}
  std::int64_t integer() { return row_.integer(next_++); }
  int small_integer() { return static_cast<int>(row_.integer(next_++)); }
  bool flag() { return row_.integer(next_++) != 0; }
  std::string text() { return row_.text(next_++); }
  std::optional<std::int64_t> optional_integer() { return row_.optional_integer(next_++); }
  std::optional<std::string> optional_text() { return row_.optional_text(next_++); }
  // Whether the column read next is NULL: a LEFT JOIN's table that found no row.
  bool next_is_null() const { return row_.is_null(next_); }

 private:
  const db::Row& row_;
  std::size_t next_;
};

inline db::Value optional_value(const std::optional<std::int64_t>& v) { return v ? db::Value(*v) : db::Value(nullptr); }
inline db::Value optional_value(const std::optional<std::string>& v) { return v ? db::Value(*v) : db::Value(nullptr); }
inline db::Value flag_value(bool v) { return std::int64_t{v ? 1 : 0}; }

// The first row of a query mapped by `read`, or nullopt.
template <typename Read>
auto query_one_as(db::Connection& c, std::string_view sql, const std::vector<db::Value>& params, Read read)
    -> std::optional<decltype(read(std::declval<ColumnReader&>()))> {
  auto row = c.query_one(sql, params);
  if (!row) return std::nullopt;
  ColumnReader columns(*row);
  return read(columns);
}

// Every row of a query mapped by `read`.
template <typename Read>
auto query_all_as(db::Connection& c, std::string_view sql, const std::vector<db::Value>& params, Read read)
    -> std::vector<decltype(read(std::declval<ColumnReader&>()))> {
  std::vector<decltype(read(std::declval<ColumnReader&>()))> result;
  for (const auto& row : c.query(sql, params)) {
    ColumnReader columns(row);
    result.push_back(read(columns));
  }
  return result;
}

// A comma-separated list stored in one text column.
std::vector<std::string> split_list_column(const std::string& text);

// "id, name" with alias "o" -> "o.id, o.name"
std::string qualified(std::string_view columns, std::string_view alias);
// "SELECT <columns> <rest>"
std::string select_from(std::string_view columns, std::string_view rest);

}  // namespace yoyaku::store
