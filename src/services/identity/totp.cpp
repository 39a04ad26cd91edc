#include "services/identity/totp.hpp"

#include <liboath/oath.h>
#include <qrencode.h>
#include <sodium.h>

#include <cctype>
#include <memory>
#include <stdexcept>

#include "domain/text.hpp"
#include "util/random.hpp"

namespace yoyaku::services {
namespace {

constexpr unsigned step_seconds = 30;
constexpr unsigned digits = 6;

void ensure_oath() {
  static const bool ready = oath_init() == OATH_OK;
  if (!ready) throw std::runtime_error("liboath could not be initialised");
}

std::string decode_secret(const std::string& base32) {
  ensure_oath();
  char* raw = nullptr;
  size_t length = 0;
  if (oath_base32_decode(base32.data(), base32.size(), &raw, &length) != OATH_OK) {
    throw std::runtime_error("bad TOTP secret");
  }
  std::string secret(raw, length);
  sodium_memzero(raw, length);
  free(raw);
  return secret;
}

}  // namespace

std::string new_totp_secret() {
  ensure_oath();
  ensure_sodium();
  unsigned char random[20];
  randombytes_buf(random, sizeof random);
  char* encoded = nullptr;
  size_t length = 0;
  if (oath_base32_encode(reinterpret_cast<const char*>(random), sizeof random, &encoded, &length) != OATH_OK) {
    throw std::runtime_error("cannot encode a TOTP secret");
  }
  std::string secret(encoded, length);
  free(encoded);
  sodium_memzero(random, sizeof random);
  while (!secret.empty() && secret.back() == '=') secret.pop_back();
  return secret;
}

std::int64_t totp_step(std::int64_t now) { return now / step_seconds; }

std::optional<std::string> normalize_totp_secret(const std::string& text) {
  std::string secret;
  for (char ch : text) {
    if (ch == ' ' || ch == '-') continue;
    secret += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  while (!secret.empty() && secret.back() == '=') secret.pop_back();
  // At least 80 bits (16 base32 characters), what authenticator apps accept.
  if (secret.size() < 16 || secret.size() > 128) return std::nullopt;
  for (char ch : secret) {
    if (!((ch >= 'A' && ch <= 'Z') || (ch >= '2' && ch <= '7'))) return std::nullopt;
  }
  try {
    decode_secret(secret);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return secret;
}

std::optional<std::int64_t> match_totp(const std::string& secret_base32, const std::string& code_input,
                                       std::int64_t now) {
  std::string code;
  for (char c : domain::normalize_digits_and_hyphens(code_input)) {
    if (c >= '0' && c <= '9') code += c;
    else if (c != ' ' && c != '-') return std::nullopt;
  }
  if (code.size() != digits) return std::nullopt;
  std::string secret = decode_secret(secret_base32);
  int position = 0;
  uint64_t counter = 0;
  int rc = oath_totp_validate3(secret.data(), secret.size(), static_cast<time_t>(now), step_seconds, 0, 1, &position,
                               &counter, code.c_str());
  sodium_memzero(secret.data(), secret.size());
  if (rc < 0) return std::nullopt;
  return static_cast<std::int64_t>(counter);
}

std::string totp_code(const std::string& secret_base32, std::int64_t now) {
  std::string secret = decode_secret(secret_base32);
  char code[digits + 1] = {0};
  oath_totp_generate(secret.data(), secret.size(), static_cast<time_t>(now), step_seconds, 0, digits, code);
  return code;
}

std::string otpauth_uri(const std::string& issuer, const std::string& account, const std::string& secret_base32) {
  return "otpauth://totp/" + domain::url_encode(issuer) + ":" + domain::url_encode(account) +
         "?secret=" + secret_base32 + "&issuer=" + domain::url_encode(issuer) +
         "&algorithm=SHA1&digits=6&period=30";
}

std::string qr_svg(const std::string& text) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1),
                                                      QRcode_free);
  if (!qr) throw std::runtime_error("cannot make a QR code");
  const int margin = 4;
  const int size = qr->width + 2 * margin;
  std::string path;
  for (int y = 0; y < qr->width; ++y) {
    for (int x = 0; x < qr->width; ++x) {
      if (qr->data[y * qr->width + x] & 1) {
        path += "M" + std::to_string(x + margin) + " " + std::to_string(y + margin) + "h1v1h-1z";
      }
    }
  }
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(size) + " " +
         std::to_string(size) + "\" width=\"240\" height=\"240\" shape-rendering=\"crispEdges\" role=\"img\" "
         "aria-label=\"認証アプリに読み込むQRコード\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"" +
         path + "\" fill=\"#000\"/></svg>";
}

}  // namespace yoyaku::services
