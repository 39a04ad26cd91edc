// 予約詳細 for staff (/staff/reservations/{number}): everything of the booking
// with 処理履歴 and who did what, and its forms: the Zoom meeting details
// (entered or generated, mailed to the person), 出席/不参加 from 10 minutes
// after the start, and refusing or allowing online booking for the person.
// A booking of an office the staff member does not serve is 404.
#include "services/staff/bookings.hpp"
#include "web/handlers.hpp"
#include "web/links.hpp"
#include "web/respond.hpp"
#include "web/views/staff_views.hpp"

namespace yoyaku::web::staff_pages {
namespace {

// What the page says after a change (?done=…).
std::string done_message(const std::string& done) {
  if (done == "booked") return "予約を登録しました。";
  if (done == "booked_mailed") return "予約を登録し、予約確定のメールを送信しました。";
  if (done == "meeting") return "面談情報を保存しました。";
  if (done == "meeting_mailed") return "面談情報を保存し、「ハローワーク：オンライン職業相談のご案内」を送信しました。";
  if (done == "attendance") return "出欠を記録しました。";
  if (done == "modified") return "予約内容を修正しました。";
  if (done == "withdrawn") return "予約を取下げました。";
  if (done == "refused") return "この方のオンライン予約をお断りする設定にしました。";
  if (done == "allowed") return "この方のオンライン予約を受け付ける設定にしました。";
  return "";
}

std::string detail_path(RequestContext& ctx) { return SiteLinks::staff_reservation_path(ctx.param("number")); }

// The page, with the field errors of the form that was posted (and what was typed in it).
Response detail_page(RequestContext& ctx, const FieldErrors& errors = {}, nlohmann::json values = nlohmann::json::object(),
                     int status = 200) {
  auto reservation = services::staff_reservation(ctx.db(), ctx.principal(), ctx.param("number"), ctx.client(), ctx.now);
  nlohmann::json r = staff_reservation_view(reservation);
  if (values.empty() && !r["meeting"].is_null()) {
    values = {{"meeting_id", r["meeting"]["id"]}, {"passcode", r["meeting"]["passcode"]},
              {"join_url", r["meeting"]["join_url"]}};
  }
  nlohmann::json context = {{"r", r},
                            {"office", r["office"]},
                            {"office_nav", office_nav_view(reservation.reservation.office.code, "")},
                            {"values", values},
                            {"done_message", done_message(ctx.query_or("done", ""))},
                            {"office_url", SiteLinks::staff_office_path(reservation.reservation.office.code) +
                                               "?date=" + r["slot"]["date"].get<std::string>()},
                            {"form_base", detail_path(ctx)}};
  return staff_form_page(ctx, "staff/reservation", "予約詳細 " + reservation.reservation.row.number, context, errors,
                         status);
}

void show_detail_again_on_error(RequestContext& ctx, nlohmann::json values) {
  on_invalid_input(ctx, [&ctx, values](const FieldErrors& errors) { return detail_page(ctx, errors, values, 422); });
}

}  // namespace

Response reservation(RequestContext& ctx) { return detail_page(ctx); }

Response set_meeting(RequestContext& ctx) {
  services::MeetingInput input;
  input.generate = ctx.field("action") == "generate";
  input.fields = {ctx.field("meeting_id"), ctx.field("passcode"), ctx.field("join_url")};
  show_detail_again_on_error(ctx, {{"meeting_id", input.fields.meeting_id}, {"passcode", input.fields.passcode},
                                   {"join_url", input.fields.join_url}});
  auto result = services::set_meeting(ctx.db(), ctx.principal(), ctx.param("number"), input, ctx.links(), ctx.client(),
                                      ctx.now);
  return redirect(detail_path(ctx) + (result.mailed ? "?done=meeting_mailed" : "?done=meeting"));
}

Response record_attendance(RequestContext& ctx) {
  ctx.recover = [&ctx](const services::ServiceError& e) -> std::optional<Response> {
    const nlohmann::json typed = {{"attendance_reason", ctx.field("reason")}};
    if (e.kind == services::ErrorKind::invalid_input) {
      FieldErrors errors;  // the reason's field on this page is #attendance_reason
      for (const auto& [field, message] : e.fields) errors[field == "reason" ? "attendance_reason" : field] = message;
      return detail_page(ctx, errors, typed, 422);
    }
    if (e.code == "too_early") return detail_page(ctx, {{"status", e.what()}}, typed, 409);
    return std::nullopt;
  };
  services::record_attendance(ctx.db(), ctx.principal(), ctx.param("number"), ctx.field("status"), ctx.field("reason"),
                              ctx.client(), ctx.now);
  return redirect(detail_path(ctx) + "?done=attendance");
}

Response decide_online_booking(RequestContext& ctx) {
  const bool refused = ctx.field("refused") == "1";
  ctx.recover = [&ctx](const services::ServiceError& e) -> std::optional<Response> {
    if (e.kind != services::ErrorKind::invalid_input) return std::nullopt;
    return detail_page(ctx, {{"standing_reason", e.fields.count("reason") ? e.fields.at("reason") : e.what()}},
                       {{"standing_reason", ctx.field("reason")}}, 422);
  };
  services::decide_online_booking(ctx.db(), ctx.principal(), ctx.param("number"), refused, ctx.field("reason"),
                                  ctx.client(), ctx.now);
  return redirect(detail_path(ctx) + (refused ? "?done=refused" : "?done=allowed"));
}

}  // namespace yoyaku::web::staff_pages
