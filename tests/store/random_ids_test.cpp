// Identifiers that rows are keyed by: hold ids and mail Message-IDs start with
// the time they were made, so each new row goes to the end of its unique
// index, and end with 16 random bytes, so they cannot be guessed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "util/random.hpp"

namespace yoyaku {
namespace {

bool lower_hex(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char ch) { return std::isdigit(ch) || (ch >= 'a' && ch <= 'f'); });
}

TEST(TimeOrderedIdsTest, AnIdMadeLaterSortsAfterAnEarlierOne) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(time_ordered_hex(16));
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  for (const auto& id : ids) {
    EXPECT_EQ(id.size(), 12u + 32u) << id;
    EXPECT_TRUE(lower_hex(id)) << id;
  }
}

TEST(TimeOrderedIdsTest, IdsMadeInTheSameMillisecondDifferInTheirRandomPart) {
  std::set<std::string> ids;
  std::set<std::string> random_parts;
  for (int i = 0; i < 1000; ++i) {
    auto id = time_ordered_hex(16);
    ids.insert(id);
    random_parts.insert(id.substr(12));
  }
  EXPECT_EQ(ids.size(), 1000u);
  EXPECT_EQ(random_parts.size(), 1000u);
}

}  // namespace
}  // namespace yoyaku
