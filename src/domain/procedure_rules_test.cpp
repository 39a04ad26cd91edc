#include "domain/procedure_rules.hpp"

#include <gtest/gtest.h>

#include "domain/dates.hpp"

namespace yoyaku::domain {
namespace {

ProcedureInput consultation() {
  return {"job_consultation", "【13040】 ハローワーク品川（東京） 職業相談 面談予約", "オンラインで職業相談を行います。",
          "職業相談部門", "０３－５７８３－８６０９", "", "shinagawa@example.jp", "2026-04-01T08:30", "",
          "92", "2", "2", "15"};
}

TEST(ProcedureRules, AValidProcedureIsNormalised) {
  auto checked = check_procedure(consultation());
  EXPECT_TRUE(checked.errors.empty());
  EXPECT_EQ(checked.values.contact_phone, "03-5783-8609");
  EXPECT_EQ(checked.values.reception_start_at, from_jst(*parse_iso_date("2026-04-01"), 8, 30));
  EXPECT_FALSE(checked.values.reception_end_at);
  EXPECT_EQ(checked.values.booking_opens_days_before, 92);
  auto help_desk = consultation();
  help_desk.contact_phone = "0120 860901";  // as the manual prints it
  EXPECT_EQ(check_procedure(help_desk).values.contact_phone, "0120-860901");
  EXPECT_TRUE(check_procedure(help_desk).errors.empty());
}

TEST(ProcedureRules, KindTitleAndContactAreChecked) {
  auto input = consultation();
  input.kind = "other";
  input.title = "";
  input.contact_email = "not an address";
  input.contact_fax = "123";
  auto errors = check_procedure(input).errors;
  EXPECT_EQ(errors.count("kind"), 1u);
  EXPECT_EQ(errors.count("title"), 1u);
  EXPECT_EQ(errors.count("contact_email"), 1u);
  EXPECT_EQ(errors.count("contact_fax"), 1u);
}

TEST(ProcedureRules, ReceptionEndIsOptionalAndAfterTheStart) {
  auto input = consultation();
  input.reception_end = "2026-03-31 17:00";
  EXPECT_EQ(check_procedure(input).errors.count("reception_end"), 1u);
  input.reception_end = "2027-03-31 17:00";
  auto checked = check_procedure(input);
  EXPECT_TRUE(checked.errors.empty());
  ASSERT_TRUE(checked.values.reception_end_at);
  EXPECT_EQ(format_jst_date_time(*checked.values.reception_end_at), "2027-03-31T17:00");
  input.reception_start = "2026/04/01";
  EXPECT_EQ(check_procedure(input).errors.count("reception_start"), 1u);
}

TEST(ProcedureRules, TheBookingWindowIsConsistent) {
  auto input = consultation();
  input.booking_closes_days_before = "92";
  EXPECT_EQ(check_procedure(input).errors.count("booking_closes_days_before"), 1u);
  input = consultation();
  input.change_deadline_days_before = "3";  // later than booking closes (2): a new booking would be past it
  EXPECT_EQ(check_procedure(input).errors.count("change_deadline_days_before"), 1u);
  input.change_deadline_days_before = "1";
  EXPECT_TRUE(check_procedure(input).errors.empty());
  input.booking_opens_days_before = "0";
  EXPECT_EQ(check_procedure(input).errors.count("booking_opens_days_before"), 1u);
  input = consultation();
  input.meeting_link_minutes_before = "121";
  EXPECT_EQ(check_procedure(input).errors.count("meeting_link_minutes_before"), 1u);
}

TEST(FacilityRules, NameRequiredAndMapUrlHttpsOnly) {
  auto checked = check_facility({"オンライン相談室", "東京都品川区大崎1-6-3", "03-5783-8609", "平日 10時～16時",
                                 "https://maps.example.jp/?q=品川"});
  EXPECT_TRUE(checked.errors.empty());
  EXPECT_EQ(checked.values.map_url, "https://maps.example.jp/?q=%E5%93%81%E5%B7%9D");
  auto bad = check_facility({" ", "", "12", "", "http://maps.example.jp/"});
  EXPECT_EQ(bad.errors.count("name"), 1u);
  EXPECT_EQ(bad.errors.count("phone"), 1u);
  EXPECT_EQ(bad.errors.count("map_url"), 1u);
}

}  // namespace
}  // namespace yoyaku::domain
