#pragma once
// Signed-in job seekers made directly in the database, for tests that need
// many (hashing dozens of passwords would only slow them down).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace yoyaku::testing {

// A complete (second factor done) session of a job seeker or a staff member,
// written straight into the database, live for an hour from `now`.
struct LiveSession {
  std::string token;  // the cookie or bearer token
  std::string csrf;   // the session's CSRF token
};
LiveSession insert_live_session(db::Connection& c, std::optional<std::int64_t> user_id,
                                std::optional<std::int64_t> staff_id, std::int64_t now, const std::string& user_agent);

// `count` verified users `<email_prefix>N@example.jp` with 求職番号
// `<number_prefix>-0000000N`, each with a live session: their bearer tokens.
std::vector<std::string> make_signed_in_users(const std::string& db_url, const std::string& email_prefix,
                                              const std::string& number_prefix, int count);

}  // namespace yoyaku::testing
