// Request targets (web::parse_target: path and query) and form bodies
// (web::parse_query_string, application/x-www-form-urlencoded).
#include <algorithm>
#include <map>
#include <string>

#include "domain/text.hpp"
#include "fuzz_check.hpp"
#include "web/http.hpp"

using namespace yoyaku;

namespace {

using Query = std::multimap<std::string, std::string>;

std::string encode_path(std::string_view path) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    auto slash = path.find('/', start);
    out += domain::url_encode(path.substr(start, slash == std::string_view::npos ? slash : slash - start));
    if (slash == std::string_view::npos) break;
    out += '/';
    start = slash + 1;
  }
  return out;
}

std::string encode_query(const Query& query) {
  std::string out;
  for (const auto& [key, value] : query) {
    if (!out.empty()) out += '&';
    out += domain::url_encode(key) + "=" + domain::url_encode(value);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string target(fuzz::as_text(data, size));

  std::string path;
  Query query;
  const auto parsed = web::parse_target(target, path, query);
  if (parsed == web::Decoded::ok) {
    FUZZ_CHECK(!path.empty() && path.front() == '/');
    FUZZ_CHECK(path.find('\0') == std::string::npos);
    FUZZ_CHECK(domain::is_valid_utf8(path));
    for (const auto& [name, value] : query) FUZZ_CHECK(domain::is_valid_utf8(name) && domain::is_valid_utf8(value));
    // The same path and parameters, written again, parse to the same values.
    std::string rebuilt = encode_path(path);
    if (!query.empty()) rebuilt += "?" + encode_query(query);
    std::string path2;
    Query query2;
    FUZZ_CHECK(web::parse_target(rebuilt, path2, query2) == web::Decoded::ok);
    FUZZ_CHECK(path2 == path);
    FUZZ_CHECK(query2 == query);
  } else if (parsed == web::Decoded::malformed) {
    FUZZ_CHECK(target.empty() || target.front() != '/' || target.find('%') != std::string::npos);
  } else {  // bad text: something decoded to a control character, NUL or broken UTF-8
    const bool raw_suspect = target.find('%') != std::string::npos || !domain::is_valid_utf8(target) ||
                             std::any_of(target.begin(), target.end(),
                                         [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
    FUZZ_CHECK(raw_suspect);
  }

  Query form;
  if (web::parse_query_string(target, form) == web::Decoded::ok) {
    Query form2;
    FUZZ_CHECK(web::parse_query_string(encode_query(form), form2) == web::Decoded::ok);
    FUZZ_CHECK(form2 == form);
  }
  return 0;
}
