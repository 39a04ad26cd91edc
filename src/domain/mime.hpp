#pragma once
// Internet message format (RFC 5322) with MIME for Japanese mail: RFC 2047
// encoded-word headers and a base64 UTF-8 text body, every line ≤ 76 chars.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace yoyaku::domain {

std::string base64_encode(std::string_view bytes);

// An RFC 2047 "B" encoded-word header value, split on character boundaries so
// that no encoded word exceeds 75 characters; words are joined by CRLF SP.
// ASCII-only text without special characters is returned as it is.
std::string encode_header_text(std::string_view utf8_text, std::size_t first_line_used = 0);

// "Sat, 21 Nov 2026 18:28:12 +0900" (always in JST).
std::string rfc5322_date(std::int64_t unix_seconds);

struct MailMessage {
  std::string from_address;  // no-reply@example.jp
  std::string from_name;     // オンライン・ハローワークシステム (may be empty)
  std::vector<std::string> to;
  std::string subject;
  std::string body;  // UTF-8 text with \n line ends
  std::string message_id;  // without angle brackets
  std::int64_t date = 0;
};

// The complete message with CRLF line ends, ready for SMTP DATA.
std::string render_mail(const MailMessage& message);

}  // namespace yoyaku::domain
