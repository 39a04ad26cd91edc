#pragma once
// An iCalendar (RFC 5545) file with one event in Japan Standard Time, as
// offered for every booking (manual 2.1): Asia/Tokyo VTIMEZONE, text escaped,
// lines folded at 75 octets without splitting a UTF-8 character, CRLF ends.
#include <cstdint>
#include <optional>
#include <string>

#include "domain/dates.hpp"

namespace yoyaku::domain {

struct CalendarEvent {
  std::string uid;
  std::int64_t stamp = 0;  // DTSTAMP, Unix seconds
  int sequence = 0;        // how many times the event changed
  Date date;
  int start_minute = 0;
  int end_minute = 0;
  std::string summary;
  std::string description;  // may hold line breaks
  std::string location;
  std::optional<std::string> url;
  bool cancelled = false;
};

std::string render_ics(const CalendarEvent& event);

// Escapes text for a property value (RFC 5545 §3.3.11): \ ; , and line breaks.
std::string ics_escape(const std::string& text);
// Folds one content line at 75 octets and ends it with CRLF.
std::string ics_fold(const std::string& line);

}  // namespace yoyaku::domain
