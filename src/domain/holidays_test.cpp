#include "domain/holidays.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace std::chrono;
using yoyaku::domain::add_days;
using yoyaku::domain::Date;
using yoyaku::domain::holiday_name;
using yoyaku::domain::is_closed_day;
using yoyaku::domain::is_national_holiday;
using yoyaku::domain::is_weekend;
using yoyaku::domain::is_year_end_closure;
using yoyaku::domain::national_holidays;
using yoyaku::domain::parse_iso_date;
using yoyaku::domain::to_iso;

Date d(std::string_view iso) {
  const auto date = parse_iso_date(iso);
  EXPECT_TRUE(date.has_value()) << iso;
  return date.value_or(Date{});
}

std::string name_or_none(Date date) { return holiday_name(date).value_or("(none)"); }

// The JSON string literals of `text`, in order. The export script writes only
// [date, name] pairs, so this small scanner is all the test needs.
bool json_strings(const std::string& text, std::vector<std::string>& out, std::string& error) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '"') continue;
    std::string value;
    for (++i;; ++i) {
      if (i >= text.size()) {
        error = "unterminated string";
        return false;
      }
      if (text[i] == '"') break;
      if (text[i] == '\\') {
        if (++i >= text.size()) break;
        const char escaped = text[i];
        if (escaped == '"' || escaped == '\\' || escaped == '/') {
          value += escaped;
        } else {
          error = std::string{"unsupported escape \\"} + escaped;
          return false;
        }
      } else {
        value += text[i];
      }
    }
    out.push_back(std::move(value));
  }
  return true;
}

// Date (ISO) -> name, from the file written by export_cabinet_office_holidays.mjs.
std::map<std::string, std::string> load_cabinet_office_holidays() {
  const char* path = std::getenv("YOYAKU_CABINET_OFFICE_HOLIDAYS");
  if (path == nullptr || *path == '\0') {
    ADD_FAILURE() << "YOYAKU_CABINET_OFFICE_HOLIDAYS is not set; run the tests with ctest, which runs "
                     "tests/unit/export_cabinet_office_holidays.mjs first";
    return {};
  }
  std::ifstream in{path, std::ios::binary};
  if (!in) {
    ADD_FAILURE() << "cannot read " << path << " (written by tests/unit/export_cabinet_office_holidays.mjs)";
    return {};
  }
  const std::string text{std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{}};
  std::vector<std::string> strings;
  std::string error;
  if (!json_strings(text, strings, error) || strings.size() % 2 != 0) {
    ADD_FAILURE() << path << ": not a list of [date, name] pairs " << error;
    return {};
  }
  std::map<std::string, std::string> holidays;
  for (std::size_t i = 0; i < strings.size(); i += 2) {
    if (!parse_iso_date(strings[i])) {
      ADD_FAILURE() << path << ": bad date " << strings[i];
      return {};
    }
    if (!holidays.emplace(strings[i], strings[i + 1]).second) {
      ADD_FAILURE() << path << ": duplicate date " << strings[i];
    }
  }
  return holidays;
}

TEST(HolidaysTest, MatchesCabinetOfficeData) {
  const auto expected = load_cabinet_office_holidays();
  ASSERT_FALSE(expected.empty()) << "no Cabinet Office holidays loaded";

  // Every year of the data (1955..2026 in japanese-public-holidays 3.2.38);
  // the rules must be exact at least from 1970.
  const int first_year = std::stoi(expected.begin()->first.substr(0, 4));
  const int last_year = std::stoi(expected.rbegin()->first.substr(0, 4));
  ASSERT_LE(first_year, 1970);
  ASSERT_GE(last_year, 2026);

  std::map<std::string, std::string> computed;
  for (int year = first_year; year <= last_year; ++year) {
    for (const auto& holiday : national_holidays(year)) computed.emplace(to_iso(holiday.date), holiday.name);
  }

  int differences = 0;
  for (const auto& [date, name] : expected) {
    const auto found = computed.find(date);
    if (found == computed.end()) {
      ADD_FAILURE() << "missing: " << date << " " << name;
      ++differences;
    } else if (found->second != name) {
      ADD_FAILURE() << "wrong name: " << date << " is " << found->second << ", Cabinet Office: " << name;
      ++differences;
    }
  }
  for (const auto& [date, name] : computed) {
    if (!expected.contains(date)) {
      ADD_FAILURE() << "extra: " << date << " " << name << " (not a holiday in the Cabinet Office data)";
      ++differences;
    }
  }
  EXPECT_EQ(differences, 0);
  EXPECT_GT(expected.size(), 900u);  // sanity: ~70 years of ~15 holidays
}

