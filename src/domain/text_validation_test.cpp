#include <gtest/gtest.h>

#include "domain/csv.hpp"
#include "domain/offices.hpp"
#include "domain/search_text.hpp"
#include "domain/text.hpp"
#include "domain/validation.hpp"

namespace yoyaku::domain {
namespace {

TEST(TextTest, NormalisesWhatAnImeTypes) {
  EXPECT_EQ(normalize_digits_and_hyphens("１２３４５－１２３４５６７８"), "12345-12345678");
  EXPECT_EQ(normalize_digits_and_hyphens("　12345ー12345678　"), "12345-12345678");
  EXPECT_EQ(normalize_digits_and_hyphens("０９０‐１２３４−５６７８"), "090-1234-5678");
  EXPECT_EQ(normalize_digits_and_hyphens("品川"), "品川");
}

TEST(TextTest, CountsCodePointsAsTheUserSeesThem) {
  EXPECT_EQ(count_code_points(""), 0u);
  EXPECT_EQ(count_code_points("abc"), 3u);
  EXPECT_EQ(count_code_points("面談キャンセル"), 7u);
  EXPECT_EQ(count_code_points("😀a"), 2u);
  EXPECT_TRUE(is_valid_utf8("ハローワーク"));
  EXPECT_FALSE(is_valid_utf8("\xff"));
  EXPECT_FALSE(is_valid_utf8("\xe3\x81"));        // truncated
  EXPECT_FALSE(is_valid_utf8("\xc0\xae"));        // overlong
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));    // surrogate
  EXPECT_EQ(trim(" \t 雇用　"), "雇用");
  EXPECT_EQ(trim("　　"), "");
  EXPECT_EQ(url_encode("品川 a~"), "%E5%93%81%E5%B7%9D%20a~");
}

TEST(TextTest, CleanUtf8RefusesNulAndBadBytes) {
  EXPECT_TRUE(is_clean_utf8("雇用 太郎\r\n"));
  EXPECT_FALSE(is_clean_utf8(std::string("ab\0cd", 5)));
  EXPECT_FALSE(is_clean_utf8("\xff"));
  EXPECT_FALSE(is_clean_utf8("\xc3\x28"));
  EXPECT_FALSE(is_clean_utf8("\xc0\xaf"));
}

TEST(TextTest, SanitizeAndTruncateKeepWholeCharacters) {
  EXPECT_EQ(sanitize_utf8("Mozilla/5.0 品川"), "Mozilla/5.0 品川");
  EXPECT_EQ(sanitize_utf8("a\xff" "b"), "a\uFFFDb");
  EXPECT_EQ(sanitize_utf8("\xc3\x28"), "\uFFFD(");
  EXPECT_EQ(sanitize_utf8(std::string("a\0b\r\n", 5)), "a b  ");
  EXPECT_EQ(truncate_utf8("abc", 3), "abc");
  EXPECT_EQ(truncate_utf8("ab品", 4), "ab");  // 品 is three bytes: never cut inside it
  EXPECT_EQ(truncate_utf8("ab品", 5), "ab品");
  std::string long_agent(299, 'x');
  long_agent += "品川";
  auto cut = truncate_utf8(long_agent, 300);
  EXPECT_EQ(cut, std::string(299, 'x'));
  EXPECT_TRUE(is_valid_utf8(cut));
}

TEST(ValidationTest, JobSeekerNumbers) {
  EXPECT_EQ(normalize_job_seeker_number("12345-12345678"), "12345-12345678");
  EXPECT_EQ(normalize_job_seeker_number("１２３４５－１２３４５６７８"), "12345-12345678");
  EXPECT_FALSE(normalize_job_seeker_number("1234512345678"));
  EXPECT_FALSE(normalize_job_seeker_number("12345-1234567"));
  EXPECT_FALSE(normalize_job_seeker_number("12345-123456789"));
  EXPECT_FALSE(normalize_job_seeker_number("1234a-12345678"));
  EXPECT_FALSE(normalize_job_seeker_number(""));
}

