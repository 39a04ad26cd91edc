#pragma once
// The HTTP listener (RESTinio). The only place that includes RESTinio/asio.
#include <string>

#include "web/app.hpp"

namespace yoyaku::web {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  unsigned threads = 2;
  // Requests that may write (anything but GET and HEAD) run on threads of
  // their own, so that waiting on the database for a write never holds up
  // the event loop, and so that many writes can wait at once: SQLite then
  // commits them together.
  unsigned write_threads = 16;
};

// Serves `app` until SIGINT or SIGTERM, then stops accepting, lets in-flight
// requests finish, and returns 0. Returns non-zero if it cannot listen.
int run_http_server(const ServerOptions& options, App& app);

}  // namespace yoyaku::web
