// The hostile-input suite, on SQLite and PostgreSQL: thousands of requests
// generated from the route table itself (`yoyaku routes`, so a new route is
// covered the day it is added) × hostile values — malformed UTF-8, NUL, CR/LF,
// oversize, wrong JSON types, huge and negative numbers, impossible dates,
// SQL and markup metacharacters, other people's ids, missing and foreign CSRF
// tokens — sent as a visitor, a job seeker, staff and an administrator, over
// keep-alive connections to the real binary. Every answer must be below 500,
// every 4xx the documented error (the JSON error body under /api/, an HTML page
// otherwise), the process alive and /healthz 200 after each route.
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <regex>
#include <set>
#include <sstream>

#include "db/database.hpp"
#include "domain/text.hpp"
#include "store/accounts.hpp"
#include "support/http_client.hpp"
#include "support/processes.hpp"
#include "support/signed_in_users.hpp"
#include "support/test_databases.hpp"
#include "util/random.hpp"

namespace yoyaku::testing {
namespace {

using nlohmann::json;

const std::string password = "Kinmokusei-2026-aki";
const std::string staff_password = "staff-password-1";
const std::string manager_secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const std::string admin_secret = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU";

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}


std::string form_body(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string body;
  for (const auto& [name, value] : fields) {
    if (!body.empty()) body += '&';
    body += domain::url_encode(name) + '=' + domain::url_encode(value);
  }
  return body;
}

size_t collect_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

size_t collect_header(char* data, size_t size, size_t count, void* user) {
  std::string line(data, size * count);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
    static_cast<std::multimap<std::string, std::string>*>(user)->emplace(name, value);
  }
  return size * count;
}

// One keep-alive connection (a reused curl handle).
class KeepAliveClient {
 public:
  KeepAliveClient() : curl_(curl_easy_init(), curl_easy_cleanup) {}

  HttpResponse send(const std::string& method, const std::string& url,
                    const std::vector<std::string>& headers, const std::string& body) {
    CURL* curl = curl_.get();
    curl_easy_reset(curl);  // keeps the live connection
    HttpResponse response;
    curl_slist* list = nullptr;
    for (const auto& header : headers) list = curl_slist_append(list, header.c_str());
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> guard(list, curl_slist_free_all);
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
    if (!body.empty() || method != "GET") {
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &collect_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &collect_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_PATH_AS_IS, 1L);
    CURLcode rc = curl_easy_perform(curl);
    if (rc == CURLE_SEND_ERROR || rc == CURLE_RECV_ERROR) {
      // A kept-alive connection can be found closed just as a large body is sent on it:
      // once more on a new connection, which must then be answered.
      ++retries_;
      response.body.clear();
      response.headers.clear();
      curl_easy_setopt(curl, CURLOPT_FRESH_CONNECT, 1L);
      rc = curl_easy_perform(curl);
    }
    if (rc != CURLE_OK) {
      response.status = 0;
      response.body = std::string("no answer: ") + curl_easy_strerror(rc);
      return response;
    }
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    return response;
  }

 private:
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl_;

 public:
  int retries_ = 0;
};

struct RouteLine {
  std::string method;
  std::string pattern;
  std::string access;
};

// Who sends a request.
enum class Who { visitor, job_seeker, staff, administrator };

std::string who_name(Who who) {
  switch (who) {
    case Who::visitor: return "visitor";
    case Who::job_seeker: return "job seeker";
    case Who::staff: return "staff";
    case Who::administrator: return "administrator";
  }
  return "?";
}

struct Identity {
  std::string token;  // session token: the cookie on pages, the bearer token on the API
  std::string csrf;
};

// A hostile value: its bytes, and whether the input boundary must refuse it (400).
struct Hostile {
  std::string label;
  std::string bytes;
  bool bad_text = false;  // not well-formed UTF-8, or holds NUL
};

