#pragma once
// Procedures (手続き) and facilities (施設) as an office's managers create and
// edit them: how each field is normalised and checked. Pure.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace yoyaku::domain {

// The form as typed (numbers as text, 受付開始/受付終了 as "YYYY-MM-DDTHH:MM" or "YYYY-MM-DD HH:MM", JST).
struct ProcedureInput {
  std::string kind;  // job_consultation / unemployment_certification
  std::string title, description;
  std::string contact_name, contact_phone, contact_fax, contact_email;
  std::string reception_start, reception_end;  // end "" = 随時
  std::string booking_opens_days_before, booking_closes_days_before, change_deadline_days_before,
      meeting_link_minutes_before;
};

struct ProcedureValues {
  std::string kind, title, description;
  std::string contact_name, contact_phone, contact_fax, contact_email;
  std::int64_t reception_start_at = 0;
  std::optional<std::int64_t> reception_end_at;
  int booking_opens_days_before = 92, booking_closes_days_before = 2, change_deadline_days_before = 2,
      meeting_link_minutes_before = 15;
};

struct CheckedProcedure {
  ProcedureValues values;
  std::map<std::string, std::string> errors;  // by the input's field names
};

// Rules: a known kind; a title (≤ 100 characters, one line); a description
// of at most 2,000 characters; contact phone/FAX as 10 or 11 digits, an email
// address; 受付開始 required, 受付終了 optional and after it; bookings open
// 1–366 days before, close 0–60 days before (and not before they open), the
// change deadline 0–60 days before and not later than booking closes (a
// booking is never made already past its deadline); the meeting link shown
// 0–120 minutes before the start.
CheckedProcedure check_procedure(const ProcedureInput& input);

// "2026-04-01T08:30" / "2026-04-01 08:30" (JST) → unix seconds; "" → nullopt.
std::optional<std::int64_t> parse_jst_date_time(const std::string& text);
// unix seconds → "2026-04-01T08:30" (JST), for a datetime-local input.
std::string format_jst_date_time(std::int64_t unix_seconds);

struct FacilityInput {
  std::string name, address, phone, opening_hours, map_url;
};
struct CheckedFacility {
  FacilityInput values;  // normalised
  std::map<std::string, std::string> errors;
};
// A name (≤ 100 characters, one line); address, phone, hours and map URL
// (https only) as for an office's contact data (domain::normalize_office_contact).
CheckedFacility check_facility(const FacilityInput& input);

}  // namespace yoyaku::domain
