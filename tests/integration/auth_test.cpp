// Accounts over real HTTP against the real binary: 利用者登録, email links,
// login, 2FA, sessions, CSRF, brute-force limits, password reset, the API.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <regex>
#include <thread>

#include "db/database.hpp"
#include "services/identity/totp.hpp"
#include "store/accounts.hpp"
#include "store/audit.hpp"
#include "store/catalog.hpp"
#include "store/notices.hpp"
#include "store/outbox.hpp"
#include "store/reservations.hpp"
#include "support/browser_session.hpp"
#include "support/http_client.hpp"
#include "support/processes.hpp"
#include "support/test_databases.hpp"

namespace yoyaku::testing {
namespace {

constexpr const char* good_password = "Kinmokusei-2026-aki";

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::map<std::string, std::string> registration(const std::string& email) {
  return {{"email1", email},
          {"email2", ""},
          {"password", good_password},
          {"password_confirmation", good_password},
          {"family_name", "雇用"},
          {"given_name", "花子"},
          {"job_seeker_number", "１２３４５－６７８９０１２３"},  // as an IME types it
          {"phone", "090-1234-5678"}};
}

class AuthTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<TestDatabase>(GetParam());
    prepare_database(database_->url());
    server_ = std::make_unique<ServerProcess>(database_->url());
    db_ = db::connect(database_->url());
  }

  // The newest mail of `kind` to `address`, from the outbox.
  store::OutboxMessage mail_to(const std::string& address, const std::string& kind) {
    for (const auto& m : store::list_outbox(*db_, "", 100)) {
      for (const auto& r : m.recipients) {
        if (r == address && m.kind == kind) return m;
      }
    }
    ADD_FAILURE() << "no " << kind << " mail to " << address;
    return {};
  }

  static std::string link_in(const std::string& body, const std::string& path) {
    std::smatch match;
    if (std::regex_search(body, match, std::regex("(https?://[^\\s]+" + path + "\\?token=[0-9a-f]+)"))) {
      std::string link = match[1];
      return link.substr(link.find(path));
    }
    ADD_FAILURE() << "no " << path << " link in:\n" << body;
    return "";
  }

  static std::string token_of(const std::string& link) { return link.substr(link.find("token=") + 6); }

  // 利用者登録 + following the link; returns a browser that is not signed in.
  BrowserSession registered(const std::string& email) {
    BrowserSession browser(server_->base_url());
    browser.get("/register");
    auto sent = browser.post("/register", registration(email));
    EXPECT_EQ(sent.status, 200) << sent.body;
    auto link = link_in(mail_to(email, "verify_account").body, "/verify-email");
    browser.get(link);
    auto done = browser.post("/verify-email", {{"token", token_of(link)}});
    EXPECT_NE(done.body.find("メールアドレスの確認が完了しました"), std::string::npos) << done.body;
    return browser;
  }

  HttpResponse log_in(BrowserSession& browser, const std::string& email, const std::string& password) {
    browser.get("/login");
    return browser.post("/login", {{"email", email}, {"password", password}, {"return_to", "/account"}});
  }

  std::int64_t user_id(const std::string& email) { return store::find_user_by_email(*db_, email)->id; }

  // Turns 2段階認証 on for the signed-in `browser` (the password typed first); returns the key.
  std::string enrol_totp(BrowserSession& browser) {
    browser.get("/account");
    auto setup = browser.post("/account/2fa", {{"totp_password", good_password}});
    std::smatch match;
    if (!std::regex_search(setup.body, match, std::regex("secret-key__value\">([A-Z2-7 ]+)<"))) {
      ADD_FAILURE() << "no key on the 2段階認証 page:\n" << setup.body;
      return "";
    }
    std::string secret = match[1];
    secret.erase(std::remove(secret.begin(), secret.end(), ' '), secret.end());
    EXPECT_EQ(browser.post("/account/2fa/confirm", {{"code", services::totp_code(secret, unix_now())}}).status, 200);
    return secret;
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<db::Connection> db_;
};

TEST_P(AuthTest, RegistrationNeedsTheEmailLinkBeforeLogin) {
  BrowserSession browser(server_->base_url());
  auto form = browser.get("/register");
  EXPECT_EQ(form.status, 200);
  EXPECT_FALSE(browser.csrf_token().empty());
  auto sent = browser.post("/register", registration("hanako@example.jp"));
  EXPECT_EQ(sent.status, 200);
  EXPECT_NE(sent.body.find("確認メールを送信しました"), std::string::npos);

  auto early = log_in(browser, "hanako@example.jp", good_password);
  EXPECT_EQ(early.status, 403);
  EXPECT_NE(early.body.find("メールアドレスの確認が済んでいません"), std::string::npos);

  auto mail = mail_to("hanako@example.jp", "verify_account");
  EXPECT_EQ(mail.subject, "ハローワーク：利用者登録のメールアドレス確認");
  auto link = link_in(mail.body, "/verify-email");
  auto confirm = browser.get(link);  // opening the link only shows a button
  EXPECT_EQ(confirm.status, 200);
  EXPECT_EQ(input_value(confirm.body, "token"), token_of(link));
  EXPECT_FALSE(store::find_user_by_email(*db_, "hanako@example.jp")->email_verified_at);
  auto done = browser.post("/verify-email", {{"token", token_of(link)}});
  EXPECT_NE(done.body.find("メールアドレスの確認が完了しました"), std::string::npos);
  auto again = browser.post("/verify-email", {{"token", token_of(link)}});
  EXPECT_NE(again.body.find("このリンクは無効です"), std::string::npos);  // single use

  auto login = log_in(browser, "HANAKO@example.jp", good_password);
  EXPECT_EQ(login.status, 303);
  EXPECT_EQ(login.header("location"), "/account");
  const std::string set_cookie = browser.last_set_cookie("yoyaku_session");
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie.find("SameSite=Lax"), std::string::npos);
  auto account = browser.get("/account");
  EXPECT_EQ(account.status, 200);
  EXPECT_NE(account.body.find("12345-67890123"), std::string::npos);  // normalised
  EXPECT_NE(account.body.find("雇用"), std::string::npos);
  auto user = store::find_user_by_email(*db_, "hanako@example.jp");
  EXPECT_EQ(user->job_seeker_number, "12345-67890123");
}

