#include "store/rows.hpp"

#include "domain/text.hpp"

namespace yoyaku::store {

std::string qualified(std::string_view columns, std::string_view alias) {
  std::string out;
  std::size_t start = 0;
  while (start < columns.size()) {
    auto comma = columns.find(',', start);
    std::string_view name = columns.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (!out.empty()) out += ", ";
    out.append(alias).append(".").append(name);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

std::vector<std::string> split_list_column(const std::string& text) { return domain::split_list(text); }

std::string select_from(std::string_view columns, std::string_view rest) {
  std::string sql = "SELECT ";
  sql.append(columns).append(" ").append(rest);
  return sql;
}

}  // namespace yoyaku::store
