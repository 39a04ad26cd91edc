#pragma once
// Prometheus metrics: requests by route, method and status, and a latency histogram.
#include <array>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace yoyaku::web {

class Metrics {
 public:
  void observe(const std::string& route, const std::string& method, int status, double seconds);
  // The Prometheus text exposition format (version 0.0.4).
  std::string render() const;

 private:
  static constexpr std::array<double, 11> bucket_bounds = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                          0.1,   0.25,   0.5,   1.0,  2.5};
  struct Histogram {
    std::array<std::uint64_t, bucket_bounds.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_by_route_;
};

}  // namespace yoyaku::web