TEST_P(AuthTest, AnExpiredLinkCanBeSentAgain) {
  BrowserSession browser(server_->base_url());
  browser.get("/register");
  browser.post("/register", registration("late@example.jp"));
  auto link = link_in(mail_to("late@example.jp", "verify_account").body, "/verify-email");
  db_->query("UPDATE email_tokens SET expires_at = ?", {unix_now() - 1});
  browser.get(link);
  auto expired = browser.post("/verify-email", {{"token", token_of(link)}});
  EXPECT_NE(expired.body.find("有効期限が切れています"), std::string::npos);
  browser.get("/register/resend");
  auto resent = browser.post("/register/resend", {{"email", "late@example.jp"}});
  EXPECT_EQ(resent.status, 200);
  auto new_link = link_in(mail_to("late@example.jp", "verify_account").body, "/verify-email");
  EXPECT_NE(new_link, link);
  auto done = browser.post("/verify-email", {{"token", token_of(new_link)}});
  EXPECT_NE(done.body.find("完了しました"), std::string::npos);
}

TEST_P(AuthTest, RegisteringATakenAddressLooksTheSameButTellsItsOwner) {
  registered("owner@example.jp");
  BrowserSession stranger(server_->base_url());
  stranger.get("/register");
  auto again = stranger.post("/register", registration("owner@example.jp"));
  EXPECT_EQ(again.status, 200);
  EXPECT_NE(again.body.find("確認メールを送信しました"), std::string::npos);
  EXPECT_EQ(mail_to("owner@example.jp", "account_exists").subject, "ハローワーク：利用者登録のお申込みについて");
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM users WHERE email1 = 'owner@example.jp'")->integer(0), 1);
}

TEST_P(AuthTest, BadInputIsExplainedNextToTheFieldAndKept) {
  BrowserSession browser(server_->base_url());
  browser.get("/register");
  auto fields = registration("typo@example.jp");
  fields["phone"] = "12-34";
  fields["password"] = fields["password_confirmation"] = "password123";
  auto response = browser.post("/register", fields);
  EXPECT_EQ(response.status, 422);
  EXPECT_NE(response.body.find("連絡先電話番号は10桁または11桁の数字で"), std::string::npos);
  EXPECT_NE(response.body.find("よく使われていて推測されやすい"), std::string::npos);
  EXPECT_EQ(input_value(response.body, "family_name"), "雇用");
  EXPECT_EQ(input_value(response.body, "phone"), "12-34");
  EXPECT_EQ(input_value(response.body, "password"), "");  // never echoed
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM users WHERE email1 = 'typo@example.jp'")->integer(0), 0);
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM email_outbox")->integer(0), 0);
}

TEST_P(AuthTest, DictionaryWordsAndSimplePatternsAreRefusedByTheSystemsChecker) {
  // Not in the service's own list of common passwords: found by libpwquality and the cracklib dictionary.
  for (const std::string weak : {"chocolate12", "Dictionary99", "zxcvbnm12345"}) {
    SCOPED_TRACE(weak);
    BrowserSession browser(server_->base_url());
    browser.get("/register");
    auto fields = registration("weak@example.jp");
    fields["password"] = fields["password_confirmation"] = weak;
    auto response = browser.post("/register", fields);
    EXPECT_EQ(response.status, 422);
    EXPECT_NE(response.body.find("推測されやすいため使用できません"), std::string::npos) << response.body;
  }
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM users WHERE email1 = 'weak@example.jp'")->integer(0), 0);
}

