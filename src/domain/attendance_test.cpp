#include <gtest/gtest.h>

#include "domain/attendance.hpp"

namespace yoyaku::domain {
namespace {

const Date day{std::chrono::year{2026} / 12 / 3};  // Thursday
const int ten = 10 * 60;

TEST(AttendanceTest, AnUnmarkedBookingBecomesAnUnannouncedNoShowTenMinutesAfterTheStartInJst) {
  EXPECT_EQ(attendance_opens_at(day, ten), from_jst(day, 10, 10));
  // 10:10 JST is 01:10 UTC.
  EXPECT_EQ(attendance_opens_at(day, ten) % 86400, 70 * 60);
  EXPECT_EQ(attendance_of("confirmed", day, ten, from_jst(day, 10, 9, 59)), Attendance::confirmed);
  EXPECT_EQ(attendance_of("confirmed", day, ten, from_jst(day, 10, 10)), Attendance::no_show_unannounced);
  EXPECT_EQ(attendance_of("confirmed", day, ten, from_jst(add_days(day, 30), 9, 0)), Attendance::no_show_unannounced);
  // What staff recorded stands, whatever the time.
  EXPECT_EQ(attendance_of("attended", day, ten, from_jst(day, 10, 11)), Attendance::attended);
  EXPECT_EQ(attendance_of("no_show", day, ten, from_jst(day, 10, 11)), Attendance::no_show);
  EXPECT_EQ(attendance_of("withdrawn", day, ten, from_jst(day, 10, 11)), Attendance::withdrawn);
  EXPECT_EQ(attendance_code(Attendance::no_show_unannounced), "no_show_unannounced");
}

TEST(AttendanceTest, StaffMarkAttendanceFromTheEndOfTheGracePeriodOnButNeverOnAWithdrawnBooking) {
  EXPECT_FALSE(can_record_attendance("confirmed", day, ten, from_jst(day, 10, 9, 59)));
  EXPECT_TRUE(can_record_attendance("confirmed", day, ten, from_jst(day, 10, 10)));
  EXPECT_TRUE(can_record_attendance("no_show", day, ten, from_jst(day, 15, 0)));  // a correction
  EXPECT_FALSE(can_record_attendance("withdrawn", day, ten, from_jst(day, 15, 0)));
  // A 15:00 slot: 15:10.
  EXPECT_FALSE(can_record_attendance("confirmed", day, 15 * 60, from_jst(day, 15, 9, 59)));
  EXPECT_TRUE(can_record_attendance("confirmed", day, 15 * 60, from_jst(day, 15, 10)));
}

TEST(AttendanceTest, OnlineBookingIsRefusedAfterTheLimitOfNoShows) {
  const std::vector<std::int64_t> one = {100};
  const std::vector<std::int64_t> two = {100, 200};
  EXPECT_FALSE(online_booking_refused({}, std::nullopt, 2));
  EXPECT_FALSE(online_booking_refused(one, std::nullopt, 2));
  EXPECT_TRUE(online_booking_refused(two, std::nullopt, 2));
  EXPECT_TRUE(online_booking_refused(one, std::nullopt, 1));
  EXPECT_FALSE(online_booking_refused(two, std::nullopt, 3));
  // A limit below 1 would refuse everyone: treated as 1.
  EXPECT_FALSE(online_booking_refused({}, std::nullopt, 0));
}

TEST(AttendanceTest, LiftingCountsOnlyLaterNoShowsAndSettingRefusesWhateverTheCount) {
  const std::vector<std::int64_t> two = {100, 200};
  const RefusalOverride lifted{false, 250};
  EXPECT_FALSE(online_booking_refused(two, lifted, 2));
  EXPECT_EQ(counted_no_shows(two, lifted), 0);
  EXPECT_FALSE(online_booking_refused({100, 200, 300}, lifted, 2));
  EXPECT_TRUE(online_booking_refused({100, 200, 300, 400}, lifted, 2));
  // Lifted between the two: one counts.
  EXPECT_EQ(counted_no_shows(two, RefusalOverride{false, 150}), 1);
  // Set by staff: refused with no no-show at all.
  EXPECT_TRUE(online_booking_refused({}, RefusalOverride{true, 50}, 2));
}

}  // namespace
}  // namespace yoyaku::domain
