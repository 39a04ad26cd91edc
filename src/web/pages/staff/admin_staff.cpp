// 職員アカウント (/staff/admin/staff), for administrators: the list, a new
// account, its offices and rights (閲覧 / 予約操作 / 管理), resetting the
// authenticator app, and disabling (sessions end at once).
#include "services/admin/staff_accounts.hpp"
#include "web/handlers.hpp"
#include "web/respond.hpp"
#include "web/views/staff_views.hpp"

namespace yoyaku::web::staff_pages {
namespace {

constexpr int extra_office_rows = 3;  // empty rows for adding offices without JavaScript

std::string account_path(std::int64_t id) { return "/staff/admin/staff/" + std::to_string(id); }

// The office rows of the form: the current ones plus empty rows, each with the right's choices.
nlohmann::json office_rows(const std::vector<std::pair<std::string, std::string>>& offices) {
  nlohmann::json rows = nlohmann::json::array();
  auto row = [&](std::size_t i, const std::string& code, const std::string& role) {
    nlohmann::json choices = nlohmann::json::array();
    for (auto r : {services::StaffRole::view, services::StaffRole::operate, services::StaffRole::manage}) {
      const std::string value = staff_role_code_of(r);
      choices.push_back({{"value", value}, {"label", staff_role_text(r)}, {"selected", value == role}});
    }
    rows.push_back({{"index", i}, {"code", code}, {"roles", choices}});
  };
  for (std::size_t i = 0; i < offices.size(); ++i) row(i, offices[i].first, offices[i].second);
  for (int i = 0; i < extra_office_rows; ++i) row(offices.size() + i, "", "operate");
  return rows;
}

// What the form posted: office_code_N / office_role_N pairs (blank codes skipped).
services::StaffAccountForm posted_form(RequestContext& ctx, std::vector<std::pair<std::string, std::string>>& typed) {
  services::StaffAccountForm form;
  form.email = ctx.field("email");
  form.password = ctx.field("password");
  form.display_name = ctx.field("display_name");
  form.administrator = ctx.field("administrator") == "1";
  for (int i = 0; i < 100; ++i) {
    const std::string code = ctx.field("office_code_" + std::to_string(i));
    const std::string role = ctx.field("office_role_" + std::to_string(i));
    if (code.empty() && role.empty()) break;
    if (code.empty()) continue;
    typed.emplace_back(code, role);
    form.offices.emplace_back(code, staff_role_from(role).value_or(services::StaffRole::view));
  }
  return form;
}

Response form_page(RequestContext& ctx, const std::optional<services::StaffAccount>& account,
                   const services::StaffAccountForm& values,
                   const std::vector<std::pair<std::string, std::string>>& offices, const FieldErrors& errors,
                   int status) {
  nlohmann::json context = {{"is_new", !account},
                            {"form_url", account ? account_path(account->id) : "/staff/admin/staff"},
                            {"office_rows", office_rows(offices)},
                            {"values", {{"email", values.email}, {"display_name", values.display_name},
                                        {"administrator", values.administrator}}},
                            {"done_message", ctx.query_or("done", "") == "saved" ? "保存しました。"
                                             : ctx.query_or("done", "") == "totp_reset"
                                                 ? "認証アプリの設定を解除しました。次のログインで設定し直します。"
                                             : ctx.query_or("done", "") == "disabled" ? "利用を停止しました。"
                                             : ctx.query_or("done", "") == "enabled"  ? "利用を再開しました。"
                                                                                      : ""}};
  if (account) context["account"] = staff_account_view(*account);
  return staff_form_page(ctx, "staff/admin_staff_form", account ? "職員アカウントの編集" : "職員アカウントの追加",
                         context, errors, status);
}

std::vector<std::pair<std::string, std::string>> offices_of(const services::StaffAccount& account) {
  std::vector<std::pair<std::string, std::string>> offices;
  for (const auto& a : account.offices) offices.emplace_back(a.office.code, staff_role_code_of(a.role));
  return offices;
}

}  // namespace

Response staff_accounts(RequestContext& ctx) {
  nlohmann::json accounts = nlohmann::json::array();
  for (const auto& account : services::list_staff_accounts(ctx.db(), ctx.principal())) {
    accounts.push_back(staff_account_view(account));
  }
  return staff_page(ctx, "staff/admin_staff_list",
                    {{"page_title", "職員アカウント"}, {"accounts", accounts},
                     {"done_message", ctx.query_or("done", "") == "created" ? "職員アカウントを追加しました。" : ""}});
}

Response new_staff_account(RequestContext& ctx) {
  services::list_staff_accounts(ctx.db(), ctx.principal());  // administrators only (404 otherwise)
  return form_page(ctx, std::nullopt, {}, {}, {}, 200);
}

Response create_staff_account(RequestContext& ctx) {
  std::vector<std::pair<std::string, std::string>> typed;
  auto form = posted_form(ctx, typed);
  ctx.recover = [&ctx, form, typed](const services::ServiceError& e) -> std::optional<Response> {
    if (e.kind == services::ErrorKind::invalid_input) return form_page(ctx, std::nullopt, form, typed, e.fields, 422);
    if (e.code == "email_taken") return form_page(ctx, std::nullopt, form, typed, {{"email", e.what()}}, 409);
    return std::nullopt;
  };
  services::create_staff_account(ctx.db(), ctx.principal(), form, ctx.client(), ctx.now);
  return redirect("/staff/admin/staff?done=created");
}

Response staff_account(RequestContext& ctx) {
  auto account = services::staff_account(ctx.db(), ctx.principal(), ctx.id_param("id"));
  services::StaffAccountForm values;
  values.display_name = account.display_name;
  values.administrator = account.administrator;
  values.email = account.email;
  return form_page(ctx, account, values, offices_of(account), {}, 200);
}

Response update_staff_account(RequestContext& ctx) {
  const std::int64_t id = ctx.id_param("id");
  std::vector<std::pair<std::string, std::string>> typed;
  auto form = posted_form(ctx, typed);
  ctx.recover = [&ctx, id, form, typed](const services::ServiceError& e) -> std::optional<Response> {
    if (e.kind != services::ErrorKind::invalid_input) return std::nullopt;
    return form_page(ctx, services::staff_account(ctx.db(), ctx.principal(), id), form, typed, e.fields, 422);
  };
  services::update_staff_account(ctx.db(), ctx.principal(), id, form, ctx.client(), ctx.now);
  return redirect(account_path(id) + "?done=saved");
}

Response reset_staff_totp(RequestContext& ctx) {
  const std::int64_t id = ctx.id_param("id");
  services::reset_staff_totp(ctx.db(), ctx.principal(), id, ctx.client(), ctx.now);
  return redirect(account_path(id) + "?done=totp_reset");
}

Response set_staff_disabled(RequestContext& ctx) {
  const std::int64_t id = ctx.id_param("id");
  const bool disabled = ctx.field("disabled") == "1";
  on_invalid_input(ctx, [&ctx, id](const FieldErrors& errors) {
    auto account = services::staff_account(ctx.db(), ctx.principal(), id);
    services::StaffAccountForm values;
    values.display_name = account.display_name;
    values.administrator = account.administrator;
    return form_page(ctx, account, values, offices_of(account), errors, 422);
  });
  services::set_staff_disabled(ctx.db(), ctx.principal(), id, disabled, ctx.client(), ctx.now);
  return redirect(account_path(id) + (disabled ? "?done=disabled" : "?done=enabled"));
}

}  // namespace yoyaku::web::staff_pages
