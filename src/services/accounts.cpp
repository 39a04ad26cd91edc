#include "services/accounts.hpp"

#include "domain/text.hpp"
#include "domain/validation.hpp"
#include "services/errors.hpp"
#include "services/passwords.hpp"
#include "store/store.hpp"

namespace yoyaku::services {
namespace {

void check_password(const std::string& password, std::map<std::string, std::string>& errors) {
  if (domain::count_code_points(password) < domain::minimum_password_length) {
    errors["password"] = "パスワードは" + std::to_string(domain::minimum_password_length) + "文字以上で入力してください。";
  }
}

void throw_if_any(const std::map<std::string, std::string>& errors) {
  if (errors.empty()) return;
  std::string message = "入力内容に誤りがあります。";
  for (const auto& [field, text] : errors) message += " " + field + ": " + text;
  throw ValidationError(message, errors);
}

}  // namespace

std::int64_t create_verified_user(db::Connection& connection, const NewJobSeeker& input, std::int64_t now) {
  std::map<std::string, std::string> errors;
  store::NewUser user;
  if (auto email = domain::normalize_email(input.email)) {
    user.email1 = *email;
  } else {
    errors["email"] = "メールアドレスの形式が正しくありません。";
  }
  if (input.email2 && !domain::trim(*input.email2).empty()) {
    if (auto email2 = domain::normalize_email(*input.email2)) {
      user.email2 = *email2;
    } else {
      errors["email2"] = "メールアドレス2の形式が正しくありません。";
    }
  }
  check_password(input.password, errors);
  if (auto family = domain::normalize_name_part(input.family_name)) {
    user.family_name = *family;
  } else {
    errors["family_name"] = "氏を入力してください（50文字以内）。";
  }
  if (auto given = domain::normalize_name_part(input.given_name)) {
    user.given_name = *given;
  } else {
    errors["given_name"] = "名を入力してください（50文字以内）。";
  }
  if (auto number = domain::normalize_job_seeker_number(input.job_seeker_number)) {
    user.job_seeker_number = *number;
  } else {
    errors["job_seeker_number"] = "求職番号はハイフンを含めて半角文字14桁で入力してください。例) 12345-12345678";
  }
  if (auto phone = domain::normalize_phone(input.phone)) {
    user.phone = *phone;
  } else {
    errors["phone"] = "電話番号は0から始まる10桁または11桁の数字で入力してください。例) 012-345-6789";
  }
  throw_if_any(errors);
  user.password_hash = hash_password(input.password);
  user.email_verified_at = now;
  try {
    return db::in_transaction(connection, true, [&](db::Connection& c) {
      std::int64_t id = store::insert_user(c, user, now);
      store::append_audit(c, {now, "system", std::nullopt, "user.created", "user", std::to_string(id), std::nullopt,
                              "", "created by operator command"});
      return id;
    });
  } catch (const db::UniqueViolation&) {
    throw ConflictError("このメールアドレスの利用者は既に登録されています: " + user.email1);
  }
}

std::int64_t create_staff_member(db::Connection& connection, const NewStaffMember& input, std::int64_t now) {
  std::map<std::string, std::string> errors;
  store::NewStaff staff;
  if (auto email = domain::normalize_email(input.email)) {
    staff.email = *email;
  } else {
    errors["email"] = "メールアドレスの形式が正しくありません。";
  }
  check_password(input.password, errors);
  if (input.is_admin == !input.office_codes.empty()) {
    errors["office"] = "--office（安定所番号）か --admin のどちらか一方を指定してください。";
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
        if (!office) throw ValidationError("安定所番号 " + code + " の安定所はありません。", {{"office", code}});
        office_ids.push_back(office->id);
      }
      std::int64_t id = store::insert_staff(c, staff, now);
      for (auto office_id : office_ids) store::assign_staff_office(c, id, office_id);
      store::append_audit(c, {now, "system", std::nullopt, "staff.created", "staff", std::to_string(id),
                              office_ids.empty() ? std::nullopt : std::optional<std::int64_t>(office_ids.front()),
                              "", staff.is_admin ? "administrator" : "office staff"});
      return id;
    });
  } catch (const db::UniqueViolation&) {
    throw ConflictError("このメールアドレスの職員は既に登録されています: " + staff.email);
  }
}

}  // namespace yoyaku::services
