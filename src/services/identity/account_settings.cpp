#include "services/identity/account_settings.hpp"

#include "domain/dates.hpp"
#include "domain/password_policy.hpp"
#include "domain/validation.hpp"
#include "services/common/errors.hpp"
#include "services/common/mail.hpp"
#include "services/identity/account_access.hpp"
#include "services/identity/passwords.hpp"
#include "services/identity/totp.hpp"
#include "util/random.hpp"

namespace yoyaku::services {
namespace {

constexpr AccountKind job_seeker = AccountKind::job_seeker;

const std::string wrong_code_message =
    "確認コードが正しくありません。認証アプリに表示されている6桁の数字を入力してください。";

std::int64_t own_user_id(const Principal& principal) {
  if (!principal.is_job_seeker()) throw NotFoundError("利用者情報が見つかりません。");
  return principal.id;
}

void check_new_password(const std::string& password, const std::string& confirmation, const std::string& email,
                        domain::FieldErrors& errors) {
  if (auto problem = new_password_problem(password, email)) {
    errors["password"] = *problem;
  } else if (password != confirmation) {
    errors["password_confirmation"] = "確認のため、同じパスワードをもう一度入力してください。";
  }
}

void throw_if_any(const domain::FieldErrors& errors) {
  if (!errors.empty()) throw ValidationError("入力内容に誤りがあります。", errors);
}

// The new password is set, every other session and every reset link ends, and both addresses are told.
void replace_password(db::Connection& c, const store::User& user, const std::string& hash, std::int64_t keep_session,
                      std::int64_t now) {
  store::set_password(c, job_seeker, user.id, hash, now);
  store::revoke_email_tokens(c, user.id, "reset_password", now);
  store::end_account_sessions(c, job_seeker, user.id, keep_session, now);
  enqueue_mail(c, "password_changed", recipients_of(user),
               {{"family_name", user.family_name}, {"given_name", user.given_name},
                {"changed_text", domain::japanese_date_time_spaced(now)}},
               now, mail_language_of(user));
}

}  // namespace

AccountSummary account_summary(db::Connection& c, const Principal& principal) {
  const std::int64_t user_id = own_user_id(principal);
  return db::in_transaction(c, false, [&](db::Connection& t) {
    auto user = store::find_user(t, user_id);
    if (!user) throw NotFoundError("利用者情報が見つかりません。");
    return AccountSummary{*user, user->totp_enabled, store::unused_recovery_codes(t, user_id)};
  });
}

void update_profile(db::Connection& c, const Principal& principal, const ProfileForm& form, const Client& client,
                    std::int64_t now) {
  const std::int64_t user_id = own_user_id(principal);
  auto checked = domain::check_person_fields(form, domain::PhoneRule::required);
  throw_if_any(checked.errors);
  const auto& clean = checked.clean;
  db::in_transaction(c, true, [&](db::Connection& t) {
    store::update_user_profile(t, user_id, clean.family_name, clean.given_name, clean.job_seeker_number, clean.phone,
                               now);
    audit_account(t, now, job_seeker, user_id, "user.profile_updated", client);
  });
}

void change_password(db::Connection& c, const Principal& principal, std::int64_t current_session_id,
                     const Proof& proof, const std::string& new_password, const std::string& confirmation,
                     const AuthSettings& settings, const Client& client, std::int64_t now) {
  const std::int64_t user_id = own_user_id(principal);
  auto user = db::in_transaction(c, false, [&](db::Connection& t) { return store::find_user(t, user_id); });
  if (!user) throw NotFoundError("利用者情報が見つかりません。");
  domain::FieldErrors errors;
  check_new_password(new_password, confirmation, user->email1, errors);
  throw_if_any(errors);  // a typing mistake in the new password costs no attempt
  throw_if_any(check_proof(c, user_id, current_session_id, proof, settings, client, now));
  std::string hash = hash_password(new_password);
  db::in_transaction(c, true, [&](db::Connection& t) {
    replace_password(t, *user, hash, current_session_id, now);
    audit_account(t, now, job_seeker, user_id, "user.password_changed", client);
  });
}

void request_password_reset(db::Connection& c, const std::string& email, const AuthSettings& settings,
                            const Links& links, const Client& client, std::int64_t now) {
  auto address = domain::normalize_email(email);
  if (!address) {
    throw ValidationError("入力内容に誤りがあります。", {{"email", "メールアドレスを正しい形式で入力してください。"}});
  }
  db::in_transaction(c, true, [&](db::Connection& t) {
    auto user = store::find_user_by_email(t, *address);
    if (!user) return;
    store::revoke_email_tokens(t, user->id, "reset_password", now);  // only the newest link works
    std::string token = issue_email_token(t, user->id, "reset_password", user->email1, now, settings.reset_link_seconds);
    enqueue_mail(t, "password_reset", {user->email1},
                 {{"family_name", user->family_name}, {"given_name", user->given_name},
                  {"link", links.password_reset(token)},
                  {"expires_text", domain::japanese_date_time_spaced(now + settings.reset_link_seconds)}},
                 now, mail_language_of(*user));
    audit_account(t, now, job_seeker, user->id, "user.password_reset_requested", client);
  });
}

LinkResult reset_password(db::Connection& c, const std::string& token, const std::string& new_password,
                          const std::string& confirmation, const Client& client, std::int64_t now) {
  auto found = db::in_transaction(c, false, [&](db::Connection& t) { return store::find_email_token(t, sha256_hex(token)); });
  if (!found || found->purpose != "reset_password" || found->used_at) return LinkResult::invalid;
  if (found->expires_at <= now) return LinkResult::expired;
  domain::FieldErrors errors;
  check_new_password(new_password, confirmation, found->email, errors);
  throw_if_any(errors);
  std::string hash = hash_password(new_password);
  return db::in_transaction(c, true, [&](db::Connection& t) {
    if (!store::use_email_token(t, found->id, now)) return LinkResult::invalid;
    store::mark_user_verified(t, found->user_id, now);  // the link proved the address
    auto user = store::find_user(t, found->user_id);
    replace_password(t, *user, hash, 0, now);
    audit_account(t, now, job_seeker, found->user_id, "user.password_reset", client);
    return LinkResult::done;
  });
}

TotpEnrollment begin_totp_enrollment(db::Connection& c, const Principal& principal, std::int64_t session_id,
                                     const Proof& proof, const AuthSettings& settings, const Client& client,
                                     std::int64_t now) {
  const std::int64_t user_id = own_user_id(principal);
  throw_if_any(check_proof(c, user_id, session_id, proof, settings, client, now));
  std::string secret = new_totp_secret();
  auto user = db::in_transaction(c, true, [&](db::Connection& t) {
    store::set_totp_pending_secret(t, job_seeker, user_id, secret);
    audit_account(t, now, job_seeker, user_id, "user.totp_enrollment_started", client);
    return store::find_user(t, user_id);
  });
  return totp_enrollment(user->email1, secret);
}

std::optional<TotpEnrollment> pending_totp_enrollment(db::Connection& c, const Principal& principal) {
  const std::int64_t user_id = own_user_id(principal);
  auto user = db::in_transaction(c, false, [&](db::Connection& t) { return store::find_user(t, user_id); });
  if (!user || !user->totp_pending_secret) return std::nullopt;
  return totp_enrollment(user->email1, *user->totp_pending_secret);
}

std::vector<std::string> confirm_totp_enrollment(db::Connection& c, const Principal& principal,
                                                 const std::string& code, const Client& client, std::int64_t now) {
  const std::int64_t user_id = own_user_id(principal);
  return db::in_transaction(c, true, [&](db::Connection& t) {
    auto user = store::find_user(t, user_id);
    if (!user->totp_pending_secret) {
      throw ValidationError("入力内容に誤りがあります。", {{"code", "もう一度「2段階認証を設定する」から始めてください。"}});
    }
    auto step = match_totp(*user->totp_pending_secret, code, now);
    if (!step) throw ValidationError("入力内容に誤りがあります。", {{"code", wrong_code_message}});
    store::enable_totp(t, job_seeker, user_id, *user->totp_pending_secret, *step);
    std::vector<std::string> codes;
    std::vector<std::string> hashes;
    for (int i = 0; i < 10; ++i) {
      std::string code_text = random_hex(5);  // 10 hex digits
      codes.push_back(code_text.substr(0, 5) + "-" + code_text.substr(5));
      hashes.push_back(sha256_hex(code_text));
    }
    store::replace_recovery_codes(t, user_id, hashes);
    audit_account(t, now, job_seeker, user_id, "user.totp_enabled", client);
    return codes;
  });
}

void disable_totp(db::Connection& c, const Principal& principal, const std::string& code, const Client& client,
                  std::int64_t now) {
  const std::int64_t user_id = own_user_id(principal);
  db::in_transaction(c, true, [&](db::Connection& t) {
    auto account = find_credentials(t, job_seeker, user_id);
    if (!account || !accept_second_factor(t, *account, code, now)) {
      throw ValidationError("入力内容に誤りがあります。", {{"code", wrong_code_message}});
    }
    store::disable_totp(t, user_id);
    audit_account(t, now, job_seeker, user_id, "user.totp_disabled", client);
  });
}

bool is_color_scheme(const std::string& scheme) {
  return scheme == "standard" || scheme == "high-contrast" || scheme == "large-text";
}

void set_color_scheme(db::Connection& c, const Principal& principal, const std::string& scheme) {
  if (!is_color_scheme(scheme)) throw ValidationError("配色を選択してください。", {{"scheme", "配色を選択してください。"}});
  const std::int64_t user_id = own_user_id(principal);
  db::in_transaction(c, true, [&](db::Connection& t) { store::set_user_color_scheme(t, user_id, scheme); });
}

void set_language(db::Connection& c, const Principal& principal, domain::Language language) {
  const std::int64_t user_id = own_user_id(principal);
  db::in_transaction(c, true, [&](db::Connection& t) {
    store::set_user_language(t, user_id, std::string(domain::language_code(language)));
  });
}

}  // namespace yoyaku::services