// Every form field name the templates use (name="…"), and the values of their action buttons.
std::pair<std::set<std::string>, std::set<std::string>> template_names() {
  std::set<std::string> names;
  std::set<std::string> actions;
  const std::regex name_attribute(R"re(name="([a-z_0-9\[\]]+)")re");
  const std::regex action_button(R"re(name="action" value="([a-z_0-9]+)")re");
  for (const auto& entry : std::filesystem::recursive_directory_iterator(source_dir() + "/templates")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".mustache") continue;
    std::string text = read_all(entry.path().string());
    for (std::sregex_iterator it(text.begin(), text.end(), name_attribute), end; it != end; ++it) {
      names.insert((*it)[1]);
    }
    for (std::sregex_iterator it(text.begin(), text.end(), action_button), end; it != end; ++it) {
      actions.insert((*it)[1]);
    }
  }
  names.erase("csrf_token");
  names.erase("action");
  return {names, actions};
}

class HostileInputTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<TestDatabase>(GetParam());
    prepare_database(database_->url());
    for (const auto& email : {"hostile.a@example.jp", "hostile.b@example.jp"}) {
      auto created = run_yoyaku({"create-user", "--db", database_->url(), "--email", email, "--password", password,
                                 "--family-name", "雇用", "--given-name", "太郎", "--job-seeker-number",
                                 "12345-12345678", "--phone", "0312345678"});
      ASSERT_EQ(created.exit_code, 0) << created.err;
    }
    auto manager = run_yoyaku({"create-staff", "--db", database_->url(), "--email", "hostile.manager@example.jp",
                               "--password", staff_password, "--name", "職員", "--office", "13040", "--totp-secret",
                               manager_secret});
    ASSERT_EQ(manager.exit_code, 0) << manager.err;
    auto admin = run_yoyaku({"create-staff", "--db", database_->url(), "--email", "hostile.admin@example.jp", "--password",
                             staff_password, "--name", "管理者", "--admin", "--totp-secret", admin_secret});
    ASSERT_EQ(admin.exit_code, 0) << admin.err;
    db_ = db::connect(database_->url());
    db_->query("UPDATE staff_offices SET role = 'manage' WHERE staff_id = (SELECT id FROM staff WHERE email = ?)",
               {std::string("hostile.manager@example.jp")});
    server_ = std::make_unique<ServerProcess>(database_->url());

    auto listed = run_yoyaku({"routes"});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    std::istringstream lines(listed.out);
    for (RouteLine route; lines >> route.method >> route.pattern >> route.access;) routes_.push_back(route);

    // Real data for the valid parts of a request: a procedure, a day, A's hold and
    // reservation, and B's (the "other user's" ids).
    new_sessions();
    auto search = json::parse(call("GET", "/api/v1/procedures?q=13040&kind=job_consultation", Who::visitor).body);
    procedure_ = std::to_string(search["items"][0]["id"].get<std::int64_t>());
    auto calendar = json::parse(call("GET", "/api/v1/procedures/" + procedure_ + "/calendar?days=30", Who::visitor).body);
    std::vector<std::string> slots;
    // Not the first bookable day: at 00:00 JST it stops being bookable, and the suite takes a minute.
    bool skipped_first = false;
    for (const auto& day : calendar["facilities"][0]["frames"][0]["days"]) {
      if (day["status"] != "available") continue;
      if (!skipped_first) {
        skipped_first = true;
        continue;
      }
      if (day_.empty()) day_ = day["date"];
      for (const auto& slot : json::parse(call("GET", "/api/v1/procedures/" + procedure_ + "/slots?date=" +
                                                          day["date"].get<std::string>(),
                                                      Who::visitor)
                                              .body)) {
        slots.push_back(slot["id"]);
      }
      if (slots.size() >= 4) break;
    }
    ASSERT_GE(slots.size(), 4u);
    slots_ = slots;
    reservation_a_ = book(identities_[Who::job_seeker], slots[0]);
    reservation_b_ = book(other_seeker_, slots[1]);
    hold_b_ = place_hold(other_seeker_, slots[2]);
    ASSERT_FALSE(reservation_a_.empty());
    ASSERT_FALSE(reservation_b_.empty());
    ASSERT_FALSE(hold_b_.empty());

    auto [names, actions] = template_names();
    // JSON members of the API (docs/api.md) that no page form has.
    for (const char* member : {"email",       "password",    "otp",        "kind",          "slot_id",
                               "hold_id",     "agreed_to_terms", "topics", "terms_version_id", "meeting_id",
                               "passcode",    "refused",     "reason",     "withdrawal_reason", "bookings",
                               "weekdays",    "first_start", "last_start", "procedure_id", "facility_id",
                               "disabled",    "attended",    "status",     "date",          "office",
                               "offices",     "role",        "name",       "title",         "body",
                               "starts_at",   "ends_at",     "channel",    "job_seeker_number", "q"}) {
      names.insert(member);
    }
    fields_.assign(names.begin(), names.end());
    actions.insert({"change", "change_date", "confirm", "back", "submit", "save", "generate", "keep", "withdraw"});
    actions_.assign(actions.begin(), actions.end());
  }

  void TearDown() override {
    if (server_) {
      EXPECT_TRUE(server_->running()) << server_->log();
      // No request may have reached the catch-all of App::handle.
      EXPECT_EQ(server_->log().find("unhandled error"), std::string::npos) << server_->log();
    }
  }

  // Fresh sessions for everyone (a hostile request may have logged one out).
  void new_sessions() {
    const std::int64_t now = unix_now();
    auto make = [&](db::Connection& c, std::optional<std::int64_t> user_id, std::optional<std::int64_t> staff_id) {
      auto live = insert_live_session(c, user_id, staff_id, now, "hostile-input-test");
      return Identity{live.token, live.csrf};
    };
    db::in_transaction(*db_, true, [&](db::Connection& c) {
      auto id_of = [&](const char* table, const char* email) {
        return c.query_one(std::string("SELECT id FROM ") + table + " WHERE " +
                               (std::string(table) == "users" ? "email1" : "email") + " = ?",
                           {std::string(email)})
            ->integer(0);
      };
      // Undo what an administrator's hostile request may have done to the accounts used here,
      // and the sign-in failures that hostile passwords (re-authentication) counted.
      c.query("UPDATE staff SET disabled_at = NULL", {});
      c.query("DELETE FROM login_failures", {});
      c.query("UPDATE users SET failed_logins = 0, locked_until = NULL", {});
      identities_[Who::visitor] = {"", random_hex(24)};
      identities_[Who::job_seeker] = make(c, id_of("users", "hostile.a@example.jp"), std::nullopt);
      other_seeker_ = make(c, id_of("users", "hostile.b@example.jp"), std::nullopt);
      identities_[Who::staff] = make(c, std::nullopt, id_of("staff", "hostile.manager@example.jp"));
      identities_[Who::administrator] = make(c, std::nullopt, id_of("staff", "hostile.admin@example.jp"));
      return 0;
    });
  }

  std::vector<std::string> headers_for(const std::string& path, const Identity& identity, bool json_body,
                                       bool form_body) {
    std::vector<std::string> headers;
    const bool api = path.rfind("/api/", 0) == 0;
    if (api) {
      if (!identity.token.empty()) headers.push_back("Authorization: Bearer " + identity.token);
    } else {
      std::string cookie = "yoyaku_csrf=" + identity.csrf;
      if (!identity.token.empty()) cookie += "; yoyaku_session=" + identity.token;
      headers.push_back("Cookie: " + cookie);
    }
    if (json_body) headers.push_back("Content-Type: application/json");
    if (form_body) headers.push_back("Content-Type: application/x-www-form-urlencoded");
    headers.push_back("Expect:");
    return headers;
  }

  HttpResponse call(const std::string& method, const std::string& target, Who who, const std::string& body = "") {
    const bool api = target.rfind("/api/", 0) == 0;
    return client_.send(method, server_->base_url() + target,
                        headers_for(target, identities_[who], api && !body.empty(), !api && !body.empty()), body);
  }

  std::string place_hold(const Identity& who, const std::string& slot) {
    auto r = client_.send("POST", server_->base_url() + "/api/v1/holds", headers_for("/api/", who, true, false),
                          json{{"slot_id", slot}}.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    auto body = json::parse(r.body, nullptr, false);
    if (body.is_discarded() || !body.contains("hold_id")) return "";
    return body["hold_id"].is_string() ? body["hold_id"].get<std::string>() : body["hold_id"].dump();
  }

  std::string book(const Identity& who, const std::string& slot) {
    std::string hold = place_hold(who, slot);
    json booking = {{"hold_id", hold},          {"agreed_to_terms", true},     {"family_name", "雇用"},
                    {"given_name", "太郎"},      {"job_seeker_number", "12345-12345678"}, {"phone", "0312345678"},
                    {"topics", {"consultation"}}, {"staff_note", ""}};
    auto r = client_.send("POST", server_->base_url() + "/api/v1/reservations", headers_for("/api/", who, true, false),
                          booking.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    auto body = json::parse(r.body, nullptr, false);
    return body.is_discarded() ? "" : body.value("number", std::string());
  }

  // The valid value of a path parameter, for the requests whose hostile part is elsewhere.
  std::string valid_param(const std::string& pattern, const std::string& name) {
    if (name == "office" || name == "code") return "13040";
    if (name == "number") return reservation_a_;
    if (name == "hold") return hold_a_;
    if (name == "date") return day_;
    if (name == "path") return "css/style.css";
    if (name == "id" && pattern.find("/procedures/{id}") != std::string::npos) return procedure_;
    if (name == "id" && pattern.find("/holds/{id}") != std::string::npos) return hold_a_;
    return "1";
  }

  // The pattern with each parameter replaced: `hostile` (already encoded) for all of them, or valid values.
  std::string fill(const std::string& pattern, const std::optional<std::string>& hostile) {
    std::string path;
    std::size_t pos = 0;
    while (true) {
      auto open = pattern.find('{', pos);
      if (open == std::string::npos) break;
      auto close = pattern.find('}', open);
      path += pattern.substr(pos, open - pos);
      std::string name = pattern.substr(open + 1, close - open - 1);
      if (!name.empty() && name.back() == '*') name.pop_back();
      path += hostile ? *hostile : domain::url_encode(valid_param(pattern, name));
      pos = close + 1;
    }
    return path + pattern.substr(pos);
  }

  // Checks one answer; returns false (and reports) when it breaks a rule.
  bool check(const std::string& what, const std::string& target, const HttpResponse& r, int expected_status = 0) {
    ++sent_;
    const bool api = target.rfind("/api/", 0) == 0;
    std::string problem;
    if (r.status == 0) {
      problem = "no answer (connection closed or timed out)";
    } else if (r.status >= 500) {
      problem = "server error";
    } else if (expected_status != 0 && r.status != expected_status) {
      problem = "expected " + std::to_string(expected_status);
    } else if (r.status >= 300 && r.status < 400 && r.status != 304 && r.header("location").empty()) {
      problem = "a redirect without Location";
    } else if (r.status >= 400 && r.header("location").size()) {
      problem = "an error with a Location header (a redirect given an error status)";
    } else if (r.status >= 400) {
      const std::string type = r.header("content-type");
      if (api) {
        auto body = json::parse(r.body, nullptr, false);
        if (type != "application/json" || body.is_discarded() || !body.is_object() || !body["error"].is_string() ||
            !body["message"].is_string() || !body["fields"].is_object() || body["message"].get<std::string>().empty()) {
          problem = "not the documented JSON error";
        }
      } else if (type != "text/html; charset=utf-8" || r.body.find("<html lang=\"ja\"") == std::string::npos ||
                 (r.body.find("status-page__code") == std::string::npos &&
                  r.body.find("field__error") == std::string::npos &&
                  r.body.find("class=\"message message--") == std::string::npos &&
                  r.body.find("role=\"alert\"") == std::string::npos)) {
        problem = "not the HTML error page";
      }
    }
    if (problem.empty()) return true;
    ADD_FAILURE() << problem << ": " << what << " -> " << r.status << "\n"
                  << r.body.substr(0, 400);
    return false;
  }

  void expect_alive(const std::string& after) {
    ASSERT_TRUE(server_->running()) << "the server died after " << after << "\n" << server_->log();
    auto health = client_.send("GET", server_->base_url() + "/healthz", {}, "");
    ASSERT_EQ(health.status, 200) << "after " << after << ": " << health.body;
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<db::Connection> db_;
  KeepAliveClient client_;
  std::vector<RouteLine> routes_;
  std::map<Who, Identity> identities_;
  Identity other_seeker_;
  std::string procedure_, day_, reservation_a_, reservation_b_, hold_a_, hold_b_;
  std::vector<std::string> slots_;
  std::vector<std::string> fields_;
  std::vector<std::string> actions_;
  int sent_ = 0;
};

TEST_P(HostileInputTest, EveryRouteSurvivesHostileInputWithTheDocumentedErrors) {
  const auto started = std::chrono::steady_clock::now();
  ASSERT_GE(routes_.size(), 100u) << "yoyaku routes printed too few routes";
  std::vector<Hostile> values = {
      {"invalid byte FF", "\xFF", true},
      {"invalid sequence C3 28", "\xC3\x28", true},
      {"overlong C0 AF", "\xC0\xAF", true},
      {"surrogate ED A0 80", "\xED\xA0\x80", true},
      {"NUL", std::string("\0", 1), true},
      {"NUL inside", std::string("12\0" "34", 5), true},
      {"CR LF", "\r\nSet-Cookie: injected=1", false},
      {"10 KB", std::string(10 * 1024, 'x'), false},
      {"10 KB of kanji", [] { std::string s; for (int i = 0; i < 3500; ++i) s += "品"; return s; }(), false},
      {"SQL", "' OR 1=1 --", false},
      {"SQL drop", "1; DROP TABLE users; --", false},
      {"markup", "<script>alert(1)</script>", false},
      {"attribute", "\"><img src=x onerror=alert(1)>", false},
      {"template", "{{#a}}{{/a}}", false},
      {"huge number", "99999999999999999999", false},
      {"negative", "-1", false},
      {"zero", "0", false},
      {"fraction", "1.5", false},
      {"impossible date", "2024-02-30", false},
      {"zero date", "0000-00-00", false},
      {"empty", "", false},
      {"path traversal", "../../etc/passwd", false},
      {"other user's reservation", reservation_b_, false},
      {"other user's hold", hold_b_, false},
      {"other office", "01901", false},
  };
  // A short set for the principals the route does not mainly serve (access refusals).
  const std::vector<std::size_t> short_set = {0, 4, 9, 22};
  std::vector<std::string> query_keys = fields_;
  for (const char* key : {"procedure", "number", "days", "per_page", "page", "week", "return_to", "synonyms", "from",
                          "to", "office", "status"}) {
    query_keys.push_back(key);
  }
  const std::vector<std::pair<std::string, std::string>> wrong_types = {
      {"number", "123"},          {"array", "[\"a\", 1]"}, {"object", "{\"a\": {}}"},         {"null", "null"},
      {"boolean", "true"},        {"huge", "99999999999999999999"}, {"huge integer", "18446744073709551615"},
      {"negative", "-9223372036854775808"}, {"fraction", "1.5e300"}};
  const std::vector<std::pair<std::string, std::string>> raw_bodies = {
      {"invalid UTF-8 in JSON", "{\"family_name\": \"\xFF\"}"},
      {"escaped NUL in JSON", "{\"family_name\": \"a\\u0000b\", \"email\": \"x\\u0000@example.jp\"}"},
      {"escaped NUL in a name", "{\"a\\u0000b\": 1}"},
      {"lone surrogate", "{\"family_name\": \"\\ud800\"}"},
      {"not an object", "[1, 2, 3]"},
      {"truncated", "{\"family_name\": \"雇"},
      {"deep nesting", std::string(5000, '[') + std::string(5000, ']')},
  };
  const std::string two_megabytes(2 * 1024 * 1024, 'a');

  // The stored User-Agent: cut at 300 bytes in the middle of a character, and with invalid bytes.
  for (const std::string& agent : {std::string(299, 'x') + "品川", std::string("Mozilla/5.0 \xFF\xFE (\xC3\x28)")}) {
    auto r = client_.send("POST", server_->base_url() + "/api/v1/sessions",
                          {"Content-Type: application/json", "User-Agent: " + agent},
                          json{{"email", "hostile.a@example.jp"}, {"password", password}}.dump());
    ++sent_;
    EXPECT_EQ(r.status, 201) << r.body;
    auto stored = db_->query_one("SELECT user_agent FROM login_sessions ORDER BY id DESC LIMIT 1", {});
    ASSERT_TRUE(stored);
    EXPECT_LE(stored->text(0).size(), 300u);
    EXPECT_TRUE(stored->text(0).find('\xFF') == std::string::npos);
  }
  expect_alive("the User-Agent sign-ins");
  if (HasFatalFailure()) return;

  for (const auto& route : routes_) {
    new_sessions();
    if (route.pattern.find("{hold}") != std::string::npos || route.pattern.find("/holds/{id}") != std::string::npos) {
      hold_a_ = place_hold(identities_[Who::job_seeker], slots_[3]);
    }
    const bool api = route.pattern.rfind("/api/", 0) == 0;
    const bool get = route.method == "GET";
    const bool has_params = route.pattern.find('{') != std::string::npos;
    Who main = Who::visitor;
    std::vector<Who> others;
    if (route.access == "job_seeker" || route.access == "signed_in") main = Who::job_seeker;
    if (route.access == "staff" || route.access == "office_staff") main = Who::staff;
    if (route.access == "administrator") main = Who::administrator;
    if (route.access != "open") {
      for (Who who : {Who::visitor, Who::job_seeker, Who::staff, Who::administrator}) {
        if (who != main && !(route.access == "administrator" && who == Who::staff)) others.push_back(who);
      }
    }
    const std::string name = route.method + " " + route.pattern;
    const std::string valid_path = fill(route.pattern, std::nullopt);

    auto send = [&](Who who, const std::string& target, const std::string& body, const std::string& label,
                    int expected = 0, const std::vector<std::string>& extra_headers = {}) {
      auto headers = headers_for(target, identities_[who], api && !body.empty(), !api && !body.empty());
      headers.insert(headers.end(), extra_headers.begin(), extra_headers.end());
      auto r = client_.send(route.method, server_->base_url() + target, headers, body);
      check(name + " as " + who_name(who) + ": " + label + " [" + target.substr(0, 120) + "]", target, r, expected);
    };
    // A valid page form around the hostile fields: the session's CSRF token, and an action.
    auto page_form = [&](Who who, const std::string& value, std::size_t rotation) {
      std::vector<std::pair<std::string, std::string>> form = {{"csrf_token", identities_[who].csrf},
                                                               {"action", actions_[rotation % actions_.size()]}};
      for (const auto& field : fields_) form.emplace_back(field, value);
      return form_body(form);
    };

    for (Who who : [&] {
           std::vector<Who> all = {main};
           all.insert(all.end(), others.begin(), others.end());
           return all;
         }()) {
      const bool is_main = who == main;
      std::vector<std::size_t> indexes;
      for (std::size_t i = 0; i < values.size(); ++i) {
        if (is_main || std::find(short_set.begin(), short_set.end(), i) != short_set.end()) indexes.push_back(i);
      }
      for (std::size_t i : indexes) {
        const Hostile& value = values[i];
        const std::string encoded = domain::url_encode(value.bytes);
        // 1. In every path parameter. The boundary answers before the route: 400 for bad text.
        if (has_params && !value.bytes.empty()) {
          std::string target = fill(route.pattern, encoded);
          int expected = target.size() > 8 * 1024 ? 414 : value.bad_text ? 400 : 0;
          send(who, target, "", "path " + value.label, expected);
        }
        // 2. In every query parameter (GET), at the route's valid path.
        if (get) {
          std::string query;
          for (const auto& key : query_keys) {
            query += (query.empty() ? "?" : "&") + key + "=" + encoded;
            if (value.bytes.size() > 1000) break;  // one long value is enough (and keeps the URL under 64 KiB)
          }
          std::string target = valid_path + query;
          int expected = target.size() > 8 * 1024 ? 414 : value.bad_text ? 400 : 0;
          send(who, target, "", "query " + value.label, expected);
          continue;
        }
        // 3. In every field of the body, at the route's valid path.
        if (api) {
          json body = json::object();
          for (const auto& field : fields_) body[field] = value.bytes;
          if (value.bad_text && value.bytes.find('\0') == std::string::npos) {
            // Not JSON-encodable: sent raw, as a client might.
            std::string raw = "{";
            for (const auto& field : fields_) raw += (raw.size() > 1 ? "," : "") + ("\"" + field + "\":\"" + value.bytes + "\"");
            send(who, valid_path, raw + "}", "JSON " + value.label);
          } else {
            send(who, valid_path, body.dump(), "JSON " + value.label);
          }
        } else {
          // The route's own kind of visitor passes the access guard and reaches the boundary: 400 for bad text.
          int expected = is_main && value.bad_text ? 400 : 0;
          send(who, valid_path, page_form(who, value.bytes, i), "form " + value.label, expected);
        }
      }
      if (get) continue;
      if (api) {
        for (const auto& [label, literal] : wrong_types) {
          if (!is_main && label != "array") continue;
          std::string body = "{";
          for (const auto& field : fields_) body += (body.size() > 1 ? "," : "") + ("\"" + field + "\":" + literal);
          send(who, valid_path, body + "}", "JSON of type " + label);
        }
        for (const auto& [label, raw] : raw_bodies) {
          if (!is_main && label != "escaped NUL in JSON") continue;
          send(who, valid_path, raw, label);
        }
      } else {
        // Missing and foreign CSRF tokens: refused before the handler (403), or a login first.
        // Fresh sessions first: hostile passwords on 利用者情報 count as failed proofs and end the session.
        new_sessions();
        std::string without = form_body({{"action", actions_[0]}, {"family_name", "雇用"}});
        send(who, valid_path, without, "no CSRF token", who == main ? 403 : 0);
        std::string foreign = form_body({{"csrf_token", other_seeker_.csrf}, {"family_name", "雇用"}});
        send(who, valid_path, foreign, "another session's CSRF token", who == main ? 403 : 0);
      }
    }
    // Once per route: an oversized body (413) and oversized headers (431), the wrong method (405).
    send(main, valid_path, two_megabytes, "2 MiB body", 413);
    send(main, valid_path, get ? "" : "a=1", "20 KB header", 431, {"X-Filler: " + std::string(20000, 'h')});
    {
      const std::string wrong = route.method == "DELETE" ? "PUT" : "DELETE";
      auto r = client_.send(wrong, server_->base_url() + valid_path, headers_for(valid_path, identities_[main], false, false), "");
      check(name + ": " + wrong + " instead", valid_path, r);
    }
    expect_alive(name);
    if (HasFatalFailure()) return;
  }


  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "[hostile] " << backend_name(GetParam()) << ": " << sent_ << " requests over " << routes_.size()
            << " routes in " << seconds << " s (" << client_.retries_ << " resent on a new connection)\n";
  RecordProperty("requests", sent_);
  EXPECT_GE(sent_, 1000);
}

INSTANTIATE_TEST_SUITE_P(Databases, HostileInputTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace yoyaku::testing
