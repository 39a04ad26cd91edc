#include "support/browser_session.hpp"

#include <regex>

#include "domain/text.hpp"

namespace yoyaku::testing {

std::string form_encode(const std::map<std::string, std::string>& fields) {
  std::string body;
  for (const auto& [name, value] : fields) {
    if (!body.empty()) body += '&';
    body += domain::url_encode(name) + "=" + domain::url_encode(value);
  }
  return body;
}

std::string input_value(const std::string& html, const std::string& name) {
  std::smatch match;
  std::regex with_name_first("<input[^>]*name=\"" + name + "\"[^>]*value=\"([^\"]*)\"");
  if (std::regex_search(html, match, with_name_first)) return match[1];
  std::regex with_value_first("<input[^>]*value=\"([^\"]*)\"[^>]*name=\"" + name + "\"");
  if (std::regex_search(html, match, with_value_first)) return match[1];
  return "";
}

std::optional<std::string> BrowserSession::cookie(const std::string& name) const {
  auto found = cookies_.find(name);
  if (found == cookies_.end()) return std::nullopt;
  return found->second;
}

std::string BrowserSession::last_set_cookie(const std::string& name) const {
  auto found = last_set_cookie_.find(name);
  return found == last_set_cookie_.end() ? "" : found->second;
}

HttpResponse BrowserSession::send(const std::string& method, const std::string& path, const std::string& body) {
  std::map<std::string, std::string> headers = extra_headers_;
  std::string cookie_header;
  for (const auto& [name, value] : cookies_) cookie_header += (cookie_header.empty() ? "" : "; ") + name + "=" + value;
  if (!cookie_header.empty()) headers["Cookie"] = cookie_header;
  if (method == "POST") headers["Content-Type"] = "application/x-www-form-urlencoded";
  auto response = http_request(method, base_url_ + path, headers, body);
  auto range = response.headers.equal_range("set-cookie");
  for (auto it = range.first; it != range.second; ++it) {
    const std::string& line = it->second;
    auto eq = line.find('=');
    auto semi = line.find(';');
    std::string name = line.substr(0, eq);
    std::string value = line.substr(eq + 1, semi == std::string::npos ? std::string::npos : semi - eq - 1);
    last_set_cookie_[name] = line;
    if (line.find("Max-Age=0") != std::string::npos || value.empty()) {
      cookies_.erase(name);
    } else {
      cookies_[name] = value;
    }
  }
  std::string token = input_value(response.body, "csrf_token");
  if (!token.empty()) csrf_ = token;
  return response;
}

HttpResponse BrowserSession::get(const std::string& path) { return send("GET", path, ""); }

HttpResponse BrowserSession::post(const std::string& path, std::map<std::string, std::string> fields) {
  if (!fields.count("csrf_token")) fields["csrf_token"] = csrf_;
  return send("POST", path, form_encode(fields));
}

}  // namespace yoyaku::testing
