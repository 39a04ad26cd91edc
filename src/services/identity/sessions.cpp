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

std::optional<std::int64_t> still_locked(const std::optional<store::FailureCounter>& counter, std::int64_t now) {
  if (counter && counter->locked_until && *counter->locked_until > now) return counter->locked_until;
  return std::nullopt;
}

// The key an attempt counts under: the e-mail as normalised, or one shared
// key for text that is no e-mail address at all.
std::string email_key(const std::string& typed) { return domain::normalize_email(typed).value_or("(not an e-mail)"); }

// Counts a failed attempt against the client address; returns the wait, if any.
std::optional<std::int64_t> record_address_failure(db::Connection& c, const Client& client,
                                                   const AuthSettings& settings, std::int64_t now) {
  auto throttle = store::address_throttle(c, client.ip).value_or(store::FailureCounter{});
  if (now - throttle.last_failure_at > 3600) throttle.failures = 0;  // an hour without failures forgives
  ++throttle.failures;
  throttle.last_failure_at = now;
  throttle.locked_until.reset();
  if (throttle.failures >= settings.address_failures_before_slowdown) {
    const int over = std::min(throttle.failures - settings.address_failures_before_slowdown, 6);
    throttle.locked_until = now + std::min<std::int64_t>(std::int64_t{1} << over, 60);
  }
  store::save_address_throttle(c, client.ip, throttle);
  return throttle.locked_until;
}

// Counts a failed attempt against the e-mail typed from this address; returns its lock, if any.
std::optional<std::int64_t> record_pair_failure(db::Connection& c, AccountKind kind, const std::string& email,
                                                const Client& client, const AuthSettings& settings, std::int64_t now) {
  auto counter = store::login_failures(c, kind, email, client.ip).value_or(store::FailureCounter{});
  if (now - counter.last_failure_at > 24 * 3600) counter.failures = 0;  // a day without failures forgives
  ++counter.failures;
  counter.last_failure_at = now;
  if (counter.failures >= settings.account_failures_before_lock) {
    counter.locked_until = now + lock_duration(counter.failures, settings.account_failures_before_lock);
  }
  store::save_login_failures(c, kind, email, client.ip, counter);
  return counter.locked_until;
}

// Counts a failed password or code against the account from any address; returns its lock, if any.
std::optional<std::int64_t> record_account_failure(db::Connection& c, const Credentials& account,
                                                   const AuthSettings& settings, std::int64_t now) {
  int failures = account.failed_logins + 1;
  std::optional<std::int64_t> locked_until;
  if (failures >= settings.account_failures_before_global_lock) {
    locked_until = now + lock_duration(failures, settings.account_failures_before_global_lock);
  }
  store::record_login_failure(c, account.kind, account.id, failures, locked_until);
  return locked_until;
}

// Why an attempt is refused before its password or code is even looked at, if it is.
std::optional<std::int64_t> refusal(db::Connection& c, AccountKind kind, const std::string& email,
                                    const Client& client, std::int64_t now) {
  auto address = still_locked(store::address_throttle(c, client.ip), now);
  auto pair = still_locked(store::login_failures(c, kind, email, client.ip), now);
  if (!address && !pair) return std::nullopt;
  return std::max(address.value_or(0), pair.value_or(0));
}

// Every counter takes the failure; the later lock is the one that tells.
LoginOutcome failed(db::Connection& c, const Credentials& account, const AuthSettings& settings, const Client& client,
                    std::int64_t now, const std::string& action, std::int64_t session_to_end = 0) {
  auto account_lock = record_account_failure(c, account, settings, now);
  auto pair_lock = record_pair_failure(c, account.kind, email_key(account.email), client, settings, now);
  auto address_lock = record_address_failure(c, client, settings, now);
  audit_account(c, now, account.kind, account.id, account_lock || pair_lock ? action + "_account_locked" : action,
                client);
  if (account_lock || pair_lock || address_lock) {
    if (session_to_end) store::end_session(c, session_to_end, now);
    return {Status::locked, std::nullopt,
            std::max({account_lock.value_or(0), pair_lock.value_or(0), address_lock.value_or(0)})};
  }
  return {Status::wrong_credentials, std::nullopt, 0};
}

