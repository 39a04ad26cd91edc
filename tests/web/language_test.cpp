// English beside Japanese: the catalogues hold the same keys, the language
// comes from the switch (remembered in a cookie and on the account), then
// Accept-Language, then Japanese; staff pages stay Japanese.
#include <gtest/gtest.h>

#include "services/identity/accounts.hpp"
#include "store/catalog.hpp"
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

TEST(MessageCatalogueTest, TextsBuiltAroundValuesAreMatchedByTheirPattern) {
  Messages messages({{Language::ja, R"({"code_pattern": {"late": "受付は{time}までです（{office}）。"}})"},
                     {Language::en, R"({"code_pattern": {"late": "Open until {time} ({office})."}})"}});
  EXPECT_EQ(messages.localize(Language::en, "受付は17時15分までです（ハローワーク品川）。"),
            "Open until 17:15 (ハローワーク品川).");
  EXPECT_EQ(messages.localize(Language::ja, "受付は17時15分までです（ハローワーク品川）。"),
            "受付は17時15分までです（ハローワーク品川）。");
  // Only the whole text: a longer one is not this message.
  EXPECT_EQ(messages.localize(Language::en, "前置き 受付は17時15分までです（品川）。"), "前置き 受付は17:15までです（品川）。");
  // The embedded catalogue: the temporary login lock, built around its time.
  EXPECT_EQ(Messages::embedded().localize(
                Language::en, "ログインに続けて失敗したため、一時的にログインできなくなっています。09時05分以降に、"
                              "もう一度お試しください。お急ぎの場合はヘルプデスクへご連絡ください。"),
            "Logging in failed several times in a row, so it is blocked for a while. Please try again after 09:05 "
            "(JST). If it is urgent, please call the help desk.");
  EXPECT_EQ(Messages::embedded().localize(Language::en, "取消事由は2000文字以内で入力してください（現在2001文字）。"),
            "Please keep the reason for withdrawal within 2000 characters (it has 2001 now).");
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

// Booked in English: the confirmation mail and the .ics are in English; the
// Japanese account of another job seeker still gets Japanese.
TEST_F(LanguageTest, AnEnglishBookingGetsEnglishMailAndCalendarFile) {
  services::create_verified_user(harness_.db(), {"emma@example.jp", std::nullopt, "long-password-1", "Smith", "Emma",
                                                 "12345-12345678", "0312345678"},
                                 harness_.now);
  auto browser = harness_.signed_in("emma@example.jp", "long-password-1");
  browser.get("/");
  browser.post("/language", {{"lang", "en"}, {"back", "/"}});
  const std::int64_t procedure = harness_.procedure_id("13040");
  const std::int64_t frame = store::frames_of_procedure(harness_.db(), procedure).front().frame.id;
  browser.get("/procedures/" + std::to_string(procedure) + "/days/2026-03-05");
  auto held = browser.post("/procedures/" + std::to_string(procedure) + "/hold",
                           {{"slot_id", std::to_string(frame) + "-20260305-1400"}});
  ASSERT_EQ(held.status, 303) << held.body;
  std::string location = held.header("Location").value_or("");
  const std::string id = location.substr(10, location.find('/', 10) - 10);
  browser.get("/bookings/" + id + "/terms");
  ASSERT_EQ(browser.post("/bookings/" + id + "/terms", {}).status, 303);
  browser.get("/bookings/" + id + "/form");
  auto done = browser.post("/bookings/" + id + "/submit",
                           {{"family_name", "Smith"}, {"given_name", "Emma"}, {"job_seeker_number", "12345-12345678"},
                            {"phone", "0312345678"}, {"topics", "consultation"}});
  ASSERT_EQ(done.status, 303) << done.body;
  const std::string done_location = done.header("Location").value_or("");
  const std::string number = done_location.substr(done_location.find("number=") + 7);

  auto mail = harness_.db().query_one("SELECT subject, body FROM email_outbox WHERE kind = 'reservation_confirmed'");
  ASSERT_TRUE(mail);
  EXPECT_EQ(mail->text(0), "Hello Work: your reservation is confirmed");
  EXPECT_NE(mail->text(1).find("Dear Emma Smith,"), std::string::npos) << mail->text(1);
  EXPECT_NE(mail->text(1).find("Thu 5 Mar 2026 14:00–14:30 JST"), std::string::npos) << mail->text(1);

  auto ics = browser.get("/reservations/" + number + "/calendar.ics");
  ASSERT_EQ(ics.status, 200) << number;
  EXPECT_NE(ics.body.find("Reservation number: " + number), std::string::npos) << ics.body;
  EXPECT_EQ(ics.body.find("予約番号"), std::string::npos);
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
