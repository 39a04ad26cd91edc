#include "web/app.hpp"

#include <spdlog/spdlog.h>

#include <charconv>
#include <set>
#include <chrono>
#include <map>

#include "domain/dates.hpp"
#include "store/migrations.hpp"
#include "store/store.hpp"
#include "util/embedded_files.hpp"

namespace yoyaku::web {
namespace {

constexpr std::size_t max_target_length = 8 * 1024;

constexpr const char* content_security_policy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";

// Menu entries whose pages are not built yet answer with a 準備中 page.
const std::map<std::string, std::string> features_in_preparation = {};

std::string content_type_for(const std::string& path) {
  auto dot = path.rfind('.');
  std::string ext = dot == std::string::npos ? "" : path.substr(dot + 1);
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "ico") return "image/x-icon";
  if (ext == "json") return "application/json";
  if (ext == "txt") return "text/plain; charset=utf-8";
  if (ext == "woff2") return "font/woff2";
  return "application/octet-stream";
}

// FNV-1a over every static file: changes whenever any asset changes.
std::string compute_asset_version() {
  std::uint64_t hash = 1469598103934665603ULL;
  for (const auto& file : embedded_files()) {
    if (file.path.rfind("static/", 0) != 0) continue;
    for (char c : file.path) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    for (char c : file.data) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return std::string(text, 10);
}

std::string file_etag(std::string_view data) {
  std::uint64_t hash = 1469598103934665603ULL;
  for (char c : data) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  char text[20];
  std::snprintf(text, sizeof text, "\"%016llx\"", static_cast<unsigned long long>(hash));
  return text;
}

bool is_api(const std::string& path) { return path == "/api" || path.rfind("/api/", 0) == 0; }

std::string json_error_body(const std::string& code, const std::string& message) {
  return nlohmann::json{{"error", code}, {"message", message}, {"fields", nlohmann::json::object()}}.dump();
}


}  // namespace

App::App(AppConfig config, db::Pool& pool)
    : config_(std::move(config)), pool_(pool), asset_version_(compute_asset_version()) {
  if (!config_.clock) {
    config_.clock = [] {
      return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
  }
}

App::~App() = default;

Response App::handle(const Request& incoming) {
  Request request = incoming;
  Response response;
  try {
    if (draining_) {
      response = error(request, 503, "shutting_down", "サーバーを停止しています。しばらくしてから再度お試しください。");
      response.set_header("Connection", "close");
      response.route = "draining";
    } else {
      request.visitor = nullptr;
      response = dispatch(request);
    }
  } catch (const db::ConnectionError& e) {
    spdlog::error("database unavailable on {} {}: {}", request.method, request.path, e.what());
    response = error(request, 503, "service_unavailable",
                     "ただいまサービスを利用できません。しばらくしてから再度お試しください。");
    response.route = "error";
  } catch (const std::exception& e) {
    spdlog::error("unhandled error on {} {}: {}", request.method, request.path, e.what());
    response = error(request, 500, "internal_error",
                     "システムエラーが発生しました。しばらくしてから再度お試しください。");
    response.route = "error";
  }
  if (request.method == "HEAD") response.body.clear();
  add_common_headers(response);
  if (request.visitor) {
    for (const auto& set_cookie : request.visitor->set_cookies) response.add_header("Set-Cookie", set_cookie);
  }
  return response;
}

Response App::dispatch(Request& request) {
  if (request.target.size() > max_target_length) {
    auto response = error(request, 414, "uri_too_long", "URLが長すぎます。");
    response.route = "bad_request";
    return response;
  }
  std::string path;
  std::multimap<std::string, std::string> query;
  if (!parse_target(request.target, path, query)) {
    auto response = error(request, 400, "bad_request", "URLの形式が正しくありません。");
    response.route = "bad_request";
    return response;
  }
  Request& parsed = request;
  parsed.path = std::move(path);
  parsed.query = std::move(query);

  const bool readonly = parsed.method == "GET" || parsed.method == "HEAD";
  auto only_get = [&](const std::string& route, auto&& handler) {
    Response response;
    if (!readonly) {
      response = error(parsed, 405, "method_not_allowed", "この操作は許可されていません。");
      response.set_header("Allow", "GET, HEAD");
    } else {
      response = handler();
    }
    response.route = route;
    return response;
  };

  if (parsed.path == "/healthz") return only_get("/healthz", [&] { return healthz(parsed); });
  if (parsed.path == "/metrics") return only_get("/metrics", [&] { return metrics_text(parsed); });
  if (parsed.path.rfind("/static/", 0) == 0) return only_get("/static/*", [&] { return static_file(parsed); });
  if (config_.demo_mailbox && parsed.path == "/demo/mailbox") {
    return only_get("/demo/mailbox", [&] { return demo_mailbox(parsed); });
  }
  if (config_.demo_mailbox && parsed.path.rfind("/demo/mailbox/", 0) == 0) {
    return only_get("/demo/mailbox/{id}", [&] { return demo_mail(parsed, parsed.path.substr(14)); });
  }
  // Everything below knows who is asking.
  parsed.visitor = identify(parsed);
  if (parsed.path == "/") return only_get("/", [&] { return home(parsed); });
  if (is_api(parsed.path)) {
    if (auto response = api_route(parsed)) return *response;
  } else if (auto response = account_route(parsed)) {
    return *response;
  } else if (auto booking = booking_route(parsed)) {
    return *booking;
  } else if (auto reservations = reservation_route(parsed)) {
    return *reservations;
  }
  if (auto feature = features_in_preparation.find(parsed.path); feature != features_in_preparation.end()) {
    return only_get(feature->first, [&] { return coming_soon(parsed, feature->second); });
  }
  Response response = not_found(parsed);
  response.route = is_api(parsed.path) ? "/api/*" : "unmatched";
  return response;
}

nlohmann::json App::base_context(const Request& request) const {
  nlohmann::json context = {
      {"asset_version", asset_version_},
      {"color_scheme", "standard"},
      {"now_text", domain::japanese_date_time_spaced(config_.clock())},
      {"signed_in", false},
      {"current_path", request.path.empty() ? std::string("/") : request.path},
  };
  if (const auto& visitor = request.visitor) {
    context["color_scheme"] = visitor->color_scheme;
    context["csrf_token"] = visitor->csrf_token;
    if (visitor->user) {
      context["signed_in"] = true;
      context["user"] = {{"family_name", visitor->user->family_name},
                         {"given_name", visitor->user->given_name},
                         {"email1", visitor->user->email1}};
      context["session_expires_at"] = std::to_string(visitor->session->idle_expires_at);
    }
  }
  return context;
}

Response App::page(const Request& request, const std::string& name, nlohmann::json context, int status) {
  nlohmann::json full = base_context(request);
  full.update(context);
  Response response;
  response.status = status;
  response.body = templates_.render_page(name, std::move(full));
  response.set_header("Content-Type", "text/html; charset=utf-8");
  response.set_header("Cache-Control", "no-store");
  return response;
}

Response App::home(const Request& request) {
  const std::int64_t now = config_.clock();
  auto lease = pool_.acquire();
  auto [counts, notices] = db::in_transaction(*lease, false, [&](db::Connection& c) {
    return std::make_pair(store::count_everything(c), store::published_notices(c, now, 5));
  });
  nlohmann::json notice_list = nlohmann::json::array();
  for (const auto& notice : notices) {
    auto date = domain::jst_date_of(notice.published_at);
    std::string date_text = domain::japanese_date(date);
    date_text = date_text.substr(0, date_text.find('('));  // 2024年08月05日
    notice_list.push_back({{"date_text", date_text}, {"title", notice.title}, {"body", notice.body}});
  }
  return page(request, "home",
              {{"page_title", "ホーム"},
               {"is_home", true},
               {"office_count", counts.offices},
               {"procedure_count", counts.procedures},
               {"notices", notice_list}});
}

Response App::coming_soon(const Request& request, const std::string& feature_name) {
  return page(request, "coming_soon", {{"page_title", feature_name}, {"feature_name", feature_name}});
}

namespace {

std::string outbox_status_text(const std::string& status) {
  if (status == "sent") return "送信済み";
  if (status == "failed") return "送信失敗";
  if (status == "sending") return "送信中";
  return "送信待ち";
}

nlohmann::json outbox_view(const store::OutboxMessage& m) {
  std::string recipients;
  for (const auto& r : m.recipients) recipients += (recipients.empty() ? "" : ", ") + r;
  return {{"id", std::to_string(m.id)},
          {"subject", m.subject},
          {"body", m.body},
          {"recipients", recipients},
          {"message_id", m.message_id},
          {"created_text", domain::japanese_date_time_spaced(m.created_at)},
          {"status_text", outbox_status_text(m.status)}};
}

}  // namespace

Response App::demo_mailbox(const Request& request) {
  auto lease = pool_.acquire();
  nlohmann::json messages = nlohmann::json::array();
  for (const auto& m : store::list_outbox(*lease, "", 200)) messages.push_back(outbox_view(m));
  return page(request, "demo_mailbox", {{"page_title", "送信メール一覧（デモ）"}, {"has_messages", !messages.empty()}, {"messages", messages}});
}

Response App::demo_mail(const Request& request, const std::string& id_text) {
  std::int64_t id = 0;
  auto [end, error] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  std::optional<store::OutboxMessage> message;
  if (error == std::errc() && end == id_text.data() + id_text.size()) {
    auto lease = pool_.acquire();
    message = store::find_outbox(*lease, id);
  }
  if (!message) return not_found(request);
  nlohmann::json view = outbox_view(*message);
  view["page_title"] = message->subject;
  return page(request, "demo_mail", view);
}

Response App::static_file(const Request& request) {
  std::string relative = request.path.substr(std::string_view("/static/").size());
  if (relative.empty() || relative.find("..") != std::string::npos) {
    return not_found(request);
  }
  auto data = embedded_file("static/" + relative);
  if (!data) return not_found(request);
  Response response;
  std::string etag = file_etag(*data);
  response.set_header("ETag", etag);
  // A URL carrying the current asset version never changes content.
  auto version = request.query_param("v");
  response.set_header("Cache-Control", version && *version == asset_version_
                                           ? "public, max-age=31536000, immutable"
                                           : "public, max-age=300");
  response.set_header("Content-Type", content_type_for(relative));
  if (request.header("if-none-match") == etag) {
    response.status = 304;
    return response;
  }
  response.body = std::string(*data);
  return response;
}

Response json_response(int status, const nlohmann::json& body) {
  Response response;
  response.status = status;
  response.body = body.dump();
  response.set_header("Content-Type", "application/json");
  response.set_header("Cache-Control", "no-store");
  return response;
}

Response json_error(int status, const std::string& code, const std::string& message,
                    const std::map<std::string, std::string>& fields) {
  nlohmann::json field_map = nlohmann::json::object();
  for (const auto& [key, value] : fields) field_map[key] = value;
  return json_response(status, {{"error", code}, {"message", message}, {"fields", field_map}});
}

std::string iso_time(std::int64_t unix_seconds) {
  auto jst = domain::to_jst(unix_seconds);
  char text[40];
  std::snprintf(text, sizeof text, "%sT%02d:%02d:%02d+09:00", domain::to_iso(jst.date).c_str(), jst.hour, jst.minute,
                jst.second);
  return text;
}

Response unauthorized() {
  Response response = json_error(401, "unauthorized", "ログインが必要です。");
  response.set_header("WWW-Authenticate", "Bearer");
  return response;
}

Response App::healthz(const Request& request) {
  nlohmann::json body;
  int status = 200;
  try {
    auto lease = pool_.acquire();
    lease->ping();
    int version = store::schema_version(*lease);
    int latest = store::latest_schema_version(lease->dialect());
    body = {{"status", version == latest ? "ok" : "migration_needed"},
            {"database", "ok"},
            {"schema_version", version},
            {"expected_schema_version", latest},
            {"version", config_.version}};
    if (version != latest) status = 503;
  } catch (const std::exception& e) {
    spdlog::warn("health check failed: {}", e.what());
    body = {{"status", "error"}, {"database", "unreachable"}, {"version", config_.version}};
    status = 503;
  }
  return json_response(status, body);
}

Response App::metrics_text(const Request&) {
  Response response;
  response.body = metrics_.render();
  response.set_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
  response.set_header("Cache-Control", "no-store");
  return response;
}

Response App::not_found(const Request& request) {
  return error(request, 404, "not_found",
               is_api(request.path) ? "指定されたAPIはありません。" : "お探しのページは見つかりませんでした。");
}

Response App::error(const Request& request, int status, const std::string& code, const std::string& message) {
  Response response;
  response.status = status;
  response.set_header("Cache-Control", "no-store");
  if (is_api(request.path.empty() ? request.target : request.path)) {
    response.body = json_error_body(code, message);
    response.set_header("Content-Type", "application/json");
    return response;
  }
  static const std::map<int, std::string> headings = {
      {400, "リクエストが正しくありません"}, {404, "ページが見つかりません"},
      {405, "この操作は許可されていません"}, {413, "送信されたデータが大きすぎます"}, {414, "URLが長すぎます"},
      {500, "システムエラーが発生しました"}, {503, "ただいまサービスを利用できません"}};
  auto heading = headings.count(status) ? headings.at(status) : std::string("エラーが発生しました");
  try {
    response = page(request, "error",
                    {{"page_title", heading}, {"status", status}, {"heading", heading}, {"message", message}}, status);
  } catch (const std::exception& e) {
    spdlog::error("error page could not be rendered: {}", e.what());
    response.body = "<!doctype html><html lang=\"ja\"><meta charset=\"utf-8\"><title>" + html_escape(heading) +
                    "</title><h1>" + html_escape(heading) + "</h1><p>" + html_escape(message) + "</p></html>";
    response.set_header("Content-Type", "text/html; charset=utf-8");
  }
  return response;
}

void App::add_common_headers(Response& response) const {
  response.set_header("Content-Security-Policy", content_security_policy);
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("X-Frame-Options", "DENY");
  response.set_header("Referrer-Policy", "same-origin");
  response.set_header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  response.set_header("Cross-Origin-Opener-Policy", "same-origin");
  if (config_.auth.base_url.rfind("https://", 0) == 0) {
    response.set_header("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  }
}

}  // namespace yoyaku::web
