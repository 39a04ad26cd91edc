#pragma once
// Plain HTTP request/response types: everything above the socket layer works
// with these, so RESTinio stays inside web/http_server.cpp.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace yoyaku::web {

struct Request {
  std::string method;  // "GET", "POST", …
  std::string target;  // path and query as received
  std::string path;    // decoded path, without the query
  std::multimap<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::size_t header_fields = 0;               // fields as received (repeated names counted each time)
  std::size_t header_bytes = 0;                // their names and values together
  std::size_t longest_header_value = 0;
  std::string body;
  std::string remote_ip;

  std::optional<std::string> header(const std::string& lower_name) const;
  std::optional<std::string> query_param(const std::string& name) const;
  std::optional<std::string> cookie(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string route = "unmatched";  // metrics label: the route pattern that answered

  void set_header(const std::string& name, const std::string& value);
  void add_header(const std::string& name, const std::string& value) { headers.emplace_back(name, value); }
  std::optional<std::string> header(const std::string& name) const;
};

std::string_view reason_phrase(int status);

// The input boundary: what a decoded URL or form yields.
enum class Decoded {
  ok,
  malformed,  // bad percent-encoding, a target not starting with '/'
  bad_text,   // a decoded part is not well-formed UTF-8, or holds NUL (the path: any control character)
};

// Splits a request target into a decoded path and query parameters.
Decoded parse_target(const std::string& target, std::string& path, std::multimap<std::string, std::string>& query);

// Parses "a=1&b=2" (a query string or an application/x-www-form-urlencoded body).
// Every decoded name and value is well-formed UTF-8 without NUL, or the result is bad_text.
Decoded parse_query_string(std::string_view text, std::multimap<std::string, std::string>& out);

// Whether a response header may be sent as is: a token name, and a value
// without CR, LF, NUL or other control characters (tab allowed).
bool is_safe_header(std::string_view name, std::string_view value);

// Percent-decoding of a URL component ('+' is a space when `plus_is_space`).
std::optional<std::string> url_decode(std::string_view text, bool plus_is_space);
// HTML text escaping (domain::html_escape).
std::string html_escape(std::string_view text);

}  // namespace yoyaku::web
