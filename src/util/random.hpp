#pragma once
// Cryptographically secure randomness (libsodium).
#include <cstddef>
#include <string>

namespace yoyaku {

// Initialises libsodium once; throws if it cannot be.
void ensure_sodium();

// `bytes` random bytes as lower-case hex (2 × bytes characters).
std::string random_hex(std::size_t bytes);

}  // namespace yoyaku