TEST(HolidaysTest, LookupAgreesWithYearListsForEveryDay) {
  for (int year : {1948, 1949, 1973, 1985, 2007, 2019, 2025, 2099, 2150, 2151, 2300}) {
    std::map<std::string, std::string> listed;
    for (const auto& holiday : national_holidays(year)) listed.emplace(to_iso(holiday.date), holiday.name);
    int holidays_found = 0;
    for (Date date{std::chrono::year{year}, January, 1d}; date.year() == std::chrono::year{year};
         date = add_days(date, 1)) {
      const auto name = holiday_name(date);
      const auto it = listed.find(to_iso(date));
      if (it == listed.end()) {
        EXPECT_FALSE(name.has_value()) << to_iso(date);
      } else {
        EXPECT_EQ(name.value_or("(none)"), it->second) << to_iso(date);
        ++holidays_found;
      }
      EXPECT_EQ(is_national_holiday(date), name.has_value()) << to_iso(date);
    }
    EXPECT_EQ(holidays_found, static_cast<int>(listed.size())) << year;
    EXPECT_GE(listed.size(), 3u) << year;
  }
}

TEST(HolidaysTest, ListIsSortedWithoutDuplicates) {
  for (int year = 1948; year <= 2160; ++year) {
    const auto holidays = national_holidays(year);
    for (std::size_t i = 1; i < holidays.size(); ++i) {
      EXPECT_LT(sys_days{holidays[i - 1].date}, sys_days{holidays[i].date}) << year;
    }
    for (const auto& holiday : holidays) EXPECT_EQ(holiday.date.year(), std::chrono::year{year});
  }
}

TEST(HolidaysTest, NoHolidaysBeforeTheLaw) {
  EXPECT_TRUE(national_holidays(1947).empty());
  const auto holidays_1948 = national_holidays(1948);
  ASSERT_EQ(holidays_1948.size(), 3u);
  EXPECT_EQ(to_iso(holidays_1948[0].date), "1948-09-23");
  EXPECT_EQ(holidays_1948[0].name, "秋分の日");
  EXPECT_EQ(to_iso(holidays_1948[1].date), "1948-11-03");
  EXPECT_EQ(to_iso(holidays_1948[2].date), "1948-11-23");
  EXPECT_FALSE(is_national_holiday(d("1948-05-05")));
  EXPECT_EQ(name_or_none(d("1949-01-01")), "元日");
}

TEST(HolidaysTest, SubstituteHolidays) {
  // None before the 1973 amendment (in force 1973-04-12).
  EXPECT_EQ(name_or_none(d("1973-02-11")), "建国記念の日");
  EXPECT_FALSE(is_national_holiday(d("1973-02-12")));
  // The first one.
  EXPECT_EQ(name_or_none(d("1973-04-30")), "休日");
  // Before 2007 only the Monday after.
  EXPECT_EQ(name_or_none(d("1998-05-04")), "休日");
  // From 2007 the next day that is not a national holiday.
  EXPECT_EQ(name_or_none(d("2008-05-04")), "みどりの日");  // Sunday
  EXPECT_EQ(name_or_none(d("2008-05-05")), "こどもの日");
  EXPECT_EQ(name_or_none(d("2008-05-06")), "休日");
  EXPECT_EQ(name_or_none(d("2023-01-02")), "休日");
  EXPECT_EQ(name_or_none(d("2020-02-24")), "休日");
  EXPECT_EQ(name_or_none(d("2021-08-09")), "休日");  // 山の日 moved to Sunday 8/8
  // Saturdays give no substitute.
  EXPECT_EQ(name_or_none(d("2028-01-01")), "元日");  // Saturday
  EXPECT_FALSE(is_national_holiday(d("2028-01-03")));
  EXPECT_FALSE(is_national_holiday(d("2027-05-06")));  // 5/3 Mon, 5/4 Tue, 5/5 Wed
}

