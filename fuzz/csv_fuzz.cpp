// CSV (domain/csv): parsing the office list and writing exports.
#include <string>

#include "domain/csv.hpp"
#include "fuzz_check.hpp"

using namespace yoyaku;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  std::vector<std::vector<std::string>> records;
  try {
    records = domain::parse_csv(text);
  } catch (const domain::CsvError&) {
    FUZZ_CHECK(text.find('"') != std::string_view::npos);  // only an unterminated quote is refused
    return 0;
  }
  for (const auto& record : records) FUZZ_CHECK(!record.empty());

  // Writing the records and reading them back gives the same records, except
  // that a value a spreadsheet would run as a formula gets a leading apostrophe.
  auto expected = records;
  for (auto& record : expected) {
    for (auto& field : record) {
      if (!field.empty() && std::string_view("=+-@\t\r").find(field.front()) != std::string_view::npos) {
        field.insert(0, "'");
      }
    }
  }
  const std::string document = domain::csv_document(records);
  FUZZ_CHECK(document.rfind(domain::utf8_bom, 0) == 0);
  std::vector<std::vector<std::string>> again;
  try {
    again = domain::parse_csv(document);
  } catch (const domain::CsvError&) {
    FUZZ_CHECK(false);
  }
  FUZZ_CHECK(again == expected);

  // No written field starts with a formula character outside quotes.
  for (const auto& record : records) {
    for (const auto& field : record) {
      std::string written = domain::csv_field(field);
      if (!written.empty()) {
        char first = written[0] == '"' && written.size() > 1 ? written[1] : written[0];
        FUZZ_CHECK(std::string_view("=+-@\t\r").find(first) == std::string_view::npos);
      }
    }
  }
  return 0;
}
