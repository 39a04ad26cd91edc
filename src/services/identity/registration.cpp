#include "services/identity/registration.hpp"

#include "domain/dates.hpp"
#include "domain/forms.hpp"
#include "domain/password_policy.hpp"
#include "domain/text.hpp"
#include "domain/validation.hpp"
#include "services/common/errors.hpp"
#include "services/common/mail.hpp"
#include "services/identity/account_access.hpp"
#include "services/identity/passwords.hpp"
#include "store/accounts.hpp"
#include "store/reservations.hpp"
#include "util/random.hpp"

namespace yoyaku::services {
namespace {

constexpr AccountKind job_seeker = AccountKind::job_seeker;

void mail_verification_link(db::Connection& c, const store::User& user, const AuthSettings& settings,
                            const Links& links, std::int64_t now) {
  std::string token = issue_email_token(c, user.id, "verify_account", user.email1, now, settings.verification_link_seconds);
  enqueue_mail(c, "verify_account", {user.email1},
               {{"family_name", user.family_name}, {"given_name", user.given_name},
                {"link", links.verify_email(token)},
                {"expires_text", domain::japanese_date_time_spaced(now + settings.verification_link_seconds)}},
               now, mail_language_of(user));
}

}  // namespace

void register_user(db::Connection& c, const RegistrationForm& form, const AuthSettings& settings, const Links& links,
                   const Client& client, std::int64_t now) {
  domain::FieldErrors errors;
  store::NewUser user;
  user.language = std::string(domain::language_code(form.language));
  if (auto email = domain::normalize_email(form.email1)) user.email1 = *email;
  else errors["email1"] = "メールアドレス1を正しい形式で入力してください。例) koyou.taro@example.jp";
  if (!domain::trim(form.email2).empty()) {
    if (auto email2 = domain::normalize_email(form.email2)) user.email2 = *email2;
    else errors["email2"] = "メールアドレス2を正しい形式で入力してください（任意）。";
  }
  if (auto problem = new_password_problem(form.password, user.email1)) {
    errors["password"] = *problem;
  } else if (form.password != form.password_confirmation) {
    errors["password_confirmation"] = "確認のため、同じパスワードをもう一度入力してください。";
  }
  auto person = domain::check_person_fields({form.family_name, form.given_name, form.job_seeker_number, form.phone},
                                            domain::PhoneRule::required);
  errors.insert(person.errors.begin(), person.errors.end());
  if (!errors.empty()) throw ValidationError("入力内容に誤りがあります。", errors);
  user.family_name = person.clean.family_name;
  user.given_name = person.clean.given_name;
  user.job_seeker_number = person.clean.job_seeker_number;
  user.phone = person.clean.phone;
  user.password_hash = hash_password(form.password);

  db::in_transaction(c, true, [&](db::Connection& t) {
    if (auto existing = store::find_user_by_email(t, user.email1)) {
      if (!existing->email_verified_at) {
        // Nobody has proved the address yet: this registration replaces the
        // earlier one, whose links stop working, so that a link can only
        // ever complete the registration it was sent for (no squatting).
        store::revoke_email_tokens(t, existing->id, "verify_account", now);
        store::replace_unverified_user(t, existing->id, user, now);
        store::User replaced;
        static_cast<store::NewUser&>(replaced) = user;
        replaced.id = existing->id;
        mail_verification_link(t, replaced, settings, links, now);
        audit_account(t, now, job_seeker, existing->id, "user.unverified_registration_replaced", client);
        return;
      }
      // Say nothing on the page; tell the owner of the address instead.
      enqueue_mail(t, "account_exists", {existing->email1},
                   {{"login_link", links.login()}, {"reset_link", links.password_forgot()}}, now,
                   mail_language_of(*existing));
      audit_account(t, now, job_seeker, existing->id, "user.register_existing_email", client);
      return;
    }
    store::User created;
    static_cast<store::NewUser&>(created) = user;
    created.id = store::insert_user(t, user, now);
    mail_verification_link(t, created, settings, links, now);
    audit_account(t, now, job_seeker, created.id, "user.registered", client);
  });
}

void resend_verification(db::Connection& c, const std::string& email, const AuthSettings& settings,
                         const Links& links, std::int64_t now) {
  auto address = domain::normalize_email(email);
  if (!address) throw ValidationError("入力内容に誤りがあります。", {{"email", "メールアドレスを正しい形式で入力してください。"}});
  db::in_transaction(c, true, [&](db::Connection& t) {
    auto user = store::find_user_by_email(t, *address);
    if (!user || user->email_verified_at) return;
    mail_verification_link(t, *user, settings, links, now);
  });
}

LinkResult follow_email_link(db::Connection& c, const std::string& token, const Client& client, std::int64_t now) {
  return db::in_transaction(c, true, [&](db::Connection& t) {
    auto found = store::find_email_token(t, sha256_hex(token));
    if (!found || found->used_at || found->purpose == "reset_password") return LinkResult::invalid;
    if (found->expires_at <= now) return LinkResult::expired;
    if (!store::use_email_token(t, found->id, now)) return LinkResult::invalid;
    if (found->purpose == "verify_account") {
      store::mark_user_verified(t, found->user_id, now);
      audit_account(t, now, job_seeker, found->user_id, "user.email_verified", client);
      // Bookings staff took by phone for this person (代行入力) become theirs: the same 求職番号 and address.
      auto user = store::find_user(t, found->user_id);
      store::attach_caller_bookings(t, user->id, user->job_seeker_number, user->email1);
      if (user->email2) store::attach_caller_bookings(t, user->id, user->job_seeker_number, *user->email2);
    } else if (found->purpose == "change_email1") {
      if (auto holder = store::find_user_by_email(t, found->email); holder && holder->id != found->user_id) {
        return LinkResult::invalid;
      }
      auto before = store::find_user(t, found->user_id);
      store::set_user_email1(t, found->user_id, found->email, now);
      audit_account(t, now, job_seeker, found->user_id, "user.email1_changed", client);
      // The old address hears of it: a change nobody there made is a stolen session.
      enqueue_mail(t, "email_changed", {before->email1},
                   {{"family_name", before->family_name}, {"given_name", before->given_name},
                    {"which", "1"}, {"changed_text", domain::japanese_date_time_spaced(now)}},
                   now, mail_language_of(*before));
    } else if (found->purpose == "change_email2") {
      auto before = store::find_user(t, found->user_id);
      store::set_user_email2(t, found->user_id, found->email, now);
      audit_account(t, now, job_seeker, found->user_id, "user.email2_changed", client);
      enqueue_mail(t, "email_changed", {before->email1},
                   {{"family_name", before->family_name}, {"given_name", before->given_name},
                    {"which", "2"}, {"changed_text", domain::japanese_date_time_spaced(now)}},
                   now, mail_language_of(*before));
    }
    return LinkResult::done;
  });
}

void request_email_change(db::Connection& c, const Principal& principal, std::int64_t session_id, int which,
                          const std::string& new_email, const Proof& proof, const AuthSettings& settings,
                          const Links& links, const Client& client, std::int64_t now) {
  if (!principal.is_job_seeker()) throw NotFoundError("利用者情報が見つかりません。");
  const std::int64_t user_id = principal.id;
  const std::string field = which == 1 ? "email1" : "email2";
  const bool removing = which == 2 && domain::trim(new_email).empty();
  auto address = domain::normalize_email(new_email);
  if (!removing && !address) {
    throw ValidationError("入力内容に誤りがあります。",
                          {{field, "メールアドレス" + std::to_string(which) + "を正しい形式で入力してください。"}});
  }
  if (auto errors = check_proof(c, user_id, session_id, proof, settings, client, now); !errors.empty()) {
    throw ValidationError("入力内容に誤りがあります。", errors);
  }
  if (removing) {
    db::in_transaction(c, true, [&](db::Connection& t) {
      store::set_user_email2(t, user_id, std::nullopt, now);
      audit_account(t, now, job_seeker, user_id, "user.email2_removed", client);
    });
    return;
  }
  db::in_transaction(c, true, [&](db::Connection& t) {
    auto user = store::find_user(t, user_id);
    if (which == 1) {
      if (auto holder = store::find_user_by_email(t, *address); holder && holder->id != user_id) {
        // Do not reveal that the address belongs to someone else: send nothing, say the same.
        audit_account(t, now, job_seeker, user_id, "user.email1_change_to_taken_address", client);
        return;
      }
    }
    std::string purpose = which == 1 ? "change_email1" : "change_email2";
    std::string token = issue_email_token(t, user_id, purpose, *address, now, settings.verification_link_seconds);
    enqueue_mail(t, "verify_new_email", {*address},
                 {{"family_name", user->family_name}, {"given_name", user->given_name},
                  {"which", std::to_string(which)}, {"link", links.verify_email(token)},
                  {"expires_text", domain::japanese_date_time_spaced(now + settings.verification_link_seconds)}},
                 now, mail_language_of(*user));
    audit_account(t, now, job_seeker, user_id, "user." + field + "_change_requested", client);
  });
}

}  // namespace yoyaku::services
