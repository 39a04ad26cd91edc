#pragma once
// Matching a request against the route table (web/routes.cpp).
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "web/context.hpp"

namespace yoyaku::web {

// Who may call a route. The guard in App::handle enforces it before the
// handler runs; office scope is then checked in the service's query.
enum class Access {
  open,           // no identity at all (health, metrics, static files)
  anyone,         // visitors and signed-in people
  signed_in,      // any signed-in job seeker or staff member
  job_seeker,     // a signed-in job seeker
  staff,          // a signed-in staff member
  office_staff,   // staff of the office in the path ({office}); others get 404
  administrator,  // an administrator
};

// "open", "anyone", "signed_in", "job_seeker", "staff", "office_staff", "administrator"
std::string_view access_name(Access access);

using Handler = Response (*)(RequestContext& ctx);

struct Route {
  std::string_view method;   // GET (answers HEAD too), POST, PATCH, DELETE
  std::string_view pattern;  // "/reservations/{number}/withdraw"; "{path*}" takes the rest
  Access access;
  Handler handler;
  bool demo_only = false;  // only with --demo-mailbox
};

class Router {
 public:
  Router(const std::vector<Route>& routes, bool demo_mailbox);

  struct Match {
    const Route* route = nullptr;  // null: no route for this method (see allow) or path
    std::string pattern;           // the matched pattern, "" when the path is unknown
    std::string allow;             // the methods the path answers, for 405
    std::map<std::string, std::string> params;
  };
  Match match(const std::string& method, const std::string& path) const;

 private:
  struct Compiled {
    const Route* route;
    std::vector<std::string> segments;
  };
  std::vector<Compiled> routes_;
};

// "/a/b" -> {"a", "b"}; "/" -> {}
std::vector<std::string> split_path(std::string_view path);

}  // namespace yoyaku::web
