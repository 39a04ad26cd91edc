#pragma once
// Password hashing with libsodium's argon2id, and the check of a new password.
#include <optional>
#include <string>
#include <string_view>

namespace yoyaku::services {

std::string hash_password(std::string_view password);
bool verify_password(std::string_view password, const std::string& hash);

// Why a new password is refused (in Japanese), or nullopt: the service's own
// rules (domain/password_policy: length, the most common passwords, the
// e-mail address), then the system's maintained checker (libpwquality with
// the cracklib dictionary: dictionary words, simple patterns, palindromes).
std::optional<std::string> new_password_problem(const std::string& password, const std::string& email);

}  // namespace yoyaku::services
