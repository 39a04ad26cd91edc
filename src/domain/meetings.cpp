#include "domain/meetings.hpp"

#include <algorithm>

#include "domain/text.hpp"

namespace yoyaku::domain {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_passcode_char(char c) {
  return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '@' || c == '-' || c == '_' ||
         c == '*';
}

bool valid_https_url(std::string_view url) {
  if (url.size() > 500 || url.rfind("https://", 0) != 0 || url.size() <= 8) return false;
  return std::none_of(url.begin(), url.end(), [](unsigned char c) {
    return c <= 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '`';
  });
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

}  // namespace

MeetingCheck check_meeting_fields(const MeetingFields& input) {
  MeetingCheck result;
  std::string id;
  for (char c : normalize_digits_and_hyphens(trim(input.meeting_id))) {
    if (c == ' ' || c == '-') continue;
    id += c;
  }
  if (id.size() < 9 || id.size() > 11 || !std::all_of(id.begin(), id.end(), is_digit)) {
    result.errors["meeting_id"] = "ミーティングIDは9桁から11桁の数字で入力してください。";
  } else {
    result.clean.meeting_id = id;
  }
  const std::string passcode = trim(input.passcode);
  if (passcode.empty() || passcode.size() > 10 || !std::all_of(passcode.begin(), passcode.end(), is_passcode_char)) {
    result.errors["passcode"] = "パスコードは10文字以内の半角英数字（記号は @ - _ * のみ）で入力してください。";
  } else {
    result.clean.passcode = passcode;
  }
  const std::string url = trim(input.join_url);
  if (!url.empty() && !valid_https_url(url)) {
    result.errors["join_url"] = "参加URLは https:// で始まるURLを入力してください。";
  } else {
    result.clean.join_url = url;
  }
  return result;
}

std::string meeting_url_from_template(std::string_view url_template, std::string_view meeting_id,
                                      std::string_view passcode) {
  std::string text(url_template.empty() ? default_meeting_url_template : url_template);
  text = replace_all(std::move(text), "{meeting_id}", meeting_id);
  return replace_all(std::move(text), "{passcode}", url_encode(passcode));
}

bool valid_meeting_url_template(std::string_view url_template) {
  return url_template.find("{meeting_id}") != std::string_view::npos &&
         valid_https_url(meeting_url_from_template(url_template, "12345678901", "abc"));
}

std::string zoom_display_name(std::string_view job_seeker_number, std::string_view family_name,
                              std::string_view given_name) {
  return std::string(job_seeker_number) + " " + std::string(family_name) + " " + std::string(given_name);
}

}  // namespace yoyaku::domain
