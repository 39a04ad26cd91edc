#include "domain/client_address.hpp"

#include <gtest/gtest.h>

namespace yoyaku::domain {
namespace {

std::vector<Network> networks(std::initializer_list<const char*> texts) {
  std::vector<Network> result;
  for (const char* text : texts) result.push_back(parse_network(text).value());
  return result;
}

TEST(ClientAddressTest, ParsesNetworksAndRefusesMistakes) {
  EXPECT_TRUE(parse_network("10.0.0.0/8"));
  EXPECT_TRUE(parse_network("127.0.0.1"));
  EXPECT_TRUE(parse_network("::1"));
  EXPECT_TRUE(parse_network("fd00::/8"));
  EXPECT_TRUE(parse_network("0.0.0.0/0"));
  EXPECT_FALSE(parse_network("10.1.2.3/8"));  // host bits set
  EXPECT_FALSE(parse_network("10.0.0.0/33"));
  EXPECT_FALSE(parse_network("10.0.0.0/"));
  EXPECT_FALSE(parse_network("10.0.0.0/-1"));
  EXPECT_FALSE(parse_network("10.0.0/8"));
  EXPECT_FALSE(parse_network("example.jp"));
  EXPECT_FALSE(parse_network(""));
  EXPECT_TRUE(network_contains(*parse_network("10.0.0.0/8"), "10.200.3.4"));
  EXPECT_FALSE(network_contains(*parse_network("10.0.0.0/8"), "11.0.0.1"));
  EXPECT_TRUE(network_contains(*parse_network("127.0.0.1"), "::ffff:127.0.0.1"));
  EXPECT_TRUE(network_contains(*parse_network("fd00::/8"), "fd12::1"));
  EXPECT_FALSE(network_contains(*parse_network("fd00::/8"), "fe80::1"));
  EXPECT_EQ(canonical_ip("::ffff:192.0.2.1"), "192.0.2.1");
  EXPECT_EQ(canonical_ip("2001:DB8::0:1"), "2001:db8::1");
  EXPECT_FALSE(canonical_ip("192.0.2.1\r\nX: y"));
}

TEST(ClientAddressTest, ForwardedForIsBelievedOnlyFromTrustedProxies) {
  const auto proxies = networks({"127.0.0.1", "10.0.0.0/8"});
  // No proxy: the peer, whatever the header says.
  EXPECT_EQ(client_address("203.0.113.9", "198.51.100.1", proxies), "203.0.113.9");
  EXPECT_EQ(client_address("203.0.113.9", "", {}), "203.0.113.9");
  // Behind nginx on the same machine.
  EXPECT_EQ(client_address("127.0.0.1", "198.51.100.1", proxies), "198.51.100.1");
  EXPECT_EQ(client_address("::ffff:127.0.0.1", "198.51.100.1", proxies), "198.51.100.1");
  // A client that writes its own X-Forwarded-For: the proxy appends the real
  // address, which is the right-most untrusted one.
  EXPECT_EQ(client_address("127.0.0.1", "1.2.3.4, 198.51.100.1", proxies), "198.51.100.1");
  // Two proxies of ours in a row.
  EXPECT_EQ(client_address("127.0.0.1", "198.51.100.1, 10.0.0.5", proxies), "198.51.100.1");
  // Garbage stops the walk at the last hop we trust.
  EXPECT_EQ(client_address("127.0.0.1", "198.51.100.1, evil\r\n", proxies), "127.0.0.1");
  EXPECT_EQ(client_address("127.0.0.1", "", proxies), "127.0.0.1");
  // Only trusted proxies all the way: the left-most.
  EXPECT_EQ(client_address("127.0.0.1", "10.0.0.7, 10.0.0.5", proxies), "10.0.0.7");
}

}  // namespace
}  // namespace yoyaku::domain
