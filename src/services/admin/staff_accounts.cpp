#include "services/admin/staff_accounts.hpp"

#include <map>
#include <set>

#include "domain/text.hpp"
#include "services/common/errors.hpp"
#include "services/identity/accounts.hpp"
#include "store/accounts.hpp"
#include "store/audit.hpp"

namespace yoyaku::services {
namespace {

const std::string not_found_message = "指定された職員はいません。";

void require_administrator(const Principal& principal) {
  if (!principal.is_staff() || !principal.administrator) throw NotFoundError(not_found_message);
}

StaffAccount account_of(db::Connection& c, const store::Staff& staff, std::map<std::int64_t, store::Office>& offices) {
  StaffAccount account{staff.id, staff.email, staff.display_name, staff.is_admin, staff.totp_enabled,
                       staff.disabled_at, {}};
  for (const auto& assignment : staff.offices) {
    auto found = offices.find(assignment.office_id);
    if (found == offices.end()) {
      auto office = store::find_office(c, assignment.office_id);
      if (!office) continue;
      found = offices.emplace(assignment.office_id, *office).first;
    }
    account.offices.push_back({found->second, assignment.role});
  }
  return account;
}

store::Staff existing(db::Connection& c, std::int64_t staff_id) {
  auto staff = store::find_staff(c, staff_id);
  if (!staff) throw NotFoundError(not_found_message);
  return *staff;
}

// The offices of a form, checked: known numbers, each once, none for an administrator.
std::vector<std::pair<store::Office, StaffRole>> checked_offices(db::Connection& c, const StaffAccountForm& form) {
  std::vector<std::pair<store::Office, StaffRole>> offices;
  std::set<std::string> seen;
  for (const auto& [code, role] : form.offices) {
    auto office = store::find_office_by_code(c, domain::trim(code));
    if (!office) throw ValidationError("入力内容に誤りがあります。", {{"offices", "安定所番号 " + code + " の安定所はありません。"}});
    if (!seen.insert(office->code).second) continue;
    offices.emplace_back(*office, role);
  }
  if (!form.administrator && offices.empty()) {
    throw ValidationError("入力内容に誤りがあります。", {{"offices", "担当する安定所を1つ以上指定してください。"}});
  }
  return offices;
}

void audit(db::Connection& c, const Principal& principal, const std::string& action, std::int64_t staff_id,
           const Client& client, std::int64_t now, const std::string& detail = "") {
  store::append_audit(c, {now, "staff", principal.id, action, "staff", std::to_string(staff_id), std::nullopt, client.ip,
                          detail});
}

}  // namespace

std::vector<StaffAccount> list_staff_accounts(db::Connection& c, const Principal& principal) {
  require_administrator(principal);
  return db::in_transaction(c, false, [&](db::Connection& t) {
    std::map<std::int64_t, store::Office> offices;
    for (const auto& office : store::list_offices(t)) offices.emplace(office.id, office);
    std::vector<StaffAccount> accounts;
    for (const auto& staff : store::list_staff(t)) accounts.push_back(account_of(t, staff, offices));
    return accounts;
  });
}

StaffAccount staff_account(db::Connection& c, const Principal& principal, std::int64_t staff_id) {
  require_administrator(principal);
  return db::in_transaction(c, false, [&](db::Connection& t) {
    std::map<std::int64_t, store::Office> offices;
    return account_of(t, existing(t, staff_id), offices);
  });
}

std::int64_t create_staff_account(db::Connection& c, const Principal& principal, const StaffAccountForm& form,
                                  const Client& client, std::int64_t now) {
  require_administrator(principal);
  db::in_transaction(c, false, [&](db::Connection& t) { checked_offices(t, form); });  // field messages first
  NewStaffMember member;
  member.email = form.email;
  member.password = form.password;
  member.display_name = domain::trim(form.display_name);
  member.is_admin = form.administrator;
  member.created_by = principal.id;
  if (!form.administrator) {
    for (const auto& [code, role] : form.offices) {
      member.office_codes.push_back(domain::trim(code));
      member.office_roles.push_back(role);
    }
  }
  return create_staff_member(c, member, now);  // audit-logged there as staff.created by this administrator
}

void update_staff_account(db::Connection& c, const Principal& principal, std::int64_t staff_id,
                          const StaffAccountForm& form, const Client& client, std::int64_t now) {
  require_administrator(principal);
  const std::string name = domain::trim(form.display_name);
  if (name.empty() || domain::count_code_points(name) > 50) {
    throw ValidationError("入力内容に誤りがあります。", {{"display_name", "表示名を50文字以内で入力してください。"}});
  }
  if (staff_id == principal.id && !form.administrator) {
    throw ValidationError("入力内容に誤りがあります。", {{"administrator", "自分の管理者の権限は外せません。"}});
  }
  db::in_transaction(c, true, [&](db::Connection& t) {
    auto staff = existing(t, staff_id);
    auto offices = checked_offices(t, form);
    store::update_staff_profile(t, staff_id, name, form.administrator, now);
    std::set<std::int64_t> keep;
    for (const auto& [office, role] : offices) {
      store::assign_staff_office(t, staff_id, office.id, role);
      keep.insert(office.id);
    }
    for (const auto& old : staff.offices) {
      if (!keep.count(old.office_id)) store::remove_staff_office(t, staff_id, old.office_id);
    }
    // New rights take effect at the next request: sessions carry no rights of their own.
    audit(t, principal, "admin.staff_updated", staff_id, client, now);
  });
}

void reset_staff_totp(db::Connection& c, const Principal& principal, std::int64_t staff_id, const Client& client,
                      std::int64_t now) {
  require_administrator(principal);
  db::in_transaction(c, true, [&](db::Connection& t) {
    existing(t, staff_id);
    store::reset_staff_totp(t, staff_id, now);
    store::end_account_sessions(t, store::AccountKind::staff, staff_id, 0, now);
    audit(t, principal, "admin.staff_totp_reset", staff_id, client, now);
  });
}

void set_staff_disabled(db::Connection& c, const Principal& principal, std::int64_t staff_id, bool disabled,
                        const Client& client, std::int64_t now) {
  require_administrator(principal);
  if (disabled && staff_id == principal.id) {
    throw ValidationError("入力内容に誤りがあります。", {{"disabled", "自分のアカウントは利用停止できません。"}});
  }
  db::in_transaction(c, true, [&](db::Connection& t) {
    existing(t, staff_id);
    store::set_staff_disabled(t, staff_id, disabled ? std::optional<std::int64_t>(now) : std::nullopt, now);
    if (disabled) store::end_account_sessions(t, store::AccountKind::staff, staff_id, 0, now);
    audit(t, principal, disabled ? "admin.staff_disabled" : "admin.staff_enabled", staff_id, client, now);
  });
}

}  // namespace yoyaku::services
