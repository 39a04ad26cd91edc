#pragma once
// What a handler gets: one request context with the request, who is asking
// (the principal), a database lease taken on first use, the clock, the links
// of the site, the route's parameters and the posted form. Handlers are plain
// functions `Response handler(RequestContext&)` listed in web/routes.cpp.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/database.hpp"
#include "domain/language.hpp"
#include "services/common/errors.hpp"
#include "services/common/principal.hpp"
#include "services/identity/sessions.hpp"
#include "web/http.hpp"
#include "web/links.hpp"

namespace yoyaku::web {

class Site;

using Form = std::multimap<std::string, std::string>;

// Who is asking, worked out once per request from the session cookie (pages)
// or the bearer token (API).
struct Visitor {
  services::Principal principal;
  std::optional<services::SignedIn> session;  // live, maybe still waiting for the second factor
  std::string session_token;
  std::string csrf_token;  // the session's, or the anonymous double-submit cookie's
  std::string color_scheme = "standard";
  // The job seeker's side: the 日本語 / English switch (cookie), then
  // Accept-Language, then Japanese. Staff pages are always Japanese.
  domain::Language language = domain::Language::ja;
};

// A request the handler refuses before any use case runs (malformed input):
// mapped to its status by the same error mapper as service errors.
struct RequestError : std::runtime_error {
  RequestError(int status, std::string code, const std::string& message,
               std::map<std::string, std::string> fields = {})
      : std::runtime_error(message), status(status), code(std::move(code)), fields(std::move(fields)) {}
  int status;
  std::string code;
  std::map<std::string, std::string> fields;  // the API's "fields": member name -> message
};

// The input boundary for JSON bodies: every string of `body` (member names and
// values, at any depth) must be free of NUL (the parser already refuses
// ill-formed UTF-8 and lone surrogates). Throws RequestError 400 naming the
// top-level member otherwise.
void require_clean_json_text(const nlohmann::json& body);

class RequestContext {
 public:
  RequestContext(Site& site, const Request& request, std::int64_t now);
  ~RequestContext();
  RequestContext(const RequestContext&) = delete;
  RequestContext& operator=(const RequestContext&) = delete;

  Site& site;
  const Request& request;
  const std::int64_t now;
  Visitor visitor;
  std::map<std::string, std::string> params;  // {name} parts of the route pattern
  Form form;                                  // a page's POST body (CSRF checked)
  std::vector<std::string> set_cookies;
  std::string route = "unmatched";  // the matched pattern: the metrics label
  // A page can say how it shows itself again when a use case refuses (a form
  // with its field errors, say); the error mapper asks it first.
  std::function<std::optional<Response>(const services::ServiceError&)> recover;

  const services::Principal& principal() const { return visitor.principal; }
  db::Connection& db();  // one lease per request, taken on first use
  const SiteLinks& links() const;
  services::Client client() const;

  bool is_get() const { return request.method == "GET" || request.method == "HEAD"; }
  bool is_api() const;
  const std::string& param(const std::string& name) const;
  // A positive integer route parameter; 404 otherwise.
  std::int64_t id_param(const std::string& name) const;
  std::optional<std::string> query(const std::string& name) const { return request.query_param(name); }
  std::string query_or(const std::string& name, const std::string& fallback) const;
  // A query parameter that is a whole decimal number, or nullopt.
  std::optional<int> query_int(const std::string& name) const;
  // The first value of a form field, or "".
  std::string field(const std::string& name) const;
  // Every value of a repeated field (checkboxes).
  std::vector<std::string> fields(const std::string& name) const;
  // The JSON object of an API request body ({} when empty); 400 otherwise.
  nlohmann::json json_body() const;

 private:
  std::optional<db::Pool::Lease> lease_;
};

}  // namespace yoyaku::web
