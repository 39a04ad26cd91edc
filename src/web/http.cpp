#include "web/http.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "domain/linkify.hpp"
#include "domain/text.hpp"

namespace yoyaku::web {

std::optional<std::string> Request::header(const std::string& lower_name) const {
  auto found = headers.find(lower_name);
  if (found == headers.end()) return std::nullopt;
  return found->second;
}

std::optional<std::string> Request::query_param(const std::string& name) const {
  auto found = query.find(name);
  if (found == query.end()) return std::nullopt;
  return found->second;
}

std::optional<std::string> Request::cookie(const std::string& name) const {
  auto header_value = header("cookie");
  if (!header_value) return std::nullopt;
  std::string_view rest = *header_value;
  while (!rest.empty()) {
    auto end = rest.find(';');
    std::string_view pair = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    auto eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    if (pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
  }
  return std::nullopt;
}

void Response::set_header(const std::string& name, const std::string& value) {
  for (auto& [n, v] : headers) {
    if (n == name) {
      v = value;
      return;
    }
  }
  headers.emplace_back(name, value);
}

std::optional<std::string> Response::header(const std::string& name) const {
  for (const auto& [n, v] : headers) {
    if (n == name) return v;
  }
  return std::nullopt;
}

std::string_view reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 431: return "Request Header Fields Too Large";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Unknown";
  }
}

std::optional<std::string> url_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size() || !std::isxdigit(static_cast<unsigned char>(text[i + 1])) ||
          !std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
        return std::nullopt;
      }
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

bool has_control_character(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7F;
  });
}

}  // namespace

Decoded parse_target(const std::string& target, std::string& path, std::multimap<std::string, std::string>& query) {
  if (target.empty() || target.front() != '/') return Decoded::malformed;
  auto question = target.find('?');
  auto decoded = url_decode(std::string_view(target).substr(0, question), false);
  if (!decoded) return Decoded::malformed;
  // No path parameter (an id, a reservation number, an office code) holds a control character.
  if (!domain::is_valid_utf8(*decoded) || has_control_character(*decoded)) return Decoded::bad_text;
  path = *decoded;
  query.clear();
  if (question == std::string::npos) return Decoded::ok;
  std::string_view rest = std::string_view(target).substr(question + 1);
  auto hash = rest.find('#');
  if (hash != std::string_view::npos) rest = rest.substr(0, hash);
  return parse_query_string(rest, query);
}

Decoded parse_query_string(std::string_view rest, std::multimap<std::string, std::string>& query) {
  bool bad_text = false;
  while (!rest.empty()) {
    auto amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    auto key = url_decode(pair.substr(0, eq), true);
    auto value = eq == std::string_view::npos ? std::optional<std::string>("") : url_decode(pair.substr(eq + 1), true);
    if (!key || !value) return Decoded::malformed;
    // Refused here, once, rather than by each use case: such bytes would make a
    // PostgreSQL statement or a JSON rendering fail, and NUL would cut C strings.
    if (!domain::is_clean_utf8(*key) || !domain::is_clean_utf8(*value)) bad_text = true;
    query.emplace(std::move(*key), std::move(*value));
  }
  return bad_text ? Decoded::bad_text : Decoded::ok;
}

namespace {
// RFC 9110 tchar, as a table: every response's every header passes here twice.
constexpr std::array<bool, 256> token_characters = [] {
  std::array<bool, 256> table{};
  for (int c = '0'; c <= '9'; ++c) table[c] = true;
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) table[c] = true;
  for (char c : std::string_view("!#$%&'*+-.^_`|~")) table[static_cast<unsigned char>(c)] = true;
  return table;
}();
}  // namespace

bool is_safe_header(std::string_view name, std::string_view value) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!token_characters[static_cast<unsigned char>(c)]) return false;
  }
  return std::none_of(value.begin(), value.end(), [](char c) {
    auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && c != '\t') || byte == 0x7F;
  });
}

std::string html_escape(std::string_view text) { return domain::html_escape(text); }

}  // namespace yoyaku::web
