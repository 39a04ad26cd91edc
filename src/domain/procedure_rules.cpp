#include "domain/procedure_rules.hpp"

#include "domain/dates.hpp"
#include "domain/office_contact.hpp"
#include "domain/text.hpp"
#include "domain/validation.hpp"

namespace yoyaku::domain {
namespace {

// "0120 860901" (as the manual prints the help desk) -> "0120-860901": spaces
// between digits (ASCII or U+3000) read as the hyphens of a phone number.
std::string spaces_as_hyphens(const std::string& typed) {
  std::string text = trim(typed);
  for (auto at = text.find("\u3000"); at != std::string::npos; at = text.find("\u3000")) text.replace(at, 3, " ");
  std::string out;
  for (char ch : text) {
    if (ch == ' ') {
      if (!out.empty() && out.back() != '-') out += '-';
    } else {
      out += ch;
    }
  }
  return out;
}

}  // namespace

std::optional<std::int64_t> parse_jst_date_time(const std::string& typed) {
  std::string text = trim(normalize_digits_and_hyphens(typed));
  if (text.size() != 16 || (text[10] != 'T' && text[10] != ' ')) return std::nullopt;
  auto date = parse_iso_date(text.substr(0, 10));
  auto minute = parse_hh_mm(text.substr(11));
  if (!date || !minute) return std::nullopt;
  return from_jst(*date, *minute / 60, *minute % 60);
}

std::string format_jst_date_time(std::int64_t unix_seconds) {
  auto local = to_jst(unix_seconds);
  return to_iso(local.date) + "T" + format_hh_mm(local.hour * 60 + local.minute);
}

CheckedProcedure check_procedure(const ProcedureInput& input) {
  CheckedProcedure checked;
  auto& v = checked.values;
  auto& errors = checked.errors;
  v.kind = trim(input.kind);
  if (v.kind != "job_consultation" && v.kind != "unemployment_certification") {
    errors["kind"] = "手続きの種類を選択してください。";
  }
  v.title = trim(input.title);
  if (v.title.empty()) {
    errors["title"] = "手続き名を入力してください。";
  } else if (!is_plain_text(v.title, false) || count_code_points(v.title) > 100) {
    errors["title"] = "手続き名は改行を含めず100文字以内で入力してください。";
  }
  v.description = trim(input.description);
  if (!is_plain_text(v.description, true) || count_code_points(v.description) > 2000) {
    errors["description"] = "説明は2000文字以内で入力してください。";
  }
  v.contact_name = trim(input.contact_name);
  if (!is_plain_text(v.contact_name, false) || count_code_points(v.contact_name) > 100) {
    errors["contact_name"] = "問い合わせ先の名称は改行を含めず100文字以内で入力してください。";
  }
  OfficeContact phones;
  phones.phone = spaces_as_hyphens(input.contact_phone);
  phones.fax = spaces_as_hyphens(input.contact_fax);
  auto phone_errors = normalize_office_contact(phones);
  if (phone_errors.count("phone")) errors["contact_phone"] = phone_errors["phone"];
  if (phone_errors.count("fax")) errors["contact_fax"] = phone_errors["fax"];
  v.contact_phone = phones.phone;
  v.contact_fax = phones.fax;
  v.contact_email = trim(input.contact_email);
  if (!v.contact_email.empty()) {
    if (auto email = normalize_email(v.contact_email)) {
      v.contact_email = *email;
    } else {
      errors["contact_email"] = "メールアドレスを正しく入力してください。例) info@example.jp";
    }
  }
  auto start = parse_jst_date_time(input.reception_start);
  if (!start) {
    errors["reception_start"] = "受付開始を 2026-04-01 08:30 のように日付と時刻で入力してください。";
  } else {
    v.reception_start_at = *start;
  }
  if (!trim(input.reception_end).empty()) {
    auto end = parse_jst_date_time(input.reception_end);
    if (!end) {
      errors["reception_end"] = "受付終了を 2027-03-31 17:00 のように日付と時刻で入力してください（随時なら空欄）。";
    } else if (start && *end <= *start) {
      errors["reception_end"] = "受付終了は受付開始より後の日時を入力してください。";
    } else {
      v.reception_end_at = *end;
    }
  }
  auto number = [&](const char* field, const std::string& typed, int low, int high, const std::string& message,
                    int& out) {
    const int value = typed_whole_number(typed);
    if (value < low || value > high) {
      errors[field] = message;
      return false;
    }
    out = value;
    return true;
  };
  bool opens = number("booking_opens_days_before", input.booking_opens_days_before, 1, 366,
                      "予約の受付開始は1日前から366日前までの日数で入力してください。", v.booking_opens_days_before);
  bool closes = number("booking_closes_days_before", input.booking_closes_days_before, 0, 60,
                       "予約の締切は0日前（当日）から60日前までの日数で入力してください。", v.booking_closes_days_before);
  bool deadline = number("change_deadline_days_before", input.change_deadline_days_before, 0, 60,
                         "変更・取下げの期限は0日前（当日）から60日前までの日数で入力してください。",
                         v.change_deadline_days_before);
  number("meeting_link_minutes_before", input.meeting_link_minutes_before, 0, 120,
         "参加リンクの表示は0分前から120分前までの分数で入力してください。", v.meeting_link_minutes_before);
  if (opens && closes && v.booking_closes_days_before >= v.booking_opens_days_before) {
    errors["booking_closes_days_before"] = "予約の締切は受付開始より後（日数を小さく）にしてください。";
  } else if (closes && deadline && v.change_deadline_days_before > v.booking_closes_days_before) {
    errors["change_deadline_days_before"] = "変更・取下げの期限は予約の締切と同じか、それより後（日数を小さく）にしてください。";
  }
  return checked;
}

CheckedFacility check_facility(const FacilityInput& input) {
  CheckedFacility checked;
  checked.values.name = trim(input.name);
  if (checked.values.name.empty()) {
    checked.errors["name"] = "施設名を入力してください。";
  } else if (!is_plain_text(checked.values.name, false) || count_code_points(checked.values.name) > 100) {
    checked.errors["name"] = "施設名は改行を含めず100文字以内で入力してください。";
  }
  OfficeContact contact;
  contact.address = input.address;
  contact.phone = spaces_as_hyphens(input.phone);
  contact.opening_hours = input.opening_hours;
  contact.map_url = input.map_url;
  auto errors = normalize_office_contact(contact);
  for (const char* field : {"address", "phone", "opening_hours", "map_url"}) {
    if (errors.count(field)) checked.errors[field] = errors[field];
  }
  if (checked.errors.count("opening_hours")) checked.errors["opening_hours"] = "受付時間は300文字以内で入力してください。";
  checked.values.address = contact.address;
  checked.values.phone = contact.phone;
  checked.values.opening_hours = contact.opening_hours;
  checked.values.map_url = contact.map_url;
  return checked;
}

}  // namespace yoyaku::domain
