#pragma once
// Field rules for job-seeker data (manual STEP5, 利用者登録).
#include <optional>
#include <string>
#include <string_view>

namespace yoyaku::domain {

// 求職番号: NNNNN-NNNNNNNN after normalising full-width input. nullopt if invalid.
std::optional<std::string> normalize_job_seeker_number(std::string_view input);

// 連絡先電話番号: 10 or 11 digits, with or without hyphens (manual 1.3 types 1234567890).
// Returns the number as typed but normalised to half-width; nullopt if invalid.
std::optional<std::string> normalize_phone(std::string_view input);

// A plausible e-mail address (one @, no spaces, a dot in the domain), lower-cased.
std::optional<std::string> normalize_email(std::string_view input);

// A name part (氏 or 名): trimmed, 1–50 characters, valid UTF-8, no control characters.
std::optional<std::string> normalize_name_part(std::string_view input);

// A path of this site that is safe to send back in a Location header after
// sign-in: "/" followed by URL characters only (RFC 3986 path, query and
// percent-escapes), never "//" or "/\\" (another host), never a control
// character, space, backslash or non-ASCII byte (header injection, browsers
// that drop a tab and see "//evil.example").
bool is_safe_local_path(std::string_view path);

inline constexpr std::size_t minimum_password_length = 10;

}  // namespace yoyaku::domain
