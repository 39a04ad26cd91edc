#include "services/auth.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "domain/dates.hpp"
#include "domain/password_policy.hpp"
#include "domain/text.hpp"
#include "domain/validation.hpp"
#include "services/errors.hpp"
#include "services/mail.hpp"
#include "services/passwords.hpp"
#include "services/totp.hpp"
#include "util/random.hpp"

namespace yoyaku::services {
namespace {

using Fields = std::map<std::string, std::string>;

void throw_if_any(const Fields& errors) {
  if (!errors.empty()) throw ValidationError("入力内容に誤りがあります。", errors);
}

void audit(db::Connection& c, std::int64_t now, std::optional<std::int64_t> user_id, const std::string& action,
           const Client& client, const std::string& detail = "") {
  store::append_audit(c, {now, user_id ? "user" : "anonymous", user_id, action, user_id ? "user" : "",
                          user_id ? std::to_string(*user_id) : "", std::nullopt, client.ip, detail});
}

// A link token: the random value goes in the mail, its hash in the database.
std::string issue_email_token(db::Connection& c, std::int64_t user_id, const std::string& purpose,
                              const std::string& email, std::int64_t now, int lifetime_seconds) {
  std::string token = random_hex(32);
  store::insert_email_token(c, sha256_hex(token), user_id, purpose, email, now, now + lifetime_seconds);
  return token;
}

std::string expiry_text(std::int64_t at) { return domain::japanese_date_time_spaced(at); }

void check_profile(const ProfileForm& form, ProfileForm& out, Fields& errors) {
  if (auto v = domain::normalize_name_part(form.family_name)) out.family_name = *v;
  else errors["family_name"] = "氏を入力してください（50文字以内）。";
  if (auto v = domain::normalize_name_part(form.given_name)) out.given_name = *v;
  else errors["given_name"] = "名を入力してください（50文字以内）。";
  if (auto v = domain::normalize_job_seeker_number(form.job_seeker_number)) out.job_seeker_number = *v;
  else errors["job_seeker_number"] = "求職番号はハイフンを含めて半角文字14桁で入力してください。例) 12345-12345678";
  if (auto v = domain::normalize_phone(form.phone)) out.phone = *v;
  else errors["phone"] = "連絡先電話番号は0から始まる10桁または11桁の数字で入力してください。例) 012-345-6789 または 0123456789";
}

void check_new_password(const std::string& password, const std::string& confirmation, const std::string& email,
                        Fields& errors) {
  if (auto problem = domain::password_problem(password, email)) {
    errors["password"] = *problem;
  } else if (password != confirmation) {
    errors["password_confirmation"] = "確認のため、同じパスワードをもう一度入力してください。";
  }
}

std::int64_t lock_duration(int failures, int threshold) {
  std::int64_t seconds = 60;
  for (int i = threshold; i < failures && seconds < 3600; ++i) seconds *= 2;
  return std::min<std::int64_t>(seconds, 3600);
}

// Counts a failed attempt against the client address; returns its lock, if any.
std::optional<std::int64_t> record_address_failure(db::Connection& c, const Client& client,
                                                   const AuthSettings& settings, std::int64_t now) {
  auto throttle = store::address_throttle(c, client.ip).value_or(store::AddressThrottle{});
  if (now - throttle.last_failure_at > 3600) throttle.failures = 0;  // an hour without failures forgives
  ++throttle.failures;
  throttle.last_failure_at = now;
  if (throttle.failures >= settings.address_failures_before_lock) {
    throttle.locked_until = now + lock_duration(throttle.failures, settings.address_failures_before_lock) * 15;
  }
  store::save_address_throttle(c, client.ip, throttle);
  return throttle.locked_until;
}

std::optional<std::int64_t> address_locked_until(db::Connection& c, const Client& client, std::int64_t now) {
  auto throttle = store::address_throttle(c, client.ip);
  if (throttle && throttle->locked_until && *throttle->locked_until > now) return throttle->locked_until;
  return std::nullopt;
}

// Counts a failed password or code against the account; returns its lock, if any.
std::optional<std::int64_t> record_account_failure(db::Connection& c, const store::UserSecurity& user,
                                                   const AuthSettings& settings, std::int64_t now) {
  int failures = user.failed_logins + 1;
  std::optional<std::int64_t> locked_until;
  if (failures >= settings.account_failures_before_lock) {
    locked_until = now + lock_duration(failures, settings.account_failures_before_lock);
  }
  store::record_login_failure(c, user.id, failures, locked_until);
  return locked_until;
}

Session open_session(db::Connection& c, std::int64_t user_id, bool second_factor_done, const AuthSettings& settings,
                     const Client& client, std::int64_t now) {
  Session session;
  session.token = random_hex(32);
  session.record.user_id = user_id;
  session.record.csrf_token = random_hex(24);
  session.record.second_factor_done = second_factor_done;
  session.record.created_at = now;
  session.record.absolute_expires_at = now + settings.absolute_timeout_seconds;
  session.record.idle_expires_at =
      std::min(now + settings.idle_timeout_seconds, session.record.absolute_expires_at);
  session.record.id = store::insert_session(c, sha256_hex(session.token), session.record, client.ip, client.user_agent);
  return session;
}

std::string normalise_recovery_code(const std::string& code) {
  std::string out;
  for (char ch : domain::normalize_digits_and_hyphens(code)) {
    if (std::isalnum(static_cast<unsigned char>(ch))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  return out;
}

// A TOTP code (each step usable once) or an unused recovery code.
bool accept_second_factor(db::Connection& c, const store::UserSecurity& user, const std::string& code,
                          std::int64_t now) {
  if (!user.totp_enabled || !user.totp_secret) return false;
  if (auto step = match_totp(*user.totp_secret, code, now)) return store::use_totp_step(c, user.id, *step);
  std::string recovery = normalise_recovery_code(code);
  return recovery.size() == 10 && store::use_recovery_code(c, user.id, sha256_hex(recovery), now);
}

// Checked against when the email is unknown, so that the answer takes as long.
const std::string& dummy_hash() {
  static const std::string hash = hash_password("timing-equaliser-not-a-password");
  return hash;
}

}  // namespace

void register_user(db::Connection& c, const RegistrationForm& form, const AuthSettings& settings,
                   const Client& client, std::int64_t now) {
  Fields errors;
  store::NewUser user;
  if (auto email = domain::normalize_email(form.email1)) user.email1 = *email;
  else errors["email1"] = "メールアドレス1を正しい形式で入力してください。例) koyou.taro@example.jp";
  if (!domain::trim(form.email2).empty()) {
    if (auto email2 = domain::normalize_email(form.email2)) user.email2 = *email2;
    else errors["email2"] = "メールアドレス2を正しい形式で入力してください（任意）。";
  }
  check_new_password(form.password, form.password_confirmation, user.email1, errors);
  ProfileForm profile;
  check_profile({form.family_name, form.given_name, form.job_seeker_number, form.phone}, profile, errors);
  throw_if_any(errors);
  user.family_name = profile.family_name;
  user.given_name = profile.given_name;
  user.job_seeker_number = profile.job_seeker_number;
  user.phone = profile.phone;
  user.password_hash = hash_password(form.password);

  db::in_transaction(c, true, [&](db::Connection& t) {
    if (auto existing = store::find_user_by_email(t, user.email1)) {
      // Say nothing on the page; tell the owner of the address instead.
      if (!existing->email_verified_at) {
        std::string token = issue_email_token(t, existing->id, "verify_account", existing->email1, now,
                                              settings.verification_link_seconds);
        enqueue_mail(t, "verify_account", {existing->email1},
                     {{"family_name", existing->family_name}, {"given_name", existing->given_name},
                      {"link", settings.base_url + "/verify-email?token=" + token},
                      {"expires_text", expiry_text(now + settings.verification_link_seconds)}},
                     now);
      } else {
        enqueue_mail(t, "account_exists", {existing->email1},
                     {{"login_link", settings.base_url + "/login"},
                      {"reset_link", settings.base_url + "/password/forgot"}},
                     now);
      }
      audit(t, now, existing->id, "user.register_existing_email", client);
      return;
    }
    std::int64_t id = store::insert_user(t, user, now);
    std::string token =
        issue_email_token(t, id, "verify_account", user.email1, now, settings.verification_link_seconds);
    enqueue_mail(t, "verify_account", {user.email1},
                 {{"family_name", user.family_name}, {"given_name", user.given_name},
                  {"link", settings.base_url + "/verify-email?token=" + token},
                  {"expires_text", expiry_text(now + settings.verification_link_seconds)}},
                 now);
    audit(t, now, id, "user.registered", client);
  });
}

void resend_verification(db::Connection& c, const std::string& email, const AuthSettings& settings,
                         std::int64_t now) {
  auto address = domain::normalize_email(email);
  if (!address) throw ValidationError("入力内容に誤りがあります。", {{"email", "メールアドレスを正しい形式で入力してください。"}});
  db::in_transaction(c, true, [&](db::Connection& t) {
    auto user = store::find_user_by_email(t, *address);
    if (!user || user->email_verified_at) return;
    std::string token =
        issue_email_token(t, user->id, "verify_account", user->email1, now, settings.verification_link_seconds);
    enqueue_mail(t, "verify_account", {user->email1},
                 {{"family_name", user->family_name}, {"given_name", user->given_name},
                  {"link", settings.base_url + "/verify-email?token=" + token},
                  {"expires_text", expiry_text(now + settings.verification_link_seconds)}},
                 now);
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
      audit(t, now, found->user_id, "user.email_verified", client);
    } else if (found->purpose == "change_email1") {
      if (auto holder = store::find_user_by_email(t, found->email); holder && holder->id != found->user_id) {
        return LinkResult::invalid;
      }
      store::set_user_email1(t, found->user_id, found->email, now);
      audit(t, now, found->user_id, "user.email1_changed", client);
    } else if (found->purpose == "change_email2") {
      store::set_user_email2(t, found->user_id, found->email, now);
      audit(t, now, found->user_id, "user.email2_changed", client);
    }
    return LinkResult::done;
  });
}

LoginOutcome log_in(db::Connection& c, const std::string& email, const std::string& password,
                    const AuthSettings& settings, const Client& client, std::int64_t now) {
  auto address = domain::normalize_email(email);
  // Look the account up first, so that the password check (slow) runs outside the write lock.
  std::optional<store::User> user;
  std::optional<store::UserSecurity> security;
  if (address) {
    db::in_transaction(c, false, [&](db::Connection& t) {
      user = store::find_user_by_email(t, *address);
      if (user) security = store::user_security(t, user->id);
    });
  }
  const bool password_ok =
      verify_password(password, security ? security->password_hash : dummy_hash()) && security.has_value();

  return db::in_transaction(c, true, [&](db::Connection& t) -> LoginOutcome {
    if (auto locked = address_locked_until(t, client, now)) {
      audit(t, now, user ? std::optional(user->id) : std::nullopt, "login.refused_address_locked", client);
      return {LoginOutcome::Status::locked, std::nullopt, *locked};
    }
    if (!user || !security) {
      auto locked = record_address_failure(t, client, settings, now);
      audit(t, now, std::nullopt, "login.failed_unknown_email", client);
      if (locked) return {LoginOutcome::Status::locked, std::nullopt, *locked};
      return {LoginOutcome::Status::wrong_credentials, std::nullopt, 0};
    }
    auto current = store::user_security(t, user->id);  // fresh counters under the write lock
    if (current->locked_until && *current->locked_until > now) {
      audit(t, now, user->id, "login.refused_account_locked", client);
      return {LoginOutcome::Status::locked, std::nullopt, *current->locked_until};
    }
    if (!password_ok || current->password_hash != security->password_hash) {
      auto account_lock = record_account_failure(t, *current, settings, now);
      auto address_lock = record_address_failure(t, client, settings, now);
      audit(t, now, user->id, account_lock ? "login.failed_account_locked" : "login.failed_password", client);
      if (account_lock || address_lock) {
        return {LoginOutcome::Status::locked, std::nullopt, std::max(account_lock.value_or(0), address_lock.value_or(0))};
      }
      return {LoginOutcome::Status::wrong_credentials, std::nullopt, 0};
    }
    if (!current->email_verified_at) {
      audit(t, now, user->id, "login.refused_not_verified", client);
      return {LoginOutcome::Status::not_verified, std::nullopt, 0};
    }
    store::clear_login_failures(t, user->id);
    Session session = open_session(t, user->id, !current->totp_enabled, settings, client, now);
    audit(t, now, user->id, current->totp_enabled ? "login.password_ok_awaiting_code" : "login.succeeded", client);
    return {current->totp_enabled ? LoginOutcome::Status::needs_second_factor : LoginOutcome::Status::signed_in,
            std::move(session), 0};
  });
}

LoginOutcome complete_second_factor(db::Connection& c, const std::string& session_token, const std::string& code,
                                    const AuthSettings& settings, const Client& client, std::int64_t now) {
  return db::in_transaction(c, true, [&](db::Connection& t) -> LoginOutcome {
    auto session = store::find_session(t, sha256_hex(session_token));
    if (!session || session->ended_at || session->idle_expires_at <= now || session->absolute_expires_at <= now ||
        !session->user_id || session->second_factor_done) {
      return {LoginOutcome::Status::wrong_credentials, std::nullopt, 0};
    }
    if (auto locked = address_locked_until(t, client, now)) return {LoginOutcome::Status::locked, std::nullopt, *locked};
    auto user = store::user_security(t, *session->user_id);
    if (user->locked_until && *user->locked_until > now) {
      store::end_session(t, session->id, now);
      audit(t, now, user->id, "login.code_refused_account_locked", client);
      return {LoginOutcome::Status::locked, std::nullopt, *user->locked_until};
    }
    if (!accept_second_factor(t, *user, code, now)) {
      auto account_lock = record_account_failure(t, *user, settings, now);
      auto address_lock = record_address_failure(t, client, settings, now);
      audit(t, now, user->id, "login.code_failed", client);
      if (account_lock || address_lock) {
        store::end_session(t, session->id, now);
        return {LoginOutcome::Status::locked, std::nullopt, std::max(account_lock.value_or(0), address_lock.value_or(0))};
      }
      return {LoginOutcome::Status::wrong_credentials, std::nullopt, 0};
    }
    store::clear_login_failures(t, user->id);
    store::end_session(t, session->id, now);  // a new token once fully signed in
    Session full = open_session(t, user->id, true, settings, client, now);
    audit(t, now, user->id, "login.succeeded_with_code", client);
    return {LoginOutcome::Status::signed_in, std::move(full), 0};
  });
}

std::optional<store::LoginSession> find_live_session(db::Connection& c, const std::string& token, std::int64_t now) {
  if (token.size() != 64) return std::nullopt;
  auto session = store::find_session(c, sha256_hex(token));
  if (!session || session->ended_at || session->idle_expires_at <= now || session->absolute_expires_at <= now) {
    return std::nullopt;
  }
  return session;
}

std::int64_t extend_session(db::Connection& c, const store::LoginSession& session, const AuthSettings& settings,
                            std::int64_t now) {
  std::int64_t idle = std::min(now + settings.idle_timeout_seconds, session.absolute_expires_at);
  store::touch_session(c, session.id, now, idle);
  return idle;
}

void log_out(db::Connection& c, const std::string& token, const Client& client, std::int64_t now) {
  db::in_transaction(c, true, [&](db::Connection& t) {
    auto session = store::find_session(t, sha256_hex(token));
    if (!session || session->ended_at) return;
    store::end_session(t, session->id, now);
    audit(t, now, session->user_id, "logout", client);
  });
}

void update_profile(db::Connection& c, std::int64_t user_id, const ProfileForm& form, const Client& client,
                    std::int64_t now) {
  Fields errors;
  ProfileForm clean;
  check_profile(form, clean, errors);
  throw_if_any(errors);
  db::in_transaction(c, true, [&](db::Connection& t) {
    store::update_user_profile(t, user_id, clean.family_name, clean.given_name, clean.job_seeker_number, clean.phone,
                               now);
    audit(t, now, user_id, "user.profile_updated", client);
  });
}

void request_email_change(db::Connection& c, std::int64_t user_id, int which, const std::string& new_email,
                          const AuthSettings& settings, const Client& client, std::int64_t now) {
  const std::string field = which == 1 ? "email1" : "email2";
  if (which == 2 && domain::trim(new_email).empty()) {
    db::in_transaction(c, true, [&](db::Connection& t) {
      store::set_user_email2(t, user_id, std::nullopt, now);
      audit(t, now, user_id, "user.email2_removed", client);
    });
    return;
  }
  auto address = domain::normalize_email(new_email);
  if (!address) {
    throw ValidationError("入力内容に誤りがあります。",
                          {{field, "メールアドレス" + std::to_string(which) + "を正しい形式で入力してください。"}});
  }
  db::in_transaction(c, true, [&](db::Connection& t) {
    auto user = store::find_user(t, user_id);
    if (which == 1) {
      if (auto holder = store::find_user_by_email(t, *address); holder && holder->id != user_id) {
        // Do not reveal that the address belongs to someone else: send nothing, say the same.
        audit(t, now, user_id, "user.email1_change_to_taken_address", client);
        return;
      }
    }
    std::string purpose = which == 1 ? "change_email1" : "change_email2";
    std::string token = issue_email_token(t, user_id, purpose, *address, now, settings.verification_link_seconds);
    enqueue_mail(t, "verify_new_email", {*address},
                 {{"family_name", user->family_name}, {"given_name", user->given_name},
                  {"which", std::to_string(which)}, {"link", settings.base_url + "/verify-email?token=" + token},
                  {"expires_text", expiry_text(now + settings.verification_link_seconds)}},
                 now);
    audit(t, now, user_id, "user." + field + "_change_requested", client);
  });
}

void change_password(db::Connection& c, std::int64_t user_id, std::int64_t session_id, const std::string& current,
                     const std::string& new_password, const std::string& confirmation, const Client& client,
                     std::int64_t now) {
  auto [user, security] = db::in_transaction(c, false, [&](db::Connection& t) {
    return std::make_pair(store::find_user(t, user_id), store::user_security(t, user_id));
  });
  Fields errors;
  if (!verify_password(current, security->password_hash)) errors["current_password"] = "現在のパスワードが正しくありません。";
  check_new_password(new_password, confirmation, user->email1, errors);
  throw_if_any(errors);
  std::string hash = hash_password(new_password);
  db::in_transaction(c, true, [&](db::Connection& t) {
    store::set_user_password(t, user_id, hash, now);
    store::end_user_sessions(t, user_id, session_id, now);
    enqueue_mail(t, "password_changed", recipients_of(*user),
                 {{"family_name", user->family_name}, {"given_name", user->given_name},
                  {"changed_text", domain::japanese_date_time_spaced(now)}},
                 now);
    audit(t, now, user_id, "user.password_changed", client);
  });
}

void request_password_reset(db::Connection& c, const std::string& email, const AuthSettings& settings,
                            const Client& client, std::int64_t now) {
  auto address = domain::normalize_email(email);
  if (!address) {
    throw ValidationError("入力内容に誤りがあります。", {{"email", "メールアドレスを正しい形式で入力してください。"}});
  }
  db::in_transaction(c, true, [&](db::Connection& t) {
    auto user = store::find_user_by_email(t, *address);
    if (!user) return;
    std::string token = issue_email_token(t, user->id, "reset_password", user->email1, now, settings.reset_link_seconds);
    enqueue_mail(t, "password_reset", {user->email1},
                 {{"family_name", user->family_name}, {"given_name", user->given_name},
                  {"link", settings.base_url + "/password/reset?token=" + token},
                  {"expires_text", expiry_text(now + settings.reset_link_seconds)}},
                 now);
    audit(t, now, user->id, "user.password_reset_requested", client);
  });
}

LinkResult reset_password(db::Connection& c, const std::string& token, const std::string& new_password,
                          const std::string& confirmation, const Client& client, std::int64_t now) {
  auto found = db::in_transaction(c, false, [&](db::Connection& t) { return store::find_email_token(t, sha256_hex(token)); });
  if (!found || found->purpose != "reset_password" || found->used_at) return LinkResult::invalid;
  if (found->expires_at <= now) return LinkResult::expired;
  Fields errors;
  check_new_password(new_password, confirmation, found->email, errors);
  throw_if_any(errors);
  std::string hash = hash_password(new_password);
  return db::in_transaction(c, true, [&](db::Connection& t) {
    if (!store::use_email_token(t, found->id, now)) return LinkResult::invalid;
    store::set_user_password(t, found->user_id, hash, now);
    store::mark_user_verified(t, found->user_id, now);  // the link proved the address
    store::end_user_sessions(t, found->user_id, 0, now);
    auto user = store::find_user(t, found->user_id);
    enqueue_mail(t, "password_changed", recipients_of(*user),
                 {{"family_name", user->family_name}, {"given_name", user->given_name},
                  {"changed_text", domain::japanese_date_time_spaced(now)}},
                 now);
    audit(t, now, found->user_id, "user.password_reset", client);
    return LinkResult::done;
  });
}

namespace {
TotpEnrollment enrollment_for(const store::User& user, const std::string& secret) {
  std::string uri = otpauth_uri("ハローワーク面談予約", user.email1, secret);
  return {secret, uri, qr_svg(uri)};
}
}  // namespace

TotpEnrollment begin_totp_enrollment(db::Connection& c, std::int64_t user_id) {
  std::string secret = new_totp_secret();
  auto user = db::in_transaction(c, true, [&](db::Connection& t) {
    store::set_totp_pending_secret(t, user_id, secret);
    return store::find_user(t, user_id);
  });
  return enrollment_for(*user, secret);
}

std::optional<TotpEnrollment> pending_totp_enrollment(db::Connection& c, std::int64_t user_id) {
  auto [user, security] = db::in_transaction(c, false, [&](db::Connection& t) {
    return std::make_pair(store::find_user(t, user_id), store::user_security(t, user_id));
  });
  if (!security || !security->totp_pending_secret) return std::nullopt;
  return enrollment_for(*user, *security->totp_pending_secret);
}

std::vector<std::string> confirm_totp_enrollment(db::Connection& c, std::int64_t user_id, const std::string& code,
                                                 const Client& client, std::int64_t now) {
  return db::in_transaction(c, true, [&](db::Connection& t) {
    auto security = store::user_security(t, user_id);
    if (!security->totp_pending_secret) {
      throw ValidationError("入力内容に誤りがあります。", {{"code", "もう一度「2段階認証を設定する」から始めてください。"}});
    }
    auto step = match_totp(*security->totp_pending_secret, code, now);
    if (!step) {
      throw ValidationError("入力内容に誤りがあります。",
                            {{"code", "確認コードが正しくありません。認証アプリに表示されている6桁の数字を入力してください。"}});
    }
    store::enable_totp(t, user_id, *security->totp_pending_secret, *step);
    std::vector<std::string> codes;
    std::vector<std::string> hashes;
    for (int i = 0; i < 10; ++i) {
      std::string code_text = random_hex(5);  // 10 hex digits
      codes.push_back(code_text.substr(0, 5) + "-" + code_text.substr(5));
      hashes.push_back(sha256_hex(code_text));
    }
    store::replace_recovery_codes(t, user_id, hashes);
    audit(t, now, user_id, "user.totp_enabled", client);
    return codes;
  });
}

void disable_totp(db::Connection& c, std::int64_t user_id, const std::string& code, const Client& client,
                  std::int64_t now) {
  db::in_transaction(c, true, [&](db::Connection& t) {
    auto security = store::user_security(t, user_id);
    if (!accept_second_factor(t, *security, code, now)) {
      throw ValidationError("入力内容に誤りがあります。",
                            {{"code", "確認コードが正しくありません。認証アプリに表示されている6桁の数字を入力してください。"}});
    }
    store::disable_totp(t, user_id);
    audit(t, now, user_id, "user.totp_disabled", client);
  });
}

bool is_color_scheme(const std::string& scheme) {
  return scheme == "standard" || scheme == "high-contrast" || scheme == "large-text";
}

void set_color_scheme(db::Connection& c, std::int64_t user_id, const std::string& scheme) {
  if (!is_color_scheme(scheme)) throw ValidationError("配色を選択してください。", {{"scheme", "配色を選択してください。"}});
  store::set_user_color_scheme(c, user_id, scheme);
}

}  // namespace yoyaku::services
