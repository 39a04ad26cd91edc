#include "services/identity/sessions.hpp"

#include <algorithm>

#include "domain/validation.hpp"
#include "services/common/errors.hpp"
#include "services/identity/account_access.hpp"
#include "services/identity/passwords.hpp"
#include "services/identity/totp.hpp"
#include "util/random.hpp"

namespace yoyaku::services {
namespace {

using Status = LoginOutcome::Status;

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
std::optional<std::int64_t> record_account_failure(db::Connection& c, const Credentials& account,
                                                   const AuthSettings& settings, std::int64_t now) {
  int failures = account.failed_logins + 1;
  std::optional<std::int64_t> locked_until;
  if (failures >= settings.account_failures_before_lock) {
    locked_until = now + lock_duration(failures, settings.account_failures_before_lock);
  }
  store::record_login_failure(c, account.kind, account.id, failures, locked_until);
  return locked_until;
}

// Both counters take the failure; the later lock is the one that tells.
LoginOutcome failed(db::Connection& c, const Credentials& account, const AuthSettings& settings, const Client& client,
                    std::int64_t now, const std::string& action, std::int64_t session_to_end = 0) {
  auto account_lock = record_account_failure(c, account, settings, now);
  auto address_lock = record_address_failure(c, client, settings, now);
  audit_account(c, now, account.kind, account.id, account_lock ? action + "_account_locked" : action, client);
  if (account_lock || address_lock) {
    if (session_to_end) store::end_session(c, session_to_end, now);
    return {Status::locked, std::nullopt, std::max(account_lock.value_or(0), address_lock.value_or(0))};
  }
  return {Status::wrong_credentials, std::nullopt, 0};
}

NewSession open_session(db::Connection& c, const Credentials& account, bool complete, const AuthSettings& settings,
                        const Client& client, std::int64_t now) {
  store::LoginSession record;
  (account.kind == AccountKind::job_seeker ? record.user_id : record.staff_id) = account.id;
  record.csrf_token = random_hex(24);
  record.second_factor_done = complete;
  record.created_at = now;
  record.absolute_expires_at = now + settings.absolute_timeout_seconds;
  record.idle_expires_at = std::min(now + settings.idle_timeout_seconds, record.absolute_expires_at);
  record.ip = client.ip;
  record.user_agent = client.user_agent;
  NewSession session{random_hex(32), record.idle_expires_at, record.absolute_expires_at};
  store::insert_session(c, sha256_hex(session.token), record);
  return session;
}

bool live(const store::LoginSession& session, std::int64_t now) {
  return !session.ended_at && session.idle_expires_at > now && session.absolute_expires_at > now;
}

// The half-signed-in session of a token and its account, if the session waits for a second step.
std::optional<std::pair<store::LoginSession, Credentials>> half_signed_in(db::Connection& c, const std::string& token,
                                                                         std::int64_t now) {
  auto session = store::find_session(c, sha256_hex(token));
  if (!session || !live(*session, now) || session->second_factor_done) return std::nullopt;
  auto kind = session->user_id ? AccountKind::job_seeker : AccountKind::staff;
  auto account = find_credentials(c, kind, session->user_id ? *session->user_id : session->staff_id.value_or(0));
  if (!account || account->disabled) return std::nullopt;
  return std::make_pair(*session, *account);
}

// The last step of any sign-in: counters cleared, the half session replaced by a complete one.
LoginOutcome complete(db::Connection& c, const store::LoginSession& half, const Credentials& account,
                      const AuthSettings& settings, const Client& client, std::int64_t now, const std::string& action) {
  store::clear_login_failures(c, account.kind, account.id);
  store::end_session(c, half.id, now);  // a new token once fully signed in
  NewSession full = open_session(c, account, true, settings, client, now);
  audit_account(c, now, account.kind, account.id, action, client);
  return {Status::signed_in, std::move(full), 0};
}

// Checked against when the email is unknown, so that the answer takes as long.
const std::string& dummy_hash() {
  static const std::string hash = hash_password("timing-equaliser-not-a-password");
  return hash;
}

}  // namespace

AccountKind account_kind_for(db::Connection& c, const std::string& email) {
  auto address = domain::normalize_email(email);
  if (!address) return AccountKind::job_seeker;
  return db::in_transaction(c, false, [&](db::Connection& t) {
    if (store::find_user_by_email(t, *address)) return AccountKind::job_seeker;
    return store::find_staff_by_email(t, *address) ? AccountKind::staff : AccountKind::job_seeker;
  });
}

LoginOutcome sign_in(db::Connection& c, AccountKind kind, const std::string& email, const std::string& password,
                     const AuthSettings& settings, const Client& client, std::int64_t now) {
  auto address = domain::normalize_email(email);
  // Look the account up first, so that the password check (slow) runs outside the write lock.
  std::optional<Credentials> found;
  if (address) found = db::in_transaction(c, false, [&](db::Connection& t) { return find_credentials(t, kind, *address); });
  const bool password_ok = verify_password(password, found ? found->password_hash : dummy_hash()) && found.has_value();

  return db::in_transaction(c, true, [&](db::Connection& t) -> LoginOutcome {
    if (auto locked = address_locked_until(t, client, now)) {
      audit_account(t, now, kind, found ? std::optional(found->id) : std::nullopt, "login.refused_address_locked",
                    client);
      return {Status::locked, std::nullopt, *locked};
    }
    if (!found) {
      auto locked = record_address_failure(t, client, settings, now);
      audit_account(t, now, kind, std::nullopt, "login.failed_unknown_email", client);
      if (locked) return {Status::locked, std::nullopt, *locked};
      return {Status::wrong_credentials, std::nullopt, 0};
    }
    auto account = find_credentials(t, kind, found->id);  // fresh counters under the write lock
    if (account->locked_until && *account->locked_until > now) {
      audit_account(t, now, kind, account->id, "login.refused_account_locked", client);
      return {Status::locked, std::nullopt, *account->locked_until};
    }
    if (!password_ok || account->password_hash != found->password_hash) {
      return failed(t, *account, settings, client, now, "login.failed_password");
    }
    if (!account->verified) {
      audit_account(t, now, kind, account->id, "login.refused_not_verified", client);
      return {Status::not_verified, std::nullopt, 0};
    }
    if (account->disabled) {  // said as a wrong password: the address tells nobody it exists
      audit_account(t, now, kind, account->id, "login.refused_disabled", client);
      return {Status::wrong_credentials, std::nullopt, 0};
    }
    store::clear_login_failures(t, kind, account->id);
    // Staff always need the second factor; job seekers when they enabled it.
    const bool second_factor = account->totp_enabled || kind == AccountKind::staff;
    NewSession session = open_session(t, *account, !second_factor, settings, client, now);
    if (!second_factor) {
      audit_account(t, now, kind, account->id, "login.succeeded", client);
      return {Status::signed_in, std::move(session), 0};
    }
    audit_account(t, now, kind, account->id,
                  account->totp_enabled ? "login.password_ok_awaiting_code" : "login.password_ok_awaiting_enrollment",
                  client);
    return {account->totp_enabled ? Status::needs_second_factor : Status::needs_totp_enrollment, std::move(session),
            0};
  });
}

LoginOutcome complete_second_factor(db::Connection& c, const std::string& session_token, const std::string& code,
                                    const AuthSettings& settings, const Client& client, std::int64_t now) {
  return db::in_transaction(c, true, [&](db::Connection& t) -> LoginOutcome {
    auto half = half_signed_in(t, session_token, now);
    if (!half || !half->second.totp_enabled) return {Status::wrong_credentials, std::nullopt, 0};
    auto& [session, account] = *half;
    if (auto locked = address_locked_until(t, client, now)) return {Status::locked, std::nullopt, *locked};
    if (account.locked_until && *account.locked_until > now) {
      store::end_session(t, session.id, now);
      audit_account(t, now, account.kind, account.id, "login.code_refused_account_locked", client);
      return {Status::locked, std::nullopt, *account.locked_until};
    }
    if (!accept_second_factor(t, account, code, now)) {
      return failed(t, account, settings, client, now, "login.code_failed", session.id);
    }
    return complete(t, session, account, settings, client, now, "login.succeeded_with_code");
  });
}

TotpEnrollment sign_in_totp_enrollment(db::Connection& c, const std::string& session_token, std::int64_t now) {
  return db::in_transaction(c, true, [&](db::Connection& t) {
    auto half = half_signed_in(t, session_token, now);
    if (!half || half->second.totp_enabled) throw NotFoundError("2段階認証の設定はできません。もう一度ログインしてください。");
    auto& account = half->second;
    std::string secret = account.totp_pending_secret.value_or("");
    if (secret.empty()) {
      secret = new_totp_secret();
      store::set_totp_pending_secret(t, account.kind, account.id, secret);
    }
    return totp_enrollment(account.email, secret);
  });
}

LoginOutcome confirm_sign_in_totp_enrollment(db::Connection& c, const std::string& session_token,
                                             const std::string& code, const AuthSettings& settings,
                                             const Client& client, std::int64_t now) {
  return db::in_transaction(c, true, [&](db::Connection& t) -> LoginOutcome {
    auto half = half_signed_in(t, session_token, now);
    if (!half || half->second.totp_enabled || !half->second.totp_pending_secret) {
      return {Status::wrong_credentials, std::nullopt, 0};
    }
    auto& [session, account] = *half;
    auto step = match_totp(*account.totp_pending_secret, code, now);
    if (!step) return failed(t, account, settings, client, now, "login.enrollment_code_failed", session.id);
    store::enable_totp(t, account.kind, account.id, *account.totp_pending_secret, *step);
    audit_account(t, now, account.kind, account.id, "account.totp_enabled", client);
    return complete(t, session, account, settings, client, now, "login.succeeded_with_code");
  });
}

std::optional<SignedIn> resume_session(db::Connection& c, const std::string& token, const AuthSettings& settings,
                                       std::int64_t now) {
  if (token.size() != 64) return std::nullopt;
  auto found = db::in_transaction(c, false, [&](db::Connection& t) -> std::optional<SignedIn> {
    auto session = store::find_session(t, sha256_hex(token));
    if (!session || !live(*session, now)) return std::nullopt;
    SignedIn signed_in;
    signed_in.session_id = session->id;
    signed_in.csrf_token = session->csrf_token;
    signed_in.idle_expires_at = session->idle_expires_at;
    signed_in.absolute_expires_at = session->absolute_expires_at;
    signed_in.complete = session->second_factor_done;
    if (session->user_id) {
      signed_in.kind = AccountKind::job_seeker;
      signed_in.user = store::find_user(t, *session->user_id);
      if (!signed_in.user) return std::nullopt;
      if (signed_in.complete) {
        signed_in.principal = Principal::job_seeker(signed_in.user->id,
                                                    signed_in.user->family_name + " " + signed_in.user->given_name);
      }
    } else {
      signed_in.kind = AccountKind::staff;
      signed_in.staff = store::find_staff(t, session->staff_id.value_or(0));
      if (!signed_in.staff || signed_in.staff->disabled_at) return std::nullopt;  // disabled: every session ends
      signed_in.awaiting_totp_enrollment = !signed_in.complete && !signed_in.staff->totp_enabled;
      if (signed_in.complete) {
        std::vector<std::pair<std::int64_t, StaffRole>> roles;
        for (const auto& office : signed_in.staff->offices) roles.emplace_back(office.office_id, office.role);
        signed_in.principal = Principal::staff(signed_in.staff->id, signed_in.staff->display_name,
                                               signed_in.staff->is_admin, std::move(roles));
      }
    }
    return signed_in;
  });
  if (found && found->complete) {
    // Any request counts as activity: the idle deadline slides.
    found->idle_expires_at = std::min(now + settings.idle_timeout_seconds, found->absolute_expires_at);
    db::in_transaction(c, true, [&](db::Connection& t) {
      store::touch_session(t, found->session_id, now, found->idle_expires_at);
    });
  }
  return found;
}

void log_out(db::Connection& c, const std::string& token, const Client& client, std::int64_t now) {
  db::in_transaction(c, true, [&](db::Connection& t) {
    auto session = store::find_session(t, sha256_hex(token));
    if (!session || session->ended_at) return;
    store::end_session(t, session->id, now);
    auto kind = session->user_id ? AccountKind::job_seeker : AccountKind::staff;
    audit_account(t, now, kind, session->user_id ? session->user_id : session->staff_id, "logout", client);
  });
}

}  // namespace yoyaku::services