TEST_P(AuthTest, FormsWithoutTheRightCsrfTokenAreRejected) {
  auto browser = registered("csrf@example.jp");
  EXPECT_EQ(browser.post("/login", {{"email", "csrf@example.jp"}, {"password", good_password}, {"csrf_token", ""}})
                .status,
            403);
  EXPECT_EQ(log_in(browser, "csrf@example.jp", good_password).status, 303);
  auto forged = browser.post("/account/profile", {{"family_name", "乗っ取"}, {"given_name", "太郎"},
                                                   {"job_seeker_number", "12345-67890123"}, {"phone", "0312345678"},
                                                   {"csrf_token", std::string(48, 'a')}});
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(store::find_user_by_email(*db_, "csrf@example.jp")->family_name, "雇用");
  browser.get("/account");
  auto genuine = browser.post("/account/profile", {{"family_name", "雇用"}, {"given_name", "次郎"},
                                                    {"job_seeker_number", "12345-67890123"}, {"phone", "0312345678"}});
  EXPECT_EQ(genuine.status, 303);
  EXPECT_EQ(store::find_user_by_email(*db_, "csrf@example.jp")->given_name, "次郎");
}

TEST_P(AuthTest, LoginGivesANewSessionTokenAndLogoutEndsItOnTheServer) {
  auto browser = registered("fixation@example.jp");
  const std::string planted = std::string(64, 'b');
  browser.set_cookie("yoyaku_session", planted);
  EXPECT_EQ(log_in(browser, "fixation@example.jp", good_password).status, 303);
  auto token = browser.cookie("yoyaku_session");
  ASSERT_TRUE(token);
  EXPECT_NE(*token, planted);

  EXPECT_EQ(browser.get("/account").status, 200);
  browser.get("/logout");
  auto out = browser.post("/logout", {});
  EXPECT_EQ(out.status, 303);
  // The old token no longer works, even if someone kept it.
  BrowserSession thief(server_->base_url());
  thief.set_cookie("yoyaku_session", *token);
  auto denied = thief.get("/account");
  EXPECT_EQ(denied.status, 303);
  EXPECT_EQ(denied.header("location").rfind("/login", 0), 0u);
}

TEST_P(AuthTest, AnIdleSessionEnds) {
  auto browser = registered("idle@example.jp");
  log_in(browser, "idle@example.jp", good_password);
  ASSERT_EQ(browser.get("/account").status, 200);
  db_->query("UPDATE login_sessions SET idle_expires_at = ?", {unix_now() - 1});
  auto after = browser.get("/account");
  EXPECT_EQ(after.status, 303);
  EXPECT_FALSE(browser.cookie("yoyaku_session"));  // cleared
}

TEST_P(AuthTest, RepeatedWrongPasswordsLockTheAccountForAWhile) {
  auto browser = registered("target@example.jp");
  for (int i = 0; i < 4; ++i) EXPECT_EQ(log_in(browser, "target@example.jp", "wrong-password-1").status, 401);
  auto locked = log_in(browser, "target@example.jp", "wrong-password-1");
  EXPECT_EQ(locked.status, 429);
  EXPECT_NE(locked.body.find("一時的にログインできなくなっています"), std::string::npos);
  // Even the right password is refused while locked.
  auto still = log_in(browser, "target@example.jp", good_password);
  EXPECT_EQ(still.status, 429);
  auto entries = db_->query_one("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'login.%' AND actor_id = ?",
                                {user_id("target@example.jp")});
  EXPECT_GE(entries->integer(0), 6);
  db_->query("UPDATE login_failures SET locked_until = ? WHERE email = 'target@example.jp'", {unix_now() - 1});
  EXPECT_EQ(log_in(browser, "target@example.jp", good_password).status, 303);
}

TEST_P(AuthTest, AnAddressWithNoAccountLocksLikeOneWithAnAccount) {
  registered("known@example.jp");
  for (const std::string email : {"known@example.jp", "nobody-here@example.jp"}) {
    SCOPED_TRACE(email);
    BrowserSession browser(server_->base_url());
    for (int i = 0; i < 4; ++i) EXPECT_EQ(log_in(browser, email, "wrong-password-1").status, 401);
    auto locked = log_in(browser, email, "wrong-password-1");
    EXPECT_EQ(locked.status, 429);
    EXPECT_NE(locked.body.find("一時的にログインできなくなっています"), std::string::npos);
  }
}

