#pragma once
// Cryptographically secure randomness (libsodium).
#include <cstddef>
#include <string>
#include <string_view>

namespace yoyaku {

// Initialises libsodium once; throws if it cannot be.
void ensure_sodium();

// `count` uniformly random decimal digits, the first never 0.
std::string random_digits(std::size_t count);

// `bytes` random bytes as lower-case hex (2 × bytes characters).
std::string random_hex(std::size_t bytes);

// 12 hex digits of the current time in milliseconds, then `random_bytes`
// random bytes in hex. Unguessable like random_hex, but the rows keyed by it
// go to the end of their unique index instead of a random page of it (one
// page written per batch of inserts rather than one per insert).
std::string time_ordered_hex(std::size_t random_bytes);

// SHA-256 of `text` as lower-case hex: how tokens are stored.
std::string sha256_hex(std::string_view text);

// Compares two strings in time that does not depend on where they differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace yoyaku
