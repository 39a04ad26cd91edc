#include <gtest/gtest.h>

#include "domain/meetings.hpp"

namespace yoyaku::domain {
namespace {

TEST(MeetingsTest, AMeetingIdHasNineToElevenDigitsTypedAsZoomPrintsThem) {
  EXPECT_EQ(check_meeting_fields({"123 4567 8901", "abc123", ""}).clean.meeting_id, "12345678901");
  EXPECT_EQ(check_meeting_fields({"１２３-４５６-７８９", "abc123", ""}).clean.meeting_id, "123456789");
  EXPECT_TRUE(check_meeting_fields({"1234567890", "a", ""}).errors.empty());
  EXPECT_EQ(check_meeting_fields({"12345678", "a", ""}).errors.count("meeting_id"), 1u);
  EXPECT_EQ(check_meeting_fields({"123456789012", "a", ""}).errors.count("meeting_id"), 1u);
  EXPECT_EQ(check_meeting_fields({"12345678a", "a", ""}).errors.count("meeting_id"), 1u);
  EXPECT_EQ(check_meeting_fields({"", "a", ""}).errors.at("meeting_id"),
            "ミーティングIDは9桁から11桁の数字で入力してください。");
}

TEST(MeetingsTest, APasscodeIsUpToTenOfZoomsCharacters) {
  EXPECT_TRUE(check_meeting_fields({"123456789", "Ab1@-_*", ""}).errors.empty());
  EXPECT_EQ(check_meeting_fields({"123456789", "", ""}).errors.count("passcode"), 1u);
  EXPECT_EQ(check_meeting_fields({"123456789", "12345678901", ""}).errors.count("passcode"), 1u);
  EXPECT_EQ(check_meeting_fields({"123456789", "pass word", ""}).errors.count("passcode"), 1u);
  EXPECT_EQ(check_meeting_fields({"123456789", "パス", ""}).errors.count("passcode"), 1u);
}

TEST(MeetingsTest, AJoinUrlIsOptionalButOnlyHttps) {
  EXPECT_TRUE(check_meeting_fields({"123456789", "a", "https://zoom.us/j/123456789"}).errors.empty());
  EXPECT_EQ(check_meeting_fields({"123456789", "a", "http://zoom.us/j/1"}).errors.count("join_url"), 1u);
  EXPECT_EQ(check_meeting_fields({"123456789", "a", "javascript:alert(1)"}).errors.count("join_url"), 1u);
  EXPECT_EQ(check_meeting_fields({"123456789", "a", "https://zoom.us/j/1\"><script>"}).errors.count("join_url"), 1u);
  EXPECT_EQ(check_meeting_fields({"123456789", "a", "https://" + std::string(500, 'a')}).errors.count("join_url"), 1u);
}

TEST(MeetingsTest, TheOfficeTemplateMakesTheJoinUrl) {
  EXPECT_EQ(meeting_url_from_template("", "12345678901", "abc"), "https://zoom.us/j/12345678901");
  EXPECT_EQ(meeting_url_from_template("https://hellowork.zoom.us/j/{meeting_id}?pwd={passcode}", "123456789", "a@b"),
            "https://hellowork.zoom.us/j/123456789?pwd=a%40b");
  EXPECT_TRUE(valid_meeting_url_template("https://hellowork.zoom.us/j/{meeting_id}"));
  EXPECT_FALSE(valid_meeting_url_template("https://hellowork.zoom.us/j/"));
  EXPECT_FALSE(valid_meeting_url_template("http://hellowork.zoom.us/j/{meeting_id}"));
}

TEST(MeetingsTest, TheNameInZoomIsTheJobSeekerNumberAndName) {
  EXPECT_EQ(zoom_display_name("12345-12345678", "雇用", "太郎"), "12345-12345678 雇用 太郎");
}

}  // namespace
}  // namespace yoyaku::domain
