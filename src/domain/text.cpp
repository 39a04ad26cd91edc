#include "domain/text.hpp"

#include <cstdint>

namespace yoyaku::domain {
namespace {

// Decodes one code point at `pos`; returns its length in bytes, 0 when invalid.
std::size_t decode_utf8(std::string_view text, std::size_t pos, char32_t& out) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(pos);
  std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || pos + length > text.size()) return 0;
  if (length == 1) {
    out = lead;
    return 1;
  }
  char32_t value = lead & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) {
    unsigned char next = byte(pos + i);
    if ((next & 0xC0) != 0x80) return 0;
    value = (value << 6) | (next & 0x3F);
  }
  static constexpr char32_t minimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (value < minimum[length] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0;
  out = value;
  return length;
}

bool is_dash(char32_t c) {
  return c == U'－' || c == U'‐' || c == U'‑' || c == U'‒' || c == U'–' || c == U'—' || c == U'―' || c == U'−' ||
         c == U'ー' || c == U'ｰ';
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    char32_t c = 0;
    std::size_t length = decode_utf8(text, pos, c);
    if (length == 0) return false;
    pos += length;
  }
  return true;
}

bool is_clean_utf8(std::string_view text) {
  return text.find('\0') == std::string_view::npos && is_valid_utf8(text);
}

std::string sanitize_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    char32_t c = 0;
    std::size_t length = decode_utf8(text, pos, c);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++pos;
      continue;
    }
    if (c < 0x20 || c == 0x7F) {
      out += ' ';
    } else {
      out.append(text.substr(pos, length));
    }
    pos += length;
  }
  return out;
}

std::string truncate_utf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t end = max_bytes;
  // Step back over continuation bytes (10xxxxxx) to the start of the cut character.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end));
}

std::size_t count_code_points(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t pos = 0; pos < text.size(); ++count) {
    char32_t c = 0;
    std::size_t length = decode_utf8(text, pos, c);
    pos += length == 0 ? 1 : length;
  }
  return count;
}

std::string trim(std::string_view text) {
  constexpr std::string_view ideographic_space = "\u3000";
  bool changed = true;
  while (changed && !text.empty()) {
    changed = false;
    if (text.front() == ' ' || text.front() == '\t' || text.front() == '\r' || text.front() == '\n') {
      text.remove_prefix(1);
      changed = true;
    } else if (text.substr(0, ideographic_space.size()) == ideographic_space) {
      text.remove_prefix(ideographic_space.size());
      changed = true;
    }
    if (text.empty()) break;
    if (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n') {
      text.remove_suffix(1);
      changed = true;
    } else if (text.size() >= ideographic_space.size() &&
               text.substr(text.size() - ideographic_space.size()) == ideographic_space) {
      text.remove_suffix(ideographic_space.size());
      changed = true;
    }
  }
  return std::string(text);
}

std::string normalize_digits_and_hyphens(std::string_view input) {
  std::string text = trim(input);
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    char32_t c = 0;
    std::size_t length = decode_utf8(text, pos, c);
    if (length == 0) {  // keep invalid bytes; validation rejects them later
      out += text[pos++];
      continue;
    }
    if (c >= U'０' && c <= U'９') {
      out += static_cast<char>('0' + (c - U'０'));
    } else if (is_dash(c)) {
      out += '-';
    } else {
      out.append(text, pos, length);
    }
    pos += length;
  }
  return out;
}

std::vector<std::string> split_list(std::string_view text, char separator) {
  std::vector<std::string> items;
  while (!text.empty()) {
    auto at = text.find(separator);
    auto item = text.substr(0, at);
    if (!item.empty()) items.emplace_back(item);
    if (at == std::string_view::npos) break;
    text.remove_prefix(at + 1);
  }
  return items;
}

std::string join_list(const std::vector<std::string>& items, std::string_view separator) {
  std::string text;
  for (const auto& item : items) {
    if (!text.empty()) text += separator;
    text += item;
  }
  return text;
}

std::string url_encode(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '_' || c == '.' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

bool is_plain_text(std::string_view text, bool multiline) {
  if (!is_valid_utf8(text)) return false;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (multiline && (c == '\n' || c == '\r')) continue;
    if (u < 0x20 || u == 0x7F) return false;
  }
  return true;
}

int typed_whole_number(std::string_view typed) {
  const std::string text = trim(normalize_digits_and_hyphens(typed));
  if (text.empty() || text.size() > 6) return -1;
  int value = 0;
  for (char ch : text) {
    if (ch < '0' || ch > '9') return -1;
    value = value * 10 + (ch - '0');
  }
  return value;
}

}  // namespace yoyaku::domain