TEST(HolidaysTest, CitizensHolidays) {
  EXPECT_EQ(name_or_none(d("1988-05-04")), "休日");  // first one (1985 amendment)
  EXPECT_EQ(name_or_none(d("1991-05-04")), "休日");  // Saturdays qualified
  EXPECT_FALSE(is_national_holiday(d("1986-05-04")));  // Sundays did not
  EXPECT_EQ(name_or_none(d("2006-05-04")), "休日");
  EXPECT_EQ(name_or_none(d("2009-09-22")), "休日");  // between 敬老の日 and 秋分の日
  EXPECT_EQ(name_or_none(d("2015-09-22")), "休日");
  EXPECT_EQ(name_or_none(d("2026-09-22")), "休日");
  EXPECT_EQ(name_or_none(d("2032-09-20")), "敬老の日");
  EXPECT_EQ(name_or_none(d("2032-09-21")), "休日");
  EXPECT_EQ(name_or_none(d("2032-09-22")), "秋分の日");
  EXPECT_FALSE(is_national_holiday(d("2020-09-23")));  // 9/21 敬老の日, 9/22 秋分の日: no gap
}

TEST(HolidaysTest, GoldenWeekOf2019) {
  const std::vector<std::pair<std::string, std::string>> expected{
      {"2019-04-29", "昭和の日"}, {"2019-04-30", "休日"},       {"2019-05-01", "休日（祝日扱い）"},
      {"2019-05-02", "休日"},     {"2019-05-03", "憲法記念日"}, {"2019-05-04", "みどりの日"},
      {"2019-05-05", "こどもの日"}, {"2019-05-06", "休日"},
  };
  for (const auto& [date, name] : expected) EXPECT_EQ(name_or_none(d(date)), name) << date;
  EXPECT_FALSE(is_national_holiday(d("2019-04-28")));
  EXPECT_FALSE(is_national_holiday(d("2019-05-07")));
  EXPECT_EQ(name_or_none(d("2019-10-22")), "休日（祝日扱い）");
  EXPECT_FALSE(is_national_holiday(d("2019-12-23")));  // no 天皇誕生日 in 2019
  EXPECT_FALSE(is_national_holiday(d("2019-02-23")));
}

TEST(HolidaysTest, HistoryOfMovedDays) {
  EXPECT_EQ(name_or_none(d("1988-04-29")), "天皇誕生日");
  EXPECT_EQ(name_or_none(d("1989-04-29")), "みどりの日");
  EXPECT_EQ(name_or_none(d("2007-04-29")), "昭和の日");
  EXPECT_EQ(name_or_none(d("2007-05-04")), "みどりの日");
  EXPECT_EQ(name_or_none(d("2018-12-23")), "天皇誕生日");
  EXPECT_EQ(name_or_none(d("2020-02-23")), "天皇誕生日");
  EXPECT_EQ(name_or_none(d("1999-01-15")), "成人の日");
  EXPECT_EQ(name_or_none(d("2000-01-10")), "成人の日");
  EXPECT_EQ(name_or_none(d("1999-10-10")), "体育の日");  // Sunday
  EXPECT_EQ(name_or_none(d("1999-10-11")), "休日");
  EXPECT_EQ(name_or_none(d("2019-10-14")), "体育の日（スポーツの日）");
  EXPECT_EQ(name_or_none(d("2020-07-24")), "スポーツの日");
  EXPECT_EQ(name_or_none(d("2022-10-10")), "スポーツの日");
  EXPECT_EQ(name_or_none(d("2002-07-20")), "海の日");
  EXPECT_EQ(name_or_none(d("2003-07-21")), "海の日");
  EXPECT_EQ(name_or_none(d("2021-07-22")), "海の日");
  EXPECT_FALSE(is_national_holiday(d("2020-08-11")));
  EXPECT_EQ(name_or_none(d("2020-08-10")), "山の日");
  EXPECT_EQ(name_or_none(d("1966-09-15")), "敬老の日");
  EXPECT_FALSE(is_national_holiday(d("1966-02-11")));
  EXPECT_EQ(name_or_none(d("1967-02-11")), "建国記念の日");
  EXPECT_EQ(name_or_none(d("1959-04-10")), "結婚の儀");
  EXPECT_EQ(name_or_none(d("1989-02-24")), "大喪の礼");
  EXPECT_EQ(name_or_none(d("1990-11-12")), "即位礼正殿の儀");
  EXPECT_EQ(name_or_none(d("1993-06-09")), "結婚の儀");
  EXPECT_EQ(name_or_none(d("2099-11-23")), "勤労感謝の日");
}

