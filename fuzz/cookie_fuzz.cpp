// The Cookie request header (web::Request::cookie).
#include <string>

#include "fuzz_check.hpp"
#include "web/http.hpp"
#include "web/identity.hpp"

using namespace yoyaku;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string header(fuzz::as_text(data, size));
  web::Request request;
  request.headers["cookie"] = header;

  for (const std::string name : {web::session_cookie_name, web::csrf_cookie_name, web::scheme_cookie_name}) {
    if (auto value = request.cookie(name)) {
      FUZZ_CHECK(value->find(';') == std::string::npos);
      FUZZ_CHECK(header.find(name + "=" + *value) != std::string::npos);
    }
  }

  // A cookie put first is found first, whatever follows it.
  auto fields = fuzz::split_fields(header, 3);
  const std::string& name = fields[0];
  const std::string& value = fields[1];
  if (!name.empty() && name.find_first_of(";=") == std::string::npos && name.front() != ' ' &&
      value.find(';') == std::string::npos) {
    request.headers["cookie"] = name + "=" + value + "; " + fields[2];
    auto found = request.cookie(name);
    FUZZ_CHECK(found && *found == value);
  }
  web::Request without;
  FUZZ_CHECK(!without.cookie(name));
  return 0;
}
