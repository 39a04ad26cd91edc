// After booking, manual 1.2 and 2.1: 予約一覧 (予約内容照会) with search and
// pages, 予約詳細 with 処理履歴 and the 面談当日 box, the .ics file, 再申込する.
#include <charconv>

#include "domain/dates.hpp"
#include "domain/text.hpp"
#include "services/public/reservations.hpp"
#include "web/handlers.hpp"
#include "web/links.hpp"
#include "web/respond.hpp"
#include "web/site.hpp"
#include "web/views/reservation_views.hpp"

namespace yoyaku::web::public_pages {

Response reservation_list(RequestContext& ctx) {
  services::ReservationSearch search;
  search.number = ctx.query_or("number", "");
  search.procedure_text = ctx.query_or("procedure", "");
  const std::string applied_text = ctx.query_or("applied_on", "");
  search.applied_on = domain::parse_iso_date(applied_text);
  search.oldest_first = ctx.query("sort") == std::optional<std::string>("asc");
  const std::string page_text = ctx.query_or("page", "1");
  std::from_chars(page_text.data(), page_text.data() + page_text.size(), search.page);
  FieldErrors errors;
  if (!applied_text.empty() && !search.applied_on) errors["applied_on"] = "申込日は YYYY-MM-DD の形式で入力してください。";
  auto result = services::search_reservations(ctx.db(), ctx.principal(), search, ctx.now);
  auto link = [&](int p) {
    return "/reservations?number=" + domain::url_encode(search.number) + "&procedure=" +
           domain::url_encode(search.procedure_text) + "&applied_on=" + domain::url_encode(applied_text) +
           "&sort=" + (search.oldest_first ? "asc" : "desc") + "&page=" + std::to_string(p);
  };
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : result.items) items.push_back(reservation_view(r, ReservationDetail::summary));
  nlohmann::json pages = nlohmann::json::array();
  for (int p = std::max(1, result.page - 4); p <= std::min(result.pages, result.page + 4); ++p) {
    pages.push_back({{"number", std::to_string(p)}, {"url", link(p)}, {"current", p == result.page}});
  }
  nlohmann::json context = {{"total", std::to_string(result.total)},
                            {"items", items},
                            {"has_items", !items.empty()},
                            {"pages", pages},
                            {"has_pages", result.pages > 1},
                            {"sort_desc", !search.oldest_first},
                            {"sort_asc", search.oldest_first},
                            {"values", {{"number", search.number}, {"procedure", search.procedure_text},
                                        {"applied_on", applied_text}}}};
  if (result.page > 1) context["prev_url"] = link(result.page - 1);
  if (result.page < result.pages) context["next_url"] = link(result.page + 1);
  return form_page(ctx, "public/reservations", "予約一覧", context, errors);
}

Response reservation_detail(RequestContext& ctx) {
  const std::string& number = ctx.param("number");
  auto reservation = services::reservation_detail(ctx.db(), ctx.principal(), number, ctx.now);
  const bool confirmed = reservation.row.status == "confirmed";
  const std::string base = SiteLinks::reservation_path(number);
  nlohmann::json r = reservation_view(reservation, ReservationDetail::full);
  nlohmann::json context = {{"page_title", "予約詳細"},
                            {"r", r},
                            // The 面談当日 box is for confirmed bookings only.
                            {"meeting", confirmed ? r["meeting"] : nlohmann::json(nullptr)},
                            {"meeting_pending", confirmed && r["meeting"].is_null()},
                            {"ics_url", base + "/calendar.ics"},
                            {"list_url", SiteLinks::reservations_path()},
                            {"reapply_url", base + "/reapply"},
                            {"edit_url", base + "/edit"},
                            {"withdraw_url", base + "/withdraw"},
                            {"can_reapply", true},
                            {"can_modify", reservation.can_modify},
                            {"can_withdraw", reservation.can_withdraw},
                            {"same_day", reservation.same_day},
                            {"deadline_passed", confirmed && !reservation.can_modify},
                            {"deadline_text", r["change_deadline_text"]}};
  if (ctx.query("done") == std::optional<std::string>("modified")) context["info_message"] = "予約内容を修正しました。";
  return page(ctx, "public/reservation_detail", context);
}

Response reservation_ics(RequestContext& ctx) {
  const std::string& number = ctx.param("number");
  auto reservation = services::reservation_detail(ctx.db(), ctx.principal(), number, ctx.now);
  return attachment("text/calendar; charset=utf-8", number + ".ics",
                    services::reservation_ics(reservation, ctx.links(), ctx.now, ctx.visitor.language));
}

// 再申込する: a new booking of the same procedure, the form filled from this one.
Response reapply(RequestContext& ctx) {
  auto procedure_id = services::reapply(ctx.db(), ctx.principal(), ctx.param("number"), ctx.now);
  return redirect(SiteLinks::procedure_path(procedure_id));
}

}  // namespace yoyaku::web::public_pages
