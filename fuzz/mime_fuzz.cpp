// Mail headers (domain/mime): RFC 2047 encoded words and the rendered message.
// Input: subject 0x1F sender name 0x1F recipient 0x1F body.
#include <string>

#include "domain/mime.hpp"
#include "domain/text.hpp"
#include "fuzz_check.hpp"

using namespace yoyaku;

namespace {

std::string base64_decode(std::string_view text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  FUZZ_CHECK(text.size() % 4 == 0);
  std::string out;
  for (std::size_t i = 0; i < text.size(); i += 4) {
    int a = value(text[i]), b = value(text[i + 1]), c = value(text[i + 2]), d = value(text[i + 3]);
    FUZZ_CHECK(a >= 0 && b >= 0);
    out += static_cast<char>((a << 2) | (b >> 4));
    if (text[i + 2] == '=') break;
    FUZZ_CHECK(c >= 0);
    out += static_cast<char>(((b & 15) << 4) | (c >> 2));
    if (text[i + 3] == '=') break;
    FUZZ_CHECK(d >= 0);
    out += static_cast<char>(((c & 3) << 6) | d);
  }
  return out;
}

std::string without_line_breaks(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != '\r' && c != '\n') out += c;
  }
  return out;
}

// Checks one header value as encode_header_text wrote it; returns the decoded text.
std::string decode_header(const std::string& encoded, std::size_t first_line_used, bool valid_utf8) {
  const std::string prefix = "=?UTF-8?B?";
  if (encoded.rfind(prefix, 0) != 0) {
    FUZZ_CHECK(encoded.find_first_of("\r\n") == std::string::npos);
    return encoded;
  }
  std::string decoded;
  std::size_t start = 0;
  bool first = true;
  while (true) {
    auto end = encoded.find("\r\n ", start);
    std::string_view word = std::string_view(encoded).substr(start, end == std::string::npos ? end : end - start);
    FUZZ_CHECK(word.size() <= 75);
    if (first && first_line_used > 0 && first_line_used <= 40) FUZZ_CHECK(first_line_used + word.size() <= 78);
    FUZZ_CHECK(word.rfind(prefix, 0) == 0 && word.size() >= prefix.size() + 2 && word.substr(word.size() - 2) == "?=");
    std::string part = base64_decode(word.substr(prefix.size(), word.size() - prefix.size() - 2));
    if (valid_utf8) FUZZ_CHECK(domain::is_valid_utf8(part));  // never splits a character
    decoded += part;
    first = false;
    if (end == std::string::npos) break;
    start = end + 3;
  }
  return decoded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto f = fuzz::split_fields(fuzz::as_text(data, size), 4);
  const std::string& subject = f[0];
  const bool valid = domain::is_valid_utf8(subject);

  for (std::size_t used : {0, 6, 9, 40}) {
    std::string encoded = domain::encode_header_text(subject, used);
    FUZZ_CHECK(decode_header(encoded, used, valid) == without_line_breaks(subject));
  }

  domain::MailMessage message;
  message.from_address = "no-reply@example.jp";
  message.from_name = f[1];
  message.to = {f[2], "someone@example.jp"};
  message.subject = subject;
  message.body = f[3];
  message.message_id = "fuzz@example.jp";
  message.date = 1'790'000'000;
  const std::string mail = domain::render_mail(message);

  // No header can be injected: every header line is a known header or a folded continuation.
  auto blank = mail.find("\r\n\r\n");
  FUZZ_CHECK(blank != std::string::npos);
  std::string_view headers = std::string_view(mail).substr(0, blank + 2);
  for (std::size_t start = 0; start < headers.size();) {
    auto end = headers.find("\r\n", start);
    FUZZ_CHECK(end != std::string_view::npos);
    std::string_view line = headers.substr(start, end - start);
    FUZZ_CHECK(line.find('\r') == std::string_view::npos && line.find('\n') == std::string_view::npos);
    bool known = false;
    for (std::string_view name : {"Date: ", "From: ", "To: ", "Subject: ", "Message-ID: ", "MIME-Version: ",
                                  "Content-Type: ", "Content-Transfer-Encoding: ", " "}) {
      known = known || line.rfind(name, 0) == 0;
    }
    FUZZ_CHECK(known);
    start = end + 2;
  }
  // The body is base64 in lines of at most 76 characters and decodes to the text with CRLF line ends.
  std::string body_base64;
  std::string_view body = std::string_view(mail).substr(blank + 4);
  for (std::size_t start = 0; start < body.size();) {
    auto end = body.find("\r\n", start);
    FUZZ_CHECK(end != std::string_view::npos && end - start <= 76);
    body_base64 += body.substr(start, end - start);
    start = end + 2;
  }
  std::string decoded_body = base64_decode(body_base64);
  FUZZ_CHECK(without_line_breaks(decoded_body) == without_line_breaks(f[3]));
  return 0;
}