// A sign-in that got through: the account's counters start again.
void forgive(db::Connection& c, const Credentials& account, const Client& client) {
  store::clear_login_failures(c, account.kind, account.id);
  store::clear_login_failures(c, account.kind, email_key(account.email), client.ip);
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
// Only here: a right password alone must not forgive the wrong codes tried before it.
LoginOutcome complete(db::Connection& c, const store::LoginSession& half, const Credentials& account,
                      const AuthSettings& settings, const Client& client, std::int64_t now, const std::string& action) {
  forgive(c, account, client);
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

  const std::string key = email_key(email);
  return db::in_transaction(c, true, [&](db::Connection& t) -> LoginOutcome {
    if (auto locked = refusal(t, kind, key, client, now)) {
      audit_account(t, now, kind, found ? std::optional(found->id) : std::nullopt, "login.refused_locked", client);
      return {Status::locked, std::nullopt, *locked};
    }
    if (!found) {  // counted as for an account, so that the answers are the same
      auto pair_lock = record_pair_failure(t, kind, key, client, settings, now);
      auto address_lock = record_address_failure(t, client, settings, now);
      audit_account(t, now, kind, std::nullopt, "login.failed_unknown_email", client);
      if (pair_lock || address_lock) {
        return {Status::locked, std::nullopt, std::max(pair_lock.value_or(0), address_lock.value_or(0))};
      }
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
    // Staff always need the second factor; job seekers when they enabled it.
    const bool second_factor = account->totp_enabled || kind == AccountKind::staff;
    NewSession session = open_session(t, *account, !second_factor, settings, client, now);
    if (!second_factor) {
      forgive(t, *account, client);
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
    if (auto locked = refusal(t, account.kind, email_key(account.email), client, now)) {
      return {Status::locked, std::nullopt, *locked};
    }
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
    if (auto locked = refusal(t, account.kind, email_key(account.email), client, now)) {
      return {Status::locked, std::nullopt, *locked};
    }
    auto step = match_totp(*account.totp_pending_secret, code, now);
    if (!step) return failed(t, account, settings, client, now, "login.enrollment_code_failed", session.id);
    store::enable_totp(t, account.kind, account.id, *account.totp_pending_secret, *step);
    audit_account(t, now, account.kind, account.id, "account.totp_enabled", client);
    return complete(t, session, account, settings, client, now, "login.succeeded_with_code");
  });
}

std::map<std::string, std::string> check_proof(db::Connection& c, std::int64_t user_id, std::int64_t session_id,
                                               const Proof& proof, const AuthSettings& settings, const Client& client,
                                               std::int64_t now) {
  // Like sign_in: the slow password check outside the write transaction.
  auto account = db::in_transaction(c, false, [&](db::Connection& t) {
    return find_credentials(t, AccountKind::job_seeker, user_id);
  });
  if (!account) throw NotFoundError("利用者情報が見つかりません。");
  const bool password_ok = verify_password(proof.password, account->password_hash);
  return db::in_transaction(c, true, [&](db::Connection& t) {
    std::map<std::string, std::string> errors;
    auto fresh = find_credentials(t, AccountKind::job_seeker, user_id);
    if (!password_ok || fresh->password_hash != account->password_hash) {
      errors[proof.password_field] = "現在のパスワードが正しくありません。";
    }
    if (fresh->totp_enabled && !accept_second_factor(t, *fresh, proof.code, now)) {
      errors[proof.code_field] = "確認コードが正しくありません。認証アプリに表示されている6桁の数字を入力してください。";
    }
    if (errors.empty()) return errors;
    // Counted in this transaction, which commits: the caller's refusal must not undo it.
    auto outcome = failed(t, *fresh, settings, client, now, "account.proof_failed", session_id);
    if (outcome.status == Status::locked) {  // and the session has ended
      errors[proof.password_field] =
          "続けて失敗したため、ログアウトしました。しばらくしてから、もう一度ログインしてください。";
    }
    return errors;
  });
}

std::optional<SignedIn> resume_session(db::Connection& c, const std::string& token, const AuthSettings& settings,
                                       std::int64_t now) {
  if (token.size() != 64) return std::nullopt;
  auto found = db::in_transaction(c, false, [&](db::Connection& t) -> std::optional<SignedIn> {
    auto read = store::find_session_with_user(t, sha256_hex(token));  // a job seeker's account comes with it
    if (!read || !live(read->session, now)) return std::nullopt;
    const store::LoginSession& session = read->session;
    SignedIn signed_in;
    signed_in.session_id = session.id;
    signed_in.csrf_token = session.csrf_token;
    signed_in.idle_expires_at = session.idle_expires_at;
    signed_in.absolute_expires_at = session.absolute_expires_at;
    signed_in.complete = session.second_factor_done;
    if (session.user_id) {
      signed_in.kind = AccountKind::job_seeker;
      signed_in.user = std::move(read->user);
      if (!signed_in.user) return std::nullopt;
      if (signed_in.complete) {
        signed_in.principal = Principal::job_seeker(signed_in.user->id,
                                                    signed_in.user->family_name + " " + signed_in.user->given_name);
      }
    } else {
      signed_in.kind = AccountKind::staff;
      signed_in.staff = store::find_staff(t, session.staff_id.value_or(0));
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
    // Any request counts as activity: the idle deadline slides. It is written
    // once a minute at most, not on every request (which would make every
    // request a write transaction): the session ends 30 minutes after the
    // last request, to within that minute, never later.
    const std::int64_t slid = std::min(now + settings.idle_timeout_seconds, found->absolute_expires_at);
    if (slid - found->idle_expires_at >= settings.idle_write_interval_seconds) {
      found->idle_expires_at = slid;
      db::in_transaction(c, true, [&](db::Connection& t) {
        store::touch_session(t, found->session_id, now, found->idle_expires_at);
      });
    }
  }
  return found;
}

void extend_session(db::Connection& c, SignedIn& session, const AuthSettings& settings, std::int64_t now) {
  session.idle_expires_at = std::min(now + settings.idle_timeout_seconds, session.absolute_expires_at);
  db::in_transaction(c, true, [&](db::Connection& t) {
    store::touch_session(t, session.session_id, now, session.idle_expires_at);
  });
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
