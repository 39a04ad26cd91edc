// The route table: every pattern answers its methods, a known path with
// another method gets 405 with Allow, an unknown path 404.
#include <gtest/gtest.h>

#include <set>

#include "web/router.hpp"
#include "web/routes.hpp"

namespace yoyaku::web {
namespace {

TEST(RouterTest, ParametersAreTakenFromThePath) {
  Router router(route_table(), false);
  auto match = router.match("POST", "/reservations/20240820-000001/withdraw");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.pattern, "/reservations/{number}/withdraw");
  EXPECT_EQ(match.params.at("number"), "20240820-000001");
  auto file = router.match("GET", "/static/css/style.css");
  ASSERT_NE(file.route, nullptr);
  EXPECT_EQ(file.params.at("path"), "css/style.css");
}

TEST(RouterTest, AKnownPathWithAnotherMethodListsTheAllowedOnes) {
  Router router(route_table(), false);
  auto post_home = router.match("POST", "/");
  EXPECT_EQ(post_home.route, nullptr);
  EXPECT_EQ(post_home.pattern, "/");
  EXPECT_EQ(post_home.allow, "GET, HEAD");
  auto put_reservation = router.match("PUT", "/api/v1/reservations/20240820-000001");
  EXPECT_EQ(put_reservation.route, nullptr);
  EXPECT_EQ(put_reservation.allow, "GET, HEAD, PATCH");
  EXPECT_EQ(router.match("HEAD", "/procedures").route->handler, router.match("GET", "/procedures").route->handler);
}

TEST(RouterTest, UnknownPathsAndEmptyParametersMatchNothing) {
  Router router(route_table(), false);
  EXPECT_TRUE(router.match("GET", "/no-such-page").pattern.empty());
  EXPECT_TRUE(router.match("GET", "/reservations//withdraw").pattern.empty());
  EXPECT_TRUE(router.match("GET", "/procedures/1/days").pattern.empty());
  // The demo mailbox exists only when the server was started with it.
  EXPECT_TRUE(router.match("GET", "/demo/mailbox").pattern.empty());
  EXPECT_FALSE(Router(route_table(), true).match("GET", "/demo/mailbox").pattern.empty());
}

TEST(RouterTest, EveryRouteIsListedOnceAndReachable) {
  Router router(route_table(), true);
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& route : route_table()) {
    EXPECT_TRUE(seen.emplace(std::string(route.method), std::string(route.pattern)).second)
        << route.method << " " << route.pattern << " is listed twice";
    // A concrete path for the pattern reaches this very route.
    std::string path;
    for (const auto& segment : split_path(route.pattern)) {
      path += "/" + (segment.front() == '{' ? std::string("x1") : segment);
    }
    if (path.empty()) path = "/";
    auto match = router.match(std::string(route.method), path);
    ASSERT_NE(match.route, nullptr) << route.pattern;
    EXPECT_EQ(match.route, &route) << route.method << " " << route.pattern << " is shadowed by " << match.pattern;
  }
}

}  // namespace
}  // namespace yoyaku::web
