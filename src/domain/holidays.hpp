#pragma once

// Japanese national holidays (国民の祝日に関する法律, 1948-07-20 onwards, with its
// amendments and the special laws), computed from the rules, and the days the
// public employment offices are closed.
//
// Exact for 1948-07-20..2099 (the equinox formula is valid until 2099; the
// 2100..2150 variant is used from 2100 on, also beyond 2150). Years before the
// law have no holidays here.

#include <optional>
#include <string>
#include <vector>

#include "domain/dates.hpp"

namespace yoyaku::domain {

struct Holiday {
  Date date;
  std::string name;  // exactly as in the Cabinet Office list (syukujitsu.csv)
  friend bool operator==(const Holiday&, const Holiday&) = default;
};

std::vector<Holiday> national_holidays(int year);  // sorted by date
std::optional<std::string> holiday_name(Date date);
bool is_national_holiday(Date date);  // any entry of the list, including 振替休日 and 国民の休日
bool is_year_end_closure(Date date);  // 12/29 .. 1/3
bool is_weekend(Date date);
bool is_closed_day(Date date);  // weekend, national holiday or 12/29 .. 1/3

}  // namespace yoyaku::domain
