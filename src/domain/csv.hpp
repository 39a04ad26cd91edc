#pragma once
// RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF line ends. Writing
// is for spreadsheets (Excel): UTF-8 with a byte-order mark, CRLF, and a
// guard against formula injection.
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
// `first_lines`, when given, receives the line of the file each record starts
// on (1-based), so that a message can name the line the user sees.
std::vector<std::vector<std::string>> parse_csv(std::string_view text, std::vector<std::size_t>* first_lines = nullptr);

inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

// One field. A value starting with = + - @ TAB or CR gets a leading
// apostrophe, so that a spreadsheet shows it as text instead of running it as
// a formula (CSV injection); then it is quoted when it holds a comma, a double
// quote, CR or LF, with its double quotes doubled (RFC 4180).
std::string csv_field(std::string_view value);
// The fields joined by commas, ending with CRLF.
std::string csv_record(const std::vector<std::string>& fields);
// A whole file: the byte-order mark (Excel reads UTF-8 only with it), then the records.
std::string csv_document(const std::vector<std::vector<std::string>>& records);

}  // namespace yoyaku::domain
