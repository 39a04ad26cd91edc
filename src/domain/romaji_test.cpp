#include "domain/romaji.hpp"

#include <gtest/gtest.h>

namespace {

using yoyaku::domain::romaji_of_reading;

TEST(RomajiTest, OfficeReadingsAsOnSigns) {
  EXPECT_EQ(romaji_of_reading("しながわ"), "Shinagawa");
  EXPECT_EQ(romaji_of_reading("さっぽろ"), "Sapporo");
  EXPECT_EQ(romaji_of_reading("はこだて"), "Hakodate");
  EXPECT_EQ(romaji_of_reading("えんがる"), "Engaru");
  EXPECT_EQ(romaji_of_reading("もんべつ"), "Monbetsu");
  EXPECT_EQ(romaji_of_reading("ふじさわ"), "Fujisawa");
  EXPECT_EQ(romaji_of_reading("ちば"), "Chiba");
}

TEST(RomajiTest, ContractedSoundsDoubledConsonantsAndLongVowels) {
  EXPECT_EQ(romaji_of_reading("とうきょう"), "Tokyo");
  EXPECT_EQ(romaji_of_reading("おおさか"), "Osaka");
  EXPECT_EQ(romaji_of_reading("きょうと"), "Kyoto");
  EXPECT_EQ(romaji_of_reading("しんじゅく"), "Shinjuku");
  EXPECT_EQ(romaji_of_reading("ちゅうおう"), "Chuo");
  EXPECT_EQ(romaji_of_reading("はっちょうぼり"), "Hatchobori");
  EXPECT_EQ(romaji_of_reading("しんおおさか"), "Shin'osaka");
  EXPECT_EQ(romaji_of_reading("じょうえつ"), "Joetsu");
  EXPECT_EQ(romaji_of_reading("ぎふ"), "Gifu");
  EXPECT_EQ(romaji_of_reading("シナガワ"), "Shinagawa");
}

TEST(RomajiTest, AnythingButKanaIsNotGuessed) {
  EXPECT_EQ(romaji_of_reading(""), std::nullopt);
  EXPECT_EQ(romaji_of_reading("品川"), std::nullopt);
  EXPECT_EQ(romaji_of_reading("しながわ 2"), std::nullopt);
  EXPECT_EQ(romaji_of_reading("shinagawa"), std::nullopt);
  EXPECT_EQ(romaji_of_reading("\xE3\x81"), std::nullopt);  // cut UTF-8
}

}  // namespace