TEST_P(AuthTest, ManyFailuresFromOneAddressSlowItDownButDoNotLockOthersOut) {
  registered("bystander@example.jp");
  BrowserSession attacker(server_->base_url());
  int slowed_at = 0;
  for (int i = 1; i <= 25 && !slowed_at; ++i) {
    auto response = log_in(attacker, "nobody" + std::to_string(i) + "@example.jp", "whatever-password");
    if (response.status == 429) slowed_at = i;
  }
  EXPECT_EQ(slowed_at, 20);
  auto audit = db_->query_one("SELECT COUNT(*) FROM audit_log WHERE action = 'login.failed_unknown_email'");
  EXPECT_GE(audit->integer(0), 19);
  // A second or two later, another person at the same address signs in.
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  BrowserSession bystander(server_->base_url());
  EXPECT_EQ(log_in(bystander, "bystander@example.jp", good_password).status, 303);
}

TEST_P(AuthTest, BehindATrustedProxyTheForwardedAddressIsTheClient) {
  registered("behind-proxy@example.jp");
  ServerProcess proxied(database_->url(), {"--trusted-proxy", "127.0.0.1/32,::1"});
  BrowserSession attacker(proxied.base_url());
  attacker.set_header("X-Forwarded-For", "198.51.100.7");
  for (int i = 1; i <= 20; ++i) log_in(attacker, "random" + std::to_string(i) + "@example.jp", "whatever-password");
  EXPECT_EQ(log_in(attacker, "random-last@example.jp", "whatever-password").status, 429);
  // Another client of the same proxy is not slowed down at all, and its session records its own address.
  BrowserSession user(proxied.base_url());
  user.set_header("X-Forwarded-For", "203.0.113.5, 198.51.100.8");  // what it wrote itself, then what nginx added
  EXPECT_EQ(log_in(user, "behind-proxy@example.jp", good_password).status, 303);
  auto address = db_->query_one("SELECT ip FROM login_sessions ORDER BY id DESC LIMIT 1");
  EXPECT_EQ(address->text(0), "198.51.100.8");
  // Without --trusted-proxy the header is the client's own word, and ignored.
  BrowserSession direct(server_->base_url());
  direct.set_header("X-Forwarded-For", "192.0.2.99");
  EXPECT_EQ(log_in(direct, "behind-proxy@example.jp", good_password).status, 303);
  address = db_->query_one("SELECT ip FROM login_sessions ORDER BY id DESC LIMIT 1");
  EXPECT_EQ(address->text(0), "127.0.0.1");
}

TEST_P(AuthTest, OnHttpsEveryCookieIsAHostCookie) {
  registered("https@example.jp");
  ServerProcess secure(database_->url(), {"--base-url", "https://yoyaku.example.jp"});
  BrowserSession browser(secure.base_url());
  auto form = browser.get("/login");
  const std::string csrf_cookie = browser.last_set_cookie("__Host-yoyaku_csrf");
  EXPECT_NE(csrf_cookie.find("; Secure"), std::string::npos) << csrf_cookie;
  EXPECT_NE(csrf_cookie.find("; Path=/"), std::string::npos) << csrf_cookie;
  EXPECT_EQ(csrf_cookie.find("Domain="), std::string::npos) << csrf_cookie;
  EXPECT_FALSE(browser.cookie("yoyaku_csrf"));
  EXPECT_EQ(log_in(browser, "https@example.jp", good_password).status, 303);
  EXPECT_TRUE(browser.cookie("__Host-yoyaku_session"));
  EXPECT_FALSE(browser.cookie("yoyaku_session"));
  EXPECT_EQ(browser.get("/account").status, 200);
  // A cookie without the prefix (set by a sibling host or over plain http) is not a session.
  BrowserSession planted(secure.base_url());
  planted.set_cookie("yoyaku_session", *browser.cookie("__Host-yoyaku_session"));
  EXPECT_EQ(planted.get("/account").status, 303);
}

TEST_P(AuthTest, WrongCodesCountEvenWhenThePasswordIsRight) {
  auto browser = registered("api-totp@example.jp");
  log_in(browser, "api-totp@example.jp", good_password);
  const std::string secret = enrol_totp(browser);
  ASSERT_FALSE(secret.empty());

  auto api_login = [&](const std::string& otp) {
    return http_request("POST", server_->base_url() + "/api/v1/sessions", {{"Content-Type", "application/json"}},
                        nlohmann::json{{"email", "api-totp@example.jp"}, {"password", good_password}, {"otp", otp}}
                            .dump());
  };
  // A code that is surely wrong now: one from an hour ago.
  const std::string wrong = services::totp_code(secret, unix_now() - 3600);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(api_login(wrong).status, 401) << i;
  auto locked = api_login(wrong);
  EXPECT_EQ(locked.status, 429) << locked.body;
  EXPECT_FALSE(locked.header("retry-after").empty());
  // The right code no longer helps until the lock ends.
  EXPECT_EQ(api_login(services::totp_code(secret, unix_now() + 30)).status, 429);
  // No half-signed-in session is left behind by the refused attempts.
  auto open = db_->query_one(
      "SELECT COUNT(*) FROM login_sessions WHERE ended_at IS NULL AND second_factor_done = 0 AND user_id = ?",
      {user_id("api-totp@example.jp")});
  EXPECT_EQ(open->integer(0), 0);
}

