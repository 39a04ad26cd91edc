// 安定所の設定 (/staff/offices/{office}/settings), for the office's staff with
// the 管理 right and administrators: the contact data the public side shows,
// and closures (休業) — with the bookings a closure would strand listed and
// an explicit choice asked for before anything changes.
#include "services/admin/office_admin.hpp"
#include "web/handlers.hpp"
#include "web/links.hpp"
#include "web/respond.hpp"
#include "web/views/office_views.hpp"
#include "web/views/staff_views.hpp"

namespace yoyaku::web::staff_pages {
namespace {

const char* const contact_fields[] = {"postal_code", "address", "phone", "consultation_phone",
                                      "fax", "opening_hours", "map_url"};
const char* const closure_fields[] = {"from", "to", "reason", "target", "bookings", "withdrawal_reason"};

std::string settings_path(const std::string& code) { return SiteLinks::staff_office_path(code) + "/settings"; }

// The page; `contact` and `closure` are the values to show (typed or stored).
Response settings_page(RequestContext& ctx, const services::ManagedOffice& office, nlohmann::json contact,
                       nlohmann::json closure, const std::vector<services::AffectedBooking>& affected,
                       const FieldErrors& errors, int status) {
  const std::string code = office.office.code;
  const std::string done = ctx.query_or("done", "");
  std::string done_message = done == "contact"          ? "連絡先を保存しました。"
                             : done == "closure"        ? "休業日を登録しました。"
                             : done == "closure_withdrawn" ? "休業日を登録し、その日の予約を取り下げました。利用者にはメールで知らせます。"
                             : done == "closure_removed" ? "休業日を削除しました。"
                                                         : "";
  nlohmann::json context = {{"office", managed_office_view(office)},
                            {"office_nav", office_nav_view(code, "settings", true)},
                            {"contact_url", settings_path(code) + "/contact"},
                            {"closure_url", settings_path(code) + "/closures"},
                            {"contact", std::move(contact)},
                            {"closure", closure},
                            {"targets", closure_target_choices(office, closure.value("target", "office"))},
                            {"affected", affected_bookings_view(affected)},
                            {"has_affected", !affected.empty()},
                            {"affected_count", affected.size()},
                            {"keep_checked", closure.value("bookings", "") == "keep"},
                            {"withdraw_checked", closure.value("bookings", "") == "withdraw"},
                            {"done_message", done_message}};
  return staff_form_page(ctx, "staff/office_settings", "安定所の設定 " + office.office.name, std::move(context),
                         errors, status);
}

nlohmann::json typed(RequestContext& ctx, const char* const* names, std::size_t count) {
  nlohmann::json values = nlohmann::json::object();
  for (std::size_t i = 0; i < count; ++i) values[names[i]] = ctx.field(names[i]);
  return values;
}

// "facility:3" / "frame:7" / "office" into the form's ids (anything else: the office).
void read_target(const std::string& target, services::ClosureForm& form) {
  auto id_after = [&](const std::string& prefix) -> std::optional<std::int64_t> {
    if (target.rfind(prefix, 0) != 0) return std::nullopt;
    try {
      std::size_t used = 0;
      auto id = std::stoll(target.substr(prefix.size()), &used);
      if (used + prefix.size() == target.size() && id > 0) return id;
    } catch (const std::exception&) {
    }
    return std::int64_t{-1};  // names no facility or frame: refused as such
  };
  form.facility_id = id_after("facility:");
  form.frame_id = id_after("frame:");
}

}  // namespace

Response office_settings(RequestContext& ctx) {
  auto office = services::managed_office(ctx.db(), ctx.principal(), ctx.param("office"), ctx.now);
  return settings_page(ctx, office, office_contact_view(office.office), {{"target", "office"}}, {}, {}, 200);
}

Response update_office_contact(RequestContext& ctx) {
  const std::string code = ctx.param("office");
  auto values = typed(ctx, contact_fields, std::size(contact_fields));
  on_invalid_input(ctx, [&ctx, code, values](const FieldErrors& errors) {
    auto office = services::managed_office(ctx.db(), ctx.principal(), code, ctx.now);
    return settings_page(ctx, office, values, {{"target", "office"}}, {}, errors, 422);
  });
  domain::OfficeContact contact{values["postal_code"],        values["address"], values["phone"],
                                values["consultation_phone"], values["fax"],     values["opening_hours"],
                                values["map_url"]};
  services::update_office_contact(ctx.db(), ctx.principal(), code, contact, ctx.client(), ctx.now);
  return redirect(settings_path(code) + "?done=contact#contact-heading");
}

Response add_office_closure(RequestContext& ctx) {
  const std::string code = ctx.param("office");
  auto values = typed(ctx, closure_fields, std::size(closure_fields));
  services::ClosureForm form;
  form.from = values["from"];
  form.to = values["to"];
  form.reason = values["reason"];
  read_target(values["target"], form);
  form.bookings.kind = services::affected_choice_from(values["bookings"]);
  form.bookings.reason = values["withdrawal_reason"];
  on_invalid_input(ctx, [&ctx, code, values, form](const FieldErrors& errors) {
    auto office = services::managed_office(ctx.db(), ctx.principal(), code, ctx.now);
    // A withdrawal without its reason: the list stays on the page with the choice.
    auto affected = services::bookings_a_closure_strands(ctx.db(), ctx.principal(), code, form, ctx.now);
    return settings_page(ctx, office, office_contact_view(office.office), values, affected, errors, 422);
  });
  auto outcome = services::add_closure(ctx.db(), ctx.principal(), code, form, ctx.links(), ctx.client(), ctx.now);
  if (!outcome.applied) {
    auto office = services::managed_office(ctx.db(), ctx.principal(), code, ctx.now);
    FieldErrors errors = {{"bookings", "この期間には予約があります。予約をどうするか選んでください。"}};
    return settings_page(ctx, office, office_contact_view(office.office), values, outcome.affected, errors, 409);
  }
  return redirect(settings_path(code) + (outcome.withdrawn > 0 ? "?done=closure_withdrawn" : "?done=closure") +
                  "#closures-heading");
}

Response remove_office_closure(RequestContext& ctx) {
  const std::string code = ctx.param("office");
  services::remove_closure(ctx.db(), ctx.principal(), code, ctx.id_param("id"), ctx.client(), ctx.now);
  return redirect(settings_path(code) + "?done=closure_removed#closures-heading");
}

}  // namespace yoyaku::web::staff_pages