TEST(ValidationTest, PhoneNumbers) {
  EXPECT_EQ(normalize_phone("0123456789"), "0123456789");
  EXPECT_EQ(normalize_phone("012-345-6789"), "012-345-6789");
  EXPECT_EQ(normalize_phone("090-1234-5678"), "090-1234-5678");
  EXPECT_EQ(normalize_phone("０９０１２３４５６７８"), "09012345678");
  EXPECT_EQ(normalize_phone("1234567890"), "1234567890");  // as typed in manual 1.3
  EXPECT_FALSE(normalize_phone("012345678"));      // 9 digits
  EXPECT_FALSE(normalize_phone("012345678901"));   // 12 digits
  EXPECT_FALSE(normalize_phone("012--345-6789"));
  EXPECT_FALSE(normalize_phone("-0123456789"));
  EXPECT_FALSE(normalize_phone("03(1234)5678"));
}

TEST(ValidationTest, EmailsAndNames) {
  EXPECT_EQ(normalize_email(" Taro@Example.JP "), "taro@example.jp");
  EXPECT_FALSE(normalize_email("taro"));
  EXPECT_FALSE(normalize_email("taro@localhost"));
  EXPECT_FALSE(normalize_email("a@b@c.jp"));
  EXPECT_FALSE(normalize_email("taro @example.jp"));
  EXPECT_FALSE(normalize_email("taro@example.jp\r\nBcc: x@y.jp"));
  EXPECT_EQ(normalize_name_part("　雇用 "), "雇用");
  EXPECT_FALSE(normalize_name_part(""));
  EXPECT_FALSE(normalize_name_part(std::string(51, 'a')));
  EXPECT_TRUE(normalize_name_part(std::string(50, 'a')));
  EXPECT_FALSE(normalize_name_part("a\nb"));
}

TEST(OfficesTest, ProcedureTitlesAndOfficeNumbers) {
  EXPECT_EQ(procedure_title("13040", "ハローワーク品川", "東京", ProcedureKind::job_consultation),
            "【13040】ハローワーク品川（東京） 職業相談 面談予約");
  EXPECT_EQ(procedure_title("01901", "ハローワーク札幌", "北海道", ProcedureKind::unemployment_certification),
            "【01901】ハローワーク札幌（北海道） 失業認定 面談予約");
  EXPECT_EQ(demo_office_code("13", 1), "13901");
  EXPECT_EQ(demo_office_code("01", 38), "01938");
  EXPECT_THROW(demo_office_code("01", 100), std::invalid_argument);
  EXPECT_TRUE(is_demo_office_code("13901"));
  EXPECT_FALSE(is_demo_office_code("13040"));
  EXPECT_TRUE(is_office_code("13040"));
  EXPECT_FALSE(is_office_code("1304"));
  EXPECT_FALSE(is_office_code("1304a"));
  EXPECT_EQ(parse_procedure_kind("job_consultation"), ProcedureKind::job_consultation);
  EXPECT_FALSE(parse_procedure_kind("other"));
}

TEST(OfficesTest, TheTermsTakeTheOfficesOwnPartsFromTheProcedure) {
  const std::string text = "{{office_name}}（以下「当ハローワーク」）\n紛争は、{{court}}を第一審とします。\n\n{{terms_date}}\n\n{{terms_issuer}}";
  EXPECT_EQ(fill_terms(text, {"ハローワーク八幡", "福岡地方裁判所", "令和5年5月29日", "八幡公共職業安定所長"}),
            "ハローワーク八幡（以下「当ハローワーク」）\n紛争は、福岡地方裁判所を第一審とします。\n\n令和5年5月29日\n\n"
            "八幡公共職業安定所長");
  EXPECT_EQ(fill_terms(text, {"ハローワーク品川", "", "", ""}),
            "ハローワーク品川（以下「当ハローワーク」）\n紛争は、当ハローワークの所在地を管轄する地方裁判所を第一審とします。");
  EXPECT_EQ(fill_terms("no parts at all", {}), "no parts at all");
}

