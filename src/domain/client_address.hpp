#pragma once
// Who the client is when the service runs behind a reverse proxy (nginx):
// X-Forwarded-For is believed only from the proxies the operator trusts
// (`yoyaku serve --trusted-proxy CIDR`), so that a client cannot choose its
// own address and the sign-in throttle does not see every user as the proxy.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yoyaku::domain {

// An IPv4 or IPv6 network; IPv4 is kept as IPv4-mapped IPv6 (::ffff:a.b.c.d).
struct Network {
  std::array<std::uint8_t, 16> address{};
  int prefix_length = 128;
};

// "10.0.0.0/8", "192.168.1.5", "::1", "fd00::/8"; nullopt when malformed or
// when the address has bits set beyond the prefix.
std::optional<Network> parse_network(std::string_view cidr);

// An IPv4 or IPv6 address in its canonical text ("::ffff:10.1.2.3" → "10.1.2.3"); nullopt if not one.
std::optional<std::string> canonical_ip(std::string_view text);

bool network_contains(const Network& network, std::string_view ip);

// The client's address: the peer's, or, when the peer is a trusted proxy, the
// right-most address of X-Forwarded-For (all its headers joined by commas)
// that is not itself a trusted proxy. A malformed entry ends the walk: the
// last trusted hop is answered rather than anything the client wrote.
std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           const std::vector<Network>& trusted_proxies);

}  // namespace yoyaku::domain
