#include "domain/office_contact.hpp"

#include <cctype>

#include "domain/text.hpp"
#include "domain/validation.hpp"

namespace yoyaku::domain {
namespace {

constexpr std::size_t max_address_code_points = 200;
constexpr std::size_t max_hours_code_points = 300;
constexpr std::size_t max_url_bytes = 500;

// Text without control characters (newlines allowed where `multiline`).
std::string normalized_newlines(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out.push_back('\n');
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out.push_back(text[i]);
    }
  }
  return trim(out);
}

// "1418609", "141-8609", "〒１４１－８６０９" → "141-8609"; nullopt otherwise.
std::optional<std::string> normalize_postal_code(const std::string& input) {
  std::string value = normalize_digits_and_hyphens(input);
  const std::string postal_mark = "〒";
  if (value.rfind(postal_mark, 0) == 0) value = trim(value.substr(postal_mark.size()));
  std::string digits;
  for (std::size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits.push_back(c);
    } else if (!(c == '-' && i == 3)) {
      return std::nullopt;
    }
  }
  if (digits.size() != 7) return std::nullopt;
  return digits.substr(0, 3) + "-" + digits.substr(3);
}

// Non-ASCII bytes percent-encoded, as a browser's address bar copies them.
std::string ascii_url(const std::string& url) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : url) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x80) {
      out.push_back(c);
    } else {
      out.append({'%', hex[u >> 4], hex[u & 0xF]});
    }
  }
  return out;
}

bool is_map_url(const std::string& url) {
  if (url.size() > max_url_bytes || url.rfind("https://", 0) != 0 || url.size() <= 8) return false;
  for (char c : url) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || c == '"' || c == '<' || c == '>' || c == '\\') return false;
  }
  return true;
}

void check_phone(std::string& value, const char* field, const char* what, std::map<std::string, std::string>& errors) {
  value = trim(value);
  if (value.empty()) return;
  if (auto phone = normalize_phone(value)) {
    value = *phone;
  } else {
    errors[field] = std::string(what) + "は、10桁または11桁の数字で入力してください。例) 03-5783-8609";
  }
}

}  // namespace

std::map<std::string, std::string> normalize_office_contact(OfficeContact& contact) {
  std::map<std::string, std::string> errors;
  contact.postal_code = trim(contact.postal_code);
  if (!contact.postal_code.empty()) {
    if (auto code = normalize_postal_code(contact.postal_code)) {
      contact.postal_code = *code;
    } else {
      errors["postal_code"] = "郵便番号は7桁の数字で入力してください。例) 141-8609";
    }
  }
  contact.address = trim(contact.address);
  if (!is_plain_text(contact.address, false) || count_code_points(contact.address) > max_address_code_points) {
    errors["address"] = "所在地は改行を含めず200文字以内で入力してください。";
  }
  check_phone(contact.phone, "phone", "電話番号", errors);
  check_phone(contact.consultation_phone, "consultation_phone", "職業相談の電話番号", errors);
  check_phone(contact.fax, "fax", "FAX番号", errors);
  contact.opening_hours = normalized_newlines(contact.opening_hours);
  if (!is_plain_text(contact.opening_hours, true) || count_code_points(contact.opening_hours) > max_hours_code_points) {
    errors["opening_hours"] = "開庁時間は300文字以内で入力してください。";
  }
  contact.map_url = trim(contact.map_url);
  if (is_valid_utf8(contact.map_url)) contact.map_url = ascii_url(contact.map_url);
  if (!contact.map_url.empty() && !is_map_url(contact.map_url)) {
    errors["map_url"] = "地図のURLは https:// で始まる形式で入力してください。";
  }
  if (contact.consultation_phone == contact.phone) contact.consultation_phone.clear();  // no second line then
  return errors;
}

const std::string& call_number(const OfficeContact& contact) {
  return contact.consultation_phone.empty() ? contact.phone : contact.consultation_phone;
}

}  // namespace yoyaku::domain
