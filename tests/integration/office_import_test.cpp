// `yoyaku import-offices` with the optional contact columns, through the real
// binary on SQLite and PostgreSQL: changed values are updated and reported
// field by field, a second run changes nothing, a new office is added with
// its contact data, and a bad row is reported with its line number while
// nothing of the file is written.
#include <gtest/gtest.h>

#include <fstream>
#include <optional>

#include "db/database.hpp"
#include "support/processes.hpp"
#include "support/test_databases.hpp"

namespace yoyaku::testing {
namespace {

struct Contact {
  std::string postal_code, address, phone, consultation_phone, fax, opening_hours;
};

class OfficeImportTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<TestDatabase>(GetParam());
    prepare_database(database_->url());
    db_ = db::connect(database_->url());
    directory_ = make_temp_directory("yoyaku-import-");
  }

  // Writes `text` to a file of its own and imports it.
  CommandResult import(const std::string& text) {
    const std::string path = directory_ + "/offices-" + std::to_string(++files_) + ".csv";
    std::ofstream(path, std::ios::binary) << text;
    return run_yoyaku({"import-offices", "--db", database_->url(), path});
  }

  std::optional<Contact> contact_of(const std::string& code) {
    auto row = db_->query_one(
        "SELECT postal_code, address, phone, consultation_phone, fax, opening_hours FROM offices WHERE code = $1",
        {code});
    if (!row) return std::nullopt;
    return Contact{row->text(0), row->text(1), row->text(2), row->text(3), row->text(4), row->text(5)};
  }

  std::int64_t count_offices() { return db_->query_one("SELECT COUNT(*) FROM offices")->integer(0); }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<db::Connection> db_;
  std::string directory_;
  int files_ = 0;
};

