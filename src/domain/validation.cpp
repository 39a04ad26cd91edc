#include "domain/validation.hpp"

#include <algorithm>
#include <cctype>

#include "domain/text.hpp"

namespace yoyaku::domain {

std::optional<std::string> normalize_job_seeker_number(std::string_view input) {
  std::string value = normalize_digits_and_hyphens(input);
  if (value.size() != 14 || value[5] != '-') return std::nullopt;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (i != 5 && !std::isdigit(static_cast<unsigned char>(value[i]))) return std::nullopt;
  }
  return value;
}

std::optional<std::string> normalize_phone(std::string_view input) {
  std::string value = normalize_digits_and_hyphens(input);
  std::size_t digits = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      ++digits;
    } else if (c != '-' || i == 0 || i + 1 == value.size() || value[i - 1] == '-') {
      return std::nullopt;
    }
  }
  // The manual's own examples include 1234567890: the digit count is the rule, not a leading 0.
  if (digits < 10 || digits > 11) return std::nullopt;
  return value;
}

std::optional<std::string> normalize_email(std::string_view input) {
  std::string value = trim(input);
  if (value.size() < 3 || value.size() > 254) return std::nullopt;
  auto at = value.find('@');
  if (at == std::string::npos || at == 0 || value.find('@', at + 1) != std::string::npos) return std::nullopt;
  std::string_view domain = std::string_view(value).substr(at + 1);
  auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return std::nullopt;
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || c == ',' || c == ';' || c == '<' || c == '>' || c == '"') return std::nullopt;
  }
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return value;
}

std::optional<std::string> normalize_name_part(std::string_view input) {
  std::string value = trim(input);
  if (value.empty() || !is_valid_utf8(value) || count_code_points(value) > 50) return std::nullopt;
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) return std::nullopt;
  }
  return value;
}

bool is_safe_local_path(std::string_view path) {
  constexpr std::size_t longest = 2048;
  if (path.empty() || path.size() > longest || path[0] != '/') return false;
  if (path.size() > 1 && (path[1] == '/' || path[1] == '\\')) return false;
  auto is_hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (std::isalnum(static_cast<unsigned char>(c))) continue;
    if (c == '%') {
      if (i + 2 >= path.size() || !is_hex(path[i + 1]) || !is_hex(path[i + 2])) return false;
      i += 2;
      continue;
    }
    if (std::string_view("-._~!$&'()*+,;=:@/?").find(c) == std::string_view::npos) return false;
  }
  return true;
}

}  // namespace yoyaku::domain
