#include "web/web_harness.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "domain/dates.hpp"
#include "domain/text.hpp"
#include "services/admin/demo_seed.hpp"
#include "services/admin/office_import.hpp"
#include "store/catalog.hpp"
#include "store/migrations.hpp"
#include "support/test_databases.hpp"

namespace yoyaku::testing {

WebHarness::WebHarness(std::int64_t start_time, Backend backend) : now(start_time) {
  database_ = std::make_unique<TestDatabase>(backend);
  const std::string& url = database_->url();
  connection_ = db::connect(url);
  store::migrate(*connection_, now);
  std::ifstream file(std::string(YOYAKU_SOURCE_DIR) + "/data/hellowork-offices.csv", std::ios::binary);
  std::stringstream csv;
  csv << file.rdbuf();
  services::import_offices_csv(*connection_, csv.str(), now);
  services::seed_demo(*connection_, now, false);
  pool_ = std::make_unique<db::Pool>(url, 2);
  web::AppConfig config;
  config.base_url = "http://localhost:8080";
  config.clock = [this] { return now; };
  app_ = std::make_unique<web::App>(config, *pool_);
}

WebHarness::~WebHarness() {
  app_.reset();
  pool_.reset();
  connection_.reset();
  database_.reset();
}

web::Response WebHarness::handle(web::Request request) {
  request.remote_ip = "127.0.0.1";
  return app_->handle(request);
}

std::int64_t WebHarness::procedure_id(const std::string& office_code) {
  auto office = store::find_office_by_code(*connection_, office_code);
  return store::procedures_of_office(*connection_, office->id).front().id;
}

web::Response WebHarness::Browser::send(const std::string& method, const std::string& target, const std::string& body,
                                        std::map<std::string, std::string> headers) {
  web::Request request;
  request.method = method;
  request.target = target;
  request.body = body;
  std::string cookie_header;
  for (const auto& [name, value] : cookies_) {
    if (!cookie_header.empty()) cookie_header += "; ";
    cookie_header += name + "=" + value;
  }
  if (!cookie_header.empty()) request.headers["cookie"] = cookie_header;
  for (const auto& [name, value] : headers) request.headers[name] = value;
  auto response = harness_.handle(request);
  for (const auto& [name, value] : response.headers) {
    if (name != "Set-Cookie") continue;
    auto eq = value.find('=');
    auto semi = value.find(';');
    std::string cookie = value.substr(0, eq);
    std::string content = value.substr(eq + 1, semi - eq - 1);
    if (value.find("Max-Age=0") != std::string::npos || content.empty()) {
      cookies_.erase(cookie);
    } else {
      cookies_[cookie] = content;
    }
  }
  if (auto token = input_of(response.body, "csrf_token"); !token.empty()) csrf_ = token;
  return response;
}

web::Response WebHarness::Browser::get(const std::string& target) { return send("GET", target, ""); }

WebHarness::Browser WebHarness::signed_in(const std::string& email, const std::string& password) {
  Browser browser(*this);
  browser.get("/login");
  EXPECT_EQ(browser.post("/login", {{"email", email}, {"password", password}}).status, 303) << email;
  return browser;
}

web::Response WebHarness::Browser::post(const std::string& target, std::map<std::string, std::string> fields) {
  if (!fields.count("csrf_token")) fields["csrf_token"] = csrf_;
  std::string body;
  for (const auto& [name, value] : fields) {
    // "topics" may repeat: several values separated by '\n'.
    auto items = domain::split_list(value, '\n');
    if (items.empty()) items.emplace_back();
    for (const auto& item : items) {
      if (!body.empty()) body += "&";
      body += domain::url_encode(name) + "=" + domain::url_encode(item);
    }
  }
  return send("POST", target, body, {{"content-type", "application/x-www-form-urlencoded"}});
}

std::optional<std::string> WebHarness::Browser::cookie(const std::string& name) const {
  auto found = cookies_.find(name);
  if (found == cookies_.end()) return std::nullopt;
  return found->second;
}

std::string input_of(const std::string& html, const std::string& name) {
  std::smatch match;
  if (std::regex_search(html, match, std::regex("<input[^>]*name=\"" + name + "\"[^>]*value=\"([^\"]*)\""))) {
    return match[1];
  }
  return "";
}

std::int64_t jst(int year, int month, int day, int hour, int minute, int second) {
  return domain::from_jst(domain::Date{std::chrono::year{year} / month / day}, hour, minute, second);
}

WebHarness::ApiResult WebHarness::api(const std::string& method, const std::string& path, const std::string& token,
                                      const nlohmann::json& body) {
  Browser client(*this);
  std::map<std::string, std::string> headers = {{"content-type", "application/json"}};
  if (!token.empty()) headers["authorization"] = "Bearer " + token;
  auto response = client.send(method, path, body.is_null() ? "" : body.dump(), headers);
  auto parsed = nlohmann::json::parse(response.body, nullptr, false);
  return {response.status, parsed.is_discarded() ? nlohmann::json() : parsed};
}

}  // namespace yoyaku::testing
