// The input boundary in-process: malformed UTF-8 and NUL in a path, a query,
// a form or a JSON body are refused with 400 and a Japanese message before
// any use case runs; over-limit bodies and headers get 413 and 431; and no
// response header with CR, LF or NUL ever leaves App::handle.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "services/identity/accounts.hpp"
#include "web/http.hpp"
#include "web/web_harness.hpp"

namespace yoyaku::testing {
namespace {

const std::string password = "long-password-1";

TEST(InputBoundaryTest, DecodingRefusesBadTextAndMalformedEncoding) {
  std::string path;
  std::multimap<std::string, std::string> query;
  EXPECT_EQ(web::parse_target("/reservations/%E5%93%81?q=%E5%93%81", path, query), web::Decoded::ok);
  EXPECT_EQ(path, "/reservations/品");
  EXPECT_EQ(web::parse_target("/reservations/%FF", path, query), web::Decoded::bad_text);
  EXPECT_EQ(web::parse_target("/reservations/%00", path, query), web::Decoded::bad_text);
  EXPECT_EQ(web::parse_target("/reservations/a%0D%0Ab", path, query), web::Decoded::bad_text);
  EXPECT_EQ(web::parse_target("/x?number=%FF", path, query), web::Decoded::bad_text);
  EXPECT_EQ(web::parse_target("/x?procedure=%C0%AF", path, query), web::Decoded::bad_text);
  EXPECT_EQ(web::parse_target("/x?q=a%00b", path, query), web::Decoded::bad_text);
  EXPECT_EQ(web::parse_target("/x?q=%zz", path, query), web::Decoded::malformed);
  EXPECT_EQ(web::parse_target("x", path, query), web::Decoded::malformed);
  // A query or form value may hold line breaks (a textarea); only the path may not.
  EXPECT_EQ(web::parse_target("/x?note=a%0D%0Ab", path, query), web::Decoded::ok);
  std::multimap<std::string, std::string> form;
  EXPECT_EQ(web::parse_query_string("given_name=%C3%28&action=change", form), web::Decoded::bad_text);
  EXPECT_EQ(web::parse_query_string("staff_note=%E2%9C%93", form), web::Decoded::ok);
}

TEST(InputBoundaryTest, ResponseHeadersWithControlCharactersAreUnsafe) {
  EXPECT_TRUE(web::is_safe_header("Location", "/reservations?x=%0D%0A"));
  EXPECT_TRUE(web::is_safe_header("Content-Disposition", "attachment; filename=\"a.csv\"\t"));
  EXPECT_FALSE(web::is_safe_header("Location", "/x\r\nSet-Cookie: a=1"));
  EXPECT_FALSE(web::is_safe_header("Location", "/x\n"));
  EXPECT_FALSE(web::is_safe_header("Location", std::string("/x\0y", 4)));
  EXPECT_FALSE(web::is_safe_header("X-Bad\r\nName", "v"));
  EXPECT_FALSE(web::is_safe_header("", "v"));
  EXPECT_FALSE(web::is_safe_header("Bad Name", "v"));
  EXPECT_FALSE(web::is_safe_header("Bad:Name", "v"));
  EXPECT_FALSE(web::is_safe_header("Na\xC3\xA9me", "v"));  // a name is ASCII tokens only
  EXPECT_TRUE(web::is_safe_header("X-a.b_c~1!#$%&'*+^`|", "v"));
}

class InputBoundaryAppTest : public ::testing::Test {
 protected:
  InputBoundaryAppTest() : harness_(jst(2026, 3, 2, 10, 0)) {
    services::create_verified_user(harness_.db(), {"taro@example.jp", std::nullopt, password, "雇用", "太郎",
                                                   "12345-12345678", "0312345678"},
                                   harness_.now);
  }
  WebHarness::Browser job_seeker() { return harness_.signed_in("taro@example.jp", password); }
  static bool has_unsafe_header(const web::Response& response) {
    for (const auto& [name, value] : response.headers) {
      if (!web::is_safe_header(name, value)) return true;
    }
    return false;
  }
  WebHarness harness_;
};

TEST_F(InputBoundaryAppTest, BadTextInAPathQueryOrFormIsA400WithAJapaneseMessage) {
  auto browser = job_seeker();
  for (const char* target : {"/reservations/%FF", "/reservations/%C3%28", "/procedures?q=%FF",
                             "/bookings/complete?number=%FF", "/reservations/%00"}) {
    auto r = browser.get(target);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_NE(r.body.find("使用できない文字"), std::string::npos) << target;
    EXPECT_EQ(r.header("Content-Type"), "text/html; charset=utf-8");
  }
  browser.get("/account");
  auto form = browser.post("/account/profile", {{"family_name", "\xFF"}, {"given_name", "太郎"}});
  EXPECT_EQ(form.status, 400);
  EXPECT_NE(form.body.find("使用できない文字"), std::string::npos);
  auto nul = browser.post("/account/profile", {{"family_name", std::string("雇\0用", 7)}, {"given_name", "太郎"}});
  EXPECT_EQ(nul.status, 400);
}

TEST_F(InputBoundaryAppTest, ApiBadTextIsTheDocumentedJsonErrorWithItsField) {
  auto session = harness_.api("POST", "/api/v1/sessions", "", {{"email", "taro@example.jp"}, {"password", password}});
  ASSERT_EQ(session.status, 201);
  const std::string token = session.body["token"];
  auto path = harness_.api("GET", "/api/v1/reservations/%FF", token);
  EXPECT_EQ(path.status, 400);
  EXPECT_EQ(path.body["error"], "bad_request");
  EXPECT_TRUE(path.body["fields"].is_object());
  auto nul = harness_.api("PATCH", "/api/v1/reservations/20260302-000001", token,
                          {{"family_name", std::string("a\0b", 3)}, {"phone", "0312345678"}});
  EXPECT_EQ(nul.status, 400);
  EXPECT_EQ(nul.body["error"], "bad_request");
  EXPECT_TRUE(nul.body["fields"].contains("family_name")) << nul.body.dump();
  EXPECT_FALSE(nul.body["fields"].contains("phone"));
  auto login_nul = harness_.api("POST", "/api/v1/sessions", "",
                                {{"email", std::string("taro@example.jp\0", 16)}, {"password", password}});
  EXPECT_EQ(login_nul.status, 400);
  EXPECT_TRUE(login_nul.body["fields"].contains("email"));
}

TEST_F(InputBoundaryAppTest, OversizedBodiesAndHeadersAre413And431) {
  web::Request big;
  big.method = "POST";
  big.target = "/api/v1/sessions";
  big.body = std::string(1024 * 1024 + 1, 'x');
  auto r = harness_.handle(big);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"], "payload_too_large");
  web::Request headers;
  headers.method = "GET";
  headers.target = "/";
  headers.header_fields = 101;
  EXPECT_EQ(harness_.handle(headers).status, 431);
  headers.header_fields = 3;
  headers.longest_header_value = 9000;
  EXPECT_EQ(harness_.handle(headers).status, 431);
  headers.longest_header_value = 100;
  headers.header_bytes = 100;
  EXPECT_EQ(harness_.handle(headers).status, 200);
}

TEST_F(InputBoundaryAppTest, NoResponseEverCarriesAHeaderWithALineBreak) {
  // A signed-in visitor of /login is sent on to return_to: whatever that holds,
  // the Location header never carries CR or LF.
  auto browser = job_seeker();
  for (const char* target : {"/login?return_to=/x%0D%0ASet-Cookie:%20injected=1",
                             "/login?return_to=/x%0ALocation:%20https://evil.example",
                             "/staff/login?return_to=/staff%0D%0AX-Injected:%201"}) {
    auto r = browser.get(target);
    EXPECT_LT(r.status, 500) << target;
    EXPECT_FALSE(has_unsafe_header(r)) << target;
    for (const auto& [name, value] : r.headers) EXPECT_EQ(value.find("injected=1"), std::string::npos) << target;
  }
}

}  // namespace
}  // namespace yoyaku::testing
