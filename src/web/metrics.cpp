#include "web/metrics.hpp"

#include <fmt/format.h>

namespace yoyaku::web {

void Metrics::observe(const std::string& route, const std::string& method, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, method, status}];
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
    out += fmt::format("yoyaku_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n", route, method,
                       status, count);
  }
  out += "# HELP yoyaku_http_request_duration_seconds Time to answer HTTP requests, by route pattern.\n";
  out += "# TYPE yoyaku_http_request_duration_seconds histogram\n";
  for (const auto& [route, histogram] : latency_by_route_) {
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
