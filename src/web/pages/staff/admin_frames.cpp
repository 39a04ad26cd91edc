// 予約枠の設定 (/staff/offices/{office}/admin/frames), for the office's
// managers: the procedures with their frames, a new frame, and editing one.
// An edit that would strand confirmed bookings shows them under the form
// (what was typed kept) with the required choice: keep them, or withdraw
// them with a reason and a mail to each person.
#include "services/admin/frames.hpp"
#include "services/admin/office_admin.hpp"
#include "web/handlers.hpp"
#include "web/links.hpp"
#include "web/respond.hpp"
#include "web/views/catalog_views.hpp"
#include "web/views/staff_views.hpp"

namespace yoyaku::web::staff_pages {
namespace {

const char* const weekday_labels[] = {"日", "月", "火", "水", "木", "金", "土"};

std::string frames_path(const std::string& office) {
  return SiteLinks::staff_office_path(office) + "/admin/frames";
}

struct TypedFrame {
  services::FrameForm form;
  bool bookings_shown = false;  // the choice was on the page the staff member posted
};

TypedFrame posted_frame(RequestContext& ctx) {
  TypedFrame typed;
  auto& form = typed.form;
  auto id_field = [&](const char* name) -> std::int64_t {
    const std::string text = ctx.field(name);
    if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) return 0;
    return std::stoll(text);
  };
  form.procedure_id = id_field("procedure_id");
  form.facility_id = id_field("facility_id");
  form.input.name = ctx.field("name");
  form.input.weekdays = weekday_mask_of(ctx.fields("weekdays"));
  form.input.first_start = ctx.field("first_start");
  form.input.last_start = ctx.field("last_start");
  form.input.interval_minutes = ctx.field("interval_minutes");
  form.input.slot_minutes = ctx.field("slot_minutes");
  form.input.seats = ctx.field("seats");
  form.bookings.kind = services::affected_choice_from(ctx.field("bookings"));
  form.bookings.reason = ctx.field("withdrawal_reason");
  typed.bookings_shown = ctx.field("bookings_shown") == "1";
  return typed;
}

services::FrameForm form_of(const store::ReservationFrame& f) {
  auto view = frame_view(f);
  services::FrameForm form;
  form.procedure_id = f.procedure_id;
  form.facility_id = f.facility_id;
  form.input = {f.name,
                f.weekdays,
                view["first_start"],
                view["last_start"],
                std::to_string(f.interval_minutes),
                std::to_string(f.slot_minutes),
                std::to_string(f.seats)};
  return form;
}

Response form_page(RequestContext& ctx, const services::ManagedOffice& office,
                   const std::optional<services::ManagedFrame>& frame, const services::FrameForm& form,
                   const std::vector<services::AffectedBooking>& affected, const FieldErrors& errors, int status) {
  const std::string list_url = frames_path(office.office.code);
  nlohmann::json procedures = nlohmann::json::array();
  for (const auto& p : office.procedures) {
    procedures.push_back({{"id", p.id}, {"title", p.title}, {"selected", p.id == form.procedure_id}});
  }
  nlohmann::json facilities = nlohmann::json::array();
  for (const auto& f : office.facilities) {
    facilities.push_back({{"id", f.id}, {"name", f.name}, {"selected", f.id == form.facility_id}});
  }
  nlohmann::json weekdays = nlohmann::json::array();
  for (int d = 0; d < 7; ++d) {
    const int day = (d + 1) % 7;  // 月 … 土, then 日
    weekdays.push_back(
        {{"value", std::to_string(day)}, {"label", weekday_labels[day]}, {"checked", ((form.input.weekdays >> day) & 1) != 0}});
  }
  using Kind = services::AffectedBookingsChoice::Kind;
  nlohmann::json context = {
      {"is_new", !frame},
      {"form_url", frame ? list_url + "/" + std::to_string(frame->frame.id) : list_url},
      {"list_url", list_url},
      {"procedures", procedures},
      {"procedure_title", frame ? frame->procedure.title : ""},
      {"facilities", facilities},
      {"weekdays", weekdays},
      {"values",
       {{"name", form.input.name}, {"first_start", form.input.first_start}, {"last_start", form.input.last_start},
        {"interval_minutes", form.input.interval_minutes}, {"slot_minutes", form.input.slot_minutes},
        {"seats", form.input.seats}}},
      {"has_affected", !affected.empty()},
      {"affected", affected_view(affected)},
      {"affected_count", affected.size()},
      {"keep_checked", form.bookings.kind == Kind::keep},
      {"withdraw_checked", form.bookings.kind == Kind::withdraw},
      {"withdrawal_reason", form.bookings.reason},
      {"office_nav", office_nav_view(office.office.code, "admin", true)},
      {"done_message", ctx.query_or("done", "") == "saved" ? "保存しました。" : ""}};
  context["office_nav"]["office"] = {{"code", office.office.code}, {"name", office.office.name}};
  return staff_form_page(ctx, "staff/admin_frame_form", frame ? "予約枠の編集" : "予約枠の追加", context, errors,
                         status);
}

// The frame of this office (another office's, or one the caller may not manage: 404).
services::ManagedFrame frame_of_office(RequestContext& ctx) {
  auto frame = services::managed_frame(ctx.db(), ctx.principal(), ctx.id_param("id"));
  if (frame.office.code != ctx.param("office")) throw services::NotFoundError("指定された予約枠はありません。");
  return frame;
}

}  // namespace