TEST_P(AuthTest, TwoFactorEnrolmentLoginReplayAndRecoveryCodes) {
  auto browser = registered("totp@example.jp");
  log_in(browser, "totp@example.jp", good_password);
  browser.get("/account");
  auto setup = browser.post("/account/2fa", {{"totp_password", good_password}});
  ASSERT_EQ(setup.status, 200);
  EXPECT_NE(setup.body.find("<svg"), std::string::npos);  // the QR code
  std::smatch match;
  ASSERT_TRUE(std::regex_search(setup.body, match, std::regex("secret-key__value\">([A-Z2-7 ]+)<")));
  std::string secret = match[1];
  secret.erase(std::remove(secret.begin(), secret.end(), ' '), secret.end());

  auto wrong = browser.post("/account/2fa/confirm", {{"code", "000000"}});
  EXPECT_EQ(wrong.status, 422);
  const std::int64_t now = unix_now();
  const std::string enrol_code = services::totp_code(secret, now);
  auto codes_page = browser.post("/account/2fa/confirm", {{"code", enrol_code}});
  ASSERT_EQ(codes_page.status, 200);
  std::vector<std::string> recovery;
  std::regex code_pattern("([0-9a-f]{5}-[0-9a-f]{5})");
  for (auto it = std::sregex_iterator(codes_page.body.begin(), codes_page.body.end(), code_pattern);
       it != std::sregex_iterator(); ++it) {
    recovery.push_back((*it)[1]);
  }
  ASSERT_GE(recovery.size(), 10u);

  browser.get("/logout");
  browser.post("/logout", {});
  auto password_ok = log_in(browser, "totp@example.jp", good_password);
  EXPECT_EQ(password_ok.status, 303);
  EXPECT_EQ(password_ok.header("location").rfind("/login/otp", 0), 0u);
  EXPECT_EQ(browser.get("/account").status, 303);  // not signed in until the code

  browser.get("/login/otp");
  EXPECT_EQ(browser.post("/login/otp", {{"code", "123456"}, {"return_to", "/account"}}).status, 401);
  // The code used for enrolment cannot be used again.
  EXPECT_EQ(browser.post("/login/otp", {{"code", enrol_code}, {"return_to", "/account"}}).status, 401);
  // Codes of more than one step ago are refused; the next step's code is accepted.
  EXPECT_EQ(browser.post("/login/otp", {{"code", services::totp_code(secret, now - 90)}, {"return_to", "/account"}})
                .status,
            401);
  auto signed_in = browser.post("/login/otp", {{"code", services::totp_code(secret, now + 30)}, {"return_to", "/account"}});
  EXPECT_EQ(signed_in.status, 303);
  EXPECT_EQ(signed_in.header("location"), "/account");
  EXPECT_EQ(browser.get("/account").status, 200);

  // A recovery code works once.
  BrowserSession phone_lost(server_->base_url());
  log_in(phone_lost, "totp@example.jp", good_password);
  phone_lost.get("/login/otp");
  EXPECT_EQ(phone_lost.post("/login/otp", {{"code", recovery[0]}, {"return_to", "/account"}}).status, 303);
  BrowserSession again(server_->base_url());
  log_in(again, "totp@example.jp", good_password);
  again.get("/login/otp");
  EXPECT_EQ(again.post("/login/otp", {{"code", recovery[0]}, {"return_to", "/account"}}).status, 401);

  // Disabling needs a current code.
  browser.get("/account");
  EXPECT_EQ(browser.post("/account/2fa/disable", {{"code", "111111"}}).status, 422);
  EXPECT_TRUE(store::find_user(*db_, user_id("totp@example.jp"))->totp_enabled);
  EXPECT_EQ(browser.post("/account/2fa/disable", {{"code", recovery[1]}}).status, 303);
  EXPECT_FALSE(store::find_user(*db_, user_id("totp@example.jp"))->totp_enabled);
}

