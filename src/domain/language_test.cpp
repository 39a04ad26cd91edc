#include "domain/language.hpp"

#include <gtest/gtest.h>

namespace {

using yoyaku::domain::Language;
using yoyaku::domain::language_code;
using yoyaku::domain::language_from_accept_header;
using yoyaku::domain::language_from_code;

TEST(LanguageTest, CodesRoundTrip) {
  EXPECT_EQ(language_code(Language::ja), "ja");
  EXPECT_EQ(language_code(Language::en), "en");
  EXPECT_EQ(language_from_code("EN"), Language::en);
  EXPECT_EQ(language_from_code("ja"), Language::ja);
  for (const char* bad : {"", "fr", "en-US", "english", "e", "ja ", "\xE6\x97\xA5"}) {
    EXPECT_EQ(language_from_code(bad), std::nullopt) << bad;
  }
}

TEST(LanguageTest, AcceptLanguagePicksTheHighestQualityOfOurs) {
  EXPECT_EQ(language_from_accept_header("en-US,en;q=0.9"), Language::en);
  EXPECT_EQ(language_from_accept_header("ja,en-US;q=0.9,en;q=0.8"), Language::ja);
  EXPECT_EQ(language_from_accept_header("fr-FR, en;q=0.5, ja;q=0.4"), Language::en);
  EXPECT_EQ(language_from_accept_header("fr, ja;q=0.2, en;q=0.7"), Language::en);
  EXPECT_EQ(language_from_accept_header("en-GB;q=0.3,ja-JP;q=0.8"), Language::ja);
  EXPECT_EQ(language_from_accept_header("EN"), Language::en);
  EXPECT_EQ(language_from_accept_header("  en ; q=1.0 "), Language::en);
}

TEST(LanguageTest, TiesGoToTheFirstListed) {
  EXPECT_EQ(language_from_accept_header("en, ja"), Language::en);
  EXPECT_EQ(language_from_accept_header("ja, en"), Language::ja);
}

TEST(LanguageTest, StarMeansJapaneseAndZeroRefuses) {
  EXPECT_EQ(language_from_accept_header("*"), Language::ja);
  EXPECT_EQ(language_from_accept_header("fr, *;q=0.1"), Language::ja);
  EXPECT_EQ(language_from_accept_header("en;q=0, ja;q=0"), std::nullopt);
  EXPECT_EQ(language_from_accept_header("en;q=0, *;q=0.5"), Language::ja);
}

TEST(LanguageTest, NothingOfOursOrMalformedGivesNothing) {
  for (const char* header : {"", "fr", "de-DE, zh;q=0.9", ",,,", ";q=1", "en;q=2", "en;q=abc", "en;q=0.1234",
                             "en;q=-1", "en;level=1", "enx", "english"}) {
    EXPECT_EQ(language_from_accept_header(header), std::nullopt) << header;
  }
}

}  // namespace
