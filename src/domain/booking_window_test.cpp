#include "domain/booking_window.hpp"

#include <gtest/gtest.h>

#include "domain/reservation_rules.hpp"

namespace yoyaku::domain {
namespace {

using std::chrono::year;

const Date tuesday{year{2024} / 8 / 20};

TEST(BookingWindowTest, CountsFromTodayInDays) {
  auto window = booking_window(tuesday, {92, 1});
  EXPECT_EQ(window.first, (Date{year{2024} / 8 / 21}));
  EXPECT_EQ(window.last, add_days(tuesday, 92));
  EXPECT_EQ(first_bookable_day(tuesday, {92, 2}), (Date{year{2024} / 8 / 22}));
  EXPECT_TRUE(window.contains(Date{year{2024} / 8 / 21}));
  EXPECT_FALSE(window.contains(tuesday));
  EXPECT_FALSE(window.contains(add_days(tuesday, 93)));
  // Across a year's end.
  auto december = booking_window(Date{year{2024} / 12 / 31}, {5, 1});
  EXPECT_EQ(december.first, (Date{year{2025} / 1 / 1}));
  EXPECT_EQ(december.last, (Date{year{2025} / 1 / 5}));
}

TEST(BookingWindowTest, TheDefaultWindowStartsTheDayAfterTomorrowAsInTheManual) {
  // The manual's calendar, taken 2024-08-20 (Tue): 08/21 「-」, 08/22 「○」.
  EXPECT_EQ(first_bookable_day(tuesday, BookingWindowRule{}), (Date{year{2024} / 8 / 22}));
}

TEST(BookingWindowTest, NoBookableDayIsPastItsOwnChangeDeadlineWhenBooked) {
  // Every day of a year, at the first and the last second of the day, for the
  // default rules and for others that pass the check.
  const BookingWindowRule rules[] = {{92, 2}, {30, 3}, {14, 5}, {92, 0}};
  const int deadlines[] = {2, 3, 5, 0};
  for (std::size_t r = 0; r < std::size(rules); ++r) {
    ASSERT_TRUE(window_respects_change_deadline(rules[r], deadlines[r]));
    for (Date today = Date{year{2026} / 1 / 1}; today < Date{year{2027} / 1 / 1}; today = add_days(today, 1)) {
      for (std::int64_t now : {from_jst(today, 0, 0, 0), from_jst(today, 23, 59, 59)}) {
        auto window = booking_window(today, rules[r]);
        for (Date day = window.first; day <= window.last; day = add_days(day, 1)) {
          ASSERT_TRUE(can_change_online(day, deadlines[r], now)) << to_iso(today) << " booking " << to_iso(day);
        }
      }
    }
  }
}

TEST(BookingWindowTest, AWindowThatWouldOpenBeforeItsChangeDeadlineIsRefused) {
  EXPECT_FALSE(window_respects_change_deadline({92, 1}, 2));  // tomorrow: its deadline was yesterday
  EXPECT_FALSE(window_respects_change_deadline({92, 2}, 3));
  EXPECT_FALSE(window_respects_change_deadline({1, 2}, 2));   // an empty window
  EXPECT_TRUE(window_respects_change_deadline({92, 2}, 2));
  // And the refused case really would give a booking already past its deadline.
  const Date today{year{2026} / 3 / 2};
  auto window = booking_window(today, {92, 1});
  EXPECT_FALSE(can_change_online(window.first, 2, from_jst(today, 10, 0)));
}

TEST(BookingWindowTest, AFrameRunsOnTheWeekdaysOfItsMask) {
  const int weekdays = 0b0111110;  // Monday to Friday
  EXPECT_TRUE(frame_runs_on(weekdays, tuesday));
  EXPECT_FALSE(frame_runs_on(weekdays, Date{year{2024} / 8 / 18}));  // Sunday
  EXPECT_FALSE(frame_runs_on(weekdays, Date{year{2024} / 8 / 24}));  // Saturday
  EXPECT_TRUE(frame_runs_on(0b0000001, Date{year{2024} / 8 / 18}));
  EXPECT_FALSE(frame_runs_on(0, tuesday));
}

TEST(BookingWindowTest, SlotsStartEveryIntervalUpToTheLastStart) {
  EXPECT_EQ(slot_start_minutes(600, 900, 30).size(), 11u);  // 10:00 … 15:00
  EXPECT_EQ(slot_start_minutes(600, 900, 30).back(), 900);
  EXPECT_EQ(slot_start_minutes(600, 910, 30).back(), 900);
  EXPECT_EQ(slot_start_minutes(600, 600, 30), std::vector<int>{600});
  EXPECT_TRUE(slot_start_minutes(600, 900, 0).empty());
}

TEST(BookingWindowTest, ADayIsBookableOnlyWhenEveryRuleAllows) {
  BookingDayRule rule;
  rule.window = booking_window(tuesday, {92, 1});
  rule.reception_open = true;
  rule.weekday_mask = 0b0111110;
  const Date thursday{year{2024} / 8 / 22};
  EXPECT_TRUE(is_bookable_day(rule, thursday));
  EXPECT_FALSE(is_bookable_day(rule, tuesday));                          // before the window
  EXPECT_FALSE(is_bookable_day(rule, Date{year{2024} / 8 / 24}));        // Saturday
  EXPECT_FALSE(is_bookable_day(rule, Date{year{2024} / 9 / 16}));        // 敬老の日
  EXPECT_TRUE(is_bookable_day(rule, add_days(tuesday, 92)));   // the last day (a Wednesday)
  EXPECT_FALSE(is_bookable_day(rule, add_days(tuesday, 93)));  // outside 92 days
  rule.office_closures = {thursday};
  EXPECT_FALSE(is_bookable_day(rule, thursday));
  rule.office_closures.clear();
  rule.reception_open = false;
  EXPECT_FALSE(is_bookable_day(rule, thursday));
}

TEST(BookingWindowTest, ReceptionIsOpenFromItsStartUntilItsEnd) {
  EXPECT_TRUE(reception_open(100, std::nullopt, 100));
  EXPECT_FALSE(reception_open(100, std::nullopt, 99));
  EXPECT_TRUE(reception_open(100, 200, 199));
  EXPECT_FALSE(reception_open(100, 200, 200));
}

TEST(BookingWindowTest, StaffBookLaterTodayOrTomorrowOnOpenDaysButNeverAStartedTime) {
  const Date thursday{std::chrono::year{2026} / 12 / 3};
  const std::int64_t now = from_jst(thursday, 10, 0);
  EXPECT_FALSE(staff_can_book({}, 62, thursday, 10 * 60, now));  // starting now
  EXPECT_TRUE(staff_can_book({}, 62, thursday, 10 * 60 + 30, now));
  EXPECT_TRUE(staff_can_book({}, 62, add_days(thursday, 1), 10 * 60, now));  // Friday
  EXPECT_FALSE(staff_can_book({}, 62, add_days(thursday, 2), 10 * 60, now));  // Saturday
  EXPECT_FALSE(staff_can_book({add_days(thursday, 1)}, 62, add_days(thursday, 1), 10 * 60, now));  // office closure
  EXPECT_FALSE(staff_can_book({}, 62, Date{std::chrono::year{2026} / 12 / 29}, 10 * 60, now));  // 年末年始
  EXPECT_FALSE(staff_can_book({}, 62, add_days(thursday, -1), 15 * 60, now));
  EXPECT_FALSE(staff_can_book({}, 62, add_days(thursday, 400), 10 * 60, now));
  // Tuesday in a Monday-only frame.
  EXPECT_FALSE(staff_can_book({}, 0b0000010, Date{std::chrono::year{2026} / 12 / 8}, 10 * 60, now));
  EXPECT_TRUE(staff_can_book({}, 0b0000010, Date{std::chrono::year{2026} / 12 / 7}, 10 * 60, now));
}

}  // namespace
}  // namespace yoyaku::domain
