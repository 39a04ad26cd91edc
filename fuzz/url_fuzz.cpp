// Percent-decoding (web::url_decode), percent-encoding (domain::url_encode)
// and HTML escaping (web::html_escape).
#include <string>

#include "domain/text.hpp"
#include "fuzz_check.hpp"
#include "web/http.hpp"

using namespace yoyaku;

namespace {

bool is_unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

// The inverse of html_escape, for the five entities it writes.
std::string html_unescape(std::string_view text) {
  static const std::pair<std::string_view, char> entities[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    bool matched = false;
    if (text[i] == '&') {
      for (const auto& [entity, c] : entities) {
        if (text.substr(i, entity.size()) == entity) {
          out += c;
          i += entity.size();
          matched = true;
          break;
        }
      }
      FUZZ_CHECK(matched);  // every '&' html_escape writes starts an entity
    } else {
      out += text[i++];
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);

  for (bool plus_is_space : {false, true}) {
    auto decoded = web::url_decode(text, plus_is_space);
    if (!decoded) {
      FUZZ_CHECK(text.find('%') != std::string_view::npos);  // only a bad escape is refused
      continue;
    }
    FUZZ_CHECK(decoded->size() <= text.size());
    if (text.find('%') == std::string_view::npos && (!plus_is_space || text.find('+') == std::string_view::npos)) {
      FUZZ_CHECK(*decoded == text);
    }
    // Encoding what was decoded and decoding again gives the same bytes.
    auto again = web::url_decode(domain::url_encode(*decoded), plus_is_space);
    FUZZ_CHECK(again && *again == *decoded);
  }

  const std::string encoded = domain::url_encode(text);
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    if (encoded[i] == '%') {
      FUZZ_CHECK(i + 2 < encoded.size() && std::isxdigit(static_cast<unsigned char>(encoded[i + 1])) &&
                 std::isxdigit(static_cast<unsigned char>(encoded[i + 2])));
    } else {
      FUZZ_CHECK(is_unreserved(encoded[i]));
    }
  }

  const std::string escaped = web::html_escape(text);
  FUZZ_CHECK(escaped.find_first_of("<>\"'") == std::string::npos);
  FUZZ_CHECK(html_unescape(escaped) == text);
  return 0;
}
