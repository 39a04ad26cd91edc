#include <gtest/gtest.h>

#include "domain/csv.hpp"

namespace yoyaku::domain {
namespace {

TEST(CsvField, PlainTextStaysAsItIs) {
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("雇用 太郎"), "雇用 太郎");
  EXPECT_EQ(csv_field("20261201-000001"), "20261201-000001");
  EXPECT_EQ(csv_field("03-1234-5678"), "03-1234-5678");
  EXPECT_EQ(csv_field("a'b"), "a'b");
}

TEST(CsvField, CommaQuoteAndLineBreaksAreQuotedWithQuotesDoubled) {
  EXPECT_EQ(csv_field("雇用,太郎"), "\"雇用,太郎\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("\""), "\"\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field("two\r\nlines"), "\"two\r\nlines\"");
  EXPECT_EQ(csv_field("a,\"b\""), "\"a,\"\"b\"\"\"");
}

TEST(CsvField, FormulaStartsGetAnApostrophe) {
  EXPECT_EQ(csv_field("=1+2"), "'=1+2");
  EXPECT_EQ(csv_field("+81 3"), "'+81 3");
  EXPECT_EQ(csv_field("-5"), "'-5");
  EXPECT_EQ(csv_field("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_field("\tx"), "'\tx");
  EXPECT_EQ(csv_field("\rx"), "\"'\rx\"");  // CR also needs quoting
  EXPECT_EQ(csv_field("=HYPERLINK(\"http://x\",\"a\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\"");
  // Only the first character counts.
  EXPECT_EQ(csv_field("a=b"), "a=b");
  EXPECT_EQ(csv_field(" =1"), " =1");
}

TEST(CsvDocument, BomThenRecordsEndingWithCrlf) {
  EXPECT_EQ(csv_record({"a", "b,c", ""}), "a,\"b,c\",\r\n");
  EXPECT_EQ(csv_document({}), "\xEF\xBB\xBF");
  EXPECT_EQ(csv_document({{"氏名", "電話"}, {"雇用,\"太郎\"", "=1"}}),
            "\xEF\xBB\xBF" "氏名,電話\r\n\"雇用,\"\"太郎\"\"\",'=1\r\n");
}

TEST(CsvDocument, ParsesBackToTheSameFields) {
  const std::vector<std::vector<std::string>> records = {
      {"日付", "氏名", "メモ"}, {"2026-12-01", "a,\"b\"", "line1\r\nline2"}, {"", "x", "y"}};
  EXPECT_EQ(parse_csv(csv_document(records)), records);
}

TEST(CsvTest, TellsTheLineEachRecordStartsOn) {
  std::vector<std::size_t> lines;
  auto records = parse_csv("a,b\r\n\r\n\"x\ny\",c\n\nlast,1\n", &lines);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(lines, (std::vector<std::size_t>{1, 3, 6}));
  EXPECT_EQ(records[1][0], "x\ny");
}

// Found by fuzz/csv_fuzz.cpp: a record of one empty field was written as an
// empty line, which reads back as no record at all.
TEST(CsvDocument, ARecordOfOneEmptyFieldSurvivesTheRoundTrip) {
  EXPECT_EQ(csv_record({""}), "\"\"\r\n");
  std::vector<std::vector<std::string>> records = {{"a"}, {""}, {"b", ""}};
  EXPECT_EQ(parse_csv(csv_document(records)), records);
}

}  // namespace
}  // namespace yoyaku::domain
