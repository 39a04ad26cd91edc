#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace yoyaku::services {

struct OfficeImportResult {
  int rows = 0, inserted = 0, updated = 0, unchanged = 0, procedures_renamed = 0;
  int contacts_updated = 0;           // offices whose contact data changed
  std::vector<std::string> changes;   // "13040 ハローワーク品川: 電話番号 03-… → 03-…", one per changed field
};

// Imports the office list (columns of data/hellowork-offices.csv) in one
// transaction. Offices are matched by prefecture and name, so importing the
// same file again changes nothing. A row's office_code, when present, is the
// official number and replaces a demo number (and the procedure titles that
// show it); offices without one get a stable demo number.
//
// Optional contact columns (postal_code, address, phone, consultation_phone,
// fax, hours, map_url) update an office's contact data; an empty cell leaves
// the value as it is. A file with office_code and contact columns only (the
// official list) updates the offices it names, matched by number.
// Throws ValidationError naming the line of the first bad row; nothing is written then.
OfficeImportResult import_offices_csv(db::Connection& connection, std::string_view csv_text, std::int64_t now);

}  // namespace yoyaku::services
