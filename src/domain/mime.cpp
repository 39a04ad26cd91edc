#include "domain/mime.hpp"

#include <cstdio>

#include "domain/dates.hpp"

namespace yoyaku::domain {
namespace {

std::size_t utf8_sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

bool needs_encoding(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x7F || c < 0x20) return true;
  }
  return text.find("=?") != std::string_view::npos;
}

// Standard base64 text, wrapped at 76 characters with CRLF.
std::string wrapped_base64(std::string_view bytes) {
  std::string encoded = base64_encode(bytes);
  std::string out;
  for (std::size_t i = 0; i < encoded.size(); i += 76) {
    out.append(encoded, i, 76);
    out += "\r\n";
  }
  return out;
}

std::string normalise_newlines_to_crlf(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\r\n";
    } else if (text[i] == '\n') {
      out += "\r\n";
    } else {
      out += text[i];
    }
  }
  return out;
}

// Removes CR and LF so that no header can be injected through a value.
std::string single_line(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != '\r' && c != '\n') out += c;
  }
  return out;
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    std::uint32_t n = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                      static_cast<unsigned char>(bytes[i + 2]);
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += alphabet[(n >> 6) & 63];
    out += alphabet[n & 63];
  }
  if (i + 1 == bytes.size()) {
    std::uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    std::uint32_t n = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += alphabet[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

std::string encode_header_text(std::string_view utf8_text, std::size_t first_line_used) {
  std::string text = single_line(utf8_text);
  if (!needs_encoding(text)) return text;
  // "=?UTF-8?B?" + payload + "?=" is at most 75 characters: payload ≤ 63
  // base64 characters, i.e. at most 45 bytes of UTF-8 per word.
  constexpr std::size_t max_bytes_per_word = 45;
  std::string out;
  std::size_t pos = 0;
  bool first = true;
  while (pos < text.size()) {
    std::size_t budget = max_bytes_per_word;
    if (first && first_line_used > 0) {
      // Keep the first line within 78 characters including "Subject: ".
      std::size_t room = first_line_used < 60 ? (78 - first_line_used - 12) / 4 * 3 : 12;
      budget = std::min(budget, room);
    }
    std::size_t end = pos;
    while (end < text.size()) {
      std::size_t length = utf8_sequence_length(static_cast<unsigned char>(text[end]));
      if (end + length - pos > budget) break;
      end += length;
    }
    if (end == pos) end = std::min(text.size(), pos + utf8_sequence_length(static_cast<unsigned char>(text[pos])));
    if (!first) out += "\r\n ";
    out += "=?UTF-8?B?" + base64_encode(std::string_view(text).substr(pos, end - pos)) + "?=";
    pos = end;
    first = false;
  }
  return out;
}

std::string rfc5322_date(std::int64_t unix_seconds) {
  static const char* weekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  JstDateTime jst = to_jst(unix_seconds);
  char text[64];
  std::snprintf(text, sizeof text, "%s, %02u %s %04d %02d:%02d:%02d +0900",
                weekdays[weekday_of(jst.date).c_encoding()], static_cast<unsigned>(jst.date.day()),
                months[static_cast<unsigned>(jst.date.month()) - 1], static_cast<int>(jst.date.year()), jst.hour,
                jst.minute, jst.second);
  return text;
}

std::string render_mail(const MailMessage& message) {
  std::string out;
  out += "Date: " + rfc5322_date(message.date) + "\r\n";
  if (message.from_name.empty()) {
    out += "From: " + single_line(message.from_address) + "\r\n";
  } else {
    out += "From: " + encode_header_text(message.from_name, 6) + " <" + single_line(message.from_address) + ">\r\n";
  }
  out += "To: ";
  for (std::size_t i = 0; i < message.to.size(); ++i) {
    if (i) out += ",\r\n ";
    out += single_line(message.to[i]);
  }
  out += "\r\n";
  out += "Subject: " + encode_header_text(message.subject, 9) + "\r\n";
  out += "Message-ID: <" + single_line(message.message_id) + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "\r\n";
  out += wrapped_base64(normalise_newlines_to_crlf(message.body));
  return out;
}

}  // namespace yoyaku::domain
