#include <gtest/gtest.h>

#include "domain/office_contact.hpp"

namespace yoyaku::domain {
namespace {

TEST(OfficeContactTest, NormalisesWhatStaffType) {
  OfficeContact contact{"〒１４１－８６０９", "  東京都品川区大崎1-6-3 日精ビル  ", "０３－５７８３－８６０９", "",
                        "03-5783-8610", "平日 8時30分〜17時15分\r\n土日祝日は休み", "https://maps.example.jp/?q=品川"};
  auto errors = normalize_office_contact(contact);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(contact.postal_code, "141-8609");
  EXPECT_EQ(contact.address, "東京都品川区大崎1-6-3 日精ビル");
  EXPECT_EQ(contact.phone, "03-5783-8609");
  EXPECT_EQ(contact.fax, "03-5783-8610");
  EXPECT_EQ(contact.opening_hours, "平日 8時30分〜17時15分\n土日祝日は休み");
  EXPECT_EQ(contact.map_url, "https://maps.example.jp/?q=%E5%93%81%E5%B7%9D");
  OfficeContact bare{"1418609"};
  EXPECT_TRUE(normalize_office_contact(bare).empty());
  EXPECT_EQ(bare.postal_code, "141-8609");
}

TEST(OfficeContactTest, EveryFieldMayBeEmpty) {
  OfficeContact empty;
  EXPECT_TRUE(normalize_office_contact(empty).empty());
}

TEST(OfficeContactTest, NamesEachBadField) {
  OfficeContact contact{"14-18609", "所在地\n二行目", "03-578", "abc", "0120", std::string(301 * 3, 'a'),
                        "javascript:alert(1)"};
  auto errors = normalize_office_contact(contact);
  for (const char* field :
       {"postal_code", "address", "phone", "consultation_phone", "fax", "opening_hours", "map_url"}) {
    EXPECT_TRUE(errors.count(field)) << field;
  }
  OfficeContact plain_http{"", "", "", "", "", "", "http://maps.example.jp/"};
  EXPECT_TRUE(normalize_office_contact(plain_http).count("map_url"));
  OfficeContact quoted{"", "", "", "", "", "", "https://maps.example.jp/\"onclick=x"};
  EXPECT_TRUE(normalize_office_contact(quoted).count("map_url"));
}

TEST(OfficeContactTest, TheConsultationLineIsCalledWhenThereIsOne) {
  OfficeContact contact{"", "", "03-5783-8609", "03-5783-8611"};
  ASSERT_TRUE(normalize_office_contact(contact).empty());
  EXPECT_EQ(call_number(contact), "03-5783-8611");
  contact.consultation_phone = "03-5783-8609";  // the same as the main number: no separate line
  ASSERT_TRUE(normalize_office_contact(contact).empty());
  EXPECT_EQ(contact.consultation_phone, "");
  EXPECT_EQ(call_number(contact), "03-5783-8609");
}

}  // namespace
}  // namespace yoyaku::domain
