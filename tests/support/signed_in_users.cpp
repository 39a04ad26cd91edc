#include "support/signed_in_users.hpp"

#include <chrono>

#include "db/database.hpp"
#include "store/accounts.hpp"
#include "util/random.hpp"

namespace yoyaku::testing {

LiveSession insert_live_session(db::Connection& c, std::optional<std::int64_t> user_id,
                                std::optional<std::int64_t> staff_id, std::int64_t now, const std::string& user_agent) {
  LiveSession live{random_hex(32), random_hex(24)};
  store::LoginSession session;
  session.user_id = user_id;
  session.staff_id = staff_id;
  session.csrf_token = live.csrf;
  session.second_factor_done = true;
  session.created_at = now;
  session.idle_expires_at = now + 3600;
  session.absolute_expires_at = now + 7200;
  session.ip = "127.0.0.1";
  session.user_agent = user_agent;
  store::insert_session(c, sha256_hex(live.token), session);
  return live;
}

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
      tokens.push_back(insert_live_session(t, id, std::nullopt, now, "race").token);
    }
  });
  return tokens;
}

}  // namespace yoyaku::testing
