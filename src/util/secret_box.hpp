#pragma once
// Secrets at rest (the TOTP keys of job seekers and staff): sealed with
// libsodium's secretbox (XSalsa20-Poly1305) under a key from the
// configuration, so that a copy of the database alone gives nobody a second
// factor. Sealed values read "sb1:" followed by hex of nonce and ciphertext;
// values written before a key was configured stay readable as they are.
#include <array>
#include <optional>
#include <string>

namespace yoyaku {

using SecretKey = std::array<unsigned char, 32>;

// The key for this process; nullopt: secrets are written as they are (web tests).
void set_secret_key(std::optional<SecretKey> key);
bool has_secret_key();

// A key file holds 64 hex characters (surrounding white space ignored).
// Throws std::runtime_error saying what is wrong with it.
SecretKey read_secret_key_file(const std::string& path);
// Writes a new random key to `path` (mode 0600) unless the file exists.
// Returns whether it created one.
bool create_secret_key_file(const std::string& path);

// Sealed with the key, or `plain` itself when no key is set.
std::string seal_secret(const std::string& plain);
// The plain text of a stored value. Throws std::runtime_error when it is
// sealed and the key is missing or not the one it was sealed with.
std::string open_secret(const std::string& stored);

}  // namespace yoyaku
