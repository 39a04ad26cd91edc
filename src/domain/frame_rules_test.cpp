#include "domain/frame_rules.hpp"

#include <gtest/gtest.h>

namespace yoyaku::domain {
namespace {

FrameInput leaflet() {  // weekdays 10:00–15:30, every 30 minutes, 30-minute slots, 2 seats
  return {"オンライン職業相談", 62, "10:00", "15:30", "30", "30", "2"};
}

TEST(FrameRules, TheLeafletFrameIsValid) {
  auto checked = check_frame(leaflet());
  EXPECT_TRUE(checked.errors.empty());
  EXPECT_EQ(checked.shape.name, "オンライン職業相談");
  EXPECT_EQ(checked.shape.weekdays, 62);
  EXPECT_EQ(checked.shape.first_start_minute, 600);
  EXPECT_EQ(checked.shape.last_start_minute, 930);
  EXPECT_EQ(checked.shape.interval_minutes, 30);
  EXPECT_EQ(checked.shape.slot_minutes, 30);
  EXPECT_EQ(checked.shape.seats, 2);
}

TEST(FrameRules, FullWidthDigitsAndAShortHourAreAccepted) {
  auto input = leaflet();
  input.first_start = "９：３０";
  input.seats = "３";
  input.last_start = "9:30";
  auto checked = check_frame(input);
  EXPECT_TRUE(checked.errors.empty());
  EXPECT_EQ(checked.shape.first_start_minute, 570);
  EXPECT_EQ(checked.shape.last_start_minute, 570);
  EXPECT_EQ(checked.shape.seats, 3);
}

TEST(FrameRules, NameIsRequiredAndOneShortLine) {
  auto input = leaflet();
  input.name = "  ";
  EXPECT_EQ(check_frame(input).errors.count("name"), 1u);
  input.name = "一行目\n二行目";
  EXPECT_EQ(check_frame(input).errors.count("name"), 1u);
  input.name = std::string(51 * 3, 'a');
  EXPECT_EQ(check_frame(input).errors.count("name"), 1u);
}

TEST(FrameRules, AtLeastOneWeekday) {
  auto input = leaflet();
  input.weekdays = 0;
  EXPECT_EQ(check_frame(input).errors.count("weekdays"), 1u);
  input.weekdays = 1;  // Sunday only is allowed (the calendar still skips holidays)
  EXPECT_EQ(check_frame(input).errors.count("weekdays"), 0u);
}

TEST(FrameRules, TimesOnFiveMinuteStepsBetweenSixAndTwentyTwo) {
  auto input = leaflet();
  input.first_start = "10:03";
  EXPECT_EQ(check_frame(input).errors.count("first_start"), 1u);
  input.first_start = "05:55";
  EXPECT_EQ(check_frame(input).errors.count("first_start"), 1u);
  input.first_start = "06:00";
  EXPECT_EQ(check_frame(input).errors.count("first_start"), 0u);
  input.first_start = "十時";
  EXPECT_EQ(check_frame(input).errors.count("first_start"), 1u);
  input = leaflet();
  input.last_start = "21:40";  // ends 22:10
  EXPECT_EQ(check_frame(input).errors.count("last_start"), 1u);
  input.last_start = "21:30";  // ends 22:00
  EXPECT_EQ(check_frame(input).errors.count("last_start"), 0u);
}

TEST(FrameRules, FirstStartNotAfterLastStart) {
  auto input = leaflet();
  input.first_start = "15:00";
  input.last_start = "14:00";
  auto errors = check_frame(input).errors;
  EXPECT_EQ(errors.count("last_start"), 1u);
  input.last_start = "15:00";  // one slot a day
  EXPECT_TRUE(check_frame(input).errors.empty());
}

TEST(FrameRules, SlotLengthIntervalAndSeatsHaveBounds) {
  auto input = leaflet();
  for (const char* bad : {"5", "125", "", "abc", "-30", "33"}) {
    input.slot_minutes = bad;
    EXPECT_EQ(check_frame(input).errors.count("slot_minutes"), 1u) << bad;
  }
  for (const char* good : {"10", "120", "45"}) {
    input.slot_minutes = good;
    EXPECT_EQ(check_frame(input).errors.count("slot_minutes"), 0u) << good;
  }
  input = leaflet();
  for (const char* bad : {"0", "51", "1.5", "99999999"}) {
    input.seats = bad;
    EXPECT_EQ(check_frame(input).errors.count("seats"), 1u) << bad;
  }
  for (const char* good : {"1", "50"}) {
    input.seats = good;
    EXPECT_EQ(check_frame(input).errors.count("seats"), 0u) << good;
  }
  input = leaflet();
  input.interval_minutes = "0";
  EXPECT_EQ(check_frame(input).errors.count("interval_minutes"), 1u);
  input.interval_minutes = "7";
  EXPECT_EQ(check_frame(input).errors.count("interval_minutes"), 1u);
}

TEST(FrameRules, OffersItsWeekdaysAndStartsOnly) {
  FrameShape frame = check_frame(leaflet()).shape;
  const Date monday{std::chrono::year{2026}, std::chrono::month{12}, std::chrono::day{7}};
  const Date saturday{std::chrono::year{2026}, std::chrono::month{12}, std::chrono::day{5}};
  EXPECT_TRUE(frame_offers(frame, monday, 600));
  EXPECT_TRUE(frame_offers(frame, monday, 930));
  EXPECT_FALSE(frame_offers(frame, monday, 945));
  EXPECT_FALSE(frame_offers(frame, monday, 960));
  EXPECT_FALSE(frame_offers(frame, saturday, 600));
  frame.weekdays = 62 & ~(1 << 1);  // Monday removed
  EXPECT_FALSE(frame_offers(frame, monday, 600));
}

}  // namespace
}  // namespace yoyaku::domain
