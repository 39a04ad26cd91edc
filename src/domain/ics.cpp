#include "domain/ics.hpp"

#include <cstdio>

namespace yoyaku::domain {
namespace {

std::string local_time(Date date, int minute) {
  char text[32];
  std::snprintf(text, sizeof text, "%sT%02d%02d00", to_compact(date).c_str(), minute / 60, minute % 60);
  return text;
}

std::string utc_time(std::int64_t at) {
  auto fields = to_jst(at - 9 * 3600);  // the JST fields of (at − 9 h) are the UTC fields of `at`
  char text[32];
  std::snprintf(text, sizeof text, "%sT%02d%02d%02dZ", to_compact(fields.date).c_str(), fields.hour, fields.minute,
                fields.second);
  return text;
}

}  // namespace

std::string ics_escape(const std::string& text) {
  std::string out;
  for (char ch : text) {
    if (ch == '\\' || ch == ';' || ch == ',') {
      out += '\\';
      out += ch;
    } else if (ch == '\n') {
      out += "\\n";
    } else if (ch != '\r') {
      out += ch;
    }
  }
  return out;
}

std::string ics_fold(const std::string& line) {
  std::string out;
  std::size_t column = 0;
  for (std::size_t i = 0; i < line.size();) {
    unsigned char lead = static_cast<unsigned char>(line[i]);
    std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 1;
    if (column + length > 75) {
      out += "\r\n ";
      column = 1;
    }
    out.append(line, i, length);
    column += length;
    i += length;
  }
  return out + "\r\n";
}

std::string render_ics(const CalendarEvent& event) {
  std::string out;
  for (const char* line : {"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//yoyaku//ハローワーク面談予約//JA",
                           "CALSCALE:GREGORIAN"}) {
    out += ics_fold(line);
  }
  out += ics_fold(std::string("METHOD:") + (event.cancelled ? "CANCEL" : "PUBLISH"));
  for (const char* line : {"BEGIN:VTIMEZONE", "TZID:Asia/Tokyo", "BEGIN:STANDARD", "DTSTART:19700101T000000",
                           "TZOFFSETFROM:+0900", "TZOFFSETTO:+0900", "TZNAME:JST", "END:STANDARD", "END:VTIMEZONE"}) {
    out += ics_fold(line);
  }
  out += ics_fold("BEGIN:VEVENT");
  out += ics_fold("UID:" + event.uid);
  out += ics_fold("DTSTAMP:" + utc_time(event.stamp));
  out += ics_fold("SEQUENCE:" + std::to_string(event.sequence));
  out += ics_fold("DTSTART;TZID=Asia/Tokyo:" + local_time(event.date, event.start_minute));
  out += ics_fold("DTEND;TZID=Asia/Tokyo:" + local_time(event.date, event.end_minute));
  out += ics_fold("SUMMARY:" + ics_escape(event.summary));
  out += ics_fold("DESCRIPTION:" + ics_escape(event.description));
  out += ics_fold("LOCATION:" + ics_escape(event.location));
  if (event.url) out += ics_fold("URL:" + *event.url);
  out += ics_fold(std::string("STATUS:") + (event.cancelled ? "CANCELLED" : "CONFIRMED"));
  out += ics_fold("END:VEVENT");
  out += ics_fold("END:VCALENDAR");
  return out;
}

}  // namespace yoyaku::domain
