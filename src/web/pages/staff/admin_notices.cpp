// お知らせの管理 (/staff/admin/notices), for administrators (service-wide and
// every office) and office managers (their offices): the list with each
// notice's schedule, a new notice, editing and deleting. Others get 404.
#include "domain/notices.hpp"
#include "services/admin/notices.hpp"
#include "web/handlers.hpp"
#include "web/respond.hpp"
#include "web/views/admin_views.hpp"

namespace yoyaku::web::staff_pages {
namespace {

std::string notice_path(std::int64_t id) { return "/staff/admin/notices/" + std::to_string(id); }

services::NoticeForm posted_notice(RequestContext& ctx) {
  services::NoticeForm form;
  form.office_code = ctx.field("office_code");
  form.title = ctx.field("title");
  form.body = ctx.field("body");
  form.from_date = ctx.field("from_date");
  form.from_time = ctx.field("from_time");
  form.until_date = ctx.field("until_date");
  form.until_time = ctx.field("until_time");
  return form;
}

// The 掲載先 choices: everyone (administrators only) and the offices the caller manages.
nlohmann::json office_choices(RequestContext& ctx, const std::string& selected) {
  nlohmann::json choices = nlohmann::json::array();
  if (ctx.principal().administrator) {
    choices.push_back({{"value", ""}, {"label", "全体（すべての利用者）"}, {"selected", selected.empty()}});
  }
  for (const auto& office : services::notice_offices(ctx.db(), ctx.principal())) {
    choices.push_back({{"value", office.code},
                       {"label", "【" + office.code + "】" + office.name},
                       {"selected", office.code == selected}});
  }
  return choices;
}

Response form_page(RequestContext& ctx, const std::optional<store::NoticeRecord>& notice,
                   const services::NoticeForm& values, const FieldErrors& errors, int status) {
  nlohmann::json context = {
      {"is_new", !notice},
      {"form_url", notice ? notice_path(notice->notice.id) : "/staff/admin/notices"},
      {"offices", office_choices(ctx, values.office_code)},
      {"values", {{"title", values.title}, {"body", values.body}, {"from_date", values.from_date},
                  {"from_time", values.from_time}, {"until_date", values.until_date},
                  {"until_time", values.until_time}}},
      {"done_message", ctx.query_or("done", "") == "saved" ? "保存しました。" : ""}};
  if (notice) {
    context["notice"] = admin_notice_view(*notice, ctx.now);
    context["delete_url"] = notice_path(notice->notice.id) + "/delete";
  }
  return staff_form_page(ctx, "staff/admin_notice_form", notice ? "お知らせの編集" : "お知らせの作成", context,
                         errors, status);
}

}  // namespace

Response admin_notices(RequestContext& ctx) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& record : services::list_admin_notices(ctx.db(), ctx.principal())) {
    items.push_back(admin_notice_view(record, ctx.now));
  }
  const std::string done = ctx.query_or("done", "");
  return staff_page(ctx, "staff/admin_notices",
                    {{"page_title", "お知らせの管理"},
                     {"notices", items},
                     {"has_notices", !items.empty()},
                     {"administrator", ctx.principal().administrator},
                     {"done_message", done == "created"   ? "お知らせを作成しました。"
                                      : done == "deleted" ? "お知らせを削除しました。"
                                                          : ""}});
}

Response new_admin_notice(RequestContext& ctx) {
  services::list_admin_notices(ctx.db(), ctx.principal());  // administrators and managers only (404 otherwise)
  services::NoticeForm values;
  values.from_date = domain::jst_date_input(ctx.now);
  values.from_time = domain::jst_time_input(ctx.now);
  return form_page(ctx, std::nullopt, values, {}, 200);
}

Response create_admin_notice(RequestContext& ctx) {
  auto form = posted_notice(ctx);
  on_invalid_input(ctx, [&ctx, form](const FieldErrors& errors) { return form_page(ctx, std::nullopt, form, errors, 422); });
  services::create_notice(ctx.db(), ctx.principal(), form, ctx.client(), ctx.now);
  return redirect("/staff/admin/notices?done=created");
}

Response admin_notice(RequestContext& ctx) {
  auto notice = services::admin_notice(ctx.db(), ctx.principal(), ctx.id_param("id"));
  return form_page(ctx, notice, services::notice_form_of(notice), {}, 200);
}

Response update_admin_notice(RequestContext& ctx) {
  const std::int64_t id = ctx.id_param("id");
  auto form = posted_notice(ctx);
  on_invalid_input(ctx, [&ctx, id, form](const FieldErrors& errors) {
    return form_page(ctx, services::admin_notice(ctx.db(), ctx.principal(), id), form, errors, 422);
  });
  services::update_notice(ctx.db(), ctx.principal(), id, form, ctx.client(), ctx.now);
  return redirect(notice_path(id) + "?done=saved");
}

Response delete_admin_notice(RequestContext& ctx) {
  services::delete_notice(ctx.db(), ctx.principal(), ctx.id_param("id"), ctx.client(), ctx.now);
  return redirect("/staff/admin/notices?done=deleted");
}

}  // namespace yoyaku::web::staff_pages
