#include <gtest/gtest.h>

#include <sstream>

#include "domain/mime.hpp"

namespace yoyaku::domain {
namespace {

std::string base64_decode(const std::string& text) {
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int bits = 0;
  std::uint32_t buffer = 0;
  for (char c : text) {
    auto index = alphabet.find(c);
    if (index == std::string::npos) continue;  // '=', CR, LF
    buffer = (buffer << 6) | static_cast<std::uint32_t>(index);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (;;) {
    auto end = text.find("\r\n", start);
    if (end == std::string::npos) break;
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

TEST(MimeTest, Base64MatchesRfc4648) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64_decode(base64_encode("ハローワーク")), "ハローワーク");
}

TEST(MimeTest, HeaderTextIsSplitIntoShortEncodedWordsOnCharacterBoundaries) {
  EXPECT_EQ(encode_header_text("Plain ASCII subject"), "Plain ASCII subject");
  const std::string subject = "ハローワーク：予約を確定しました【13040】ハローワーク品川（東京） 職業相談 面談予約";
  std::string encoded = encode_header_text(subject, 9);
  std::string decoded;
  std::istringstream words(encoded);
  std::string word;
  bool first = true;
  while (words >> word) {
    EXPECT_LE(word.size(), 75u) << word;
    ASSERT_EQ(word.rfind("=?UTF-8?B?", 0), 0u) << word;
    ASSERT_EQ(word.substr(word.size() - 2), "?=");
    std::string part = base64_decode(word.substr(10, word.size() - 12));
    // Each word holds whole characters: it is valid UTF-8 on its own.
    EXPECT_NE(static_cast<unsigned char>(part[0]) & 0xC0, 0x80) << "word starts mid-character";
    decoded += part;
    if (first) EXPECT_LE(9 + word.size(), 78u);
    first = false;
  }
  EXPECT_EQ(decoded, subject);
  EXPECT_EQ(encode_header_text("a\r\nBcc: x@example.jp").find('\n'), std::string::npos);
}

TEST(MimeTest, DatesAreInJapanStandardTime) {
  EXPECT_EQ(rfc5322_date(0), "Thu, 01 Jan 1970 09:00:00 +0900");
  EXPECT_EQ(rfc5322_date(1724112000), "Tue, 20 Aug 2024 09:00:00 +0900");
}

TEST(MimeTest, AMessageHasEveryHeaderAndShortLines) {
  MailMessage message;
  message.from_address = "no-reply@hellowork.example.jp";
  message.from_name = "オンライン・ハローワークシステム";
  message.to = {"one@example.jp", "two@example.jp"};
  message.subject = "ハローワーク：予約を確定しました";
  message.body = std::string("雇用 太郎 様\n\n") + std::string(300, 'x') + "\n予約番号：20240820-000011\n";
  message.message_id = "yoyaku.abc@hellowork.example.jp";
  message.date = 1724137560;
  std::string text = render_mail(message);
  auto lines = lines_of(text);
  for (const auto& line : lines) EXPECT_LE(line.size(), 78u) << line;
  EXPECT_EQ(lines[0], "Date: Tue, 20 Aug 2024 16:06:00 +0900");
  EXPECT_NE(text.find("\r\nTo: one@example.jp,\r\n two@example.jp\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\nMessage-ID: <yoyaku.abc@hellowork.example.jp>\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                      "Content-Transfer-Encoding: base64\r\n\r\n"),
            std::string::npos);
  EXPECT_NE(text.find("<no-reply@hellowork.example.jp>"), std::string::npos);
  std::string body = base64_decode(text.substr(text.find("\r\n\r\n") + 4));
  EXPECT_EQ(body, "雇用 太郎 様\r\n\r\n" + std::string(300, 'x') + "\r\n予約番号：20240820-000011\r\n");
  EXPECT_EQ(text.find('\n') - 1, text.find("\r\n"));  // CRLF line ends
}

}  // namespace
}  // namespace yoyaku::domain
