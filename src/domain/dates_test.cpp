#include "domain/dates.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace {

using namespace std::chrono;
using namespace yoyaku::domain;

constexpr Date ymd(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

TEST(DatesTest, ParsesValidIsoDates) {
  EXPECT_EQ(parse_iso_date("2024-08-22"), ymd(2024, 8, 22));
  EXPECT_EQ(parse_iso_date("2024-02-29"), ymd(2024, 2, 29));  // leap year
  EXPECT_EQ(parse_iso_date("2000-02-29"), ymd(2000, 2, 29));  // divisible by 400
  EXPECT_EQ(parse_iso_date("1969-12-31"), ymd(1969, 12, 31));
  EXPECT_EQ(parse_iso_date("2099-12-31"), ymd(2099, 12, 31));
  EXPECT_EQ(parse_iso_date("0001-01-01"), ymd(1, 1, 1));
}

TEST(DatesTest, RejectsInvalidIsoDates) {
  for (const char* text : {"2024-02-30", "2023-02-29", "1900-02-29", "2100-02-29", "2024-13-01", "2024-00-10",
                           "2024-01-00", "2024-04-31", "2024-8-22", "2024-08-2", "24-08-22", "2024/08/22",
                           "20240822", "2024-08-22 ", " 2024-08-22", "2024-08-22T00:00", "", "abcd-ef-gh",
                           "2024-0a-22", "+024-08-22", "-024-08-22", "2024-+8-22", "2024--8-22", "２０２４-08-22"}) {
    EXPECT_EQ(parse_iso_date(text), std::nullopt) << '"' << text << '"';
  }
  EXPECT_EQ(parse_iso_date(std::string_view{"2024-08-22\0", 11}), std::nullopt);
}

TEST(DatesTest, FormatsIsoAndCompact) {
  EXPECT_EQ(to_iso(ymd(2024, 8, 22)), "2024-08-22");
  EXPECT_EQ(to_iso(ymd(987, 1, 2)), "0987-01-02");
  EXPECT_EQ(to_compact(ymd(2024, 8, 22)), "20240822");
  EXPECT_EQ(to_compact(ymd(2099, 1, 9)), "20990109");
  for (const char* text : {"2024-02-29", "1955-01-01", "2150-12-31"}) {
    EXPECT_EQ(to_iso(parse_iso_date(text).value()), text);
  }
}

TEST(DatesTest, DayArithmetic) {
  EXPECT_EQ(add_days(ymd(2024, 2, 28), 1), ymd(2024, 2, 29));
  EXPECT_EQ(add_days(ymd(2023, 2, 28), 1), ymd(2023, 3, 1));
  EXPECT_EQ(add_days(ymd(2024, 12, 31), 1), ymd(2025, 1, 1));
  EXPECT_EQ(add_days(ymd(2025, 1, 1), -1), ymd(2024, 12, 31));
  EXPECT_EQ(add_days(ymd(2024, 8, 22), 100), ymd(2024, 11, 30));
  EXPECT_EQ(add_days(ymd(1970, 1, 1), -1), ymd(1969, 12, 31));
  EXPECT_EQ(days_between(ymd(1970, 1, 1), ymd(2024, 1, 1)), 19723);
  EXPECT_EQ(days_between(ymd(2024, 1, 1), ymd(1970, 1, 1)), -19723);
  EXPECT_EQ(days_between(ymd(2100, 2, 28), ymd(2100, 3, 1)), 1);  // 2100 is not a leap year
  EXPECT_EQ(days_between(ymd(2024, 8, 22), ymd(2024, 8, 22)), 0);
}

TEST(DatesTest, Weekdays) {
  EXPECT_EQ(weekday_of(ymd(2024, 8, 22)), Thursday);
  EXPECT_EQ(weekday_of(ymd(1969, 12, 31)), Wednesday);
  EXPECT_EQ(weekday_of(ymd(1900, 1, 1)), Monday);
  EXPECT_EQ(japanese_weekday(Sunday), "日");
  EXPECT_EQ(japanese_weekday(Monday), "月");
  EXPECT_EQ(japanese_weekday(Tuesday), "火");
  EXPECT_EQ(japanese_weekday(Wednesday), "水");
  EXPECT_EQ(japanese_weekday(Thursday), "木");
  EXPECT_EQ(japanese_weekday(Friday), "金");
  EXPECT_EQ(japanese_weekday(Saturday), "土");
  EXPECT_EQ(japanese_weekday(weekday{7}), "日");  // 7 is Sunday too
  EXPECT_EQ(japanese_weekday(weekday{8}), "");
}

TEST(DatesTest, JapaneseDate) {
  EXPECT_EQ(japanese_date(ymd(2024, 8, 22)), "2024年08月22日(木)");
  EXPECT_EQ(japanese_date(ymd(2000, 2, 29)), "2000年02月29日(火)");
  EXPECT_EQ(japanese_date(ymd(2024, 12, 1)), "2024年12月01日(日)");
}

TEST(DatesTest, JstAroundMidnight) {
  EXPECT_EQ(to_jst(0), (JstDateTime{ymd(1970, 1, 1), 9, 0, 0}));
  EXPECT_EQ(to_jst(-1), (JstDateTime{ymd(1970, 1, 1), 8, 59, 59}));
  EXPECT_EQ(to_jst(-9 * 3600), (JstDateTime{ymd(1970, 1, 1), 0, 0, 0}));
  EXPECT_EQ(to_jst(-9 * 3600 - 1), (JstDateTime{ymd(1969, 12, 31), 23, 59, 59}));
  // 15:00 UTC is midnight in Japan.
  EXPECT_EQ(to_jst(1724252400), (JstDateTime{ymd(2024, 8, 22), 0, 0, 0}));
  EXPECT_EQ(to_jst(1724252399), (JstDateTime{ymd(2024, 8, 21), 23, 59, 59}));
  EXPECT_EQ(from_jst(ymd(2024, 8, 22), 0, 0), 1724252400);
  EXPECT_EQ(from_jst(ymd(1970, 1, 1), 9, 0), 0);
  EXPECT_EQ(from_jst(ymd(1970, 1, 1), 0, 0), -32400);
  EXPECT_EQ(from_jst(ymd(1900, 1, 1), 0, 0), -2209021200);
  EXPECT_EQ(from_jst(ymd(2099, 12, 31), 23, 59, 59), 4102412399);
  EXPECT_EQ(from_jst(ymd(2024, 8, 21), 24, 0), 1724252400);  // plain arithmetic
  EXPECT_EQ(jst_date_of(1724252400), ymd(2024, 8, 22));
  EXPECT_EQ(jst_date_of(-2209021200), ymd(1900, 1, 1));
  EXPECT_EQ(jst_date_of(-2209021201), ymd(1899, 12, 31));
  EXPECT_EQ(jst_date_of(4102412399), ymd(2099, 12, 31));
  EXPECT_EQ(jst_date_of(4102412400), ymd(2100, 1, 1));
}

TEST(DatesTest, JstRoundTrip) {
  for (std::int64_t t = -5'000'000'000; t <= 5'000'000'000; t += 7'777'777) {
    for (std::int64_t offset : {0, 1, 32399, 32400, 86399}) {
      const std::int64_t instant = t + offset;
      const JstDateTime jst = to_jst(instant);
      ASSERT_TRUE(jst.date.ok()) << instant;
      ASSERT_GE(jst.hour, 0);
      ASSERT_LT(jst.hour, 24);
      ASSERT_EQ(from_jst(jst.date, jst.hour, jst.minute, jst.second), instant);
    }
  }
}

TEST(DatesTest, JstRejectsInstantsOutsideYears0To9999) {
  const std::int64_t first = from_jst(ymd(0, 1, 1), 0, 0, 0);
  const std::int64_t last = from_jst(ymd(9999, 12, 31), 23, 59, 59);
  EXPECT_EQ(to_jst(first), (JstDateTime{ymd(0, 1, 1), 0, 0, 0}));
  EXPECT_EQ(to_jst(last), (JstDateTime{ymd(9999, 12, 31), 23, 59, 59}));
  EXPECT_THROW(to_jst(first - 1), std::out_of_range);
  EXPECT_THROW(to_jst(last + 1), std::out_of_range);
  EXPECT_THROW(to_jst(INT64_MIN), std::out_of_range);
  EXPECT_THROW(to_jst(INT64_MAX), std::out_of_range);
}

TEST(DatesTest, JapaneseDateTimes) {
  EXPECT_EQ(japanese_date_time(from_jst(ymd(2024, 8, 1), 8, 0)), "2024年08月01日08時00分");
  EXPECT_EQ(japanese_date_time_spaced(from_jst(ymd(2024, 8, 20), 14, 6, 59)), "2024年08月20日 14時06分");
  EXPECT_EQ(japanese_date_time(-1), "1970年01月01日08時59分");
  EXPECT_EQ(japanese_date_time(1724252399), "2024年08月21日23時59分");
}

TEST(DatesTest, TimeRanges) {
  EXPECT_EQ(japanese_time_range(840, 870), "14時00分～14時30分");
  EXPECT_EQ(japanese_time_range(510, 555), "08時30分～09時15分");
  EXPECT_EQ(japanese_time_range(1410, 1440), "23時30分～24時00分");
}

TEST(DatesTest, ParsesHoursAndMinutes) {
  EXPECT_EQ(parse_hh_mm("14:00"), 840);
  EXPECT_EQ(parse_hh_mm("00:00"), 0);
  EXPECT_EQ(parse_hh_mm("23:59"), 1439);
  EXPECT_EQ(parse_hh_mm("08:30"), 510);
  for (const char* text : {"24:00", "23:60", "9:00", "09:0", "0900", "09-00", "09:00 ", " 09:00", "09:00:00",
                           "ab:cd", "", "+9:00", "-1:00", "09:+5", "１４:００"}) {
    EXPECT_EQ(parse_hh_mm(text), std::nullopt) << '"' << text << '"';
  }
}

TEST(DatesTest, FormatsHoursAndMinutes) {
  EXPECT_EQ(format_hh_mm(840), "14:00");
  EXPECT_EQ(format_hh_mm(0), "00:00");
  EXPECT_EQ(format_hh_mm(1439), "23:59");
  EXPECT_EQ(format_hh_mm(545), "09:05");
  for (int minute = 0; minute < 1440; ++minute) EXPECT_EQ(parse_hh_mm(format_hh_mm(minute)), minute);
}

TEST(DatesTest, AppendsZeroPaddedNumbers) {
  std::string text = "x";
  append_padded(text, 7, 2);
  append_padded(text, 0, 4);
  append_padded(text, 12345, 2);  // wider than asked: every digit kept
  append_padded(text, 0, 0);
  EXPECT_EQ(text, "x070000123450");
  text.clear();
  append_padded(text, -5, 3);
  EXPECT_EQ(text, "-5");
  text.clear();
  append_padded(text, 9'223'372'036'854'775'807LL, 1);
  EXPECT_EQ(text, "9223372036854775807");
}

}  // namespace
