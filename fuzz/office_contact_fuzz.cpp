// An office's contact data as staff and the import enter it
// (domain::normalize_office_contact). Fields separated by 0x1F.
#include <cctype>
#include <string>

#include "domain/office_contact.hpp"
#include "domain/text.hpp"
#include "domain/validation.hpp"
#include "fuzz_check.hpp"

using namespace yoyaku;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto f = fuzz::split_fields(fuzz::as_text(data, size), 7);
  domain::OfficeContact contact{f[0], f[1], f[2], f[3], f[4], f[5], f[6]};
  auto errors = domain::normalize_office_contact(contact);

  if (!errors.count("postal_code") && !contact.postal_code.empty()) {
    const std::string& p = contact.postal_code;
    FUZZ_CHECK(p.size() == 8 && p[3] == '-');
    for (std::size_t i = 0; i < 8; ++i) FUZZ_CHECK(i == 3 || std::isdigit(static_cast<unsigned char>(p[i])));
  }
  if (!errors.count("address")) FUZZ_CHECK(domain::is_plain_text(contact.address, false));
  if (!errors.count("opening_hours")) {
    FUZZ_CHECK(domain::is_plain_text(contact.opening_hours, true));
    FUZZ_CHECK(contact.opening_hours.find('\r') == std::string::npos);
  }
  for (const auto& [name, value] : {std::pair{"phone", &contact.phone}, std::pair{"fax", &contact.fax},
                                    std::pair{"consultation_phone", &contact.consultation_phone}}) {
    if (!errors.count(name) && !value->empty()) FUZZ_CHECK(domain::normalize_phone(*value) == *value);
  }
  if (!errors.count("map_url") && !contact.map_url.empty()) {
    FUZZ_CHECK(contact.map_url.rfind("https://", 0) == 0);
    for (char c : contact.map_url) {
      FUZZ_CHECK(static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7F);
      FUZZ_CHECK(c != '"' && c != '<' && c != '>');
    }
  }
  if (!contact.consultation_phone.empty()) FUZZ_CHECK(contact.consultation_phone != contact.phone);
  FUZZ_CHECK(&domain::call_number(contact) ==
             (contact.consultation_phone.empty() ? &contact.phone : &contact.consultation_phone));

  // Normalising what was accepted changes nothing and finds nothing new.
  if (errors.empty()) {
    domain::OfficeContact again = contact;
    auto errors_again = domain::normalize_office_contact(again);
    FUZZ_CHECK(errors_again.empty());
    FUZZ_CHECK(again.postal_code == contact.postal_code && again.address == contact.address &&
               again.phone == contact.phone && again.consultation_phone == contact.consultation_phone &&
               again.fax == contact.fax && again.opening_hours == contact.opening_hours &&
               again.map_url == contact.map_url);
  }
  return 0;
}
