#include "support/signed_in_users.hpp"

#include <chrono>

#include "db/database.hpp"
#include "store/accounts.hpp"
#include "util/random.hpp"

namespace yoyaku::testing {

std::vector<std::string> make_signed_in_users(const std::string& db_url, const std::string& email_prefix,
                                              const std::string& number_prefix, int count) {
  auto c = db::connect(db_url);
  std::vector<std::string> tokens;
  const std::int64_t now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  db::in_transaction(*c, true, [&](db::Connection& t) {
    for (int i = 0; i < count; ++i) {
      store::NewUser user;
      user.email1 = email_prefix + std::to_string(i) + "@example.jp";
      user.password_hash = "not-used";
      user.family_name = "競争";
      user.given_name = std::to_string(i);
      user.job_seeker_number = number_prefix + "-" + std::string(8 - std::to_string(i).size(), '0') + std::to_string(i);
      user.phone = "0312345678";
      user.email_verified_at = now;
      auto id = store::insert_user(t, user, now);
      std::string token = random_hex(32);
      store::LoginSession session;
      session.user_id = id;
      session.csrf_token = random_hex(24);
      session.second_factor_done = true;
      session.created_at = now;
      session.idle_expires_at = now + 3600;
      session.absolute_expires_at = now + 7200;
      session.ip = "127.0.0.1";
      session.user_agent = "race";
      store::insert_session(t, sha256_hex(token), session);
      tokens.push_back(token);
    }
  });
  return tokens;
}

}  // namespace yoyaku::testing
