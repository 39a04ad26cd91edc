#pragma once
// A small HTTP client over libcurl for integration tests.
#include <map>
#include <string>

namespace yoyaku::testing {

struct HttpResponse {
  long status = 0;
  std::multimap<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string header(const std::string& lower_name) const;
};

HttpResponse http_request(const std::string& method, const std::string& url,
                          const std::map<std::string, std::string>& headers = {}, const std::string& body = "");
inline HttpResponse http_get(const std::string& url, const std::map<std::string, std::string>& headers = {}) {
  return http_request("GET", url, headers);
}

// Sends raw bytes on a new TCP connection and returns what came back (for malformed requests).
std::string raw_exchange(int port, const std::string& bytes);

}  // namespace yoyaku::testing
