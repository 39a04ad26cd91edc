#include "domain/notices.hpp"

#include <gtest/gtest.h>

#include "domain/dates.hpp"

namespace yoyaku::domain {
namespace {

using namespace std::chrono;

TEST(NoticesTest, ScheduleIsTypedInJstAndUntilMustComeAfterFrom) {
  auto ok = check_notice({" 年末年始の休業 ", "本文", "2026-12-28", "09:00", "2027-01-04", "08:30"});
  EXPECT_TRUE(ok.errors.empty());
  EXPECT_EQ(ok.title, "年末年始の休業");
  EXPECT_EQ(ok.published_at, from_jst(2026y / December / 28d, 9, 0));
  EXPECT_EQ(ok.published_until, from_jst(2027y / January / 4d, 8, 30));
  EXPECT_EQ(jst_date_input(ok.published_at), "2026-12-28");
  EXPECT_EQ(jst_time_input(*ok.published_until), "08:30");

  auto no_end = check_notice({"件名", "本文", "2026-12-28", "", "", ""});
  EXPECT_TRUE(no_end.errors.empty());
  EXPECT_EQ(no_end.published_at, from_jst(2026y / December / 28d, 0, 0));
  EXPECT_FALSE(no_end.published_until);

  auto backwards = check_notice({"件名", "本文", "2026-12-28", "09:00", "2026-12-28", "09:00"});
  EXPECT_EQ(backwards.errors.at("published_until"), "掲載終了は掲載開始より後の日時を入力してください。");
  auto bad = check_notice({"", std::string(4001, 'a'), "2026/12/28", "9時", "2026-02-30", ""});
  EXPECT_EQ(bad.errors.at("title"), "件名を入力してください。");
  EXPECT_EQ(bad.errors.at("body"), "本文は4000文字以内で入力してください。");
  EXPECT_EQ(bad.errors.at("published_at"), "掲載開始の日付を「2026-04-01」の形で入力してください。");
  EXPECT_EQ(bad.errors.at("published_until"), "掲載終了の日付を「2026-04-01」の形で入力してください。");
  EXPECT_EQ(check_notice({"件名", "本文", "", "", "", ""}).errors.at("published_at"), "掲載開始の日付を入力してください。");
  EXPECT_EQ(check_notice({"件名", "本文", "2026-12-28", "25:00", "", ""}).errors.at("published_at"),
            "掲載開始の時刻を「09:00」の形で入力してください。");
  EXPECT_EQ(check_notice({std::string(101 * 3, 'x').substr(0, 101), "b", "2026-12-28", "", "", ""}).errors.at("title"),
            "件名は100文字以内で入力してください。");
}

TEST(NoticesTest, VisibleFromItsStartUntilJustBeforeItsEnd) {
  EXPECT_FALSE(notice_visible(100, 200, 99));
  EXPECT_TRUE(notice_visible(100, 200, 100));
  EXPECT_TRUE(notice_visible(100, 200, 199));
  EXPECT_FALSE(notice_visible(100, 200, 200));
  EXPECT_TRUE(notice_visible(100, std::nullopt, 1'000'000'000));
}

TEST(NoticesTest, TermsNeedTextAndTheOfficesParts) {
  auto ok = check_terms({"\n第1条（目的）\n本文\n", " 福岡地方裁判所 ", "令和8年4月1日", "八幡公共職業安定所長"});
  EXPECT_TRUE(ok.errors.empty());
  EXPECT_EQ(ok.clean.text, "第1条（目的）\n本文");
  EXPECT_EQ(ok.clean.court, "福岡地方裁判所");
  auto bad = check_terms({" ", "", std::string(101, 'x'), "x"});
  EXPECT_EQ(bad.errors.at("text"), "利用規約の本文を入力してください。");
  EXPECT_EQ(bad.errors.at("court"), "合意管轄裁判所を入力してください。");
  EXPECT_EQ(bad.errors.at("terms_date"), "制定・改定日は100文字以内で入力してください。");
  EXPECT_FALSE(bad.errors.count("issuer"));
}

}  // namespace
}  // namespace yoyaku::domain
