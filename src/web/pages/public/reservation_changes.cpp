// Changing a booking, manual 1.3 and 1.4: 予約変更 → 予約変更確認 → 「修正する」
// (a new date through the same calendar, changed values in blue), and
// 取消事由入力 → 予約取下げ確認 → 「取下げる」. Past the deadline the pages go
// back to 予約詳細, which says to phone the office.
#include "domain/dates.hpp"
#include "domain/forms.hpp"
#include "domain/search_text.hpp"
#include "services/public/reservations.hpp"
#include "web/handlers.hpp"
#include "web/links.hpp"
#include "web/respond.hpp"
#include "web/site.hpp"
#include "web/views/booking_views.hpp"
#include "web/views/form_views.hpp"
#include "web/views/labels.hpp"
#include "web/views/reservation_views.hpp"

namespace yoyaku::web::public_pages {
namespace {

services::ReservationView own(RequestContext& ctx) {
  return services::reservation_detail(ctx.db(), ctx.principal(), ctx.param("number"), ctx.now);
}

std::string detail_url(const services::ReservationView& r) { return SiteLinks::reservation_path(r.row.number); }

// What 予約変更 posted, and the new time it holds (if that hold is still live).
std::pair<services::ModifyForm, std::optional<services::HoldView>> posted_change(RequestContext& ctx) {
  auto values = posted_reservation_form(ctx, ctx.field("hold_id"));
  auto new_hold =
      values.hold_id.empty() ? std::nullopt : services::live_hold(ctx.db(), ctx.principal(), values.hold_id, ctx.now);
  if (!new_hold) values.hold_id.clear();
  return {values, new_hold};
}


// 予約変更: the current booking, the new time when one is held, the fields.
Response edit_page(RequestContext& ctx, const services::ReservationView& reservation,
                   const std::optional<services::HoldView>& new_hold, const services::ModifyForm& values,
                   const FieldErrors& errors, int status) {
  const nlohmann::json r = reservation_view(reservation, ReservationDetail::full);
  nlohmann::json context = {{"r", r},
                            {"slot", r["slot"]},
                            {"hold_id", new_hold ? new_hold->id : ""},
                            {"deadline_text", r["change_deadline_text"]},
                            {"detail_url", detail_url(reservation)},
                            {"form_url", detail_url(reservation) + "/edit"},
                            {"topic_options", topic_options_view(values.topics)},
                            {"show_staff_note", show_staff_note(ctx, values, errors)},
                            {"values", form_values_view(values)}};
  if (new_hold) {
    context["new_slot"] = slot_view(new_hold->slot);
    context["hold_expires_text"] = hold_expiry_text(new_hold->expires_at);
  }
  return form_page(ctx, "public/reservation_edit", "予約変更", context, errors, {}, status);
}

// A refused change shows 予約変更 again: field errors (422), a lapsed new hold
// (409, the current time kept), or back to 予約詳細 once past the deadline.
void show_edit_again_on_error(RequestContext& ctx, const services::ReservationView& reservation,
                              const std::optional<services::HoldView>& new_hold, services::ModifyForm values) {
  ctx.recover = [&ctx, reservation, new_hold, values](const services::ServiceError& e) -> std::optional<Response> {
    if (e.kind == services::ErrorKind::invalid_input) return edit_page(ctx, reservation, new_hold, values, e.fields, 422);
    if (e.code == "hold_lapsed") {
      auto without_hold = values;
      without_hold.hold_id.clear();
      return edit_page(ctx, reservation, std::nullopt, without_hold, {{"hold_id", e.what()}}, 409);
    }
    if (e.code == "deadline_passed") return redirect(detail_url(reservation));
    return std::nullopt;
  };
}

std::string joined_topic_labels(const std::vector<std::string>& codes) {
  std::string text;
  for (const auto& label : topic_labels(codes)) text += (text.empty() ? "" : "、") + label;
  return text;
}

// 予約変更確認: every row, the changed ones marked (shown in blue).
Response confirm_page(RequestContext& ctx, const services::ReservationView& reservation,
                      const services::ModifyPreview& preview) {
  const auto& clean = preview.clean;
  nlohmann::json rows = nlohmann::json::array();
  auto add = [&](const std::string& label, const std::string& before, const std::string& after) {
    rows.push_back({{"label", label}, {"value", after}, {"changed", before != after}});
  };
  auto when = [](const services::SlotView& slot) {
    return domain::japanese_date(slot.date) + " " + domain::japanese_time_range(slot.start_minute, slot.end_minute) +
           " " + slot.frame;
  };
  const auto& new_slot = preview.new_slot ? preview.new_slot->slot : reservation.slot;
  const auto& row = reservation.row;
  add("手続き名", reservation.procedure.title, reservation.procedure.title);
  add("予約施設", reservation.slot.facility, new_slot.facility);
  add("予約日時と予約対象", when(reservation.slot), when(new_slot));
  add("氏名", row.family_name + " " + row.given_name, clean.family_name + " " + clean.given_name);
  add("求職番号", row.job_seeker_number, clean.job_seeker_number);
  add("連絡先電話番号", row.phone, clean.phone);
  add("ご相談内容について、該当する項目の□にチェックを入れてください。（複数選択可）",
      joined_topic_labels(reservation.topics), joined_topic_labels(clean.topics));
  auto or_hidden = [](const std::string& note) { return note.empty() ? std::string("非表示") : note; };
  add("ハローワーク職員用項目（求職者の方は入力不要な項目です。）", or_hidden(row.staff_note), or_hidden(clean.staff_note));
  nlohmann::json context = {{"page_title", "予約変更確認"},
                            {"rows", rows},
                            {"hold_id", preview.new_slot ? preview.new_slot->id : ""},
                            {"topics_selected", selected_topics_view(clean.topics)},
                            {"edit_url", detail_url(reservation) + "/edit"},
                            {"submit_url", detail_url(reservation) + "/modify"},
                            {"values", form_values_view(clean)}};
  if (preview.new_slot) {
    context["new_slot"] = true;
    context["hold_expires_text"] = hold_expiry_text(preview.new_slot->expires_at);
  }
  return page(ctx, "public/reservation_edit_confirm", context);
}

Response done_page(RequestContext& ctx, const services::ReservationView& reservation, const std::string& heading,
                   const std::string& message) {
  return page(ctx, "public/reservation_done",
              {{"page_title", heading}, {"heading", heading}, {"message", message},
               {"r", reservation_view(reservation, ReservationDetail::full)}, {"detail_url", detail_url(reservation)},
               {"list_url", SiteLinks::reservations_path()}});
}

// 取消事由入力 with the live counter's starting value.
Response withdraw_page(RequestContext& ctx, const services::ReservationView& reservation, const std::string& reason,
                       const FieldErrors& errors, int status) {
  return form_page(ctx, "public/reservation_withdraw", "取消事由入力",
                   {{"r", reservation_view(reservation, ReservationDetail::full)},
                    {"detail_url", detail_url(reservation)},
                    {"form_url", detail_url(reservation) + "/withdraw"},
                    {"reason_count", std::to_string(domain::count_user_characters(domain::normalise_line_ends(reason)))},
                    {"values", {{"reason", reason}}}},
                   errors, {}, status);
}

void show_withdraw_again_on_error(RequestContext& ctx, const services::ReservationView& reservation,
                                  const std::string& reason) {
  ctx.recover = [&ctx, reservation, reason](const services::ServiceError& e) -> std::optional<Response> {
    if (e.kind == services::ErrorKind::invalid_input) return withdraw_page(ctx, reservation, reason, e.fields, 422);
    if (e.code == "same_day") return redirect(detail_url(reservation));
    return std::nullopt;
  };
}

}  // namespace

Response edit_form(RequestContext& ctx) {
  auto reservation = own(ctx);
  if (!reservation.can_modify) return redirect(detail_url(reservation));
  const std::string hold_id = ctx.query_or("hold", "");
  auto new_hold = hold_id.empty() ? std::nullopt : services::live_hold(ctx.db(), ctx.principal(), hold_id, ctx.now);
  auto values = services::modification_values(ctx.db(), ctx.principal(), reservation, ctx.query("hold").has_value());
  return edit_page(ctx, reservation, new_hold, values, {}, 200);
}

Response edit_step(RequestContext& ctx) {
  auto reservation = own(ctx);
  if (!reservation.can_modify) return redirect(detail_url(reservation));
  auto [values, new_hold] = posted_change(ctx);
  const std::string step = ctx.field("action");
  if (step == "change_date") {
    // 「変更する」: keep the typed values, choose a new date in the same calendar.
    services::keep_modification(ctx.db(), ctx.principal(), reservation, values, ctx.now);
    return redirect(SiteLinks::procedure_path(reservation.procedure.id) + "?change=" + reservation.row.number);
  }
  if (step == "back") return edit_page(ctx, reservation, new_hold, values, {}, 200);
  if (step == "clear_staff_note") {  // 「選択解除」 without JavaScript
    values.staff_note.clear();
    return edit_page(ctx, reservation, new_hold, values, {}, 200);
  }
  show_edit_again_on_error(ctx, reservation, new_hold, values);
  auto preview = services::preview_modification(ctx.db(), ctx.principal(), reservation.row.number, values, ctx.now);
  return confirm_page(ctx, reservation, preview);
}

// 「修正する」
Response modify(RequestContext& ctx) {
  auto reservation = own(ctx);
  if (!reservation.can_modify) return redirect(detail_url(reservation));
  auto [values, new_hold] = posted_change(ctx);
  show_edit_again_on_error(ctx, reservation, new_hold, values);
  services::modify_reservation(ctx.db(), ctx.principal(), reservation.row.number, values, ctx.links(), ctx.client(),
                               ctx.now);
  return done_page(ctx, own(ctx), "予約内容を修正しました",
                   "予約内容の修正が完了しました。変更内容を記載したメールを送信しました。");
}

Response back_to_edit(RequestContext& ctx) {
  return redirect(SiteLinks::reservation_path(ctx.param("number")) + "/edit");
}

Response withdraw_form(RequestContext& ctx) {
  auto reservation = own(ctx);
  if (!reservation.can_withdraw) return redirect(detail_url(reservation));
  return withdraw_page(ctx, reservation, "", {}, 200);
}

Response withdraw_step(RequestContext& ctx) {
  auto reservation = own(ctx);
  if (!reservation.can_withdraw) return redirect(detail_url(reservation));
  const std::string reason = ctx.field("reason");
  if (ctx.field("action") == "back") return withdraw_page(ctx, reservation, reason, {}, 200);
  show_withdraw_again_on_error(ctx, reservation, reason);
  const std::string clean = services::check_withdrawal_reason(reason);
  return page(ctx, "public/reservation_withdraw_confirm",
              {{"page_title", "予約取下げ確認"},
               {"r", reservation_view(reservation, ReservationDetail::full)},
               {"values", {{"reason", clean}}},
               {"form_url", detail_url(reservation) + "/withdraw"},
               {"submit_url", detail_url(reservation) + "/withdrawal"}});
}

// 「取下げる」
Response withdraw(RequestContext& ctx) {
  auto reservation = own(ctx);
  if (!reservation.can_withdraw) return redirect(detail_url(reservation));
  const std::string reason = ctx.field("reason");
  show_withdraw_again_on_error(ctx, reservation, reason);
  services::withdraw_reservation(ctx.db(), ctx.principal(), reservation.row.number, reason, ctx.links(), ctx.client(),
                                 ctx.now);
  return done_page(ctx, own(ctx), "予約を取下げました",
                   "予約の取下げが完了しました。取下げの内容を記載したメールを送信しました。");
}

Response back_to_withdraw(RequestContext& ctx) {
  return redirect(SiteLinks::reservation_path(ctx.param("number")) + "/withdraw");
}

}  // namespace yoyaku::web::public_pages
