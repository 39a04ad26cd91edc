// Slot ids ("12-20240822-1400") and reservation numbers ("20240820-000123").
#include <cstring>
#include <string>

#include "domain/booking_ids.hpp"
#include "fuzz_check.hpp"

using namespace yoyaku;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);

  if (auto key = domain::parse_slot_id(text)) {
    FUZZ_CHECK(key->frame_id > 0 && key->date.ok());
    FUZZ_CHECK(key->start_minute >= 0 && key->start_minute < 24 * 60);
    // Strict inverse of slot_id: one slot, one id.
    FUZZ_CHECK(domain::slot_id(*key) == text);
    FUZZ_CHECK(domain::parse_slot_id(domain::slot_id(*key)) == key);
  }
  if (domain::is_reservation_number(text)) {
    FUZZ_CHECK(text.size() == 15 && text[8] == '-');
    auto date = domain::parse_iso_date(std::string(text.substr(0, 4)) + "-" + std::string(text.substr(4, 2)) + "-" +
                                       std::string(text.substr(6, 2)));
    FUZZ_CHECK(date.has_value());
    FUZZ_CHECK(domain::reservation_number(*date, std::stoll(std::string(text.substr(9)))) == text);
  }
  return 0;
}