TEST_P(AuthTest, PasswordResetBySingleUseLinkEndsOtherSessions) {
  auto browser = registered("forgot@example.jp");
  log_in(browser, "forgot@example.jp", good_password);
  ASSERT_EQ(browser.get("/account").status, 200);

  BrowserSession other(server_->base_url());
  other.get("/password/forgot");
  auto neutral = other.post("/password/forgot", {{"email", "forgot@example.jp"}});
  auto neutral_unknown = other.post("/password/forgot", {{"email", "unknown@example.jp"}});
  EXPECT_EQ(neutral.status, 200);
  EXPECT_EQ(neutral_unknown.status, 200);
  auto link = link_in(mail_to("forgot@example.jp", "password_reset").body, "/password/reset");
  other.get(link);
  const std::string new_password = "Ginnan-no-michi-77";
  auto reset = other.post("/password/reset", {{"token", token_of(link)}, {"password", new_password},
                                              {"password_confirmation", new_password}});
  EXPECT_EQ(reset.status, 303);
  EXPECT_EQ(browser.get("/account").status, 303);  // the old session ended
  auto reuse = other.post("/password/reset", {{"token", token_of(link)}, {"password", "Another-password-88"},
                                              {"password_confirmation", "Another-password-88"}});
  EXPECT_EQ(reuse.status, 410);
  EXPECT_EQ(log_in(other, "forgot@example.jp", good_password).status, 401);
  EXPECT_EQ(log_in(other, "forgot@example.jp", new_password).status, 303);
  EXPECT_EQ(mail_to("forgot@example.jp", "password_changed").subject, "ハローワーク：パスワードを変更しました");
}

