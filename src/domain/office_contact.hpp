#pragma once
// An office's contact data (所在地, 電話番号, the 職業相談 line, FAX, 開庁時間,
// 地図) as staff and the import enter it: how each field is normalised and
// checked, and which number a person is told to call.
#include <map>
#include <string>

namespace yoyaku::domain {

struct OfficeContact {
  std::string postal_code;         // "141-8609"
  std::string address;             // 所在地
  std::string phone;               // 代表
  std::string consultation_phone;  // 職業相談の窓口 when it differs from 代表; "" otherwise
  std::string fax;
  std::string opening_hours;       // free text, may span lines
  std::string map_url;             // https:// only
};

// Normalises `contact` in place (full-width digits, spaces, 〒, postal code
// as NNN-NNNN) and returns a Japanese message per bad field, keyed by the
// field's name above; empty when all is well. Every field may be empty.
std::map<std::string, std::string> normalize_office_contact(OfficeContact& contact);

// The number a job seeker is told to call about an interview: the 職業相談
// line when the office has one, else its main number ("" when neither).
const std::string& call_number(const OfficeContact& contact);

}  // namespace yoyaku::domain
