#pragma once
// The web application: turns a Request into a Response. It finds the route
// (web/routes.cpp), works out who is asking, enforces the route's access,
// checks a page form's CSRF token, calls the route's one handler, and turns
// any refusal into an error page or JSON error (web/errors.cpp). Never throws.
#include <memory>

#include "db/database.hpp"
#include "web/http.hpp"
#include "web/metrics.hpp"
#include "web/site.hpp"

namespace yoyaku::web {

class Router;
class RequestContext;

class App {
 public:
  App(AppConfig config, db::Pool& pool);
  ~App();

  Response handle(const Request& request);
  Metrics& metrics();
  // While draining (shutting down), new requests are refused with 503.
  void start_draining();

 private:
  Response dispatch(RequestContext& ctx, Request& request);
  void refuse_unsafe_headers(RequestContext& ctx, const Request& request, Response& response);
  std::unique_ptr<Site> site_;
  std::unique_ptr<Router> router_;
};

}  // namespace yoyaku::web
