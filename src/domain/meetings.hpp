#pragma once
// The Zoom meeting of a booking (leaflet ②④⑤): ミーティングID, パスコード and
// the join URL that staff enter or generate, and the name the person enters
// in Zoom (求職番号＋氏名). No call to Zoom: the office's template makes the URL.
#include <map>
#include <string>
#include <string_view>

namespace yoyaku::domain {

struct MeetingFields {
  std::string meeting_id;  // 9–11 digits; spaces and hyphens as Zoom prints them are dropped
  std::string passcode;    // 1–10 of A–Z a–z 0–9 @ - _ * (Zoom's rule)
  std::string join_url;    // https://…, optional: made from the template when empty
};

struct MeetingCheck {
  MeetingFields clean;
  std::map<std::string, std::string> errors;  // by field: meeting_id, passcode, join_url
};
MeetingCheck check_meeting_fields(const MeetingFields& input);

inline constexpr std::string_view default_meeting_url_template = "https://zoom.us/j/{meeting_id}";
// The office's template with {meeting_id} and {passcode} put in ("" = the default).
std::string meeting_url_from_template(std::string_view url_template, std::string_view meeting_id,
                                      std::string_view passcode);
// A template is usable when it is an https:// address that names {meeting_id}.
bool valid_meeting_url_template(std::string_view url_template);

// The name to enter in Zoom: 求職番号＋氏名, e.g. "12345-12345678 雇用 太郎".
std::string zoom_display_name(std::string_view job_seeker_number, std::string_view family_name,
                              std::string_view given_name);

}  // namespace yoyaku::domain