TEST_P(AuthTest, ANewEmailAddressIsUsedOnlyAfterItsLinkIsFollowed) {
  auto browser = registered("old@example.jp");
  log_in(browser, "old@example.jp", good_password);
  browser.get("/account");
  // Without the password (a stolen session): refused next to the field, the address typed kept, no mail.
  auto refused = browser.post("/account/email1", {{"email1", "new@example.jp"}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("現在のパスワードが正しくありません。"), std::string::npos);
  EXPECT_NE(refused.body.find("value=\"new@example.jp\""), std::string::npos);
  EXPECT_EQ(browser.post("/account/email1", {{"email1", "new@example.jp"}, {"email1_password", "guessed-password-1"}})
                .status,
            422);
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM email_outbox WHERE kind = 'verify_new_email'")->integer(0), 0);
  EXPECT_EQ(browser.post("/account/email1", {{"email1", "new@example.jp"}, {"email1_password", good_password}}).status,
            303);
  EXPECT_EQ(store::find_user(*db_, user_id("old@example.jp"))->email1, "old@example.jp");
  auto link = link_in(mail_to("new@example.jp", "verify_new_email").body, "/verify-email");
  browser.get(link);
  browser.post("/verify-email", {{"token", token_of(link)}});
  EXPECT_TRUE(store::find_user_by_email(*db_, "new@example.jp"));
  BrowserSession fresh(server_->base_url());
  EXPECT_EQ(log_in(fresh, "new@example.jp", good_password).status, 303);
  // The old address is told.
  auto told = mail_to("old@example.jp", "email_changed");
  EXPECT_EQ(told.subject, "ハローワーク：メールアドレスを変更しました");
  EXPECT_NE(told.body.find("変更前のメールアドレス"), std::string::npos);
}

TEST_P(AuthTest, CredentialsChangeOnlyWithThePasswordAndTheCurrentCode) {
  auto browser = registered("careful@example.jp");
  log_in(browser, "careful@example.jp", good_password);
  browser.get("/account");
  // 2段階認証 needs the password to start.
  auto no_password = browser.post("/account/2fa", {});
  EXPECT_EQ(no_password.status, 422);
  EXPECT_NE(no_password.body.find("現在のパスワードが正しくありません。"), std::string::npos);
  const std::string secret = enrol_totp(browser);
  ASSERT_FALSE(secret.empty());
  const auto enrolled = store::find_user(*db_, user_id("careful@example.jp"));
  // The key is sealed at rest: the database alone does not give the second factor.
  auto stored = db_->query_one("SELECT totp_secret FROM users WHERE id = ?", {enrolled->id});
  EXPECT_EQ(stored->text(0).rfind("sb1:", 0), 0u) << stored->text(0);
  EXPECT_EQ(stored->text(0).find(secret), std::string::npos);

  // With 2FA on, the password alone replaces nothing: not the secret, not the password, not an address.
  browser.get("/account");
  auto account = browser.get("/account");
  EXPECT_NE(account.body.find("id=\"password_code\""), std::string::npos);
  EXPECT_EQ(browser.post("/account/2fa", {{"totp_password", good_password}}).status, 422);
  EXPECT_EQ(store::find_user(*db_, enrolled->id)->totp_pending_secret, enrolled->totp_pending_secret);
  auto no_code = browser.post("/account/password", {{"current_password", good_password},
                                                    {"password", "Another-password-77"},
                                                    {"password_confirmation", "Another-password-77"}});
  EXPECT_EQ(no_code.status, 422);
  EXPECT_NE(no_code.body.find("確認コードが正しくありません。"), std::string::npos);
  EXPECT_EQ(browser.post("/account/email2", {{"email2", "second@example.jp"}, {"email2_password", good_password}})
                .status,
            422);
  EXPECT_EQ(store::find_user(*db_, enrolled->id)->password_hash, enrolled->password_hash);
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM email_outbox WHERE kind = 'verify_new_email'")->integer(0), 0);

  // With both, the password changes.
  auto changed = browser.post("/account/password", {{"current_password", good_password},
                                                    {"password_code", services::totp_code(secret, unix_now() + 30)},
                                                    {"password", "Another-password-77"},
                                                    {"password_confirmation", "Another-password-77"}});
  EXPECT_EQ(changed.status, 303) << changed.body;
  EXPECT_NE(store::find_user(*db_, enrolled->id)->password_hash, enrolled->password_hash);
}

TEST_P(AuthTest, GuessingThePasswordFromASignedInSessionEndsIt) {
  auto browser = registered("stolen@example.jp");
  log_in(browser, "stolen@example.jp", good_password);
  browser.get("/account");
  for (int i = 0; i < 5; ++i) {
    browser.post("/account/password", {{"current_password", "guess-number-" + std::to_string(i)},
                                       {"password", "Another-password-77"},
                                       {"password_confirmation", "Another-password-77"}});
  }
  EXPECT_EQ(browser.get("/account").status, 303);  // signed out
  EXPECT_EQ(log_in(browser, "stolen@example.jp", good_password).status, 429);
}

TEST_P(AuthTest, ALaterRegistrationReplacesAnUnverifiedOneAndItsLink) {
  // The attacker registers the victim's address first, with their own password and name.
  BrowserSession attacker(server_->base_url());
  attacker.get("/register");
  auto squatting = registration("victim@example.jp");
  squatting["password"] = squatting["password_confirmation"] = "Attackers-own-pass-1";
  squatting["family_name"] = "悪意";
  ASSERT_EQ(attacker.post("/register", squatting).status, 200);
  const std::string attackers_link = link_in(mail_to("victim@example.jp", "verify_account").body, "/verify-email");
  // The victim registers; their own link verifies their own data.
  BrowserSession victim(server_->base_url());
  victim.get("/register");
  ASSERT_EQ(victim.post("/register", registration("victim@example.jp")).status, 200);
  const std::string victims_link = link_in(mail_to("victim@example.jp", "verify_account").body, "/verify-email");
  ASSERT_NE(victims_link, attackers_link);
  victim.get(victims_link);
  auto done = victim.post("/verify-email", {{"token", token_of(victims_link)}});
  EXPECT_NE(done.body.find("メールアドレスの確認が完了しました"), std::string::npos) << done.body;
  auto user = store::find_user_by_email(*db_, "victim@example.jp");
  EXPECT_EQ(user->family_name, "雇用");
  EXPECT_EQ(db_->query_one("SELECT COUNT(*) FROM users WHERE email1 = 'victim@example.jp'")->integer(0), 1);
  BrowserSession check(server_->base_url());
  EXPECT_EQ(log_in(check, "victim@example.jp", "Attackers-own-pass-1").status, 401);
  EXPECT_EQ(log_in(check, "victim@example.jp", good_password).status, 303);
  // The attacker's link was revoked by the later registration.
  attacker.get(attackers_link);
  auto stale = attacker.post("/verify-email", {{"token", token_of(attackers_link)}});
  EXPECT_EQ(stale.body.find("メールアドレスの確認が完了しました"), std::string::npos);
}

TEST_P(AuthTest, ANewResetLinkOrAPasswordChangeRevokesEveryOutstandingOne) {
  registered("two-links@example.jp");
  BrowserSession browser(server_->base_url());
  auto ask = [&] {
    browser.get("/password/forgot");
    EXPECT_EQ(browser.post("/password/forgot", {{"email", "two-links@example.jp"}}).status, 200);
    return link_in(mail_to("two-links@example.jp", "password_reset").body, "/password/reset");
  };
  const std::string first = ask();
  const std::string second = ask();
  ASSERT_NE(first, second);
  auto reset = [&](const std::string& link, const std::string& password) {
    browser.get(link);
    return browser.post("/password/reset",
                        {{"token", token_of(link)}, {"password", password}, {"password_confirmation", password}});
  };
  EXPECT_EQ(reset(first, "First-link-password-1").status, 410);  // the newer link replaced it
  const std::string third = ask();
  // A password change in between revokes the outstanding link.
  BrowserSession owner(server_->base_url());
  log_in(owner, "two-links@example.jp", good_password);
  owner.get("/account");
  EXPECT_EQ(owner.post("/account/password", {{"current_password", good_password},
                                             {"password", "Changed-meanwhile-2"},
                                             {"password_confirmation", "Changed-meanwhile-2"}})
                .status,
            303);
  EXPECT_EQ(reset(third, "Third-link-password-3").status, 410);
  EXPECT_EQ(reset(second, "Second-link-password-2").status, 410);
  BrowserSession check(server_->base_url());
  EXPECT_EQ(log_in(check, "two-links@example.jp", "Changed-meanwhile-2").status, 303);
}

TEST_P(AuthTest, TheApiSessionsOnlyShowTheirOwnUser) {
  registered("api-a@example.jp");
  registered("api-b@example.jp");
  auto login = [&](const std::string& email, const std::string& password) {
    return http_request("POST", server_->base_url() + "/api/v1/sessions", {{"Content-Type", "application/json"}},
                        nlohmann::json{{"email", email}, {"password", password}}.dump());
  };
  auto wrong = login("api-a@example.jp", "not-the-password-1");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(nlohmann::json::parse(wrong.body)["error"], "invalid_credentials");
  auto a = login("api-a@example.jp", good_password);
  ASSERT_EQ(a.status, 201) << a.body;
  auto b = login("api-b@example.jp", good_password);
  const std::string token_a = nlohmann::json::parse(a.body)["token"];
  const std::string token_b = nlohmann::json::parse(b.body)["token"];
  EXPECT_FALSE(nlohmann::json::parse(a.body)["expires_at"].get<std::string>().empty());

  auto me_a = http_get(server_->base_url() + "/api/v1/me", {{"Authorization", "Bearer " + token_a}});
  auto me_b = http_get(server_->base_url() + "/api/v1/me", {{"Authorization", "Bearer " + token_b}});
  EXPECT_EQ(nlohmann::json::parse(me_a.body)["email1"], "api-a@example.jp");
  EXPECT_EQ(nlohmann::json::parse(me_b.body)["email1"], "api-b@example.jp");
  EXPECT_EQ(http_get(server_->base_url() + "/api/v1/me").status, 401);
  EXPECT_EQ(http_get(server_->base_url() + "/api/v1/me", {{"Authorization", "Bearer " + std::string(64, 'f')}}).status,
            401);

  auto out = http_request("DELETE", server_->base_url() + "/api/v1/sessions/current",
                          {{"Authorization", "Bearer " + token_a}});
  EXPECT_EQ(out.status, 204);
  EXPECT_EQ(http_get(server_->base_url() + "/api/v1/me", {{"Authorization", "Bearer " + token_a}}).status, 401);
  EXPECT_EQ(http_get(server_->base_url() + "/api/v1/me", {{"Authorization", "Bearer " + token_b}}).status, 200);
  auto garbage = http_request("POST", server_->base_url() + "/api/v1/sessions", {{"Content-Type", "application/json"}},
                              "{not json");
  EXPECT_EQ(garbage.status, 400);
}

TEST_P(AuthTest, TheColourSchemeIsRememberedOnTheAccountAndInACookie) {
  BrowserSession visitor(server_->base_url());
  visitor.get("/color-scheme");
  EXPECT_EQ(visitor.post("/color-scheme", {{"scheme", "high-contrast"}}).status, 303);
  EXPECT_NE(visitor.get("/").body.find("data-color-scheme=\"high-contrast\""), std::string::npos);
  EXPECT_EQ(visitor.post("/color-scheme", {{"scheme", "neon"}}).status, 422);

  auto browser = registered("scheme@example.jp");
  log_in(browser, "scheme@example.jp", good_password);
  browser.get("/color-scheme");
  browser.post("/color-scheme", {{"scheme", "large-text"}});
  EXPECT_EQ(store::find_user(*db_, user_id("scheme@example.jp"))->color_scheme, "large-text");
  BrowserSession elsewhere(server_->base_url());
  log_in(elsewhere, "scheme@example.jp", good_password);
  EXPECT_NE(elsewhere.get("/account").body.find("data-color-scheme=\"large-text\""), std::string::npos);
}

TEST(AuthCookieTest, CookiesAreSecureUnlessTheServiceIsPlainHttpOnLocalhost) {
  TestDatabase database(Backend::sqlite);
  prepare_database(database.url());
  ServerProcess public_server(database.url(), {"--base-url", "https://yoyaku.example.jp"});
  BrowserSession browser(public_server.base_url());
  browser.get("/login");
  const std::string csrf_cookie = browser.last_set_cookie("__Host-yoyaku_csrf");
  EXPECT_NE(csrf_cookie.find("; Secure"), std::string::npos) << csrf_cookie;
  EXPECT_NE(csrf_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(http_get(public_server.base_url() + "/").header("strict-transport-security").find("max-age="),
            std::string::npos);

  ServerProcess local_server(database.url());  // --base-url http://127.0.0.1:PORT
  BrowserSession local(local_server.base_url());
  local.get("/login");
  EXPECT_EQ(local.last_set_cookie("yoyaku_csrf").find("Secure"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Databases, AuthTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace yoyaku::testing