TEST_P(OfficeImportTest, TheOfficialContactListUpdatesChangedOfficesAndReportsEachField) {
  const auto offices_before = count_offices();
  // Full-width digits and a 〒 as an operator's spreadsheet might have them.
  const std::string official =
      "office_code,postal_code,address,phone,fax,hours\r\n"
      "13040,〒１４１－８６０９,東京都品川区上大崎3-1-1 目黒セントラルスクエア,03-5419-8609,03-5419-8610,"
      "\"平日 8:30〜17:15\n（土日祝日・年末年始を除く）\"\r\n"
      "01901,,札幌市中央区北1条西1-1,011-000-0000,,\r\n";
  auto first = import(official);
  ASSERT_EQ(first.exit_code, 0) << first.err << first.out;
  EXPECT_NE(first.out.find("offices: 2 in file, 0 added, 2 updated, 0 unchanged"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("contact data changed at 2"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("電話番号"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("03-5419-8609"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("郵便番号"), std::string::npos) << first.out;

  auto shinagawa = contact_of("13040");
  ASSERT_TRUE(shinagawa);
  EXPECT_EQ(shinagawa->postal_code, "141-8609");
  EXPECT_EQ(shinagawa->address, "東京都品川区上大崎3-1-1 目黒セントラルスクエア");
  EXPECT_EQ(shinagawa->phone, "03-5419-8609");
  EXPECT_EQ(shinagawa->fax, "03-5419-8610");
  EXPECT_NE(shinagawa->opening_hours.find("8:30"), std::string::npos);
  EXPECT_NE(shinagawa->opening_hours.find('\n'), std::string::npos);  // the quoted line break is kept
  auto sapporo = contact_of("01901");
  ASSERT_TRUE(sapporo);
  EXPECT_EQ(sapporo->phone, "011-000-0000");
  EXPECT_EQ(sapporo->postal_code, "");  // an empty cell leaves the value as it was
  EXPECT_EQ(count_offices(), offices_before);

  // The same file again: nothing to change, nothing reported.
  auto again = import(official);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("offices: 2 in file, 0 added, 0 updated, 2 unchanged\n"), std::string::npos) << again.out;
  EXPECT_EQ(again.out.find("電話番号"), std::string::npos) << again.out;

  // One changed number: one field reported, the rest untouched.
  auto changed = import(
      "office_code,phone\n"
      "13040,03-5419-9999\n");
  ASSERT_EQ(changed.exit_code, 0) << changed.err;
  EXPECT_NE(changed.out.find("1 updated"), std::string::npos) << changed.out;
  EXPECT_NE(changed.out.find("「03-5419-8609」 → 「03-5419-9999」"), std::string::npos) << changed.out;
  EXPECT_EQ(changed.out.find("郵便番号"), std::string::npos) << changed.out;
  EXPECT_EQ(contact_of("13040")->phone, "03-5419-9999");
  EXPECT_EQ(contact_of("13040")->fax, "03-5419-8610");
}

TEST_P(OfficeImportTest, TheFullListWithContactColumnsAddsANewOfficeAndUpdatesAnExistingOne) {
  const auto offices_before = count_offices();
  auto result = import(
      "office_name,short_name,reading,kind,parent_short_name,pref_code,pref_name,municipalities,muni_codes,"
      "reading_confidence,office_code,postal_code,address,phone,consultation_phone\n"
      "ハローワーク品川,品川,しながわ,本所,,13,東京,港区 品川区,13103 13109,high,13040,141-8609,,03-5419-8609,"
      "03-5419-8611\n"
      "ハローワーク品川テスト分室,品川テスト,しながわてすと,分室,品川,13,東京,品川区,13109,high,,,"
      "東京都品川区大崎1-1-1,03-1111-2222,\n");
  ASSERT_EQ(result.exit_code, 0) << result.err << result.out;
  EXPECT_NE(result.out.find("2 in file, 1 added, 1 updated, 0 unchanged"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("職業相談の電話番号"), std::string::npos) << result.out;
  EXPECT_EQ(count_offices(), offices_before + 1);
  EXPECT_EQ(contact_of("13040")->consultation_phone, "03-5419-8611");
  auto added = db_->query_one("SELECT code, phone, address FROM offices WHERE name = 'ハローワーク品川テスト分室'");
  ASSERT_TRUE(added);
  EXPECT_EQ(added->text(0).size(), 5u);
  EXPECT_EQ(added->text(0)[2], '9');  // a demo number until the official one is known
  EXPECT_EQ(added->text(1), "03-1111-2222");
  EXPECT_EQ(added->text(2), "東京都品川区大崎1-1-1");

  // Imported once more: not duplicated.
  auto again = import(
      "office_name,short_name,reading,kind,parent_short_name,pref_code,pref_name,municipalities,muni_codes,"
      "reading_confidence,office_code,phone\n"
      "ハローワーク品川テスト分室,品川テスト,しながわてすと,分室,品川,13,東京,品川区,13109,high,,03-1111-2222\n");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("1 in file, 0 added, 0 updated, 1 unchanged"), std::string::npos) << again.out;
  EXPECT_EQ(count_offices(), offices_before + 1);
}

TEST_P(OfficeImportTest, ABadRowIsReportedByLineAndNothingOfTheFileIsWritten) {
  ASSERT_EQ(import("office_code,phone,fax\n13040,03-5419-8609,03-5419-8610\n").exit_code, 0);
  const auto offices_before = count_offices();
  struct Case {
    std::string name, csv, line, message;
  };
  const Case cases[] = {
      {"bad phone", "office_code,phone,fax\n13040,03-0000-0000,03-0000-0001\n01901,電話なし,\n", "3行目", "電話番号"},
      {"unknown office", "office_code,phone\n13040,03-0000-0000\n99999,03-1234-5678\n", "3行目", "99999"},
      {"repeated office", "office_code,phone\n13040,03-0000-0000\n13040,03-0000-0001\n", "3行目", "重複"},
      {"bad postal code", "office_code,postal_code,phone\n13040,,03-0000-0000\n\n01901,12-345,\n", "4行目",
       "郵便番号"},
      {"bad map link", "office_code,phone,map_url\n13040,03-0000-0000,\n01901,,javascript:alert(1)\n", "3行目",
       "https://"},
      {"invalid UTF-8", "office_code,phone,address\n13040,03-0000-0000,\n01901,,\xFF\xFE\n", "3行目", "UTF-8"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto result = import(c.csv);
    EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
    EXPECT_NE(result.err.find(c.line), std::string::npos) << result.err;
    EXPECT_NE(result.err.find(c.message), std::string::npos) << result.err;
    EXPECT_EQ(count_lines(result.err), 1) << result.err;
    // The good row before the bad one was not written either.
    EXPECT_EQ(contact_of("13040")->phone, "03-5419-8609");
    EXPECT_EQ(contact_of("13040")->fax, "03-5419-8610");
    EXPECT_EQ(contact_of("01901")->phone, "");
    EXPECT_EQ(count_offices(), offices_before);
  }
}

INSTANTIATE_TEST_SUITE_P(Databases, OfficeImportTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace yoyaku::testing