TEST(HolidaysTest, EquinoxesOfFutureYears) {
  // floor(20.8431 + 0.242194 (y - 1980) - floor((y - 1980) / 4)), and 23.2488 for autumn.
  EXPECT_EQ(name_or_none(d("2030-03-20")), "春分の日");
  EXPECT_EQ(name_or_none(d("2030-09-23")), "秋分の日");
  EXPECT_EQ(name_or_none(d("2044-09-22")), "秋分の日");
  EXPECT_EQ(name_or_none(d("2092-03-19")), "春分の日");  // 20.8431 + 27.1257 - 28 = 19.97
  EXPECT_EQ(name_or_none(d("2092-09-22")), "秋分の日");
  EXPECT_EQ(name_or_none(d("2099-03-20")), "春分の日");
  EXPECT_EQ(name_or_none(d("2099-09-23")), "秋分の日");
  EXPECT_FALSE(is_national_holiday(d("2092-03-20")));
}

TEST(HolidaysTest, YearEndClosure) {
  EXPECT_FALSE(is_year_end_closure(d("2024-12-28")));
  EXPECT_TRUE(is_year_end_closure(d("2024-12-29")));
  EXPECT_TRUE(is_year_end_closure(d("2024-12-31")));
  EXPECT_TRUE(is_year_end_closure(d("2025-01-01")));
  EXPECT_TRUE(is_year_end_closure(d("2025-01-03")));
  EXPECT_FALSE(is_year_end_closure(d("2025-01-04")));
  EXPECT_FALSE(is_year_end_closure(d("2025-06-30")));
}

TEST(HolidaysTest, Weekends) {
  EXPECT_TRUE(is_weekend(d("2024-08-24")));   // Saturday
  EXPECT_TRUE(is_weekend(d("2024-08-25")));   // Sunday
  EXPECT_FALSE(is_weekend(d("2024-08-26")));  // Monday
  EXPECT_FALSE(is_weekend(d("2024-08-23")));  // Friday
  EXPECT_TRUE(is_weekend(d("1969-12-28")));   // Sunday, before the Unix epoch
}

TEST(HolidaysTest, ClosedDays) {
  EXPECT_FALSE(is_closed_day(d("2024-08-22")));  // Thursday
  EXPECT_TRUE(is_closed_day(d("2024-08-24")));   // Saturday
  EXPECT_TRUE(is_closed_day(d("2024-08-12")));   // 振替休日, Monday
  EXPECT_TRUE(is_closed_day(d("2024-12-30")));   // Monday, year end
  EXPECT_TRUE(is_closed_day(d("2025-01-02")));   // Thursday, new year
  EXPECT_FALSE(is_closed_day(d("2025-01-06")));  // Monday
  EXPECT_TRUE(is_closed_day(d("2025-01-13")));   // 成人の日
  EXPECT_TRUE(is_closed_day(d("2099-09-23")));   // 秋分の日, Wednesday
  EXPECT_FALSE(is_closed_day(d("2099-09-24")));  // Thursday
}

}  // namespace
