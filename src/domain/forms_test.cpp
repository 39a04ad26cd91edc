#include "domain/forms.hpp"

#include <gtest/gtest.h>

namespace yoyaku::domain {
namespace {

TEST(FormsTest, PersonFieldsAreNormalisedAndCheckedOneWay) {
  auto ok = check_person_fields({" 雇用 ", "太郎", "１２３４５－１２３４５６７８", "０３ー１２３４ー５６７８"}, PhoneRule::required);
  EXPECT_TRUE(ok.errors.empty());
  EXPECT_EQ(ok.clean.family_name, "雇用");
  EXPECT_EQ(ok.clean.job_seeker_number, "12345-12345678");
  EXPECT_EQ(ok.clean.phone, "03-1234-5678");

  auto bad = check_person_fields({"", std::string(51 * 3, 'a'), "1234-12345678", "12-34"}, PhoneRule::required);
  for (const char* field : {"family_name", "given_name", "job_seeker_number", "phone"}) {
    EXPECT_TRUE(bad.errors.count(field)) << field;
  }
  EXPECT_NE(bad.errors["job_seeker_number"].find("例) 12345-12345678"), std::string::npos);
}

TEST(FormsTest, ThePhoneIsRequiredOnTheProfileButNotOnABooking) {
  EXPECT_TRUE(check_person_fields({"雇用", "太郎", "12345-12345678", ""}, PhoneRule::required).errors.count("phone"));
  auto booking = check_person_fields({"雇用", "太郎", "12345-12345678", " "}, PhoneRule::optional);
  EXPECT_TRUE(booking.errors.empty());
  EXPECT_EQ(booking.clean.phone, "");
}

TEST(FormsTest, BookingTopicsAreKnownCodesInTheManualsOrder) {
  auto checked = check_booking_details({{"雇用", "太郎", "12345-12345678", ""}, {"other", "consultation", "other"}, ""});
  EXPECT_TRUE(checked.errors.empty());
  EXPECT_EQ(checked.clean.topics, (std::vector<std::string>{"consultation", "other"}));
  EXPECT_EQ(topic_label("document_review"), "履歴書、職務経歴書の添削");
  EXPECT_EQ(topic_label("golf"), "");
  auto unknown = check_booking_details({{"雇用", "太郎", "12345-12345678", ""}, {"golf"}, ""});
  EXPECT_TRUE(unknown.errors.count("topics"));
}

TEST(FormsTest, TheStaffNoteHoldsAtMost500Characters) {
  std::string note;
  for (int i = 0; i < 500; ++i) note += "記";
  EXPECT_TRUE(check_booking_details({{"雇用", "太郎", "12345-12345678", ""}, {}, note}).errors.empty());
  EXPECT_TRUE(check_booking_details({{"雇用", "太郎", "12345-12345678", ""}, {}, note + "x"}).errors.count("staff_note"));
  EXPECT_TRUE(check_booking_details({{"雇用", "太郎", "12345-12345678", ""}, {}, "\xff"}).errors.count("staff_note"));
}

TEST(FormsTest, AWithdrawalReasonCountsCharactersAsTheUserSeesThem) {
  EXPECT_EQ(check_withdrawal_reason("  ").error, "取消事由を入力してください。");
  EXPECT_FALSE(check_withdrawal_reason("\xc3\x28").error.empty());
  std::string family = "👨‍👩‍👧";  // one character on screen, five code points
  std::string reason;
  for (int i = 0; i < 2000; ++i) reason += family;
  auto at_limit = check_withdrawal_reason(reason);
  EXPECT_TRUE(at_limit.error.empty());
  EXPECT_EQ(at_limit.characters, 2000u);
  auto over = check_withdrawal_reason(reason + "。");
  EXPECT_NE(over.error.find("現在2001文字"), std::string::npos);
  // A line end is one character, however it was sent.
  EXPECT_EQ(normalise_line_ends("a\r\nb\rc\nd"), "a\nb\nc\nd");
  EXPECT_EQ(check_withdrawal_reason("体調\r\n不良").characters, 5u);
}

// Found by fuzz/forms_fuzz.cpp: control characters (a NUL byte, BEL) were
// accepted in the text areas; PostgreSQL's client library cuts a value at NUL.
TEST(FormsTest, TextAreasRefuseControlCharactersButKeepTabsAndLineEnds) {
  auto note = check_booking_details({{"雇用", "太郎", "12345-12345678", ""}, {}, std::string("a\0b", 3)});
  EXPECT_EQ(note.errors.at("staff_note"), "ハローワーク職員用項目に使用できない文字が含まれています。");
  EXPECT_TRUE(check_booking_details({{"雇用", "太郎", "12345-12345678", ""}, {}, "a\x07"}).errors.count("staff_note"));
  EXPECT_FALSE(check_booking_details({{"雇用", "太郎", "12345-12345678", ""}, {}, "a\tb\r\nc"}).errors.count("staff_note"));

  EXPECT_EQ(check_withdrawal_reason(std::string("都合\0", 7)).error, "取消事由に使用できない文字が含まれています。");
  EXPECT_EQ(check_withdrawal_reason("都合\x1b[31m").error, "取消事由に使用できない文字が含まれています。");
  auto fine = check_withdrawal_reason("都合が\t悪くなりました\r\n以上");
  EXPECT_EQ(fine.error, "");
  EXPECT_EQ(fine.clean, "都合が\t悪くなりました\n以上");
}

}  // namespace
}  // namespace yoyaku::domain