Response office_frames(RequestContext& ctx) {
  const std::string& code = ctx.param("office");
  auto managed = services::managed_office(ctx.db(), ctx.principal(), code, ctx.now);
  nlohmann::json procedures = nlohmann::json::array();
  for (const auto& p : managed.procedures) {
    nlohmann::json frames = nlohmann::json::array();
    for (const auto& f : managed.frames) {
      if (f.frame.procedure_id != p.id) continue;
      auto view = frame_view(f.frame);
      view["url"] = frames_path(code) + "/" + std::to_string(f.frame.id);
      view["facility_name"] = f.facility_name;
      frames.push_back(view);
    }
    procedures.push_back({{"title", p.title},
                          {"url", SiteLinks::staff_office_path(code) + "/admin/procedures/" + std::to_string(p.id)},
                          {"frames", frames},
                          {"has_frames", !frames.empty()}});
  }
  nlohmann::json facilities = nlohmann::json::array();
  for (const auto& f : managed.facilities) {
    facilities.push_back({{"name", f.name},
                          {"address", f.address},
                          {"url", SiteLinks::staff_office_path(code) + "/admin/facilities/" + std::to_string(f.id)}});
  }
  const std::string done = ctx.query_or("done", "");
  auto nav = office_nav_view(code, "admin", true);
  nav["office"] = {{"code", managed.office.code}, {"name", managed.office.name}};
  return staff_page(ctx, "staff/admin_frames",
                    {{"page_title", "予約枠の設定 " + managed.office.name},
                     {"office_nav", nav},
                     {"procedures", procedures},
                     {"facilities", facilities},
                     {"new_url", frames_path(code) + "/new"},
                     {"new_procedure_url", SiteLinks::staff_office_path(code) + "/admin/procedures/new"},
                     {"new_facility_url", SiteLinks::staff_office_path(code) + "/admin/facilities/new"},
                     {"office_url", SiteLinks::staff_office_path(code)},
                     {"done_message", done == "created"             ? "予約枠を追加しました。"
                                      : done == "procedure_created" ? "手続きを追加しました。"
                                      : done == "facility_created"  ? "施設を追加しました。"
                                                                    : ""}});
}

Response new_frame(RequestContext& ctx) {
  auto managed = services::managed_office(ctx.db(), ctx.principal(), ctx.param("office"), ctx.now);
  services::FrameForm blank = form_of(store::ReservationFrame{});
  blank.input.name = "";
  if (!managed.procedures.empty()) blank.procedure_id = managed.procedures.front().id;
  if (!managed.facilities.empty()) blank.facility_id = managed.facilities.front().id;
  return form_page(ctx, managed, std::nullopt, blank, {}, {}, 200);
}

Response create_frame(RequestContext& ctx) {
  const std::string code = ctx.param("office");
  auto typed = posted_frame(ctx);
  ctx.recover = [&ctx, code, typed](const services::ServiceError& e) -> std::optional<Response> {
    if (e.kind != services::ErrorKind::invalid_input) return std::nullopt;
    auto managed = services::managed_office(ctx.db(), ctx.principal(), code, ctx.now);
    return form_page(ctx, managed, std::nullopt, typed.form, {}, e.fields, 422);
  };
  services::create_frame(ctx.db(), ctx.principal(), code, typed.form, ctx.client(), ctx.now);
  return redirect(frames_path(code) + "?done=created");
}

Response frame(RequestContext& ctx) {
  auto frame = frame_of_office(ctx);
  auto managed = services::managed_office(ctx.db(), ctx.principal(), frame.office.code, ctx.now);
  return form_page(ctx, managed, frame, form_of(frame.frame), {}, {}, 200);
}

Response update_frame(RequestContext& ctx) {
  auto frame = frame_of_office(ctx);
  auto typed = posted_frame(ctx);
  typed.form.procedure_id = frame.frame.procedure_id;
  ctx.recover = [&ctx, frame, typed](const services::ServiceError& e) -> std::optional<Response> {
    if (e.kind != services::ErrorKind::invalid_input) return std::nullopt;
    auto managed = services::managed_office(ctx.db(), ctx.principal(), frame.office.code, ctx.now);
    // A withdrawal without a reason: list the bookings again (asking writes nothing).
    std::vector<services::AffectedBooking> affected;
    if (e.fields.count("withdrawal_reason")) {
      auto ask = typed.form;
      ask.bookings = {};
      affected = services::update_frame(ctx.db(), ctx.principal(), frame.frame.id, ask, ctx.links(), ctx.client(),
                                        ctx.now)
                     .affected;
    }
    return form_page(ctx, managed, frame, typed.form, affected, e.fields, 422);
  };
  auto outcome = services::update_frame(ctx.db(), ctx.principal(), frame.frame.id, typed.form, ctx.links(),
                                        ctx.client(), ctx.now);
  if (!outcome.applied) {
    auto managed = services::managed_office(ctx.db(), ctx.principal(), frame.office.code, ctx.now);
    FieldErrors errors;
    if (typed.bookings_shown) errors["bookings"] = "影響を受ける予約の扱いを選択してください。";
    return form_page(ctx, managed, frame, typed.form, outcome.affected, errors, 409);
  }
  return redirect(frames_path(frame.office.code) + "/" + std::to_string(frame.frame.id) + "?done=saved");
}

}  // namespace yoyaku::web::staff_pages
