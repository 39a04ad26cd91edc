#include <gtest/gtest.h>

#include "domain/reminders.hpp"

namespace yoyaku::domain {
namespace {

using std::chrono::year;

const Date interview{year{2024} / 8 / 22};  // Thursday
const Date day_before{year{2024} / 8 / 21};
const int ten = 10 * 60;

TEST(ReminderTimeTest, ParsesHhMmAndOff) {
  EXPECT_EQ(parse_reminder_time("10:00")->minute_of_day, 600);
  EXPECT_TRUE(parse_reminder_time("10:00")->enabled);
  EXPECT_EQ(parse_reminder_time("00:00")->minute_of_day, 0);
  EXPECT_EQ(parse_reminder_time("23:59")->minute_of_day, 23 * 60 + 59);
  EXPECT_EQ(parse_reminder_time("07:05")->minute_of_day, 7 * 60 + 5);
  ASSERT_TRUE(parse_reminder_time("off"));
  EXPECT_FALSE(parse_reminder_time("off")->enabled);
  EXPECT_EQ(ReminderTime{}.minute_of_day, 600);  // the default: 10:00 JST
  for (const char* bad : {"", "24:00", "10:60", "9:00", "10:0", "10:000", "10-00", " 10:00", "10:00 ", "１０:００",
                          "OFF", "Off", "none", "-1:00", "ab:cd"}) {
    EXPECT_FALSE(parse_reminder_time(bad)) << bad;
  }
}

TEST(ReminderTimeTest, TheReminderInstantIsTheDayBeforeAtTheReminderTimeInJst) {
  EXPECT_EQ(reminder_instant(interview, ten), from_jst(day_before, 10, 0, 0));
  // 2024-08-21 10:00:00 JST is 01:00:00 UTC.
  EXPECT_EQ(reminder_instant(interview, ten), 1724202000);
  EXPECT_EQ(reminder_instant(interview, 0), from_jst(day_before, 0, 0, 0));
  EXPECT_EQ(reminder_instant(interview, 23 * 60 + 59), from_jst(day_before, 23, 59, 0));
  // Across a month and a year.
  EXPECT_EQ(reminder_instant(Date{year{2024} / 9 / 1}, ten), from_jst(Date{year{2024} / 8 / 31}, 10, 0));
  EXPECT_EQ(reminder_instant(Date{year{2025} / 1 / 1}, ten), from_jst(Date{year{2024} / 12 / 31}, 10, 0));
}

TEST(ReminderTimeTest, RemindersOnAJstDayAreForTheNextDay) {
  // 2024-08-21 23:59:59 JST is 14:59:59 UTC; a second later it is the 22nd in Japan.
  EXPECT_EQ(reminder_interview_date(from_jst(day_before, 0, 0, 0)), interview);
  EXPECT_EQ(reminder_interview_date(1724252399), interview);
  EXPECT_EQ(reminder_interview_date(1724252400), (Date{year{2024} / 8 / 23}));
  EXPECT_EQ(reminder_interview_date(from_jst(Date{year{2024} / 12 / 31}, 12, 0)), (Date{year{2025} / 1 / 1}));
}

TEST(ReminderDueTest, DueFromTheReminderTimeTheDayBeforeToTheSecond) {
  const std::int64_t booked = from_jst(Date{year{2024} / 8 / 1}, 9, 0);
  EXPECT_FALSE(reminder_due(ten, interview, booked, from_jst(day_before, 9, 59, 59)));
  EXPECT_TRUE(reminder_due(ten, interview, booked, from_jst(day_before, 10, 0, 0)));
  EXPECT_TRUE(reminder_due(ten, interview, booked, from_jst(day_before, 10, 0, 1)));
  // The same in Unix seconds: 01:00:00 UTC is 10:00:00 JST.
  EXPECT_FALSE(reminder_due(ten, interview, booked, 1724201999));
  EXPECT_TRUE(reminder_due(ten, interview, booked, 1724202000));
  // Earlier days: not yet.
  EXPECT_FALSE(reminder_due(ten, interview, booked, from_jst(Date{year{2024} / 8 / 20}, 10, 0)));
  EXPECT_FALSE(reminder_due(ten, interview, booked, from_jst(Date{year{2024} / 8 / 20}, 23, 59, 59)));
}

TEST(ReminderDueTest, AServerStartedLaterTheSameDayStillSendsIt) {
  const std::int64_t booked = from_jst(Date{year{2024} / 8 / 1}, 9, 0);
  EXPECT_TRUE(reminder_due(ten, interview, booked, from_jst(day_before, 14, 30)));
  EXPECT_TRUE(reminder_due(ten, interview, booked, from_jst(day_before, 23, 59, 59)));
  EXPECT_TRUE(reminder_due(ten, interview, booked, 1724252399));  // 23:59:59 JST as 14:59:59 UTC
}

TEST(ReminderDueTest, NeverOnTheDayOfTheInterviewOrLater) {
  const std::int64_t booked = from_jst(Date{year{2024} / 8 / 1}, 9, 0);
  EXPECT_FALSE(reminder_due(ten, interview, booked, from_jst(interview, 0, 0, 0)));
  EXPECT_FALSE(reminder_due(ten, interview, booked, 1724252400));  // 2024-08-21 15:00 UTC = the 22nd 00:00 JST
  EXPECT_FALSE(reminder_due(ten, interview, booked, from_jst(interview, 10, 0)));
  EXPECT_FALSE(reminder_due(ten, interview, booked, from_jst(Date{year{2024} / 8 / 23}, 10, 0)));
}

TEST(ReminderDueTest, ABookingMadeAfterTheReminderTimeForTheNextDayGetsNone) {
  const std::int64_t evening = from_jst(day_before, 20, 0);
  EXPECT_TRUE(reminder_due(ten, interview, from_jst(day_before, 9, 59, 59), evening));
  EXPECT_FALSE(reminder_due(ten, interview, from_jst(day_before, 10, 0, 0), evening));
  EXPECT_FALSE(reminder_due(ten, interview, from_jst(day_before, 10, 0, 1), evening));
  EXPECT_FALSE(reminder_due(ten, interview, from_jst(day_before, 19, 59, 59), evening));
  // Made the day before the day before: due.
  EXPECT_TRUE(reminder_due(ten, interview, from_jst(Date{year{2024} / 8 / 20}, 23, 59, 59), evening));
}

TEST(ReminderDueTest, OtherReminderTimesIncludingMidnight) {
  const std::int64_t booked = from_jst(Date{year{2024} / 8 / 19}, 12, 0);
  EXPECT_FALSE(reminder_due(0, interview, booked, from_jst(Date{year{2024} / 8 / 20}, 23, 59, 59)));
  EXPECT_TRUE(reminder_due(0, interview, booked, from_jst(day_before, 0, 0, 0)));
  EXPECT_FALSE(reminder_due(0, interview, from_jst(day_before, 0, 0, 0), from_jst(day_before, 8, 0)));
  const int late = 23 * 60 + 59;
  EXPECT_FALSE(reminder_due(late, interview, booked, from_jst(day_before, 23, 58, 59)));
  EXPECT_TRUE(reminder_due(late, interview, booked, from_jst(day_before, 23, 59, 0)));
  EXPECT_FALSE(reminder_due(late, interview, booked, from_jst(interview, 0, 0, 0)));
}

}  // namespace
}  // namespace yoyaku::domain
