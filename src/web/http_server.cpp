#include "web/http_server.hpp"

#include <asio/thread_pool.hpp>
#include <restinio/all.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <thread>

namespace yoyaku::web {
namespace {

using traits_t = restinio::default_traits_t;
using server_t = restinio::http_server_t<traits_t>;

// RESTinio's limits are the hard ones: past them it closes the connection
// without an answer (it has no hook to answer first). They are set well above
// App's own limits (1 MiB bodies, 8 KiB header values, 100 fields, 8 KiB
// targets), so that anything in between gets a proper 413, 431 or 414 from App.
constexpr std::size_t hard_max_body_bytes = 16 * 1024 * 1024;
constexpr auto drain_timeout = std::chrono::seconds(20);

Request to_request(const restinio::request_handle_t& req) {
  Request request;
  request.method = std::string(req->header().method().c_str());
  request.target = std::string(req->header().request_target());
  auto question = request.target.find('?');
  request.path = request.target.substr(0, question);
  req->header().for_each_field([&](const restinio::http_header_field_t& field) {
    ++request.header_fields;
    request.header_bytes += field.name().size() + field.value().size();
    request.longest_header_value = std::max(request.longest_header_value, field.value().size());
    std::string name = field.name();
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    auto [it, inserted] = request.headers.emplace(name, field.value());
    if (!inserted) it->second += (name == "cookie" ? "; " : ", ") + field.value();
  });
  request.body = req->body();
  request.remote_ip = req->remote_endpoint().address().to_string();
  return request;
}

}  // namespace

int run_http_server(const ServerOptions& options, App& app) {
  asio::io_context io_context;
  std::atomic<int> in_flight{0};
  std::mutex drained_mutex;
  std::condition_variable drained;

  auto respond = [&](const restinio::request_handle_t& req) {
    const auto started = std::chrono::steady_clock::now();
    Request request = to_request(req);
    Response response = app.handle(request);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    auto builder = req->create_response(
        restinio::http_status_line_t{restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)},
                                     std::string(reason_phrase(response.status))});
    for (const auto& [name, value] : response.headers) {
      if (!is_safe_header(name, value)) {
        // App::handle already replaces such a response; this is the wire's own guard.
        spdlog::error("dropped an unsafe response header on {} {}", request.method, request.path);
        continue;
      }
      if (name == "Connection" && value == "close") {
        builder.connection_close();
      } else {
        builder.append_header(name, value);
      }
    }
    // Count and log before sending, so a client that saw the answer also sees it in /metrics.
    app.metrics().observe(response.route, request.method, response.status, seconds);
    spdlog::info("{} {} {} {:.1f}ms {}", request.method, request.path, response.status, seconds * 1000.0,
                 request.remote_ip);
    builder.set_body(std::move(response.body));
    builder.done();
    if (--in_flight == 0) {
      std::lock_guard lock(drained_mutex);
      drained.notify_all();
    }
  };
  asio::thread_pool write_pool(std::max(1u, options.write_threads));
  auto handler = [&](restinio::request_handle_t req) -> restinio::request_handling_status_t {
    ++in_flight;
    const auto method = req->header().method();
    if (method == restinio::http_method_get() || method == restinio::http_method_head()) {
      respond(req);
    } else {
      // RESTinio sends a response completed on another thread through the connection's own executor.
      asio::post(write_pool, [&respond, req = std::move(req)] { respond(req); });
    }
    return restinio::request_accepted();
  };

  auto settings = restinio::server_settings_t<traits_t>{}
                      .port(options.port)
                      .address(options.host)
                      .request_handler(handler)
                      .read_next_http_message_timelimit(std::chrono::seconds(60))
                      .write_http_response_timelimit(std::chrono::seconds(30))
                      .handle_request_timeout(std::chrono::seconds(30))
                      .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                                    .max_url_size(256 * 1024)
                                                    .max_field_name_size(16 * 1024)
                                                    .max_field_value_size(64 * 1024)
                                                    .max_field_count(1000)
                                                    .max_body_size(hard_max_body_bytes));
  server_t server{restinio::external_io_context(io_context), std::move(settings)};

  std::atomic<bool> failed{false};
  std::thread drainer;
  asio::signal_set signals{io_context, SIGINT, SIGTERM};
  signals.async_wait([&](const asio::error_code& ec, int signal_number) {
    if (ec) return;
    spdlog::info("received signal {}, finishing in-flight requests", signal_number);
    app.start_draining();
    // Wait off the I/O threads so that running requests can complete.
    drainer = std::thread([&] {
      {
        std::unique_lock lock(drained_mutex);
        drained.wait_for(lock, drain_timeout, [&] { return in_flight.load() == 0; });
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));  // let the last responses flush
      server.close_async([&] { io_context.stop(); },
                         [&](std::exception_ptr) { io_context.stop(); });
    });
  });

  server.open_async(
      [&] { spdlog::info("listening on http://{}:{}", options.host, options.port); },
      [&](std::exception_ptr error) {
        try {
          std::rethrow_exception(error);
        } catch (const std::exception& e) {
          spdlog::critical("cannot listen on {}:{}: {}", options.host, options.port, e.what());
        }
        failed = true;
        io_context.stop();
      });

  std::vector<std::thread> pool;
  const unsigned threads = std::max(1u, options.threads);
  for (unsigned i = 0; i < threads; ++i) pool.emplace_back([&] { io_context.run(); });
  for (auto& thread : pool) thread.join();
  write_pool.join();
  if (drainer.joinable()) drainer.join();
  if (!failed) spdlog::info("server stopped");
  return failed ? 1 : 0;
}

}  // namespace yoyaku::web
