// What a job seeker types in a form (domain/forms): 氏名・求職番号・電話番号
// (check_person_fields), STEP5 (check_booking_details) and the 取消事由
// (check_withdrawal_reason). Fields are separated by 0x1F in the input.
#include <string>

#include "domain/forms.hpp"
#include "domain/search_text.hpp"
#include "domain/text.hpp"
#include "fuzz_check.hpp"

using namespace yoyaku;

namespace {

// Valid UTF-8 with no control character but TAB, CR and LF.
bool is_text_area_text(std::string_view text) {
  if (!fuzz::reference_valid_utf8(text)) return false;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7F) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto f = fuzz::split_fields(fuzz::as_text(data, size), 6);
  const domain::PersonFields person{f[0], f[1], f[2], f[3]};

  for (auto rule : {domain::PhoneRule::required, domain::PhoneRule::optional}) {
    auto checked = domain::check_person_fields(person, rule);
    auto again = domain::check_person_fields(checked.clean, rule);
    // Each field that passed is plain text and passes again unchanged.
    for (const auto& [name, value, value_again] :
         {std::tuple{"family_name", &checked.clean.family_name, &again.clean.family_name},
          std::tuple{"given_name", &checked.clean.given_name, &again.clean.given_name},
          std::tuple{"job_seeker_number", &checked.clean.job_seeker_number, &again.clean.job_seeker_number},
          std::tuple{"phone", &checked.clean.phone, &again.clean.phone}}) {
      if (checked.errors.count(name)) {
        FUZZ_CHECK(value->empty());
        continue;
      }
      FUZZ_CHECK(domain::is_plain_text(*value, false));
      FUZZ_CHECK(!again.errors.count(name));
      FUZZ_CHECK(*value_again == *value);
    }
    if (rule == domain::PhoneRule::required) FUZZ_CHECK(checked.errors.count("phone") || !checked.clean.phone.empty());
  }

  domain::BookingDetails details{person, domain::split_list(f[4]), f[5]};
  auto booking = domain::check_booking_details(details);
  if (!booking.errors.count("staff_note")) {
    FUZZ_CHECK(domain::is_valid_utf8(booking.clean.staff_note));
    FUZZ_CHECK(domain::count_code_points(booking.clean.staff_note) <= domain::staff_note_max);
    FUZZ_CHECK(is_text_area_text(booking.clean.staff_note));  // stored and shown to staff
  }
  for (const auto& topic : booking.clean.topics) FUZZ_CHECK(!domain::topic_label(topic).empty());
  if (!booking.errors.count("topics")) {
    auto again = domain::check_booking_details(booking.clean);
    FUZZ_CHECK(!again.errors.count("topics") && again.clean.topics == booking.clean.topics);
  }

  const std::string& reason_text = f[5];
  auto reason = domain::check_withdrawal_reason(reason_text);
  FUZZ_CHECK(reason.clean.find('\r') == std::string::npos);
  if (reason.error.empty()) {
    FUZZ_CHECK(!reason.clean.empty());
    FUZZ_CHECK(is_text_area_text(reason.clean));  // stored, mailed and shown to staff
    FUZZ_CHECK(reason.characters <= domain::withdrawal_reason_max);
    FUZZ_CHECK(reason.characters == domain::count_user_characters(reason.clean));
    auto again = domain::check_withdrawal_reason(reason.clean);
    FUZZ_CHECK(again.error.empty() && again.clean == reason.clean);
  }
  const std::string lines = domain::normalise_line_ends(reason_text);
  FUZZ_CHECK(lines.find('\r') == std::string::npos);
  FUZZ_CHECK(domain::normalise_line_ends(lines) == lines);
  return 0;
}
