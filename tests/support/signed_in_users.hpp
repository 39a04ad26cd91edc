#pragma once
// Signed-in job seekers made directly in the database, for tests that need
// many (hashing dozens of passwords would only slow them down).
#include <string>
#include <vector>

namespace yoyaku::testing {

// `count` verified users `<email_prefix>N@example.jp` with 求職番号
// `<number_prefix>-0000000N`, each with a live session: their bearer tokens.
std::vector<std::string> make_signed_in_users(const std::string& db_url, const std::string& email_prefix,
                                              const std::string& number_prefix, int count);

}  // namespace yoyaku::testing
