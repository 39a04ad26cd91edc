#pragma once
// A cookie-keeping HTTP client that fills in forms like a browser does
// (the CSRF token comes from the page), for integration tests.
#include <map>
#include <optional>
#include <string>

#include "support/http_client.hpp"

namespace yoyaku::testing {

class BrowserSession {
 public:
  explicit BrowserSession(std::string base_url) : base_url_(std::move(base_url)) {}

  HttpResponse get(const std::string& path);
  // Posts the form; fills csrf_token from the last page unless `fields` has one.
  HttpResponse post(const std::string& path, std::map<std::string, std::string> fields);
  // The csrf_token of the last page that had one.
  const std::string& csrf_token() const { return csrf_; }
  std::optional<std::string> cookie(const std::string& name) const;
  void set_cookie(const std::string& name, const std::string& value) { cookies_[name] = value; }
  void forget_cookie(const std::string& name) { cookies_.erase(name); }
  // A header sent with every request (e.g. X-Forwarded-For, User-Agent).
  void set_header(const std::string& name, const std::string& value) { extra_headers_[name] = value; }
  // The raw Set-Cookie header of the last response for `name`.
  std::string last_set_cookie(const std::string& name) const;

 private:
  HttpResponse send(const std::string& method, const std::string& path, const std::string& body);
  std::string base_url_;
  std::map<std::string, std::string> cookies_;
  std::map<std::string, std::string> last_set_cookie_;
  std::map<std::string, std::string> extra_headers_;
  std::string csrf_;
};

// application/x-www-form-urlencoded
std::string form_encode(const std::map<std::string, std::string>& fields);

// The value of <input name="NAME" value="…"> in a page (first match), or "".
std::string input_value(const std::string& html, const std::string& name);

}  // namespace yoyaku::testing
