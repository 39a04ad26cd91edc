#include "domain/client_address.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

#include "domain/text.hpp"

namespace yoyaku::domain {
namespace {

// The 16 bytes of an IPv4 (as IPv4-mapped) or IPv6 address.
std::optional<std::array<std::uint8_t, 16>> parse_ip(std::string_view text) {
  if (text.empty() || text.size() > 45) return std::nullopt;
  const std::string copy(text);
  std::array<std::uint8_t, 16> bytes{};
  in_addr v4{};
  if (inet_pton(AF_INET, copy.c_str(), &v4) == 1) {
    bytes[10] = bytes[11] = 0xff;
    std::memcpy(bytes.data() + 12, &v4, 4);
    return bytes;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, copy.c_str(), &v6) == 1) {
    std::memcpy(bytes.data(), &v6, 16);
    return bytes;
  }
  return std::nullopt;
}

bool is_v4_mapped(const std::array<std::uint8_t, 16>& bytes) {
  for (int i = 0; i < 10; ++i) {
    if (bytes[i]) return false;
  }
  return bytes[10] == 0xff && bytes[11] == 0xff;
}

bool prefix_matches(const std::array<std::uint8_t, 16>& a, const std::array<std::uint8_t, 16>& b, int bits) {
  for (int i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    const std::uint8_t mask = bits >= 8 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - bits));
    if ((a[i] & mask) != (b[i] & mask)) return false;
  }
  return true;
}

bool trusted(const std::array<std::uint8_t, 16>& ip, const std::vector<Network>& proxies) {
  for (const auto& network : proxies) {
    if (prefix_matches(network.address, ip, network.prefix_length)) return true;
  }
  return false;
}

std::string to_text(const std::array<std::uint8_t, 16>& bytes) {
  char buffer[INET6_ADDRSTRLEN] = {};
  if (is_v4_mapped(bytes)) {
    inet_ntop(AF_INET, bytes.data() + 12, buffer, sizeof buffer);
  } else {
    inet_ntop(AF_INET6, bytes.data(), buffer, sizeof buffer);
  }
  return buffer;
}

}  // namespace

std::optional<Network> parse_network(std::string_view cidr) {
  const auto slash = cidr.find('/');
  auto ip = parse_ip(trim(cidr.substr(0, slash)));
  if (!ip) return std::nullopt;
  const bool v4 = cidr.substr(0, slash).find(':') == std::string_view::npos;
  int length = v4 ? 32 : 128;
  if (slash != std::string_view::npos) {
    const auto digits = trim(cidr.substr(slash + 1));
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), length);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() || length < 0 ||
        length > (v4 ? 32 : 128)) {
      return std::nullopt;
    }
  }
  Network network{*ip, v4 ? length + 96 : length};
  // "10.1.2.3/8" is a mistake worth refusing: the operator meant 10.0.0.0/8 or the host.
  std::array<std::uint8_t, 16> zeroed = *ip;
  for (int bit = network.prefix_length; bit < 128; ++bit) zeroed[bit / 8] &= static_cast<std::uint8_t>(~(0x80 >> (bit % 8)));
  if (zeroed != *ip) return std::nullopt;
  return network;
}

std::optional<std::string> canonical_ip(std::string_view text) {
  auto ip = parse_ip(text);
  if (!ip) return std::nullopt;
  return to_text(*ip);
}

bool network_contains(const Network& network, std::string_view ip) {
  auto bytes = parse_ip(ip);
  return bytes && prefix_matches(network.address, *bytes, network.prefix_length);
}

std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           const std::vector<Network>& trusted_proxies) {
  auto hop = parse_ip(peer);
  if (!hop) return std::string(peer);
  std::string_view rest = forwarded_for;
  while (trusted(*hop, trusted_proxies) && !rest.empty()) {
    const auto comma = rest.rfind(',');
    const std::string entry = trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    auto previous = parse_ip(entry);
    if (!previous) break;
    hop = previous;
  }
  return to_text(*hop);
}

}  // namespace yoyaku::domain
