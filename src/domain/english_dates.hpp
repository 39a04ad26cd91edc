#pragma once
// Dates and times of the Japanese pages, read naturally in English: the views
// write 「2024年08月22日(木) 14時00分～14時30分」 and the English page shows
// "Thu 22 Aug 2024, 14:00–14:30 JST".
#include <string>
#include <string_view>

namespace yoyaku::domain {

// `text` with every date (YYYY年MM月DD日, with or without its (曜)) and time
// (HH時MM分, alone or as a ～ range) written in English; the rest unchanged.
// The weekday is computed from the date, not copied.
std::string english_dates_in(std::string_view text);

}  // namespace yoyaku::domain
