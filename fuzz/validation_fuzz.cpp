// Field rules (domain/validation, domain/text): 求職番号, 電話番号, e-mail,
// name parts, whole numbers, trimming, full-width folding, UTF-8 checks, lists.
#include <algorithm>
#include <cctype>
#include <string>

#include "domain/text.hpp"
#include "domain/validation.hpp"
#include "fuzz_check.hpp"

using namespace yoyaku;

namespace {

bool is_space_at_edge(std::string_view s) {
  auto edge = [](std::string_view t) {
    return t.front() == ' ' || t.front() == '\t' || t.front() == '\r' || t.front() == '\n';
  };
  if (s.empty()) return false;
  std::string_view back = s.substr(s.size() - 1);
  return edge(s) || edge(back) || s.substr(0, 3) == "\u3000" ||
         (s.size() >= 3 && s.substr(s.size() - 3) == "\u3000");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);

  // UTF-8: the service's check agrees with an independent one.
  const bool valid = domain::is_valid_utf8(text);
  FUZZ_CHECK(valid == fuzz::reference_valid_utf8(text));
  if (valid) {
    std::size_t lead_bytes = 0;
    for (char c : text) lead_bytes += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    FUZZ_CHECK(domain::count_code_points(text) == lead_bytes);
  }
  FUZZ_CHECK(domain::count_code_points(text) <= text.size());
  if (domain::is_plain_text(text, false)) FUZZ_CHECK(valid && domain::is_plain_text(text, true));

  const std::string trimmed = domain::trim(text);
  FUZZ_CHECK(!is_space_at_edge(trimmed));
  FUZZ_CHECK(domain::trim(trimmed) == trimmed);
  FUZZ_CHECK(text.find(trimmed) != std::string_view::npos);

  const std::string folded = domain::normalize_digits_and_hyphens(text);
  FUZZ_CHECK(domain::normalize_digits_and_hyphens(folded) == folded);
  FUZZ_CHECK(folded.size() <= text.size());
  if (valid) FUZZ_CHECK(domain::is_valid_utf8(folded));

  if (auto number = domain::normalize_job_seeker_number(text)) {
    FUZZ_CHECK(number->size() == 14 && (*number)[5] == '-');
    for (std::size_t i = 0; i < 14; ++i) FUZZ_CHECK(i == 5 || std::isdigit(static_cast<unsigned char>((*number)[i])));
    FUZZ_CHECK(domain::normalize_job_seeker_number(*number) == number);
  }
  if (auto phone = domain::normalize_phone(text)) {
    std::size_t digits = 0;
    for (char c : *phone) {
      FUZZ_CHECK(std::isdigit(static_cast<unsigned char>(c)) || c == '-');
      digits += std::isdigit(static_cast<unsigned char>(c)) != 0;
    }
    FUZZ_CHECK(digits == 10 || digits == 11);
    FUZZ_CHECK(phone->front() != '-' && phone->back() != '-' && phone->find("--") == std::string::npos);
    FUZZ_CHECK(domain::normalize_phone(*phone) == phone);
  }
  if (auto email = domain::normalize_email(text)) {
    FUZZ_CHECK(std::count(email->begin(), email->end(), '@') == 1);
    for (char c : *email) FUZZ_CHECK(static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7F);
    for (char c : *email) FUZZ_CHECK(!(c >= 'A' && c <= 'Z'));
    FUZZ_CHECK(domain::normalize_email(*email) == email);
  }
  if (auto name = domain::normalize_name_part(text)) {
    FUZZ_CHECK(!name->empty() && domain::is_plain_text(*name, false));
    FUZZ_CHECK(domain::count_code_points(*name) <= 50);
    FUZZ_CHECK(domain::normalize_name_part(*name) == name);
  }

  const int number = domain::typed_whole_number(text);
  FUZZ_CHECK(number >= -1 && number <= 999999);
  if (number >= 0) FUZZ_CHECK(domain::typed_whole_number(std::to_string(number)) == number);

  // Lists: items are non-empty and hold no separator; joining and splitting again is stable.
  auto items = domain::split_list(text);
  for (const auto& item : items) FUZZ_CHECK(!item.empty() && item.find(',') == std::string::npos);
  FUZZ_CHECK(domain::split_list(domain::join_list(items)) == items);
  return 0;
}
