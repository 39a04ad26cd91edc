#include "domain/ics.hpp"

#include <gtest/gtest.h>

namespace yoyaku::domain {
namespace {

CalendarEvent interview() {
  CalendarEvent event;
  event.uid = "20240820-000001@yoyaku";
  event.stamp = from_jst(Date{std::chrono::year{2024} / 8 / 20}, 15, 58, 0);
  event.sequence = 2;
  event.date = Date{std::chrono::year{2024} / 8 / 22};
  event.start_minute = 14 * 60;
  event.end_minute = 14 * 60 + 30;
  event.summary = "【13040】ハローワーク品川（東京） 職業相談 面談予約";
  event.description = "予約番号：20240820-000001\n予約施設：ハローワーク品川";
  event.location = "オンライン（Zoom）";
  return event;
}

TEST(IcsTest, OneEventInTokyoTimeWithCrlfLines) {
  const std::string ics = render_ics(interview());
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  EXPECT_NE(ics.find("TZID:Asia/Tokyo\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTSTART;TZID=Asia/Tokyo:20240822T140000\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTEND;TZID=Asia/Tokyo:20240822T143000\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTSTAMP:20240820T065800Z\r\n"), std::string::npos);  // 15:58 JST
  EXPECT_NE(ics.find("SEQUENCE:2\r\n"), std::string::npos);
  EXPECT_NE(ics.find("STATUS:CONFIRMED\r\n"), std::string::npos);
  EXPECT_NE(ics.find("METHOD:PUBLISH\r\n"), std::string::npos);
  EXPECT_EQ(ics.find("URL:"), std::string::npos);
  EXPECT_EQ(ics.substr(ics.size() - 15), "END:VCALENDAR\r\n");
}

TEST(IcsTest, ACancelledEventAndTheMeetingUrl) {
  auto event = interview();
  event.cancelled = true;
  event.url = "https://zoom.us/j/12345678901";
  const std::string ics = render_ics(event);
  EXPECT_NE(ics.find("STATUS:CANCELLED\r\n"), std::string::npos);
  EXPECT_NE(ics.find("METHOD:CANCEL\r\n"), std::string::npos);
  EXPECT_NE(ics.find("URL:https://zoom.us/j/12345678901\r\n"), std::string::npos);
}

TEST(IcsTest, TextIsEscapedAndLinesFoldAt75OctetsOnCharacterBoundaries) {
  EXPECT_EQ(ics_escape("a,b;c\\d\r\ne"), "a\\,b\\;c\\\\d\\ne");
  std::string japanese = "DESCRIPTION:";
  for (int i = 0; i < 40; ++i) japanese += "予";  // 3 octets each
  const std::string folded = ics_fold(japanese);
  std::size_t start = 0;
  std::string unfolded;
  while (start < folded.size()) {
    auto end = folded.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 75u);
    std::string line = folded.substr(start, end - start);
    unfolded += start == 0 ? line : line.substr(1);  // a continuation starts with one space
    start = end + 2;
  }
  EXPECT_EQ(unfolded, japanese);
  EXPECT_EQ(ics_fold("SHORT"), "SHORT\r\n");
}

}  // namespace
}  // namespace yoyaku::domain
