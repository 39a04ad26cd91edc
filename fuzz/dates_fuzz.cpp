// Dates and times as the service reads and writes them (domain/dates).
#include <cstring>
#include <stdexcept>
#include <string>

#include "domain/dates.hpp"
#include "fuzz_check.hpp"

using namespace yoyaku;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);

  if (auto date = domain::parse_iso_date(text)) {
    FUZZ_CHECK(date->ok());
    FUZZ_CHECK(domain::to_iso(*date) == text);  // strict: only the canonical form parses
    FUZZ_CHECK(domain::to_compact(*date).size() == 8);
    FUZZ_CHECK(!domain::japanese_date(*date).empty());
    FUZZ_CHECK(domain::add_days(domain::add_days(*date, 1), -1) == *date);
    FUZZ_CHECK(domain::days_between(*date, domain::add_days(*date, 7)) == 7);
  }
  if (auto minute = domain::parse_hh_mm(text)) {
    FUZZ_CHECK(*minute >= 0 && *minute < 24 * 60);
    FUZZ_CHECK(domain::format_hh_mm(*minute) == text);
  }

  // Instants: eight bytes as Unix seconds; outside years 0000..9999 is refused, never undefined.
  if (size >= 8) {
    std::int64_t seconds = 0;
    std::memcpy(&seconds, data, sizeof seconds);
    try {
      auto jst = domain::to_jst(seconds);
      FUZZ_CHECK(jst.date.ok() && jst.hour >= 0 && jst.hour < 24 && jst.minute >= 0 && jst.minute < 60);
      FUZZ_CHECK(domain::from_jst(jst.date, jst.hour, jst.minute, jst.second) == seconds);
      FUZZ_CHECK(domain::jst_date_of(seconds) == jst.date);
      FUZZ_CHECK(!domain::japanese_date_time(seconds).empty());
    } catch (const std::out_of_range&) {
    }
  }
  return 0;
}
