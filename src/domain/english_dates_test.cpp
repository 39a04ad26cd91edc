#include "domain/english_dates.hpp"

#include <gtest/gtest.h>

namespace {

using yoyaku::domain::english_dates_in;

TEST(EnglishDatesTest, DateAndTimeRangeReadNaturally) {
  EXPECT_EQ(english_dates_in("2024年08月22日(木) 14時00分～14時30分"), "Thu 22 Aug 2024, 14:00–14:30 JST");
  EXPECT_EQ(english_dates_in("2024年08月22日(木)"), "Thu 22 Aug 2024");
  EXPECT_EQ(english_dates_in("2024年08月05日"), "5 Aug 2024");
  EXPECT_EQ(english_dates_in("09時30分～10時00分"), "09:30–10:00 JST");
  EXPECT_EQ(english_dates_in("2024年08月20日 14時06分"), "20 Aug 2024, 14:06");
  EXPECT_EQ(english_dates_in("2024年08月01日08時00分"), "1 Aug 2024, 08:00");
  EXPECT_EQ(english_dates_in("2024年08月22日(木)14時00分～14時30分"), "Thu 22 Aug 2024, 14:00–14:30 JST");
  EXPECT_EQ(english_dates_in("2024年08月22日(木) Shinjuku"), "Thu 22 Aug 2024 Shinjuku");
}

TEST(EnglishDatesTest, TheWeekdayComesFromTheDate) {
  // The kanji says Monday; 2026-12-06 is a Sunday.
  EXPECT_EQ(english_dates_in("2026年12月06日(月)"), "Sun 6 Dec 2026");
  EXPECT_EQ(english_dates_in("2024年02月29日(木)"), "Thu 29 Feb 2024");
}

TEST(EnglishDatesTest, OtherTextIsKept) {
  EXPECT_EQ(english_dates_in("Booked for 2024年12月31日(火) at Shinjuku"), "Booked for Tue 31 Dec 2024 at Shinjuku");
  EXPECT_EQ(english_dates_in("no dates here"), "no dates here");
  EXPECT_EQ(english_dates_in("年 and 時 alone"), "年 and 時 alone");
  EXPECT_EQ(english_dates_in("2023年02月29日(水)"), "2023年02月29日(水)");  // not a date: left alone
  EXPECT_EQ(english_dates_in(""), "");
}

}  // namespace
