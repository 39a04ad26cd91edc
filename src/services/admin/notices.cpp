#include "services/admin/notices.hpp"

#include <algorithm>

#include "domain/notices.hpp"
#include "domain/text.hpp"
#include "services/common/errors.hpp"
#include "services/common/scope.hpp"
#include "store/audit.hpp"

namespace yoyaku::services {
namespace {

const std::string not_found_message = "指定されたお知らせはありません。";
const std::string invalid_message = "入力内容に誤りがあります。";

store::AccessScope manage_scope(const Principal& principal) { return scope_of(principal, StaffRole::manage); }

void require_runner(const Principal& principal) {
  if (!may_run_notices(principal)) throw NotFoundError(not_found_message);
}

// The checked notice of a form, with its office (nullopt: everyone) in the caller's scope.
store::Notice checked_notice(db::Connection& c, const Principal& principal, const NoticeForm& form) {
  auto checked = domain::check_notice(
      {form.title, form.body, form.from_date, form.from_time, form.until_date, form.until_time});
  store::Notice notice;
  const std::string code = domain::trim(form.office_code);
  if (code.empty()) {
    if (!principal.administrator) checked.errors["office_code"] = "掲載先の安定所を選択してください。";
  } else if (auto office = store::find_office_in_scope(c, code, manage_scope(principal))) {
    notice.office_id = office->id;
  } else {
    checked.errors["office_code"] = "この安定所のお知らせは作成できません。";
  }
  if (!checked.errors.empty()) throw ValidationError(invalid_message, checked.errors);
  notice.title = checked.title;
  notice.body = checked.body;
  notice.published_at = checked.published_at;
  notice.published_until = checked.published_until;
  return notice;
}

void audit(db::Connection& c, const Principal& principal, const std::string& action, std::int64_t id,
           std::optional<std::int64_t> office_id, const Client& client, std::int64_t now, const std::string& title) {
  store::append_audit(c, {now, "staff", principal.id, action, "notice", std::to_string(id), office_id, client.ip,
                          title});
}

}  // namespace

bool may_run_notices(const Principal& principal) {
  if (!principal.is_staff()) return false;
  return principal.administrator ||
         std::any_of(principal.office_roles.begin(), principal.office_roles.end(),
                     [](const auto& entry) { return entry.second == StaffRole::manage; });
}

std::vector<store::NoticeRecord> list_admin_notices(db::Connection& c, const Principal& principal) {
  require_runner(principal);
  return db::in_transaction(c, false,
                            [&](db::Connection& t) { return store::editable_notices(t, manage_scope(principal)); });
}

store::NoticeRecord admin_notice(db::Connection& c, const Principal& principal, std::int64_t id) {
  require_runner(principal);
  auto found = db::in_transaction(
      c, false, [&](db::Connection& t) { return store::find_editable_notice(t, id, manage_scope(principal)); });
  if (!found) throw NotFoundError(not_found_message);
  return *found;
}

std::vector<store::Office> notice_offices(db::Connection& c, const Principal& principal) {
  require_runner(principal);
  return db::in_transaction(c, false,
                            [&](db::Connection& t) { return store::offices_in_scope(t, manage_scope(principal)); });
}

std::int64_t create_notice(db::Connection& c, const Principal& principal, const NoticeForm& form,
                           const Client& client, std::int64_t now) {
  require_runner(principal);
  return db::in_transaction(c, true, [&](db::Connection& t) {
    auto notice = checked_notice(t, principal, form);
    const std::int64_t id = store::insert_notice(t, notice, now);
    audit(t, principal, "admin.notice_created", id, notice.office_id, client, now, notice.title);
    return id;
  });
}

void update_notice(db::Connection& c, const Principal& principal, std::int64_t id, const NoticeForm& form,
                   const Client& client, std::int64_t now) {
  require_runner(principal);
  db::in_transaction(c, true, [&](db::Connection& t) {
    if (!store::find_editable_notice(t, id, manage_scope(principal))) throw NotFoundError(not_found_message);
    auto notice = checked_notice(t, principal, form);
    notice.id = id;
    if (!store::update_notice(t, notice, manage_scope(principal), now)) throw NotFoundError(not_found_message);
    audit(t, principal, "admin.notice_updated", id, notice.office_id, client, now, notice.title);
  });
}

void delete_notice(db::Connection& c, const Principal& principal, std::int64_t id, const Client& client,
                   std::int64_t now) {
  require_runner(principal);
  db::in_transaction(c, true, [&](db::Connection& t) {
    auto found = store::find_editable_notice(t, id, manage_scope(principal));
    if (!found || !store::delete_notice(t, id, manage_scope(principal))) throw NotFoundError(not_found_message);
    audit(t, principal, "admin.notice_deleted", id, found->notice.office_id, client, now, found->notice.title);
  });
}

NoticeForm notice_form_of(const store::NoticeRecord& record) {
  const auto& n = record.notice;
  NoticeForm form;
  form.office_code = record.office_code;
  form.title = n.title;
  form.body = n.body;
  form.from_date = domain::jst_date_input(n.published_at);
  form.from_time = domain::jst_time_input(n.published_at);
  if (n.published_until) {
    form.until_date = domain::jst_date_input(*n.published_until);
    form.until_time = domain::jst_time_input(*n.published_until);
  }
  return form;
}

}  // namespace yoyaku::services
