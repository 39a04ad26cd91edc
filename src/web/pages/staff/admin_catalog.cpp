// 手続き and 施設 of an office (/staff/offices/{office}/admin/procedures,
// …/facilities), for its managers: a new one and editing one, on one form
// template; the list is the 予約枠の設定 page. Nothing here strands a booking.
#include "domain/procedure_rules.hpp"
#include "services/admin/catalog_admin.hpp"
#include "services/admin/office_admin.hpp"
#include "web/handlers.hpp"
#include "web/links.hpp"
#include "web/respond.hpp"
#include "web/views/catalog_views.hpp"
#include "web/views/staff_views.hpp"

namespace yoyaku::web::staff_pages {
namespace {

std::string admin_path(const std::string& office) { return SiteLinks::staff_office_path(office) + "/admin"; }

struct Field {
  const char* name;
  const char* label;
  const char* kind;  // text / textarea / select / datetime
  const char* hint;
  bool required;
  const char* inputmode;
};

const Field procedure_fields[] = {
    {"kind", "手続きの種類", "select", "", true, ""},
    {"title", "手続き名", "text", "検索結果と予約画面に表示されます。", true, ""},
    {"description", "説明", "textarea", "", false, ""},
    {"contact_name", "問い合わせ先", "text", "", false, ""},
    {"contact_phone", "問い合わせ先 電話番号", "text", "", false, "tel"},
    {"contact_fax", "問い合わせ先 FAX", "text", "", false, "tel"},
    {"contact_email", "問い合わせ先 メールアドレス", "text", "", false, "email"},
    {"reception_start", "受付開始（日本時間）", "datetime", "", true, ""},
    {"reception_end", "受付終了（日本時間）", "datetime", "空欄なら随時受付です。", false, ""},
    {"booking_opens_days_before", "予約の受付開始（面談日の何日前から）", "text", "", true, "numeric"},
    {"booking_closes_days_before", "予約の締切（面談日の何日前まで）", "text", "", true, "numeric"},
    {"change_deadline_days_before", "変更・取下げの期限（面談日の何日前まで）", "text", "", true, "numeric"},
    {"meeting_link_minutes_before", "参加リンクの表示（開始の何分前から）", "text", "", true, "numeric"},
};

const Field facility_fields[] = {
    {"name", "施設名", "text", "", true, ""},
    {"address", "所在地", "text", "", false, ""},
    {"phone", "電話番号", "text", "", false, "tel"},
    {"opening_hours", "受付時間", "textarea", "", false, ""},
    {"map_url", "地図のURL", "text", "https:// で始まるURL", false, "url"},
};

template <std::size_t N>
nlohmann::json fields_view(const Field (&fields)[N], const nlohmann::json& values, const FieldErrors& errors) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& f : fields) {
    nlohmann::json field = {{"name", f.name}, {"label", f.label}, {"hint", f.hint}, {"required", f.required},
                            {"inputmode", f.inputmode}, {f.kind, true}};
    const nlohmann::json value = values.contains(f.name) ? values.at(f.name) : nlohmann::json("");
    field["value"] = value.is_string() ? value.get<std::string>() : value.is_null() ? std::string() : value.dump();
    if (auto e = errors.find(f.name); e != errors.end()) field["error"] = e->second;
    if (std::string(f.kind) == "select") {
      field["options"] = nlohmann::json::array();
      for (const auto& [code, label] : {std::pair{"job_consultation", "職業相談"},
                                        std::pair{"unemployment_certification", "失業認定"}}) {
        field["options"].push_back({{"value", code}, {"label", label}, {"selected", field["value"] == code}});
      }
    }
    list.push_back(field);
  }
  return list;
}

Response catalog_page(RequestContext& ctx, const std::string& office, const std::string& heading,
                      const std::string& form_url, nlohmann::json fields, const std::string& note,
                      const FieldErrors& errors, int status) {
  const bool is_new = heading.ends_with("の追加");
  auto managed = services::managed_office(ctx.db(), ctx.principal(), office, ctx.now);  // managers only
  auto nav = office_nav_view(office, "admin", true);
  nav["office"] = {{"code", office}, {"name", managed.office.name}};
  return staff_form_page(ctx, "staff/admin_catalog_form", heading,
                         {{"heading", heading},
                          {"form_url", form_url},
                          {"list_url", admin_path(office) + "/frames"},
                          {"submit_label", is_new ? "追加する" : "保存する"},
                          {"note", note},
                          {"fields", std::move(fields)},
                          {"office_nav", nav},
                          {"done_message", ctx.query_or("done", "") == "saved" ? "保存しました。" : ""}},
                         errors, status);
}

nlohmann::json posted(RequestContext& ctx, std::initializer_list<const char*> names) {
  nlohmann::json values = nlohmann::json::object();
  for (const char* name : names) values[name] = ctx.field(name);
  return values;
}

domain::ProcedureInput procedure_input(const nlohmann::json& v) {
  auto s = [&](const char* name) { return v.value(name, std::string()); };
  return {s("kind"), s("title"), s("description"), s("contact_name"), s("contact_phone"), s("contact_fax"),
          s("contact_email"), s("reception_start"), s("reception_end"), s("booking_opens_days_before"),
          s("booking_closes_days_before"), s("change_deadline_days_before"), s("meeting_link_minutes_before")};
}

domain::FacilityInput facility_input(const nlohmann::json& v) {
  auto s = [&](const char* name) { return v.value(name, std::string()); };
  return {s("name"), s("address"), s("phone"), s("opening_hours"), s("map_url")};
}

