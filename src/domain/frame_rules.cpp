#include "domain/frame_rules.hpp"

#include <algorithm>

#include "domain/booking_window.hpp"
#include "domain/text.hpp"

namespace yoyaku::domain {
namespace {

constexpr std::size_t longest_name = 50;

// "HH:MM" (full-width digits and "：" allowed), or nullopt.
std::optional<int> clock_minute(const std::string& typed) {
  std::string text = trim(normalize_digits_and_hyphens(typed));
  for (auto at = text.find("："); at != std::string::npos; at = text.find("：")) text.replace(at, 3, ":");
  if (text.size() == 4 && text[1] == ':') text = "0" + text;  // 9:30
  return parse_hh_mm(text);
}

}  // namespace

CheckedFrame check_frame(const FrameInput& input) {
  CheckedFrame checked;
  auto& errors = checked.errors;
  auto& shape = checked.shape;

  shape.name = trim(input.name);
  if (shape.name.empty()) {
    errors["name"] = "予約枠名を入力してください。";
  } else if (!is_plain_text(shape.name, false) || count_code_points(shape.name) > longest_name) {
    errors["name"] = "予約枠名は改行を含めず50文字以内で入力してください。";
  }

  shape.weekdays = input.weekdays & 0x7F;
  if (shape.weekdays == 0) errors["weekdays"] = "受け付ける曜日を1つ以上選択してください。";

  auto on_the_clock = [&](const std::string& field, const std::string& typed, const char* what, int& out) {
    auto minute = clock_minute(typed);
    if (!minute) {
      errors[field] = std::string(what) + "を 10:00 のように時:分で入力してください。";
    } else if (*minute % 5 != 0) {
      errors[field] = std::string(what) + "は5分単位で入力してください。";
    } else if (*minute < earliest_frame_minute || *minute > latest_frame_minute) {
      errors[field] = std::string(what) + "は 06:00 から 22:00 までの時刻を入力してください。";
    } else {
      out = *minute;
      return true;
    }
    return false;
  };
  bool first_ok = on_the_clock("first_start", input.first_start, "最初の開始時刻", shape.first_start_minute);
  bool last_ok = on_the_clock("last_start", input.last_start, "最後の開始時刻", shape.last_start_minute);
  if (first_ok && last_ok && shape.first_start_minute > shape.last_start_minute) {
    errors["last_start"] = "最後の開始時刻は最初の開始時刻以降にしてください。";
    last_ok = false;
  }

  auto number = [&](const std::string& field, const std::string& typed, int low, int high, int step,
                    const std::string& message, int& out) {
    const int value = typed_whole_number(typed);
    if (value < low || value > high || value % step != 0) {
      errors[field] = message;
      return false;
    }
    out = value;
    return true;
  };
  number("interval_minutes", input.interval_minutes, 5, 240, 5, "開始の間隔は5分から240分まで、5分単位で入力してください。",
         shape.interval_minutes);
  bool slot_ok = number("slot_minutes", input.slot_minutes, shortest_slot, longest_slot, 5,
                        "1回の時間は10分から120分まで、5分単位で入力してください。", shape.slot_minutes);
  number("seats", input.seats, fewest_seats, most_seats, 1, "1枠の定員は1から50までの数字で入力してください。",
         shape.seats);
  if (last_ok && slot_ok && shape.last_start_minute + shape.slot_minutes > latest_frame_minute) {
    errors["last_start"] = "最後の回が 22:00 までに終わるようにしてください。";
  }
  return checked;
}

bool frame_offers(const FrameShape& frame, Date date, int start_minute) {
  if (!frame_runs_on(frame.weekdays, date)) return false;
  auto starts = slot_start_minutes(frame.first_start_minute, frame.last_start_minute, frame.interval_minutes);
  return std::find(starts.begin(), starts.end(), start_minute) != starts.end();
}

}  // namespace yoyaku::domain
