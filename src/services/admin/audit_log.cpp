#include "services/admin/audit_log.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "domain/booking_ids.hpp"
#include "domain/dates.hpp"
#include "domain/text.hpp"
#include "services/common/errors.hpp"
#include "services/common/scope.hpp"
#include "store/accounts.hpp"

namespace yoyaku::services {
namespace {

const std::string invalid_message = "検索条件に誤りがあります。";

void require_viewer(const Principal& principal) {
  if (!may_view_audit_log(principal)) throw NotFoundError("指定されたページはありません。");
}

std::optional<std::int64_t> positive_id(const std::string& text) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

std::optional<domain::Date> date_of(const std::string& text, const char* field, std::map<std::string, std::string>& errors) {
  if (text.empty()) return std::nullopt;
  auto date = domain::parse_iso_date(text);
  if (!date) errors[field] = "日付は 2026-12-01 のように年-月-日で入力してください。";
  return date;
}

bool action_code(const std::string& text) {
  return text.size() <= 64 && std::all_of(text.begin(), text.end(), [](char ch) {
           return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '.';
         });
}

// The typed filters, checked: each bad one gets its message (all at once).
store::AuditFilter filter_of(db::Connection& c, const Principal& principal, const AuditLogQuery& q) {
  std::map<std::string, std::string> errors;
  store::AuditFilter filter;
  filter.scope = scope_of(principal, StaffRole::manage);
  if (const auto code = domain::trim(domain::normalize_digits_and_hyphens(q.office)); !code.empty()) {
    // An office outside the caller's scope is accepted and simply finds nothing.
    if (auto office = store::find_office_by_code(c, code)) {
      filter.office_id = office->id;
    } else {
      errors["office"] = "安定所番号 " + code + " の安定所はありません。";
    }
  }
  if (const auto staff = domain::trim(domain::normalize_digits_and_hyphens(q.staff)); !staff.empty()) {
    filter.staff_id = positive_id(staff);
    if (!filter.staff_id) errors["staff"] = "職員は一覧から選んでください。";
  }
  if (const auto number = domain::trim(domain::normalize_digits_and_hyphens(q.number)); !number.empty()) {
    if (domain::is_reservation_number(number)) {
      filter.reservation = number;
    } else {
      errors["number"] = "予約番号は 20261201-000001 のように半角15文字で入力してください。";
    }
  }
  if (const auto action = domain::trim(q.action); !action.empty()) {
    if (action_code(action)) {
      filter.action = action;
    } else {
      errors["action"] = "操作は一覧にある英字の名前（例：staff.reservation_viewed）で入力してください。";
    }
  }
  const auto from = date_of(domain::trim(domain::normalize_digits_and_hyphens(q.from)), "from", errors);
  const auto to = date_of(domain::trim(domain::normalize_digits_and_hyphens(q.to)), "to", errors);
  if (from && to && *to < *from) errors["to"] = "期間の終わりは始まり以降の日付にしてください。";
  if (from) filter.from = domain::from_jst(*from, 0, 0);
  if (to) filter.until = domain::from_jst(domain::add_days(*to, 1), 0, 0);
  if (!q.before_id.empty()) {
    filter.before_id = positive_id(q.before_id);
    if (!filter.before_id) errors["before_id"] = "ページの指定が正しくありません。";
  }
  if (!errors.empty()) throw ValidationError(invalid_message, std::move(errors));
  return filter;
}

}  // namespace

bool may_view_audit_log(const Principal& principal) {
  if (!principal.is_staff()) return false;
  if (principal.administrator) return true;
  return std::any_of(principal.office_roles.begin(), principal.office_roles.end(),
                     [](const auto& entry) { return entry.second == StaffRole::manage; });
}

AuditLogPage search_audit_log(db::Connection& c, const Principal& principal, const AuditLogQuery& query) {
  require_viewer(principal);
  return db::in_transaction(c, false, [&](db::Connection& t) {
    // Belt and braces: PostgreSQL refuses any write in this transaction.
    if (t.dialect() == db::Dialect::postgresql) t.execute_script("SET TRANSACTION READ ONLY");
    auto filter = filter_of(t, principal, query);
    filter.limit = audit_log_page_size + 1;  // one more tells whether there is a next page
    AuditLogPage page;
    page.entries = store::find_audit(t, filter);
    if (static_cast<int>(page.entries.size()) > audit_log_page_size) {
      page.entries.resize(audit_log_page_size);
      page.more = true;
      page.next_before_id = page.entries.back().id;
    }
    return page;
  });
}

AuditLogChoices audit_log_choices(db::Connection& c, const Principal& principal) {
  require_viewer(principal);
  return db::in_transaction(c, false, [&](db::Connection& t) {
    AuditLogChoices choices;
    std::set<std::int64_t> managed;
    for (auto& office : store::list_offices(t)) {
      if (!principal.may(office.id, StaffRole::manage)) continue;
      managed.insert(office.id);
      choices.offices.push_back(std::move(office));
    }
    for (const auto& staff : store::list_staff(t)) {
      const bool in_scope = principal.administrator ||
                            std::any_of(staff.office_ids.begin(), staff.office_ids.end(),
                                        [&](std::int64_t id) { return managed.count(id) > 0; });
      if (in_scope) choices.staff.push_back({staff.id, staff.display_name});
    }
    return choices;
  });
}

}  // namespace yoyaku::services
