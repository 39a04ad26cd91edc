#include "domain/booking_ids.hpp"

#include <gtest/gtest.h>

namespace yoyaku::domain {
namespace {

using std::chrono::year;

TEST(BookingIdsTest, SlotIdsRoundTrip) {
  SlotKey key{12, Date{year{2024} / 8 / 22}, 14 * 60};
  EXPECT_EQ(slot_id(key), "12-20240822-1400");
  EXPECT_EQ(parse_slot_id("12-20240822-1400"), key);
  EXPECT_EQ(parse_slot_id("7-20241231-0930")->start_minute, 9 * 60 + 30);
}

TEST(BookingIdsTest, MalformedSlotIdsAreRefused) {
  for (const char* text : {"", "12", "12-20240822", "12-20240822-14000", "0-20240822-1400", "-1-20240822-1400",
                           "x-20240822-1400", "12-20240230-1400", "12-20240822-2400", "12-20240822-1460",
                           "12-2024082-21400", "12 -20240822-1400", "+12-20240822-1400", "12-20240822-14:0",
                           "99999999999999999999-20240822-1400"}) {
    EXPECT_FALSE(parse_slot_id(text).has_value()) << text;
  }
}

TEST(BookingIdsTest, ReservationNumbersAreTheDateAndASixDigitSequence) {
  EXPECT_EQ(reservation_number(Date{year{2024} / 8 / 20}, 1), "20240820-000001");
  EXPECT_EQ(reservation_number(Date{year{2024} / 8 / 20}, 123456), "20240820-123456");
  EXPECT_TRUE(is_reservation_number("20240820-000001"));
  for (const char* text : {"", "20240820-00001", "20240820-0000001", "20240230-000001", "20240820_000001",
                           "2024082-0000001", "20240820-00000a"}) {
    EXPECT_FALSE(is_reservation_number(text)) << text;
  }
}

// Found by fuzz/booking_ids_fuzz.cpp: "007-…" and "7-…" named the same slot.
TEST(BookingIdsTest, AFrameIdWithALeadingZeroIsRefused) {
  EXPECT_FALSE(parse_slot_id("007-20240822-1400"));
  EXPECT_FALSE(parse_slot_id("0-20240822-1400"));
  auto key = parse_slot_id("7-20240822-1400");
  ASSERT_TRUE(key);
  EXPECT_EQ(slot_id(*key), "7-20240822-1400");
}

}  // namespace
}  // namespace yoyaku::domain