TEST(CsvTest, ParsesQuotedFieldsAndLineEnds) {
  auto records = parse_csv("\xEF\xBB\xBF" "a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\n\n\"multi\nline\",2,3");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0], (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(records[1], (std::vector<std::string>{"x,1", "say \"hi\"", ""}));
  EXPECT_EQ(records[2], (std::vector<std::string>{"multi\nline", "2", "3"}));
  EXPECT_THROW(parse_csv("a,\"open"), CsvError);
  EXPECT_TRUE(parse_csv("").empty());
}

TEST(SearchTextTest, FoldsWidthCaseAndKana) {
  EXPECT_EQ(fold_for_search("ｼﾅｶﾞﾜ"), "しながわ");
  EXPECT_EQ(fold_for_search("シナガワ"), "しながわ");
  EXPECT_EQ(fold_for_search("ＨＥＬＬＯ　Ｗｏｒｌｄ"), "hello world");
  EXPECT_EQ(fold_for_search("ハローワーク"), "はろーわーく");  // ー is kept
  EXPECT_EQ(search_terms("　職業相談　 品川 "), (std::vector<std::string>{"職業相談", "品川"}));
  auto groups = parse_synonym_groups("# comment\n相談 職業相談, 就職相談\nひとつだけ\n");
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].size(), 3u);
}

TEST(SearchTextTest, CountsCharactersAsTheUserSeesThem) {
  EXPECT_EQ(count_user_characters("面談キャンセルのため"), 10u);
  EXPECT_EQ(count_user_characters("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"), 1u);  // family emoji (ZWJ)
  EXPECT_EQ(count_user_characters("か\xE3\x82\x99"), 1u);  // か + combining voiced mark
  EXPECT_EQ(count_user_characters("a\nb"), 3u);
  EXPECT_EQ(count_user_characters(""), 0u);
}

TEST(ValidationTest, OnlySameSitePathsOfUrlCharactersAreSafeToRedirectTo) {
  EXPECT_TRUE(is_safe_local_path("/"));
  EXPECT_TRUE(is_safe_local_path("/reservations"));
  EXPECT_TRUE(is_safe_local_path("/procedures/12?from=2026-12-15&change=20241213A00012"));
  EXPECT_TRUE(is_safe_local_path("/procedures?q=%E5%93%81%E5%B7%9D"));
  // Another host, or what a browser turns into one.
  EXPECT_FALSE(is_safe_local_path("//evil.example"));
  EXPECT_FALSE(is_safe_local_path("/\\evil.example"));
  EXPECT_FALSE(is_safe_local_path("/\t/evil.example"));
  EXPECT_FALSE(is_safe_local_path("https://evil.example/"));
  EXPECT_FALSE(is_safe_local_path("evil"));
  EXPECT_FALSE(is_safe_local_path(""));
  // Header injection and anything not a URL character.
  EXPECT_FALSE(is_safe_local_path("/\r\nSet-Cookie: yoyaku_session=x"));
  EXPECT_FALSE(is_safe_local_path("/\nSet-Cookie: x"));
  EXPECT_FALSE(is_safe_local_path("/\rx"));
  EXPECT_FALSE(is_safe_local_path(std::string("/a\0b", 4)));
  EXPECT_FALSE(is_safe_local_path("/a b"));
  EXPECT_FALSE(is_safe_local_path("/品川"));
  EXPECT_FALSE(is_safe_local_path("/a\"b"));
  EXPECT_FALSE(is_safe_local_path("/a<b>"));
  EXPECT_FALSE(is_safe_local_path("/%0"));
  EXPECT_FALSE(is_safe_local_path("/%zz"));
  EXPECT_FALSE(is_safe_local_path("/" + std::string(3000, 'a')));
}

}  // namespace
}  // namespace yoyaku::domain
