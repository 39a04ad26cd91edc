#pragma once
// Authenticator-app codes (RFC 6238 TOTP: HMAC-SHA1, 30-second steps, 6 digits) via liboath.
#include <cstdint>
#include <optional>
#include <string>

namespace yoyaku::services {

// A new 160-bit secret, base32 as authenticator apps show it.
std::string new_totp_secret();
// The step (time / 30 s) that `code` belongs to, within ±1 step of `now`; nullopt if wrong.
std::optional<std::int64_t> match_totp(const std::string& secret_base32, const std::string& code, std::int64_t now);
// The current code (tests, and nothing else, need to compute one).
std::string totp_code(const std::string& secret_base32, std::int64_t now);
std::int64_t totp_step(std::int64_t now);
// An operator-given secret (base32, spaces and case ignored, at least 80 bits), upper-cased; nullopt if unusable.
std::optional<std::string> normalize_totp_secret(const std::string& text);
// otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30
std::string otpauth_uri(const std::string& issuer, const std::string& account, const std::string& secret_base32);
// The QR code of `text` as an SVG image.
std::string qr_svg(const std::string& text);

}  // namespace yoyaku::services
