#include <gtest/gtest.h>

#include "domain/reservation_rules.hpp"

namespace yoyaku::domain {
namespace {

const Date interview{std::chrono::year{2024} / 8 / 22};  // Thursday

TEST(ReservationRulesTest, ChangesCloseAt2359JstTwoDaysBefore) {
  EXPECT_EQ(change_deadline(interview, 2), from_jst(Date{std::chrono::year{2024} / 8 / 20}, 23, 59, 59));
  // 2024-08-20 23:59:59 JST is 14:59:59 UTC.
  EXPECT_EQ(change_deadline(interview, 2), 1724165999);
  EXPECT_TRUE(can_change_online(interview, 2, from_jst(Date{std::chrono::year{2024} / 8 / 20}, 23, 59, 59)));
  EXPECT_FALSE(can_change_online(interview, 2, from_jst(Date{std::chrono::year{2024} / 8 / 21}, 0, 0, 0)));
  EXPECT_TRUE(can_change_online(interview, 2, from_jst(Date{std::chrono::year{2024} / 8 / 1}, 9, 0)));
  // Configurable per procedure.
  EXPECT_FALSE(can_change_online(interview, 5, from_jst(Date{std::chrono::year{2024} / 8 / 18}, 0, 0, 0)));
  EXPECT_TRUE(can_change_online(interview, 0, from_jst(interview, 23, 59, 59)));
  // The JST day, not the UTC one: 2024-08-20 20:00 UTC is already the 21st in Japan.
  EXPECT_FALSE(can_change_online(interview, 2, 1724184000));
}

TEST(ReservationRulesTest, WithdrawingOnTheDayIsByPhoneOnly) {
  EXPECT_TRUE(can_withdraw_online(interview, from_jst(Date{std::chrono::year{2024} / 8 / 21}, 23, 59, 59)));
  EXPECT_FALSE(can_withdraw_online(interview, from_jst(interview, 0, 0, 0)));
  EXPECT_FALSE(can_withdraw_online(interview, from_jst(Date{std::chrono::year{2024} / 8 / 23}, 10, 0)));
  // 2024-08-21 15:00 UTC is 2024-08-22 00:00 JST: the day of the interview.
  EXPECT_FALSE(can_withdraw_online(interview, 1724252400));
  EXPECT_TRUE(can_withdraw_online(interview, 1724252399));
}

TEST(ReservationRulesTest, TheMeetingLinkShowsFromShortlyBeforeTheStartUntilTheEnd) {
  const int start = 14 * 60;
  const int end = 14 * 60 + 30;
  EXPECT_FALSE(meeting_link_open(interview, start, end, 15, from_jst(interview, 13, 44, 59)));
  EXPECT_TRUE(meeting_link_open(interview, start, end, 15, from_jst(interview, 13, 45)));
  EXPECT_TRUE(meeting_link_open(interview, start, end, 15, from_jst(interview, 14, 29, 59)));
  EXPECT_FALSE(meeting_link_open(interview, start, end, 15, from_jst(interview, 14, 30)));
  EXPECT_EQ(meeting_link_opens_at(interview, start, 15), from_jst(interview, 13, 45));
}

}  // namespace
}  // namespace yoyaku::domain
