#include "domain/booking_ids.hpp"

#include <charconv>
#include <cstdio>

namespace yoyaku::domain {
namespace {

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// "20240822" -> the date, strictly.
std::optional<Date> parse_compact_date(std::string_view text) {
  if (text.size() != 8 || !all_digits(text)) return std::nullopt;
  std::string iso = std::string(text.substr(0, 4)) + "-" + std::string(text.substr(4, 2)) + "-" +
                    std::string(text.substr(6, 2));
  return parse_iso_date(iso);
}

}  // namespace

std::string slot_id(const SlotKey& key) {
  std::string id = std::to_string(key.frame_id);
  id += '-';
  id += to_compact(key.date);
  id += '-';
  append_padded(id, key.start_minute / 60, 2);
  append_padded(id, key.start_minute % 60, 2);
  return id;
}

std::optional<SlotKey> parse_slot_id(std::string_view text) {
  auto first = text.find('-');
  if (first == std::string_view::npos || first == 0 || first > 18) return std::nullopt;
  std::string_view frame = text.substr(0, first);
  std::string_view rest = text.substr(first + 1);
  if (rest.size() != 13 || rest[8] != '-') return std::nullopt;
  SlotKey key;
  // No leading zero: one slot has exactly one id (the hold and the audit log key on it).
  if (!all_digits(frame) || frame.front() == '0') return std::nullopt;
  auto [end, error] = std::from_chars(frame.data(), frame.data() + frame.size(), key.frame_id);
  if (error != std::errc() || end != frame.data() + frame.size() || key.frame_id <= 0) return std::nullopt;
  auto date = parse_compact_date(rest.substr(0, 8));
  std::string_view hhmm = rest.substr(9);
  if (!date || !all_digits(hhmm)) return std::nullopt;
  auto minute = parse_hh_mm(std::string(hhmm.substr(0, 2)) + ":" + std::string(hhmm.substr(2, 2)));
  if (!minute) return std::nullopt;
  key.date = *date;
  key.start_minute = *minute;
  return key;
}

std::string reservation_number(Date applied_on, std::int64_t sequence) {
  char digits[24];
  std::snprintf(digits, sizeof digits, "%06lld", static_cast<long long>(sequence));
  return to_compact(applied_on) + "-" + digits;
}

bool is_reservation_number(std::string_view text) {
  return text.size() == 15 && text[8] == '-' && parse_compact_date(text.substr(0, 8)).has_value() &&
         all_digits(text.substr(9));
}

}  // namespace yoyaku::domain
