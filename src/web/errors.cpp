#include "web/errors.hpp"

#include <spdlog/spdlog.h>

#include "web/links.hpp"

namespace yoyaku::web {
namespace {

const std::map<int, std::string>& headings() {
  static const std::map<int, std::string> map = {
      {400, "リクエストが正しくありません"}, {403, "この操作はできません"},
      {404, "ページが見つかりません"},       {405, "この操作は許可されていません"},
      {409, "この操作はできませんでした"},   {410, "有効期限が切れています"},
      {413, "送信されたデータが大きすぎます"}, {414, "URLが長すぎます"},
      {431, "リクエストのヘッダーが大きすぎます"},
      {422, "入力内容に誤りがあります"},     {500, "システムエラーが発生しました"},
      {503, "ただいまサービスを利用できません"}};
  return map;
}

// The last resort when even the error page cannot be rendered.
Response bare_error_page(int status, const std::string& heading, const std::string& message) {
  Response response;
  response.status = status;
  response.body = "<!doctype html><html lang=\"ja\"><meta charset=\"utf-8\"><title>" + html_escape(heading) +
                  "</title><h1>" + html_escape(heading) + "</h1><p>" + html_escape(message) + "</p></html>";
  response.set_header("Content-Type", "text/html; charset=utf-8");
  response.set_header("Cache-Control", "no-store");
  return response;
}

}  // namespace

int status_of(services::ErrorKind kind) {
  switch (kind) {
    case services::ErrorKind::invalid_input: return 422;
    case services::ErrorKind::not_found: return 404;
    default: return 409;
  }
}

Response error_response(RequestContext& ctx, int status, const std::string& code, const std::string& message,
                        const FieldErrors& fields) {
  if (ctx.is_api()) return json_error(status, code, message, fields);
  auto found = headings().find(status);
  const std::string heading = found != headings().end() ? found->second : "エラーが発生しました";
  try {
    return page(ctx, "error", {{"page_title", heading}, {"status", status}, {"heading", heading}, {"message", message}},
                status);
  } catch (const std::exception& e) {
    spdlog::error("error page could not be rendered: {}", e.what());
    return bare_error_page(status, heading, message);
  }
}

Response service_error_response(RequestContext& ctx, const services::ServiceError& error) {
  if (!ctx.is_api()) {
    if (ctx.recover) {
      // Showing the page again must not fail the request: a refusal there falls back to the error page.
      auto recover = std::move(ctx.recover);
      try {
        if (auto shown = recover(error)) return *shown;
      } catch (const services::ServiceError& again) {
        return service_error_response(ctx, again);
      }
    }
    if (error.kind == services::ErrorKind::not_found) return not_found(ctx);
    if (const auto* lapsed = dynamic_cast<const services::HoldLapsedError*>(&error)) {
      // The hold's 60 minutes are over: back to the calendar, what was typed is kept.
      return page(ctx, "public/booking_lapsed",
                  {{"page_title", "仮予約の有効期限が切れました"},
                   {"message", error.what()},
                   {"calendar_url", lapsed->procedure_id ? SiteLinks::procedure_path(lapsed->procedure_id)
                                                          : std::string("/procedures")}},
                  ctx.is_get() ? 410 : 409);
    }
  }
  return error_response(ctx, status_of(error.kind), error.code, error.what(), error.fields);
}

Response request_error_response(RequestContext& ctx, const RequestError& error) {
  return error_response(ctx, error.status, error.code, error.what(), error.fields);
}

Response not_found(RequestContext& ctx) {
  return error_response(ctx, 404, "not_found",
                        ctx.is_api() ? "指定されたAPIはありません。" : "お探しのページは見つかりませんでした。");
}

Response method_not_allowed(RequestContext& ctx, const std::string& allow) {
  Response response = error_response(ctx, 405, "method_not_allowed", "この操作は許可されていません。");
  response.set_header("Allow", allow);
  return response;
}

}  // namespace yoyaku::web
