#include "web/metrics.hpp"

#include <fmt/format.h>

namespace yoyaku::web {
namespace {

// A label value as the exposition format wants it: backslash, double quote and line feed escaped.
std::string label(const std::string& value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

// Methods are few; anything else is one series, so that a client cannot add series at will.
const std::string& known_method(const std::string& method) {
  static const std::string methods[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
  static const std::string other = "other";
  for (const auto& known : methods) {
    if (method == known) return known;
  }
  return other;
}

}  // namespace

// `route` is a pattern of the route table or one of App's fixed labels, never a path.
void Metrics::observe(const std::string& route, const std::string& method, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, known_method(method), status}];
  auto& histogram = latency_by_route_[route];
  for (std::size_t i = 0; i < bucket_bounds.size(); ++i) {
    if (seconds <= bucket_bounds[i]) ++histogram.buckets[i];
  }
  ++histogram.count;
  histogram.sum += seconds;
}

std::string Metrics::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out += "# HELP yoyaku_http_requests_total HTTP requests answered, by route pattern, method and status.\n";
  out += "# TYPE yoyaku_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto& [route, method, status] = key;
    out += fmt::format("yoyaku_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n", label(route),
                       label(method), status, count);
  }
  out += "# HELP yoyaku_http_request_duration_seconds Time to answer HTTP requests, by route pattern.\n";
  out += "# TYPE yoyaku_http_request_duration_seconds histogram\n";
  for (const auto& [route_name, histogram] : latency_by_route_) {
    const std::string route = label(route_name);
    for (std::size_t i = 0; i < bucket_bounds.size(); ++i) {
      out += fmt::format("yoyaku_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", route,
                         bucket_bounds[i], histogram.buckets[i]);
    }
    out += fmt::format("yoyaku_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", route,
                       histogram.count);
    out += fmt::format("yoyaku_http_request_duration_seconds_sum{{route=\"{}\"}} {:.6f}\n", route, histogram.sum);
    out += fmt::format("yoyaku_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", route, histogram.count);
  }
  return out;
}

}  // namespace yoyaku::web