nlohmann::json posted_procedure(RequestContext& ctx) {
  return posted(ctx, {"kind", "title", "description", "contact_name", "contact_phone", "contact_fax", "contact_email",
                      "reception_start", "reception_end", "booking_opens_days_before", "booking_closes_days_before",
                      "change_deadline_days_before", "meeting_link_minutes_before"});
}

nlohmann::json posted_facility(RequestContext& ctx) {
  return posted(ctx, {"name", "address", "phone", "opening_hours", "map_url"});
}

const std::string procedure_note =
    "受付期間や予約の受付日数を変えても、すでに受け付けた予約はそのまま有効です（これからの予約にだけ適用されます）。";

// Shows the form again with what was typed when the input is invalid.
void show_again_on_invalid(RequestContext& ctx, std::function<Response(const FieldErrors&)> show) {
  ctx.recover = [show = std::move(show)](const services::ServiceError& e) -> std::optional<Response> {
    if (e.kind != services::ErrorKind::invalid_input) return std::nullopt;
    return show(e.fields);
  };
}

}  // namespace

Response new_procedure(RequestContext& ctx) {
  const std::string office = ctx.param("office");
  auto defaults = admin_procedure_view(store::Procedure{});
  defaults["reception_start"] = "";
  return catalog_page(ctx, office, "手続きの追加", admin_path(office) + "/procedures",
                      fields_view(procedure_fields, defaults, {}), procedure_note, {}, 200);
}

Response create_procedure(RequestContext& ctx) {
  const std::string office = ctx.param("office");
  auto values = posted_procedure(ctx);
  show_again_on_invalid(ctx, [&ctx, office, values](const FieldErrors& errors) {
    return catalog_page(ctx, office, "手続きの追加", admin_path(office) + "/procedures",
                        fields_view(procedure_fields, values, errors), procedure_note, errors, 422);
  });
  services::create_procedure(ctx.db(), ctx.principal(), office, procedure_input(values), ctx.client(), ctx.now);
  return redirect(admin_path(office) + "/frames?done=procedure_created");
}

Response procedure(RequestContext& ctx) {
  auto managed = services::managed_procedure(ctx.db(), ctx.principal(), ctx.id_param("id"));
  if (managed.office.code != ctx.param("office")) throw services::NotFoundError("指定された手続きはありません。");
  const std::string office = managed.office.code;
  return catalog_page(ctx, office, "手続きの編集",
                      admin_path(office) + "/procedures/" + std::to_string(managed.procedure.id),
                      fields_view(procedure_fields, admin_procedure_view(managed.procedure), {}), procedure_note, {},
                      200);
}

Response update_procedure(RequestContext& ctx) {
  auto managed = services::managed_procedure(ctx.db(), ctx.principal(), ctx.id_param("id"));
  if (managed.office.code != ctx.param("office")) throw services::NotFoundError("指定された手続きはありません。");
  const std::string office = managed.office.code;
  const std::string path = admin_path(office) + "/procedures/" + std::to_string(managed.procedure.id);
  auto values = posted_procedure(ctx);
  show_again_on_invalid(ctx, [&ctx, office, path, values](const FieldErrors& errors) {
    return catalog_page(ctx, office, "手続きの編集", path, fields_view(procedure_fields, values, errors),
                        procedure_note, errors, 422);
  });
  services::update_procedure(ctx.db(), ctx.principal(), managed.procedure.id, procedure_input(values), ctx.client(),
                             ctx.now);
  return redirect(path + "?done=saved");
}

Response new_facility(RequestContext& ctx) {
  const std::string office = ctx.param("office");
  return catalog_page(ctx, office, "施設の追加", admin_path(office) + "/facilities",
                      fields_view(facility_fields, nlohmann::json::object(), {}), "", {}, 200);
}

Response create_facility(RequestContext& ctx) {
  const std::string office = ctx.param("office");
  auto values = posted_facility(ctx);
  show_again_on_invalid(ctx, [&ctx, office, values](const FieldErrors& errors) {
    return catalog_page(ctx, office, "施設の追加", admin_path(office) + "/facilities",
                        fields_view(facility_fields, values, errors), "", errors, 422);
  });
  services::create_facility(ctx.db(), ctx.principal(), office, facility_input(values), ctx.client(), ctx.now);
  return redirect(admin_path(office) + "/frames?done=facility_created");
}

Response facility(RequestContext& ctx) {
  auto managed = services::managed_facility(ctx.db(), ctx.principal(), ctx.id_param("id"));
  if (managed.office.code != ctx.param("office")) throw services::NotFoundError("指定された施設はありません。");
  const std::string office = managed.office.code;
  return catalog_page(ctx, office, "施設の編集",
                      admin_path(office) + "/facilities/" + std::to_string(managed.facility.id),
                      fields_view(facility_fields, admin_facility_view(managed.facility), {}), "", {}, 200);
}

Response update_facility(RequestContext& ctx) {
  auto managed = services::managed_facility(ctx.db(), ctx.principal(), ctx.id_param("id"));
  if (managed.office.code != ctx.param("office")) throw services::NotFoundError("指定された施設はありません。");
  const std::string office = managed.office.code;
  const std::string path = admin_path(office) + "/facilities/" + std::to_string(managed.facility.id);
  auto values = posted_facility(ctx);
  show_again_on_invalid(ctx, [&ctx, office, path, values](const FieldErrors& errors) {
    return catalog_page(ctx, office, "施設の編集", path, fields_view(facility_fields, values, errors), "", errors, 422);
  });
  services::update_facility(ctx.db(), ctx.principal(), managed.facility.id, facility_input(values), ctx.client(),
                            ctx.now);
  return redirect(path + "?done=saved");
}

}  // namespace yoyaku::web::staff_pages
