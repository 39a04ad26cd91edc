// English beside Japanese: the catalogues hold the same keys, the language
// comes from the switch (remembered in a cookie and on the account), then
// Accept-Language, then Japanese; staff pages stay Japanese.
#include <gtest/gtest.h>

#include "services/identity/accounts.hpp"
#include "store/accounts.hpp"
#include "util/messages.hpp"
#include "util/templates.hpp"
#include "web/web_harness.hpp"

namespace yoyaku::testing {
namespace {

using domain::Language;

TEST(MessageCatalogueTest, EveryKeyExistsInEveryLanguage) {
  auto differences = catalogue_differences(Messages::embedded());
  std::string listed;
  for (const auto& missing : differences) listed += "\n  missing in " + missing;
  EXPECT_TRUE(differences.empty()) << listed;
  EXPECT_GT(Messages::embedded().keys(Language::en).size(), 20u);
}

TEST(MessageCatalogueTest, NoEnglishTextIsLeftEmptyOrJapanese) {
  const auto& messages = Messages::embedded();
  for (const auto& key : messages.keys(Language::en)) {
    const std::string& text = *messages.find(Language::en, key);
    EXPECT_FALSE(text.empty()) << key;
    // Hiragana and katakana (U+3040–30FF) start with E3 81–83 in UTF-8; kanji
    // stay allowed (office names, 日本語 on the switch).
    bool kana = false;
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
      auto a = static_cast<unsigned char>(text[i]), b = static_cast<unsigned char>(text[i + 1]);
      if (a == 0xE3 && b >= 0x81 && b <= 0x83) kana = true;
    }
    EXPECT_FALSE(kana) << key << ": " << text;
  }
}

TEST(MessageCatalogueTest, AKeyMissingFromOneLanguageIsReported) {
  Messages messages({{Language::ja, R"({"a": {"b": "あ", "c": "い"}, "d": "う"})"},
                     {Language::en, R"({"a": {"b": "A"}, "d": "D", "e": "E"})"}});
  EXPECT_EQ(catalogue_differences(messages), (std::vector<std::string>{"en: a.c", "ja: e"}));
  EXPECT_EQ(messages.expand("<p>{{t.a.b}} {{name}}</p>", Language::en), "<p>A {{name}}</p>");
  EXPECT_THROW(messages.expand("{{t.a.c}}", Language::en), std::out_of_range);
  EXPECT_THROW(Messages({{Language::ja, R"({"a": 1})"}}), std::runtime_error);
}

TEST(MessageCatalogueTest, PlaceholdersAreFilled) {
  Messages messages({{Language::en, R"({"n": "{count} bookings on {date}, {unknown} kept"})"}});
  EXPECT_EQ(messages.text(Language::en, "n", {{"count", "3"}, {"date", "Thu 22 Aug 2024"}}),
            "3 bookings on Thu 22 Aug 2024, {unknown} kept");
  EXPECT_THROW(messages.text(Language::ja, "n"), std::out_of_range);
}

TEST(MessageCatalogueTest, TemplatesRenderInEachLanguage) {
  const auto& templates = Templates::embedded();
  nlohmann::json context = {{"page_title", "x"}, {"content", ""}, {"lang", "en"}};
  EXPECT_NE(templates.render("layout", context, Language::ja).find("本文へ移動"), std::string::npos);
  std::string english = templates.render("layout", context, Language::en);
  EXPECT_NE(english.find("Skip to main content"), std::string::npos);
  EXPECT_EQ(english.find("本文へ移動"), std::string::npos);
}

class LanguageTest : public ::testing::Test {
 protected:
  LanguageTest() : harness_(jst(2026, 3, 2, 10, 0)) {}
  WebHarness harness_;
};

TEST_F(LanguageTest, JapaneseUnlessTheBrowserAsksForEnglish) {
  WebHarness::Browser browser(harness_);
  auto page = browser.get("/");
  EXPECT_NE(page.body.find("<html lang=\"ja\""), std::string::npos);
  EXPECT_NE(page.body.find("本文へ移動"), std::string::npos);
  auto english = browser.send("GET", "/", "", {{"accept-language", "en-GB,en;q=0.9"}});
  EXPECT_NE(english.body.find("<html lang=\"en\""), std::string::npos);
  EXPECT_NE(english.body.find("Skip to main content"), std::string::npos);
  auto french = browser.send("GET", "/", "", {{"accept-language", "fr-FR, de;q=0.5"}});
  EXPECT_NE(french.body.find("<html lang=\"ja\""), std::string::npos);
}

TEST_F(LanguageTest, TheSwitchIsRememberedAndWinsOverAcceptLanguage) {
  WebHarness::Browser browser(harness_);
  browser.get("/help");
  auto switched = browser.post("/language", {{"lang", "en"}, {"back", "/help?x=1"}});
  EXPECT_EQ(switched.status, 303);
  EXPECT_EQ(switched.header("Location"), "/help?x=1");
  EXPECT_EQ(browser.cookie("lang"), "en");
  auto page = browser.send("GET", "/", "", {{"accept-language", "ja"}});
  EXPECT_NE(page.body.find("<html lang=\"en\""), std::string::npos);
  // Back to Japanese from the English page's switch.
  EXPECT_NE(page.body.find("value=\"ja\""), std::string::npos);
  browser.post("/language", {{"lang", "ja"}, {"back", "/"}});
  EXPECT_NE(browser.get("/").body.find("<html lang=\"ja\""), std::string::npos);
}

TEST_F(LanguageTest, TheSwitchOnlyGoesBackWithinTheSiteAndIgnoresOtherLanguages) {
  WebHarness::Browser browser(harness_);
  browser.get("/");
  for (const char* back : {"//evil.example/", "/\\evil.example", "https://evil.example/", "", "help",
                           "/a\r\nSet-Cookie: x=1"}) {
    auto response = browser.post("/language", {{"lang", "en"}, {"back", back}});
    EXPECT_EQ(response.status, 303) << back;
    EXPECT_EQ(response.header("Location"), "/") << back;
  }
  auto unknown = browser.post("/language", {{"lang", "fr"}, {"back", "/faq"}});
  EXPECT_EQ(unknown.status, 303);
  EXPECT_EQ(unknown.header("Location"), "/faq");
  EXPECT_EQ(browser.cookie("lang"), "en");  // from the first post; "fr" changed nothing
}

TEST_F(LanguageTest, ASignedInJobSeekersAccountRemembersTheLanguageForTheirMail) {
  services::create_verified_user(harness_.db(), {"hanako@example.jp", std::nullopt, "long-password-1", "雇用",
                                                 "花子", "12345-12345678", "0312345678"},
                                 harness_.now);
  auto browser = harness_.signed_in("hanako@example.jp", "long-password-1");
  browser.get("/account");
  EXPECT_EQ(browser.post("/language", {{"lang", "en"}, {"back", "/account"}}).status, 303);
  EXPECT_EQ(store::find_user_by_email(harness_.db(), "hanako@example.jp")->language, "en");
  // Another browser without the cookie: its Accept-Language is the last language used.
  WebHarness::Browser other = harness_.signed_in("hanako@example.jp", "long-password-1");
  other.send("GET", "/account", "", {{"accept-language", "ja"}});
  EXPECT_EQ(store::find_user_by_email(harness_.db(), "hanako@example.jp")->language, "ja");
}

TEST_F(LanguageTest, StaffPagesStayJapanese) {
  WebHarness::Browser browser(harness_);
  auto page = browser.send("GET", "/staff/login", "", {{"accept-language", "en"}});
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("lang=\"ja\""), std::string::npos);
  EXPECT_EQ(page.body.find("lang=\"en\""), std::string::npos);
}

}  // namespace
}  // namespace yoyaku::testing
