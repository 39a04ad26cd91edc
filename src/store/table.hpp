#pragma once
// One definition per table: its name and its columns, each tied to the
// member of the row struct it fills. The column list of every SELECT and the
// mapping of every row come from it, so they cannot disagree; a joined query
// lists several tables' columns (with aliases) and reads each part in turn.
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "store/rows.hpp"

namespace yoyaku::store {

template <typename Row>
class Table {
 public:
  using Member = std::variant<std::int64_t Row::*, int Row::*, bool Row::*, std::string Row::*,
                              std::optional<std::int64_t> Row::*, std::optional<std::string> Row::*,
                              std::vector<std::string> Row::*>;
  struct Column {
    const char* name;
    Member member;
  };

  Table(const char* name, std::initializer_list<Column> columns) : name_(name) {
    for (const auto& column : columns) {
      list_ += (list_.empty() ? "" : ", ") + std::string(column.name);
      // One reader per column, chosen once by the member's type.
      readers_.push_back(std::visit(
          [](auto member) -> Reader { return [member](Row& row, ColumnReader& r) { assign(row.*member, r); }; },
          column.member));
    }
  }

  const char* name() const { return name_; }
  // "id, code, …"
  const std::string& columns() const { return list_; }
  // "o.id, o.code, …"
  std::string columns(std::string_view alias) const { return qualified(list_, alias); }
  std::size_t column_count() const { return readers_.size(); }
  // SELECT <columns> FROM <table> <rest>
  std::string select(std::string_view rest) const {
    return select_from(list_, std::string("FROM ") + name_ + " " + std::string(rest));
  }

  // SELECT <columns> FROM <table> <rest>: the first row (or nullopt), or every row.
  std::optional<Row> find(db::Connection& c, std::string_view rest, const std::vector<db::Value>& params) const {
    return one(c, select(rest), params);
  }
  std::vector<Row> find_all(db::Connection& c, std::string_view rest, const std::vector<db::Value>& params) const {
    return all(c, select(rest), params);
  }
  // The first row of a query that selects columns(), or nullopt.
  std::optional<Row> one(db::Connection& c, std::string_view sql, const std::vector<db::Value>& params) const {
    return query_one_as(c, sql, params, [this](ColumnReader& r) { return read(r); });
  }
  // Every row of a query that selects columns().
  std::vector<Row> all(db::Connection& c, std::string_view sql, const std::vector<db::Value>& params) const {
    return query_all_as(c, sql, params, [this](ColumnReader& r) { return read(r); });
  }

  Row read(ColumnReader& reader) const {
    Row row{};
    for (const auto& read_column : readers_) read_column(row, reader);
    return row;
  }

 private:
  static void assign(std::int64_t& to, ColumnReader& r) { to = r.integer(); }
  static void assign(int& to, ColumnReader& r) { to = r.small_integer(); }
  static void assign(bool& to, ColumnReader& r) { to = r.flag(); }
  static void assign(std::string& to, ColumnReader& r) { to = r.text(); }
  static void assign(std::optional<std::int64_t>& to, ColumnReader& r) { to = r.optional_integer(); }
  static void assign(std::optional<std::string>& to, ColumnReader& r) { to = r.optional_text(); }
  static void assign(std::vector<std::string>& to, ColumnReader& r) { to = split_list_column(r.text()); }

  using Reader = std::function<void(Row&, ColumnReader&)>;
  const char* name_;
  std::vector<Reader> readers_;
  std::string list_;
};

}  // namespace yoyaku::store
