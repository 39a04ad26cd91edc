// Views written straight to JSON text must say exactly what their json
// object would: the slot list of the API against slot_view's dump(), the
// calendar against the object the API built before.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "domain/dates.hpp"
#include "web/views/booking_views.hpp"

namespace yoyaku::web {
namespace {

services::SlotView slot(std::string facility, std::string frame, int start, int available) {
  services::SlotView view;
  view.id = "12-20261207-" + std::to_string(start / 60 * 100 + start % 60);
  view.frame_id = 12;
  view.facility = std::move(facility);
  view.frame = std::move(frame);
  view.date = std::chrono::year{2026} / 12 / 7;
  view.start_minute = start;
  view.end_minute = start + 30;
  view.capacity = 2;
  view.available = available;
  return view;
}

std::string dumped(const std::vector<services::SlotView>& slots) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& s : slots) list.push_back(slot_view(s));
  return list.dump();
}

TEST(ViewsTest, TheSlotListTextIsTheDumpOfItsSlotViews) {
  std::vector<services::SlotView> slots = {
      slot("ハローワーク品川", "オンライン職業相談", 600, 2),
      slot("本庁舎 \"2階\" \\ 窓口", "タブ\tと改行\nと\x01制御", 630, 0),
      slot("", "", 1410, 1),
  };
  EXPECT_EQ(slot_list_json(slots), dumped(slots));
  // The days of one list can differ (a day's texts are reused only for its slots).
  slots[2].date = std::chrono::year{2027} / 1 / 4;
  EXPECT_EQ(slot_list_json(slots), dumped(slots));
  EXPECT_EQ(slot_list_json({}), "[]");
  auto parsed = nlohmann::json::parse(slot_list_json(slots));
  ASSERT_EQ(parsed.size(), 3u);
  EXPECT_EQ(parsed[1]["facility"], "本庁舎 \"2階\" \\ 窓口");
  EXPECT_EQ(parsed[1]["status"], "full");
  EXPECT_EQ(parsed[2]["date"], "2027-01-04");
}

// The calendar as the API built it with nlohmann::json: facilities in the
// order they first come, each with its frames.
std::string calendar_as_object(std::int64_t id, domain::Date from, int days,
                               const std::vector<services::CalendarRow>& rows) {
  nlohmann::json facilities = nlohmann::json::array();
  for (const auto& row : rows) {
    nlohmann::json day_list = nlohmann::json::array();
    for (const auto& day : row.days) {
      day_list.push_back({{"date", domain::to_iso(day.date)}, {"status", std::string(services::day_status_code(day.status))}});
    }
    nlohmann::json frame = {{"id", row.frame.id}, {"name", row.frame.name}, {"days", day_list}};
    auto existing = std::find_if(facilities.begin(), facilities.end(),
                                 [&](const nlohmann::json& f) { return f["id"] == row.facility.id; });
    if (existing == facilities.end()) {
      facilities.push_back({{"id", row.facility.id}, {"name", row.facility.name}, {"frames", {frame}}});
    } else {
      (*existing)["frames"].push_back(frame);
    }
  }
  return nlohmann::json{{"procedure_id", id}, {"from", domain::to_iso(from)}, {"days", days}, {"facilities", facilities}}
      .dump();
}

services::CalendarRow calendar_row(std::int64_t facility_id, std::string facility, std::int64_t frame_id,
                                   std::string frame, domain::Date from, int days) {
  services::CalendarRow row;
  row.facility.id = facility_id;
  row.facility.name = std::move(facility);
  row.frame.id = frame_id;
  row.frame.name = std::move(frame);
  for (int i = 0; i < days; ++i) {
    row.days.push_back({domain::add_days(from, i), static_cast<services::DayStatus>(i % 3)});
  }
  return row;
}

TEST(ViewsTest, TheCalendarTextIsTheCalendarObjectsDump) {
  const domain::Date from = std::chrono::year{2026} / 12 / 28;
  std::vector<services::CalendarRow> rows = {
      calendar_row(7, "本庁舎 \"2階\" \\ 窓口", 31, "オンライン職業相談", from, 9),
      calendar_row(8, "分室\t(改行\n)", 32, "\x01制御", from, 9),
      calendar_row(7, "本庁舎 \"2階\" \\ 窓口", 33, "来所相談", from, 9),
  };
  EXPECT_EQ(calendar_json(192, from, 9, rows), calendar_as_object(192, from, 9, rows));
  EXPECT_EQ(calendar_json(192, from, 1, {}), calendar_as_object(192, from, 1, {}));
  auto parsed = nlohmann::json::parse(calendar_json(192, from, 9, rows));
  ASSERT_EQ(parsed["facilities"].size(), 2u);
  EXPECT_EQ(parsed["facilities"][0]["frames"].size(), 2u);
  EXPECT_EQ(parsed["facilities"][0]["frames"][1]["name"], "来所相談");
  EXPECT_EQ(parsed["facilities"][0]["frames"][0]["days"][4]["date"], "2027-01-01");
}

}  // namespace
}  // namespace yoyaku::web
