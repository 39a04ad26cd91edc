#include "util/secret_box.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "util/random.hpp"

namespace yoyaku {
namespace {

constexpr const char* sealed_prefix = "sb1:";

std::mutex key_mutex;
std::optional<SecretKey> configured_key;

std::optional<SecretKey> current_key() {
  std::lock_guard lock(key_mutex);
  return configured_key;
}

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();
  return hex;
}

std::optional<std::vector<unsigned char>> from_hex(const std::string& hex) {
  std::vector<unsigned char> bytes(hex.size() / 2);
  std::size_t length = 0;
  if (hex.size() % 2 != 0 ||
      sodium_hex2bin(bytes.data(), bytes.size(), hex.data(), hex.size(), nullptr, &length, nullptr) != 0 ||
      length != bytes.size()) {
    return std::nullopt;
  }
  return bytes;
}

}  // namespace

void set_secret_key(std::optional<SecretKey> key) {
  ensure_sodium();
  std::lock_guard lock(key_mutex);
  configured_key = key;
}

bool has_secret_key() { return current_key().has_value(); }

SecretKey read_secret_key_file(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw std::runtime_error("cannot read the secrets key file " + path);
  std::stringstream text;
  text << file.rdbuf();
  std::string hex;
  for (char c : text.str()) {
    if (!std::isspace(static_cast<unsigned char>(c))) hex += c;
  }
  auto bytes = from_hex(hex);
  if (!bytes || bytes->size() != crypto_secretbox_KEYBYTES) {
    throw std::runtime_error("the secrets key file " + path + " must hold 64 hex characters (e.g. openssl rand -hex 32)");
  }
  SecretKey key;
  std::copy(bytes->begin(), bytes->end(), key.begin());
  return key;
}

bool create_secret_key_file(const std::string& path) {
  struct stat existing {};
  if (::stat(path.c_str(), &existing) == 0) return false;
  const std::string hex = random_hex(crypto_secretbox_KEYBYTES);
  const mode_t before = ::umask(077);
  std::ofstream file(path, std::ios::trunc);
  ::umask(before);
  if (!(file << hex << "\n")) throw std::runtime_error("cannot write the secrets key file " + path);
  return true;
}

std::string seal_secret(const std::string& plain) {
  auto key = current_key();
  if (!key) return plain;
  std::vector<unsigned char> box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size());
  unsigned char* nonce = box.data();
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(box.data() + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(plain.data()),
                        plain.size(), nonce, key->data());
  return sealed_prefix + to_hex(box.data(), box.size());
}

std::string open_secret(const std::string& stored) {
  if (stored.rfind(sealed_prefix, 0) != 0) return stored;  // written before a key was set
  auto key = current_key();
  if (!key) throw std::runtime_error("a sealed secret needs the secrets key (--secrets-key-file)");
  auto box = from_hex(stored.substr(std::char_traits<char>::length(sealed_prefix)));
  if (!box || box->size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    throw std::runtime_error("a sealed secret is damaged");
  }
  std::string plain(box->size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), box->data() + crypto_secretbox_NONCEBYTES,
                                 box->size() - crypto_secretbox_NONCEBYTES, box->data(), key->data()) != 0) {
    throw std::runtime_error("a sealed secret does not open with the configured secrets key");
  }
  return plain;
}

}  // namespace yoyaku
