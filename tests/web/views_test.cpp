// Views written straight to JSON text must say exactly what their json
// object would: the slot list of the API against slot_view's dump().
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

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

}  // namespace
}  // namespace yoyaku::web
