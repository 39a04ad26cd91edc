// Reserving, manual 1.1 STEP4–7 on a held seat (/bookings/{hold}/…): 利用規約の
// 同意, 予約内容の入力 (with 「変更する」 and 「過去の申込から入力値を自動設定する」),
// 予約内容の確認, 「申込み」, 予約完了; 「延長する」 and 「予約をやめる」 on every
// step. A lapsed hold shows 「仮予約の有効期限が切れました」 (web/errors.cpp);
// what was typed is kept for the next hold.
#include <charconv>

#include "domain/dates.hpp"
#include "services/public/booking.hpp"
#include "services/public/booking_form.hpp"
#include "web/handlers.hpp"
#include "web/links.hpp"
#include "web/respond.hpp"
#include "web/site.hpp"
#include "web/views/booking_views.hpp"
#include "web/views/form_views.hpp"

namespace yoyaku::web::public_pages {
namespace {

nlohmann::json progress(int step) {
  return {{"progress_select", step == 1}, {"progress_mail", step == 2}, {"progress_input", step == 3},
          {"progress_done", step == 4}};
}

// A positive integer typed in a field, or nullopt.
std::optional<std::int64_t> parse_id(const std::string& text) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

services::HoldView live_hold(RequestContext& ctx) {
  return services::require_live_hold(ctx.db(), ctx.principal(), ctx.param("hold"), ctx.now);
}

std::string calendar_url(const services::HoldView& hold) {
  return SiteLinks::procedure_path(hold.procedure_id) + "?from=" + domain::to_iso(hold.slot.date);
}

// STEP5 予約内容の入力, with the values to show and any field errors.
Response form_step(RequestContext& ctx, const services::HoldView& hold, const services::ReservationForm& values,
                   const FieldErrors& errors, nlohmann::json extra) {
  auto details = services::procedure_details(ctx.db(), hold.procedure_id, ctx.now);
  const bool has_previous = services::previous_application(ctx.db(), ctx.principal()).has_value();
  const std::string base = SiteLinks::booking_path(hold.id);
  nlohmann::json context = progress(3);
  context.update({{"hold", hold_view(hold)},
                  {"procedure", procedure_view(details.procedure)},
                  {"slot", slot_view(hold.slot)},
                  {"change_url", calendar_url(hold)},
                  {"autofill_url", base + "/autofill"},
                  {"form_url", base + "/form"},
                  {"has_previous", has_previous},
                  {"topic_options", topic_options_view(values.topics)},
                  {"show_staff_note", show_staff_note(ctx, values, errors)},
                  {"values", form_values_view(values)}});
  context.update(extra);
  return form_page(ctx, "public/booking_form", "予約内容の入力", context, errors);
}

// A refused form (STEP5 or 「申込み」) shows STEP5 again with what was typed.
void show_form_again_on_error(RequestContext& ctx, const services::HoldView& hold,
                              const services::ReservationForm& typed) {
  on_invalid_input(ctx, [&ctx, hold, typed](const FieldErrors& errors) {
    return form_step(ctx, hold, typed, errors, nlohmann::json::object());
  });
}

// STEP4 利用規約の同意: the version in force, its id in a hidden field (agree_to_terms checks it).
Response terms_step(RequestContext& ctx, const services::HoldView& hold, const std::string& message, int status = 200) {
  auto details = services::procedure_details(ctx.db(), hold.procedure_id, ctx.now);
  nlohmann::json context = progress(2);
  context.update({{"page_title", "利用規約の同意"},
                  {"hold", hold_view(hold)},
                  {"procedure", procedure_view(details.procedure)},
                  {"terms_version_id", details.terms_version ? std::to_string(details.terms_version->id) : ""},
                  {"terms_version", details.terms_version ? details.terms_version->version : 0},
                  {"agree_url", SiteLinks::booking_path(hold.id) + "/terms"},
                  {"times_url", SiteLinks::procedure_path(hold.procedure_id) + "/days/" + domain::to_iso(hold.slot.date)}});
  if (!message.empty()) {
    context["info_message"] = message;
  } else if (hold.terms_changed) {
    context["info_message"] = services::terms_changed_message;
  }
  auto response = page(ctx, "public/booking_terms", context);
  response.status = status;
  return response;
}

}  // namespace

Response terms(RequestContext& ctx) { return terms_step(ctx, live_hold(ctx), ""); }

Response agree_to_terms(RequestContext& ctx) {
  auto hold = live_hold(ctx);
  ctx.recover = [&ctx, hold](const services::ServiceError& e) -> std::optional<Response> {
    // A new version was published after the page was shown: show it, to be read and agreed to.
    if (e.code == "terms_changed") return terms_step(ctx, hold, e.what(), 409);
    return std::nullopt;
  };
  std::optional<std::int64_t> shown;
  if (auto id = parse_id(ctx.field("terms_version_id"))) shown = *id;
  services::agree_to_terms(ctx.db(), ctx.principal(), hold.id, shown, ctx.now);
  return redirect(SiteLinks::booking_path(hold.id) + "/form");
}

Response booking_form(RequestContext& ctx) {
  auto hold = live_hold(ctx);
  if (!hold.agreed) return redirect(SiteLinks::booking_path(hold.id) + "/terms");
  return form_step(ctx, hold, services::booking_form_values(ctx.db(), ctx.principal(), hold.procedure_id), {},
                   nlohmann::json::object());
}

Response review_booking(RequestContext& ctx) {
  auto hold = live_hold(ctx);
  if (!hold.agreed) return redirect(SiteLinks::booking_path(hold.id) + "/terms");
  auto typed = posted_reservation_form(ctx, hold.id);
  if (ctx.field("action") == "change") {
    // 「変更する」: keep what was typed, choose another date; the hold stays until a new one replaces it.
    services::keep_booking_form(ctx.db(), ctx.principal(), hold.procedure_id, typed, ctx.now);
    return redirect(calendar_url(hold));
  }
  if (ctx.field("action") == "clear_staff_note") {
    // 「選択解除」 without JavaScript: the same form, the staff field empty and 非表示.
    typed.staff_note.clear();
    return form_step(ctx, hold, typed, {}, nlohmann::json::object());
  }
  show_form_again_on_error(ctx, hold, typed);
  auto clean = services::review_booking_form(ctx.db(), ctx.principal(), typed, ctx.now);
  auto details = services::procedure_details(ctx.db(), hold.procedure_id, ctx.now);
  auto topics = selected_topics_view(clean.topics);
  const std::string base = SiteLinks::booking_path(hold.id);
  nlohmann::json context = progress(3);
  context.update({{"page_title", "予約確認"},
                  {"hold", hold_view(hold)},
                  {"procedure", procedure_view(details.procedure)},
                  {"slot", slot_view(hold.slot)},
                  {"values", form_values_view(clean)},
                  {"topics_selected", topics},
                  {"has_topics", !topics.empty()},
                  {"has_staff_note", !clean.staff_note.empty()},
                  {"form_url", base + "/form"},
                  {"submit_url", base + "/submit"}});
  return page(ctx, "public/booking_confirm", context);
}

Response autofill(RequestContext& ctx) {
  auto hold = live_hold(ctx);
  if (!hold.agreed) return redirect(SiteLinks::booking_path(hold.id) + "/terms");
  if (auto previous = services::previous_application(ctx.db(), ctx.principal())) {
    return form_step(ctx, hold, *previous, {},
                     {{"info_message", "過去の申込から入力値を設定しました。内容を確認してください。"}});
  }
  return form_step(ctx, hold, services::booking_form_values(ctx.db(), ctx.principal(), hold.procedure_id), {},
                   {{"info_message", "過去の申込がありません。"}});
}

Response extend_hold(RequestContext& ctx) {
  auto hold = live_hold(ctx);
  services::extend_hold(ctx.db(), ctx.principal(), hold.id, ctx.now);
  return redirect(SiteLinks::booking_path(hold.id) + (hold.agreed ? "/form" : "/terms"));
}

Response submit_booking(RequestContext& ctx) {
  auto hold = live_hold(ctx);
  if (!hold.agreed) return redirect(SiteLinks::booking_path(hold.id) + "/terms");
  auto typed = posted_reservation_form(ctx, hold.id);
  show_form_again_on_error(ctx, hold, typed);
  auto show_form = ctx.recover;
  ctx.recover = [&ctx, hold, show_form](const services::ServiceError& e) -> std::optional<Response> {
    // A new 利用規約 was published after STEP4: read it and agree again (what was typed is kept).
    if (e.code == "terms_changed") return redirect(SiteLinks::booking_path(hold.id) + "/terms");
    return show_form ? show_form(e) : std::nullopt;
  };
  auto done = services::confirm_reservation(ctx.db(), ctx.principal(), typed, ctx.links(), ctx.client(), ctx.now);
  return redirect("/bookings/complete?number=" + done.number);
}

Response cancel_booking(RequestContext& ctx) {
  auto procedure_id = services::cancel_hold(ctx.db(), ctx.principal(), ctx.param("hold"), ctx.now);
  if (!procedure_id) {  // nothing of the caller's was released: say so, never 「予約をやめました」
    throw services::NotFoundError("この仮予約は見つかりませんでした。既に予約をやめたか、有効期限が切れています。");
  }
  return page(ctx, "public/booking_cancelled",
              {{"page_title", "予約をやめました"}, {"calendar_url", SiteLinks::procedure_path(*procedure_id)}});
}

Response back_to_booking_form(RequestContext& ctx) { return redirect(SiteLinks::booking_path(ctx.param("hold")) + "/form"); }

Response back_to_terms(RequestContext& ctx) { return redirect(SiteLinks::booking_path(ctx.param("hold")) + "/terms"); }

Response booking_complete(RequestContext& ctx) {
  auto done = services::completed_booking(ctx.db(), ctx.principal(), ctx.query_or("number", ""));
  nlohmann::json context = progress(4);
  context.update({{"page_title", "予約完了"},
                  {"procedure", procedure_view(done.procedure)},
                  {"number", done.number},
                  {"slot", slot_view(done.slot)},
                  {"back_url", "/procedures"}});
  return page(ctx, "public/booking_done", context);
}

}  // namespace yoyaku::web::public_pages
