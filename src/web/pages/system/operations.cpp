// Operations: /healthz, /metrics, the embedded static files and, with
// --demo-mailbox only, the demo mailbox.
#include <spdlog/spdlog.h>

#include <charconv>
#include <cstdio>
#include <map>

#include "domain/dates.hpp"
#include "services/common/site.hpp"
#include "util/embedded_files.hpp"
#include "web/errors.hpp"
#include "web/handlers.hpp"
#include "web/respond.hpp"
#include "web/site.hpp"

namespace yoyaku::web::operations {
namespace {

std::string content_type_for(const std::string& path) {
  static const std::map<std::string, std::string> types = {
      {"css", "text/css; charset=utf-8"}, {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"}, {"svg", "image/svg+xml"}, {"png", "image/png"},
      {"ico", "image/x-icon"}, {"json", "application/json"}, {"txt", "text/plain; charset=utf-8"},
      {"woff2", "font/woff2"}};
  auto dot = path.rfind('.');
  auto found = types.find(dot == std::string::npos ? "" : path.substr(dot + 1));
  return found == types.end() ? "application/octet-stream" : found->second;
}

std::string file_etag(std::string_view data) {
  std::uint64_t hash = 1469598103934665603ULL;
  for (char c : data) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  char text[20];
  std::snprintf(text, sizeof text, "\"%016llx\"", static_cast<unsigned long long>(hash));
  return text;
}

std::string outbox_status_text(const std::string& status) {
  static const std::map<std::string, std::string> texts = {
      {"sent", "送信済み"}, {"failed", "送信失敗"}, {"sending", "送信中"}, {"pending", "送信待ち"}};
  auto found = texts.find(status);
  return found == texts.end() ? status : found->second;
}

nlohmann::json outbox_view(const services::OutboxMessage& m) {
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

Response healthz(RequestContext& ctx) {
  const std::string& version = ctx.site.config.version;
  try {
    auto health = services::check_health(ctx.db());
    return json_response(health.current() ? 200 : 503,
                         {{"status", health.current() ? "ok" : "migration_needed"},
                          {"database", "ok"},
                          {"schema_version", health.schema_version},
                          {"expected_schema_version", health.expected_schema_version},
                          {"version", version}});
  } catch (const std::exception& e) {
    spdlog::warn("health check failed: {}", e.what());
    return json_response(503, {{"status", "error"}, {"database", "unreachable"}, {"version", version}});
  }
}

Response metrics(RequestContext& ctx) {
  Response response;
  response.body = ctx.site.metrics.render();
  response.set_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
  response.set_header("Cache-Control", "no-store");
  return response;
}

Response static_file(RequestContext& ctx) {
  const std::string& relative = ctx.param("path");
  if (relative.find("..") != std::string::npos) return not_found(ctx);
  auto data = embedded_file("static/" + relative);
  if (!data) return not_found(ctx);
  Response response;
  std::string etag = file_etag(*data);
  response.set_header("ETag", etag);
  // A URL carrying the current asset version never changes content.
  const bool versioned = ctx.query("v") == std::optional<std::string>(ctx.site.asset_version);
  response.set_header("Cache-Control", versioned ? "public, max-age=31536000, immutable" : "public, max-age=300");
  response.set_header("Content-Type", content_type_for(relative));
  if (ctx.request.header("if-none-match") == etag) {
    response.status = 304;
    return response;
  }
  response.body = std::string(*data);
  return response;
}

Response demo_mailbox(RequestContext& ctx) {
  nlohmann::json messages = nlohmann::json::array();
  for (const auto& m : services::outbox_messages(ctx.db(), 200)) messages.push_back(outbox_view(m));
  return page(ctx, "system/demo_mailbox",
              {{"page_title", "送信メール一覧（デモ）"}, {"has_messages", !messages.empty()}, {"messages", messages}});
}

Response demo_mail(RequestContext& ctx) {
  auto message = services::outbox_message(ctx.db(), ctx.id_param("id"));
  if (!message) return not_found(ctx);
  nlohmann::json view = outbox_view(*message);
  view["page_title"] = message->subject;
  return page(ctx, "system/demo_mail", view);
}

}  // namespace yoyaku::web::operations
