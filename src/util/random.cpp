#include "util/random.hpp"

#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <vector>

namespace yoyaku {

void ensure_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

std::string random_hex(std::size_t bytes) {
  ensure_sodium();
  std::vector<unsigned char> random(bytes);
  randombytes_buf(random.data(), random.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), random.data(), random.size());
  hex.pop_back();
  return hex;
}

std::string time_ordered_hex(std::size_t random_bytes) {
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  char time_hex[13];
  std::snprintf(time_hex, sizeof time_hex, "%012llx", static_cast<unsigned long long>(millis) & 0xffffffffffffULL);
  return time_hex + random_hex(random_bytes);
}

std::string random_digits(std::size_t count) {
  ensure_sodium();
  std::string digits;
  for (std::size_t i = 0; i < count; ++i) {
    digits += static_cast<char>('0' + (i == 0 ? 1 + randombytes_uniform(9) : randombytes_uniform(10)));
  }
  return digits;
}

std::string sha256_hex(std::string_view text) {
  ensure_sodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  ensure_sodium();
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace yoyaku
