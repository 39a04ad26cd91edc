#pragma once
// Password hashing with libsodium's argon2id.
#include <string>
#include <string_view>

namespace yoyaku::services {

std::string hash_password(std::string_view password);
bool verify_password(std::string_view password, const std::string& hash);

}  // namespace yoyaku::services
