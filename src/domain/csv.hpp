#pragma once
// RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF line ends.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace yoyaku::domain {

struct CsvError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Parses the whole text into records; throws CsvError on an unterminated quote.
// A UTF-8 byte-order mark at the start is skipped; blank lines are skipped.
std::vector<std::vector<std::string>> parse_csv(std::string_view text);

}  // namespace yoyaku::domain
