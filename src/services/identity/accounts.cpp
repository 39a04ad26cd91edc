#include "services/identity/accounts.hpp"

#include "domain/forms.hpp"
#include "domain/text.hpp"
#include "domain/validation.hpp"
#include "services/common/errors.hpp"
#include "services/identity/passwords.hpp"
#include "services/identity/totp.hpp"
#include "store/accounts.hpp"
#include "store/reservations.hpp"
#include "store/audit.hpp"
#include "store/catalog.hpp"

namespace yoyaku::services {
namespace {

void check_password(const std::string& password, domain::FieldErrors& errors) {
  if (domain::count_code_points(password) < domain::minimum_password_length) {
    errors["password"] = "パスワードは" + std::to_string(domain::minimum_password_length) + "文字以上で入力してください。";
  }
}

void throw_if_any(const domain::FieldErrors& errors) {
  if (errors.empty()) return;
  std::string message = "入力内容に誤りがあります。";
  for (const auto& [field, text] : errors) message += " " + field + ": " + text;
  throw ValidationError(message, errors);
}

std::optional<std::string> checked_email(const std::string& input, const char* field, domain::FieldErrors& errors) {
  auto email = domain::normalize_email(input);
  if (!email) errors[field] = "メールアドレスの形式が正しくありません。";
  return email;
}

}  // namespace

std::int64_t create_verified_user(db::Connection& connection, const NewJobSeeker& input, std::int64_t now) {
  domain::FieldErrors errors;
  store::NewUser user;
  user.email1 = checked_email(input.email, "email", errors).value_or("");
  if (input.email2 && !domain::trim(*input.email2).empty()) user.email2 = checked_email(*input.email2, "email2", errors);
  check_password(input.password, errors);
  auto person = domain::check_person_fields({input.family_name, input.given_name, input.job_seeker_number, input.phone},
                                            domain::PhoneRule::required);
  errors.insert(person.errors.begin(), person.errors.end());
  throw_if_any(errors);
  user.family_name = person.clean.family_name;
  user.given_name = person.clean.given_name;
  user.job_seeker_number = person.clean.job_seeker_number;
  user.phone = person.clean.phone;
  user.password_hash = hash_password(input.password);
  user.email_verified_at = now;
  try {
    return db::in_transaction(connection, true, [&](db::Connection& c) {
      std::int64_t id = store::insert_user(c, user, now);
      store::append_audit(c, {now, "system", std::nullopt, "user.created", "user", std::to_string(id), std::nullopt,
                              "", "created by operator command"});
      store::attach_caller_bookings(c, id, user.job_seeker_number, user.email1);
      if (user.email2) store::attach_caller_bookings(c, id, user.job_seeker_number, *user.email2);
      return id;
    });
  } catch (const db::UniqueViolation&) {
    throw ConflictError("このメールアドレスの利用者は既に登録されています: " + user.email1, "email_taken");
  }
}

std::int64_t create_staff_member(db::Connection& connection, const NewStaffMember& input, std::int64_t now) {
  domain::FieldErrors errors;
  store::NewStaff staff;
  staff.email = checked_email(input.email, "email", errors).value_or("");
  check_password(input.password, errors);
  if (input.is_admin == !input.office_codes.empty()) {
    errors["office"] = "--office（安定所番号）か --admin のどちらか一方を指定してください。";
  }
  if (!input.totp_secret.empty()) {
    staff.totp_secret = normalize_totp_secret(input.totp_secret);
    if (!staff.totp_secret) errors["totp_secret"] = "TOTP の秘密鍵は16文字以上の Base32（A–Z, 2–7）で指定してください。";
  }
  throw_if_any(errors);
  staff.display_name = input.display_name.empty() ? staff.email : input.display_name;
  staff.is_admin = input.is_admin;
  staff.password_hash = hash_password(input.password);
  try {
    return db::in_transaction(connection, true, [&](db::Connection& c) {
      std::vector<std::int64_t> office_ids;
      for (const auto& code : input.office_codes) {
        auto office = store::find_office_by_code(c, code);
        if (!office) {
          throw ValidationError("入力内容に誤りがあります。", {{"office", "安定所番号 " + code + " の安定所はありません。"}});
        }
        office_ids.push_back(office->id);
      }
      std::int64_t id = store::insert_staff(c, staff, now);
      for (std::size_t i = 0; i < office_ids.size(); ++i) {
        store::assign_staff_office(c, id, office_ids[i],
                                   i < input.office_roles.size() ? input.office_roles[i] : StaffRole::operate);
      }
      store::append_audit(c, {now, input.created_by ? "staff" : "system", input.created_by, "staff.created", "staff",
                              std::to_string(id),
                              office_ids.empty() ? std::nullopt : std::optional<std::int64_t>(office_ids.front()),
                              "", staff.is_admin ? "administrator" : "office staff"});
      return id;
    });
  } catch (const db::UniqueViolation&) {
    throw ConflictError("このメールアドレスの職員は既に登録されています: " + staff.email, "email_taken");
  }
}

}  // namespace yoyaku::services
