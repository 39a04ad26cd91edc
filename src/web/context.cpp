#include "web/context.hpp"

#include <algorithm>
#include <charconv>

#include "domain/client_address.hpp"
#include "domain/text.hpp"
#include "web/json_body.hpp"
#include "web/site.hpp"

namespace yoyaku::web {

RequestContext::RequestContext(Site& site, const Request& request, std::int64_t now)
    : site(site), request(request), now(now) {}

RequestContext::~RequestContext() = default;

db::Connection& RequestContext::db() {
  if (!lease_) lease_.emplace(site.pool.acquire());
  return **lease_;
}

const SiteLinks& RequestContext::links() const { return site.links; }

services::Client RequestContext::client() const {
  // Recorded with the session and in the audit log: whole characters only, never bytes a database refuses.
  return {domain::client_address(request.remote_ip, request.header("x-forwarded-for").value_or(""),
                                 site.config.trusted_proxies),
          domain::truncate_utf8(domain::sanitize_utf8(request.header("user-agent").value_or("")), 300)};
}

bool RequestContext::is_api() const {
  const std::string& path = request.path.empty() ? request.target : request.path;
  return path == "/api" || path.rfind("/api/", 0) == 0;
}

const std::string& RequestContext::param(const std::string& name) const {
  static const std::string none;
  auto found = params.find(name);
  return found == params.end() ? none : found->second;
}

std::int64_t RequestContext::id_param(const std::string& name) const {
  const std::string& text = param(name);
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) {
    throw services::NotFoundError("指定されたものは見つかりませんでした。");
  }
  return value;
}

std::string RequestContext::query_or(const std::string& name, const std::string& fallback) const {
  return request.query_param(name).value_or(fallback);
}

std::optional<int> RequestContext::query_int(const std::string& name) const {
  auto text = request.query_param(name);
  if (!text) return std::nullopt;
  int value = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return value;
}

std::string RequestContext::field(const std::string& name) const {
  auto found = form.find(name);
  return found == form.end() ? std::string() : found->second;
}

std::vector<std::string> RequestContext::fields(const std::string& name) const {
  std::vector<std::string> values;
  auto range = form.equal_range(name);
  for (auto it = range.first; it != range.second; ++it) values.push_back(it->second);
  return values;
}

namespace {

const char* const bad_json_text = "使用できない文字（NUL文字）が含まれています。";

bool holds_nul(const nlohmann::json& value) {
  if (value.is_string()) return value.get_ref<const std::string&>().find('\0') != std::string::npos;
  if (value.is_array()) return std::any_of(value.begin(), value.end(), holds_nul);
  if (value.is_object()) {
    for (const auto& [name, member] : value.items()) {
      if (name.find('\0') != std::string::npos || holds_nul(member)) return true;
    }
  }
  return false;
}

}  // namespace

void require_clean_json_text(const nlohmann::json& body) {
  if (!holds_nul(body)) return;
  std::map<std::string, std::string> fields;
  if (body.is_object()) {
    for (const auto& [name, member] : body.items()) {
      if (name.find('\0') == std::string::npos && holds_nul(member)) fields[name] = bad_json_text;
    }
  }
  throw RequestError(400, "bad_request", std::string("送信された JSON の文字列に") + bad_json_text, fields);
}

nlohmann::json RequestContext::json_body() const {
  auto body = parse_json_object(request.body);
  if (!body && !domain::is_valid_utf8(request.body)) {
    throw RequestError(400, "bad_request", "送信された JSON に UTF-8 として読めない文字が含まれています。");
  }
  if (!body) throw RequestError(400, "bad_request", "JSON のオブジェクトを送信してください。");
  require_clean_json_text(*body);
  return std::move(*body);
}

}  // namespace yoyaku::web
