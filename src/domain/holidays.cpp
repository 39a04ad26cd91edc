#include "domain/holidays.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>

namespace yoyaku::domain {

namespace {

using namespace std::chrono;

enum class Name : std::uint8_t {
  none,
  ganjitsu,
  seijin,
  kenkoku_kinen,
  tenno_tanjobi,
  showa,
  midori,
  kenpo_kinen,
  kodomo,
  umi,
  yama,
  keiro,
  taiiku,
  taiiku_2019,
  sports,
  bunka,
  kinro_kansha,
  shunbun,
  shubun,
  kyujitsu,               // 振替休日 and 国民の休日
  kyujitsu_shukujitsu,    // 2019 special law days, "treated as national holidays"
  kekkon_no_gi,
  taiso_no_rei,
  sokuirei_seiden_no_gi,
  count,
};

// Exactly the Cabinet Office spelling (syukujitsu.csv), indexed by Name.
constexpr std::array<std::string_view, static_cast<std::size_t>(Name::count)> name_texts{
    "",
    "元日",
    "成人の日",
    "建国記念の日",
    "天皇誕生日",
    "昭和の日",
    "みどりの日",
    "憲法記念日",
    "こどもの日",
    "海の日",
    "山の日",
    "敬老の日",
    "体育の日",
    "体育の日（スポーツの日）",
    "スポーツの日",
    "文化の日",
    "勤労感謝の日",
    "春分の日",
    "秋分の日",
    "休日",
    "休日（祝日扱い）",
    "結婚の儀",
    "大喪の礼",
    "即位礼正殿の儀",
};

std::string_view text_of(Name name) { return name_texts[static_cast<std::size_t>(name)]; }

constexpr int no_end = 9999;

// 国民の祝日 on a fixed date, with the years the rule applies.
struct FixedDateRule {
  int first_year;
  int last_year;
  unsigned month;
  unsigned day;
  Name name;
};

constexpr FixedDateRule fixed_date_rules[] = {
    // Act on National Holidays, 1948 (昭和23年法律第178号), in force 1948-07-20.
    {1948, no_end, 1, 1, Name::ganjitsu},
    {1948, 1999, 1, 15, Name::seijin},
    {1948, 1988, 4, 29, Name::tenno_tanjobi},
    {1948, no_end, 5, 3, Name::kenpo_kinen},
    {1948, no_end, 5, 5, Name::kodomo},
    {1948, no_end, 11, 3, Name::bunka},
    {1948, no_end, 11, 23, Name::kinro_kansha},
    // 1966 amendment: 建国記念の日 (2/11 by cabinet order, from 1967), 敬老の日, 体育の日.
    {1967, no_end, 2, 11, Name::kenkoku_kinen},
    {1966, 2002, 9, 15, Name::keiro},
    {1966, 1999, 10, 10, Name::taiiku},
    // 1989 amendment (Heisei era): 天皇誕生日 moves to 12/23, 4/29 becomes みどりの日.
    {1989, 2018, 12, 23, Name::tenno_tanjobi},
    {1989, 2006, 4, 29, Name::midori},
    // 1995 amendment: 海の日 from 1996.
    {1996, 2002, 7, 20, Name::umi},
    // 2005 amendment, from 2007: 4/29 becomes 昭和の日, みどりの日 moves to 5/4.
    {2007, no_end, 4, 29, Name::showa},
    {2007, no_end, 5, 4, Name::midori},
    // 2014 amendment: 山の日 from 2016 (moved in 2020 and 2021, see below).
    {2016, 2019, 8, 11, Name::yama},
    {2022, no_end, 8, 11, Name::yama},
    // Imperial House Law special act of 2017 (abdication, in force 2019-05-01):
    // 天皇誕生日 2/23 from 2020; none in 2019.
    {2020, no_end, 2, 23, Name::tenno_tanjobi},
    // 2018 special act on the enthronement: 2019-05-01 (即位の日) and 2019-10-22
    // (即位礼正殿の儀) are holidays that count as 国民の祝日 for the substitute and
    // sandwich rules. The Cabinet Office list names them 休日（祝日扱い）.
    {2019, 2019, 5, 1, Name::kyujitsu_shukujitsu},
    {2019, 2019, 10, 22, Name::kyujitsu_shukujitsu},
    // Tokyo Olympics special measures act (2018 amendment for 2020, 2020
    // amendment for 2021): 海の日, スポーツの日 and 山の日 moved.
    {2020, 2020, 7, 23, Name::umi},
    {2020, 2020, 7, 24, Name::sports},
    {2020, 2020, 8, 10, Name::yama},
    {2021, 2021, 7, 22, Name::umi},
    {2021, 2021, 7, 23, Name::sports},
    {2021, 2021, 8, 8, Name::yama},
};

// 国民の祝日 on the n-th Monday of a month ("Happy Monday" amendments).
struct NthMondayRule {
  int first_year;
  int last_year;
  unsigned month;
  unsigned nth;
  Name name;
};

constexpr NthMondayRule nth_monday_rules[] = {
    // 1998 amendment, from 2000: 成人の日 and 体育の日.
    {2000, no_end, 1, 2, Name::seijin},
    {2000, 2018, 10, 2, Name::taiiku},
    // The 2018 amendment renames 体育の日 to スポーツの日 from 2020; the Cabinet
    // Office list already writes 2019's day as 体育の日（スポーツの日）.
    {2019, 2019, 10, 2, Name::taiiku_2019},
    {2022, no_end, 10, 2, Name::sports},
    // 2001 amendment, from 2003: 海の日 and 敬老の日.
    {2003, 2019, 7, 3, Name::umi},
    {2022, no_end, 7, 3, Name::umi},
    {2003, no_end, 9, 3, Name::keiro},
};

// One-off holidays set by special laws; these are not 国民の祝日.
struct SpecialDay {
  int year;
  unsigned month;
  unsigned day;
  Name name;
};

constexpr SpecialDay special_days[] = {
    {1959, 4, 10, Name::kekkon_no_gi},           // Crown Prince Akihito's wedding (1959 act)
    {1989, 2, 24, Name::taiso_no_rei},           // Emperor Showa's funeral (1989 act)
    {1990, 11, 12, Name::sokuirei_seiden_no_gi}, // Enthronement ceremony (1990 act)
    {1993, 6, 9, Name::kekkon_no_gi},            // Crown Prince Naruhito's wedding (1993 act)
};

// Day of March (spring) or September (autumn) of the equinox: the standard
// approximation (used for the Cabinet Office's announcements), in millionths
// of a day to avoid floating-point rounding. Before 1980 the leap correction
// is trunc((y - 1983) / 4), which equals floor((y - 1980) / 4) for y < 1980.
unsigned equinox_day(int y, long base_1900_1979, long base_1980_2099, long base_from_2100) {
  const long years = y - 1980;
  const long base = y < 1980 ? base_1900_1979 : y < 2100 ? base_1980_2099 : base_from_2100;
  const long leap_correction = y < 1980 ? (y - 1983) / 4 : years / 4;  // C++ division truncates
  const long millionths = base + 242'194L * years;  // positive for all y >= 1900
  return static_cast<unsigned>(millionths / 1'000'000L - leap_correction);
}
unsigned spring_equinox_day(int y) { return equinox_day(y, 20'835'700, 20'843'100, 21'851'000); }
unsigned autumn_equinox_day(int y) { return equinox_day(y, 23'258'800, 23'248'800, 24'248'800); }

struct Entry {
  sys_days day;
  Name name;
};

constexpr int first_law_year = 1948;
constexpr sys_days law_in_force{year{1948} / July / 20};
constexpr sys_days substitute_holiday_in_force{year{1973} / April / 12};    // 1973 amendment
constexpr sys_days citizens_holiday_in_force{year{1985} / December / 27};   // 1985 amendment
constexpr sys_days rules_of_2005_amendment_in_force{year{2007} / January / 1};
constexpr int last_computable_year = 9999;

sys_days make_day(int y, unsigned m, unsigned d) { return sys_days{year{y} / month{m} / day{d}}; }

std::vector<Entry> compute_year(int y) {
  if (y < first_law_year || y > last_computable_year) return {};

  // 国民の祝日 (including the days the special laws treat as such).
  std::vector<Entry> statutory;
  for (const auto& rule : fixed_date_rules) {
    if (y >= rule.first_year && y <= rule.last_year) {
      statutory.push_back({make_day(y, rule.month, rule.day), rule.name});
    }
  }
  for (const auto& rule : nth_monday_rules) {
    if (y >= rule.first_year && y <= rule.last_year) {
      statutory.push_back({sys_days{year{y} / month{rule.month} / Monday[rule.nth]}, rule.name});
    }
  }
  if (y >= 1949) statutory.push_back({make_day(y, 3, spring_equinox_day(y)), Name::shunbun});
  statutory.push_back({make_day(y, 9, autumn_equinox_day(y)), Name::shubun});
  std::sort(statutory.begin(), statutory.end(), [](const Entry& a, const Entry& b) { return a.day < b.day; });

  const auto is_statutory = [&](sys_days d) {
    return std::any_of(statutory.begin(), statutory.end(), [d](const Entry& e) { return e.day == d; });
  };

  std::vector<Entry> holidays = statutory;
  std::vector<sys_days> substitutes;

  // 振替休日 (1973 amendment, art. 3(2)): a 国民の祝日 on a Sunday makes the next
  // day a holiday. 2005 amendment, from 2007: the nearest following day that is
  // not a 国民の祝日.
  for (const auto& h : statutory) {
    if (h.day < substitute_holiday_in_force || weekday{h.day} != Sunday) continue;
    sys_days next = h.day + days{1};
    if (h.day >= rules_of_2005_amendment_in_force) {
      while (is_statutory(next)) next += days{1};
    } else if (is_statutory(next)) {
      continue;
    }
    substitutes.push_back(next);
    holidays.push_back({next, Name::kyujitsu});
  }

  // 国民の休日 (1985 amendment, art. 3(3)): a day between two 国民の祝日 is a
  // holiday; until 2006 "except Sundays and substitute holidays"; from 2007
  // (2005 amendment) any day that is not itself a 国民の祝日.
  for (const auto& h : statutory) {
    const sys_days between = h.day + days{1};
    if (between < citizens_holiday_in_force || is_statutory(between) || !is_statutory(between + days{1})) {
      continue;
    }
    if (between < rules_of_2005_amendment_in_force && weekday{between} == Sunday) continue;
    // A substitute holiday is already one (and before 2007 the law excludes it).
    if (std::find(substitutes.begin(), substitutes.end(), between) != substitutes.end()) continue;
    holidays.push_back({between, Name::kyujitsu});
  }

  for (const auto& special : special_days) {
    if (special.year == y) holidays.push_back({make_day(y, special.month, special.day), special.name});
  }

  std::erase_if(holidays, [](const Entry& e) { return e.day < law_in_force; });
  std::sort(holidays.begin(), holidays.end(), [](const Entry& a, const Entry& b) { return a.day < b.day; });
  return holidays;
}

// Precomputed names per day for the years booking calendars use; built once,
// thread-safe (static local initialisation).
constexpr int first_cached_year = first_law_year;
constexpr int last_cached_year = 2150;
constexpr sys_days first_cached_day{year{first_cached_year} / January / 1};
constexpr sys_days last_cached_day{year{last_cached_year} / December / 31};

const std::vector<Name>& cached_names() {
  static const std::vector<Name> names = [] {
    std::vector<Name> table(static_cast<std::size_t>((last_cached_day - first_cached_day).count() + 1), Name::none);
    for (int y = first_cached_year; y <= last_cached_year; ++y) {
      for (const auto& entry : compute_year(y)) {
        table[static_cast<std::size_t>((entry.day - first_cached_day).count())] = entry.name;
      }
    }
    return table;
  }();
  return names;
}

Name name_of(Date date) {
  if (!date.ok()) return Name::none;
  const sys_days d{date};
  if (d >= first_cached_day && d <= last_cached_day) {
    return cached_names()[static_cast<std::size_t>((d - first_cached_day).count())];
  }
  for (const auto& entry : compute_year(static_cast<int>(date.year()))) {
    if (entry.day == d) return entry.name;
  }
  return Name::none;
}

}  // namespace

std::vector<Holiday> national_holidays(int y) {
  std::vector<Holiday> result;
  for (const auto& entry : compute_year(y)) result.push_back({Date{entry.day}, std::string{text_of(entry.name)}});
  return result;
}

std::optional<std::string> holiday_name(Date date) {
  const Name name = name_of(date);
  if (name == Name::none) return std::nullopt;
  return std::string{text_of(name)};
}

bool is_national_holiday(Date date) { return name_of(date) != Name::none; }

bool is_year_end_closure(Date date) {
  const unsigned m = static_cast<unsigned>(date.month());
  const unsigned d = static_cast<unsigned>(date.day());
  return (m == 12 && d >= 29) || (m == 1 && d <= 3);
}

bool is_weekend(Date date) {
  const weekday wd = weekday_of(date);
  return wd == Saturday || wd == Sunday;
}

bool is_closed_day(Date date) { return is_weekend(date) || is_national_holiday(date) || is_year_end_closure(date); }

}  // namespace yoyaku::domain
